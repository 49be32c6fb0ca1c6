"""SIGKILL of gate processes and of checking processes at any moment: after a restart every
received submission is checked exactly once to ``done``, no receipt is lost, and two gate
processes sharing one PostgreSQL register never check the same submission."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import httpx2
import pytest

from tests.gate.packages import compliant_item, non_compliant_item
from tests.gate.procs import children
from tests.gate.server import Server, add_token, agenda_item, start_server
from validator.gate.register import Register
from validator.gate.store import ContentStore

pytestmark = pytest.mark.slow

PACKAGES = (compliant_item(), non_compliant_item())
LEASE = "2"


def _uploader(urls: list[str], token: str, stop: threading.Event, accepted: list[dict],
              errors: list[str], item_id: str) -> None:
    i = 0
    with httpx2.Client(timeout=60) as client:
        while not stop.is_set():
            files = PACKAGES[i % 2]
            url = urls[i % len(urls)]
            i += 1
            try:
                resp = client.post(f"{url}/api/v1/submissions",
                                   headers={"Authorization": f"Bearer {token}"},
                                   data={"item_id": item_id},
                                   files=[("file", (k, v, "application/octet-stream"))
                                          for k, v in files.items()])
            except httpx2.HTTPError as exc:
                errors.append(type(exc).__name__)
                time.sleep(0.05)
                continue
            if resp.status_code == 202:
                accepted.append(resp.json()["receipt"])
            else:
                errors.append(f"HTTP {resp.status_code}")
            time.sleep(0.05)  # a steady stream, not a flood the checks could never catch up with


def _checks(register: Register) -> dict[str, tuple[str, int, str | None]]:
    with register.transaction() as cur:
        cur.execute("SELECT submission_id, state, attempts, owner FROM checks")
        return {str(r[0]): (str(r[1]), int(r[2]), r[3]) for r in cur.fetchall()}


def _wait_all_checked(register: Register, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while any(s in ("queued", "checking") for s, _, _ in _checks(register).values()):
        assert time.monotonic() < deadline, _checks(register)
        time.sleep(0.2)


def _agreement(register: Register, data: Path, url: str, token: str) -> int:
    """Every row: its files intact, its check done once with a real report about exactly its
    files (the death of a gate is not the check's fault: the check is taken again)."""
    store = ContentStore(data / "store")
    rows = register.submissions()
    checks = _checks(register)
    assert sorted(checks) == sorted(r.id for r in rows)  # one check per submission
    with httpx2.Client(timeout=60) as client:
        for row in rows:
            state, attempts, _ = checks[row.id]
            assert state == "done" and 1 <= attempts <= 4, (row.id, state, attempts)
            for f in row.files:
                assert store.verify(f.sha256), (row.id, f.name)
            got = client.get(f"{url}/api/v1/submissions/{row.id}",
                             headers={"Authorization": f"Bearer {token}"}).json()
            reported = sorted(fr["sha256"] for p in got["report"]["packages"]
                              for fr in p["files"])
            assert reported == sorted(f.sha256 for f in row.files), row.id
            found = {x["code"] for p in got["report"]["packages"] for fr in p["files"]
                     for x in fr["findings"]}
            assert "FIL001" not in found, (row.id, got["report"])  # a real check
            manifest = "".join(f"{f.sha256}  {f.name}\n"
                               for f in sorted(row.files, key=lambda f: f.name))
            assert hashlib.sha256(manifest.encode()).hexdigest() == row.package_sha256
    versions: dict[str, list[int]] = {}
    for row in rows:
        versions.setdefault(row.item, []).append(row.version)
    for item, vs in versions.items():
        assert sorted(vs) == list(range(1, len(vs) + 1)), item
    return len(rows)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_sigkill_of_a_gate_loses_nothing(tmp_path: Path, backend: str,
                                         request: pytest.FixtureRequest) -> None:
    data = tmp_path / "data"
    data.mkdir()
    database: tuple[str, ...] = ()
    if backend == "postgresql":
        url = request.getfixturevalue("pg_fresh")
        database = ("--database", url)
        register = Register(url)
        count = 2  # two gate processes, one data folder, one register
    else:
        register = Register.in_folder(data)
        count = 1
    # What a kill loses is tested here, not the queue's limit (tests/gate/test_security.py): on a
    # busy machine the uploaders can queue more than the default 1,000 packages.
    extra = ("--lease", LEASE, "--max-checks", "1", "--max-queue", "1000000", *database)
    token = add_token(data, "Отдел дорог", "submitter", *database)
    staff = add_token(data, "Аппарат акима", "apparatus", *database)
    servers: list[Server] = [start_server(data, *extra) for _ in range(count)]
    items = [agenda_item(servers[0].url, staff, f"item {n}", "Отдел дорог") for n in range(4)]
    accepted: list[dict] = []
    errors: list[str] = []
    rng = random.Random(13)
    try:
        for _round in range(3):
            stop = threading.Event()
            urls = [s.url for s in servers]
            threads = [threading.Thread(target=_uploader,
                                        args=(urls, token, stop, accepted, errors,
                                              items[n]))
                       for n in range(4)]
            for t in threads:
                t.start()
            before = len(accepted)
            deadline = time.monotonic() + 60
            while len(accepted) < before + 3 and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(rng.uniform(0.05, 1.0))  # some moment of receiving or checking
            victim = servers[0]
            checking = _checking_processes(victim)
            victim.proc.send_signal(signal.SIGKILL)
            victim.proc.wait(10)
            # its checking processes end with it (nobody would collect their results)
            deadline = time.monotonic() + 10
            while any(_alive(p) for p in checking):
                assert time.monotonic() < deadline, [p for p in checking if _alive(p)]
                time.sleep(0.05)
            time.sleep(0.3)
            stop.set()
            for t in threads:
                t.join(60)
            servers[0] = start_server(data, *extra)
        _wait_all_checked(register)
        total = _agreement(register, data, servers[-1].url, token)
        assert accepted, "no submission was received before the kills"
        # no receipt lost: every 202 the clients got is served as it was given
        ids = {r.id for r in register.submissions()}
        assert {rec["id"] for rec in accepted} <= ids
        assert total >= len(accepted)
        with httpx2.Client(timeout=30) as client:
            for rec in accepted:
                got = client.get(f"{servers[-1].url}/api/v1/submissions/{rec['id']}",
                                 headers={"Authorization": f"Bearer {token}"})
                assert got.json()["receipt"] == rec
        if backend == "postgresql":
            # both processes checked; the checks taken again were the killed one's
            owners = {o.split(":")[1] for _, _, o in _checks(register).values() if o}
            assert len(owners) >= 2, owners
    finally:
        for server in servers:
            server.stop()
        register.close()
    # the restarts cleaned what the killed processes left in the folder
    assert not list((data / "store").glob("*/.tmp-*"))
    # every failure a client saw was a dropped connection, never an error answer
    assert all(not e.startswith("HTTP") for e in errors), errors


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _checking_processes(server: Server) -> list[int]:
    """The gate's checking processes: children of its forkserver."""
    servers = [c for c in children(server.proc.pid)
               if b"forkserver" in Path(f"/proc/{c}/cmdline").read_bytes()]
    return [p for s in servers for p in children(s)]


def _big_deck() -> bytes:
    import io

    from pptx import Presentation

    prs = Presentation()
    for _ in range(400):
        prs.slides.add_slide(prs.slide_layouts[1]).shapes.title.text = "Жол жөндеу"
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _when(register: Register, sid: str, state: str, attempts: int) -> None:
    deadline = time.monotonic() + 120
    while _checks(register).get(sid, ("", 0, None))[:2] != (state, attempts):
        assert time.monotonic() < deadline, _checks(register).get(sid)
        time.sleep(0.05)


def _kill_checker(server: Server, killed: set[int]) -> None:
    """Kill the checking process (a new one after each kill) a second into its check."""
    deadline = time.monotonic() + 60
    while not (found := [p for p in _checking_processes(server) if p not in killed]):
        assert time.monotonic() < deadline, "no checking process started"
        time.sleep(0.05)
    assert len(found) == 1, found
    time.sleep(1.0)  # well inside the check of 30 large decks
    os.kill(found[0], signal.SIGKILL)
    killed.add(found[0])


def test_sigkill_of_a_checking_process(tmp_path: Path) -> None:
    """Killed once: the check is taken again and done with the real report. Killed in both
    tries: ``failed``, FIL001 for every file, and the apparatus sees it."""
    data = tmp_path / "data"
    data.mkdir()
    token = add_token(data, "Отдел дорог", "submitter")
    staff = add_token(data, "Аппарат акима", "apparatus")
    server = start_server(data, "--max-checks", "1")
    register = Register.in_folder(data)
    items = {t: agenda_item(server.url, staff, t, "Отдел дорог") for t in ("once", "twice")}
    deck = _big_deck()
    files = [("file", (f"deck{i:02}.pptx", deck, "application/octet-stream"))
             for i in range(30)]
    auth = {"Authorization": f"Bearer {token}"}
    try:
        with httpx2.Client(timeout=120) as client:
            def submit(item: str) -> str:
                resp = client.post(f"{server.url}/api/v1/submissions", headers=auth,
                                   files=files, data={"item_id": items[item]})
                assert resp.status_code == 202, resp.text
                return str(resp.json()["id"])

            killed: set[int] = set()
            once = submit("once")
            _when(register, once, "checking", 1)
            _kill_checker(server, killed)
            _when(register, once, "done", 2)
            twice = submit("twice")
            _when(register, twice, "checking", 1)
            _kill_checker(server, killed)
            _when(register, twice, "checking", 2)
            _kill_checker(server, killed)
            _when(register, twice, "failed", 2)
            good: Any = client.get(f"{server.url}/api/v1/submissions/{once}",
                                   headers=auth).json()
            assert good["check"]["state"] == "done"
            codes = {x["code"] for p in good["report"]["packages"] for fr in p["files"]
                     for x in fr["findings"]}
            assert "FIL001" not in codes and len(good["report"]["packages"][0]["files"]) == 30
            bad: Any = client.get(f"{server.url}/api/v1/submissions/{twice}",
                                  headers=auth).json()
            assert bad["check"].items() >= {"state": "failed", "position": 0,
                                            "verdict": "return-for-correction"}.items()
            found = [x for p in bad["report"]["packages"] for fr in p["files"]
                     for x in fr["findings"]]
            assert len(found) == 30 and {x["code"] for x in found} == {"FIL001"}
            assert "stopped twice" in found[0]["evidence"]
            day = client.get(f"{server.url}/api/v1/meetings/2030-03-05",
                             headers={"Authorization": f"Bearer {staff}"}).json()
            latest = {i["item_id"]: i["latest"] for i in day["items"]}
            assert latest[items["twice"]]["check"] == "failed"
    finally:
        server.stop()
    assert sqlite3.connect(data / "register.sqlite3").execute(
        "SELECT COUNT(*) FROM checks").fetchone() == (2,)
