"""The server SIGKILLed during uploads and restarted: register and store agree."""

from __future__ import annotations

import hashlib
import signal
import threading
import time
from pathlib import Path

import httpx2
import pytest

from tests.gate.packages import compliant_item, non_compliant_item
from tests.gate.server import add_token, start_server
from validator.gate.register import Register
from validator.gate.store import ContentStore
from validator.model import Report

pytestmark = pytest.mark.slow


PACKAGES = (compliant_item(), non_compliant_item())


def _uploader(url: str, token: str, stop: threading.Event, accepted: list[dict],
              errors: list[str], n: int) -> None:
    packages = PACKAGES
    i = 0
    with httpx2.Client(timeout=60) as client:
        while not stop.is_set():
            files = packages[i % 2]
            i += 1
            try:
                resp = client.post(f"{url}/api/v1/submissions",
                                   headers={"Authorization": f"Bearer {token}"},
                                   data={"meeting_date": "2030-03-05", "item": f"item {n}"},
                                   files=[("file", (k, v, "application/octet-stream"))
                                          for k, v in files.items()])
            except httpx2.HTTPError as exc:
                errors.append(type(exc).__name__)
                time.sleep(0.05)
                continue
            if resp.status_code == 201:
                accepted.append(resp.json()["receipt"])
            elif resp.status_code != 503:
                errors.append(f"HTTP {resp.status_code}")


def _check_agreement(data: Path) -> int:
    register = Register.in_folder(data)
    store = ContentStore(data / "store")
    rows = register.submissions()
    for row in rows:
        assert row.files, row.id
        for f in row.files:
            assert store.verify(f.sha256), (row.id, f.name)
        report = store.read_report(row.report_sha256)
        assert isinstance(report, Report)
        # the report covers exactly the registered files
        reported = sorted(fr.sha256 for p in report.packages for fr in p.files)
        assert reported == sorted(f.sha256 for f in row.files), row.id
        manifest = "".join(f"{f.sha256}  {f.name}\n" for f in sorted(row.files,
                                                                      key=lambda f: f.name))
        assert hashlib.sha256(manifest.encode()).hexdigest() == row.package_sha256
    versions: dict[str, list[int]] = {}
    for row in rows:
        versions.setdefault(row.item, []).append(row.version)
    for item, vs in versions.items():
        assert sorted(vs) == list(range(1, len(vs) + 1)), item
    return len(rows)


def test_sigkill_during_uploads_leaves_whole_submissions(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    token = add_token(data, "Отдел дорог", "submitter")
    accepted: list[dict] = []
    errors: list[str] = []
    kills = 0
    for round_ in range(3):
        server = start_server(data)
        stop = threading.Event()
        threads = [threading.Thread(target=_uploader,
                                    args=(server.url, token, stop, accepted, errors, n))
                   for n in range(4)]
        for t in threads:
            t.start()
        before = len(accepted)
        deadline = time.monotonic() + 30
        while len(accepted) < before + 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3 * round_ + 0.1)  # a different moment of the upload/check cycle
        server.proc.send_signal(signal.SIGKILL)
        server.proc.wait(10)
        kills += 1
        stop.set()
        for t in threads:
            t.join(60)
        _check_agreement(data)
    # a restart cleans the temporaries the killed process left and serves what was accepted
    server = start_server(data)
    try:
        assert list((data / "tmp").iterdir()) == []
        assert not list((data / "store").glob("*/.tmp-*"))
        total = _check_agreement(data)
        assert accepted, "no submission was accepted before the kills"
        assert total >= len(accepted)
        with httpx2.Client(timeout=30) as client:
            for rec in accepted:
                got = client.get(f"{server.url}/api/v1/submissions/{rec['id']}",
                                 headers={"Authorization": f"Bearer {token}"})
                assert got.status_code == 200
                assert got.json()["receipt"] == rec
    finally:
        server.stop()
    assert kills == 3
    # every failure seen by a client is a dropped connection, never a 5xx
    assert all(not e.startswith("HTTP 5") for e in errors), errors
