"""A data folder made by version 0.1.0 (pickled reports) is upgraded once at start-up: its
reports become stored JSON through a restricted unpickler, never checked again, and the gate
still serves its receipts and reports. The folder is tests/gate/fixtures/data-0.1.0, made by
tests/gate/make_old_data.py with that version's own gate."""

from __future__ import annotations

import base64
import json
import os
import pickle
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.conftest import _schema_validator
from tests.gate.conftest import login
from validator.core.findings import Severity
from validator.gate import agenda
from validator.gate.app import create_app
from validator.gate.config import GateConfig
from validator.gate.legacy import MARKER, RefusedPickle, unpickle_report, upgrade_pickled_reports
from validator.gate.register import Register
from validator.gate.service import open_gate
from validator.gate.store import ContentStore
from validator.reports.text import render
from validator.storage.signing import verify

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "data-0.1.0"


def _codes(text: str) -> list[str]:
    """The rule codes of a text report's finding lines, sorted."""
    found = (re.match(r"^ {4}([A-Z]{3}\d{3}) ", line) for line in text.splitlines())
    return sorted(m[1] for m in found if m)


@pytest.fixture
def old(tmp_path: Path) -> dict[str, Any]:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE / "data", data)
    made = json.loads((FIXTURE / "made.json").read_text(encoding="utf-8"))
    return {"data": data, **made}


def _blob(data: Path, sha: str) -> bytes:
    return ContentStore(data / "store").read(sha)


def test_the_fixture_is_version_0_1_0_with_pickled_reports(old: dict[str, Any]) -> None:
    register = Register.in_folder(old["data"])
    register.create()  # the queue's tables: reading rows needs them; reports are untouched
    rows = register.submissions()
    assert {r.id for r in rows} == {s["id"] for s in old["submissions"]}
    for row in rows:
        assert row.tool_version == "0.1.0"
        assert _blob(old["data"], row.report_sha256).startswith(b"\x80\x05")


def test_an_old_data_folder_is_upgraded_once_and_still_served(old: dict[str, Any]) -> None:
    data: Path = old["data"]
    register = Register.in_folder(data)
    register.create()  # the queue's tables; open_gate would make them the same way
    before = {r.id: r for r in register.submissions()}
    pickled = {r.report_sha256 for r in before.values()}
    config = GateConfig(data=data, check_timeout=60.0)
    gate = open_gate(config)
    try:
        after = {r.id: r for r in gate.register.submissions()}
        store = gate.store
        for sub in old["submissions"]:
            row, was = after[sub["id"]], before[sub["id"]]
            # the stored verdict stands: only the report's address changed
            assert row.report_sha256 != was.report_sha256
            from dataclasses import replace

            assert replace(row, report_sha256=was.report_sha256) == was
            stored = json.loads(store.read(row.report_sha256))
            _schema_validator().validate(stored)  # type: ignore[attr-defined]
            report = store.read_report(row.report_sha256)
            assert report.checked_at is None  # the old version did not record it
            for lang in ("kk", "ru", "en"):
                # every verdict and finding line the old version printed is printed again (the
                # report's own words around them have grown: packages found, how to fix)
                # (the wording of findings has since become plainer, so a finding is matched
                # by its rule code; each package's verdict line is the same word for word)
                shown = render(report, lang)
                lines = set(shown.splitlines())
                printed = sub["text"][lang].splitlines()
                verdicts = [line for line in printed if line.startswith(("Пакет", "Package"))]
                assert verdicts and all(line in lines for line in verdicts), lang
                assert _codes(sub["text"][lang]) and _codes(sub["text"][lang]) == _codes(
                    shown), lang
        assert not any(store.has(sha) for sha in pickled), "a pickle was left in the store"
        assert (data / MARKER).is_file()
        # the old token's body became a body record, and the token points to it
        assert [b.name for b in agenda.bodies(gate.register)] == ["Отдел дорог"]
        assert {t.body_id for t in gate.register.tokens()} == {
            agenda.bodies(gate.register)[0].id}
        client = TestClient(create_app(config, gate), base_url="http://127.0.0.1",
                            headers={"Origin": "http://127.0.0.1"})
        auth = {"Authorization": f"Bearer {old['token']}"}
        with client:
            for sub in old["submissions"]:
                got = client.get(f"/api/v1/submissions/{sub['id']}", headers=auth)
                assert got.status_code == 200
                # the receipt is the record of delivery: the verdict moved to the check
                old_receipt = {k: v for k, v in sub["receipt"].items() if k != "verdict"}
                signed = got.json()["receipt"]
                added = {"signed_at", "key_sha256", "signature"}
                # an old submission was to a free item: no agenda item, no meeting record
                assert {k: v for k, v in signed.items() if k not in added} == {
                    **old_receipt, "item_id": None, "meeting_id": None}
                # signed on first read, in the same canonical form, and kept as signed then
                assert signed["signed_at"] > signed["received_at"]
                key = client.get("/api/v1/receipt-key").json()["public_key"]
                assert verify(signed, base64.b64decode(key)).ok
                again = client.get(f"/api/v1/submissions/{sub['id']}", headers=auth)
                assert again.json()["receipt"] == signed
                assert got.json()["check"]["verdict"] == sub["receipt"]["verdict"]
                text = client.get(f"/api/v1/submissions/{sub['id']}/report?format=text&lang=ru",
                                  headers=auth)
                assert text.status_code == 200
                shown = set(text.text.splitlines())
                assert all(line in shown for line in sub["text"]["ru"].splitlines()
                           if line.startswith("Пакет"))
                assert _codes(sub["text"]["ru"]) == _codes(text.text)
            # its page names the files as submitted: the old job folder left out of paths
            login(client, old["token"])
            for sub in old["submissions"]:
                page = client.get(f"/submissions/{sub['id']}?lang=ru").text
                found = page[page.index('id="findings"'):]
                headings = [re.sub(r"<[^>]+>|&#8203;|\u200b", "", h).strip() for h in
                            re.findall(r"<h4[^>]*>(.*?)</h4>", found, re.S)]
                assert sorted(headings) == sorted(f["name"] for f in sub["receipt"]["files"])
    finally:
        gate.dispatcher.pool.close()
    again = upgrade_pickled_reports(data, Register.in_folder(data), ContentStore(data / "store"))
    assert again.converted == 0
    assert {r.id: r for r in Register.in_folder(data).submissions()} == after


def test_the_conversion_keeps_every_finding(old: dict[str, Any]) -> None:
    data: Path = old["data"]
    first = old["submissions"][0]
    report = unpickle_report(_blob(data, first["report_sha256"]))
    codes = sorted(f.code for f in report.all_findings())
    assert codes == ["FIL001", "PKG001", "PKG001", "PKG002"]
    fil001 = next(f for f in report.all_findings() if f.code == "FIL001")
    assert fil001.severity is Severity.ERROR and fil001.file == "package/Анықтама_қаз.docx"
    assert dict(fil001.messages)["kk"] and dict(fil001.messages)["ru"]
    assert dict(report.packages[0].extra)["dates"]["meeting"] == "2026-01-20"
    assert report.rules and report.clauses["15.3"]["kk"]


class _Evil:
    def __init__(self, target: Path) -> None:
        self.target = target

    def __reduce__(self) -> tuple[Any, ...]:
        return (os.system, (f"touch {self.target}",))


def test_the_restricted_unpickler_admits_only_report_classes(tmp_path: Path) -> None:
    target = tmp_path / "pwned"
    with pytest.raises(RefusedPickle, match="may not refer to"):
        unpickle_report(pickle.dumps(_Evil(target), protocol=5))
    assert not target.exists()
    with pytest.raises(RefusedPickle, match=r"may not refer to builtins\.eval"):
        unpickle_report(pickle.dumps(eval, protocol=5))
    with pytest.raises(RefusedPickle, match="not a report"):
        unpickle_report(pickle.dumps({"verdict": "accept"}, protocol=5))
    with pytest.raises(RefusedPickle, match="not a readable pickle"):
        unpickle_report(b"\x80\x05garbage")


def test_an_enum_of_the_pickle_cannot_change_the_real_one() -> None:
    # Severity(3) followed by BUILD with a state: would set attributes on Severity.ERROR
    payload = (b"\x80\x05\x8c\x0fvalidator.model\x8c\x08Severity\x93K\x03\x85R"
               b"}\x8c\x05label\x8c\x04oops\x73b.")
    with pytest.raises(RefusedPickle, match="given a state"):
        unpickle_report(payload)
    assert Severity.ERROR.label == "error"


def test_a_hostile_stored_pickle_is_refused_and_left_alone(old: dict[str, Any],
                                                           tmp_path: Path) -> None:
    data: Path = old["data"]
    register = Register.in_folder(data)
    register.create()
    store = ContentStore(data / "store")
    victim = old["submissions"][1]
    target = tmp_path / "pwned"
    evil = store.put_bytes(pickle.dumps(_Evil(target), protocol=5))
    register.replace_report(victim["report_sha256"], evil)
    result = upgrade_pickled_reports(data, register, store)
    assert result.converted == 1
    assert [sha for sha, _ in result.failed] == [evil]
    assert not target.exists()
    assert not (data / MARKER).exists(), "a failure must be tried again at the next start"
    row = register.submission(victim["id"])
    assert row is not None and row.report_sha256 == evil and row.verdict == \
        "return-for-correction"
    with pytest.raises(OSError, match="pickle"):
        store.read_report(evil)
    assert not target.exists()


def test_the_store_writes_json_and_never_unpickles(tmp_path: Path) -> None:
    from tests.reports.sample import sample_report

    store = ContentStore(tmp_path / "store")
    report = sample_report()
    sha = store.put_report(report)
    assert store.read(sha).startswith(b'{"schema_version":1,')
    assert store.read_report(sha) == report
    pickled = store.put_bytes(pickle.dumps(report, protocol=5))
    with pytest.raises(OSError, match="not converted"):
        store.read_report(pickled)
