"""The queue of checks on SQLite and a real PostgreSQL: claims, leases, exactly-once results,
giving up after two dead workers; and the migration of a register made before the queue."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.gate.conftest import make_env
from tests.gate.packages import compliant_item
from validator.gate.jobs import CheckQueue
from validator.gate.migrations import MIGRATIONS, V1
from validator.gate.register import FileRow, Register, SubmissionRow
from validator.gate.worker import CheckLimits, CheckPool, worker_context


@pytest.fixture(params=["sqlite", "postgresql"])
def register(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Register]:
    if request.param == "sqlite":
        reg = Register.in_folder(tmp_path)
    else:
        reg = Register(request.getfixturevalue("pg_fresh"))
    assert reg.create() == len(MIGRATIONS)
    assert reg.create() == len(MIGRATIONS)  # idempotent
    yield reg
    reg.close()  # its PostgreSQL pool, not left to the garbage collector


def _row(i: int) -> SubmissionRow:
    return SubmissionRow(
        id=f"id{i:04d}", body="Отдел дорог", meeting_date="2030-03-05", item=f"item {i}",
        version=0, received_at="2030-02-20T10:00:00+05:00", package_sha256="a" * 64,
        verdict="", deadline="2030-02-26", days_late=0, lateness_unit="working days",
        tool_version="0", profile_id="p", profile_version="1", report_sha256="", notes="{}",
        files=(FileRow(0, "a.pptx", "c" * 64, 10),), check_state="queued")


def test_claims_leases_and_exactly_one_result(register: Register) -> None:
    for i in range(3):
        register.insert_submission(_row(i), queued_at=1000.0 + i)
    a = CheckQueue(register, "gate-a", lease=10)
    b = CheckQueue(register, "gate-b", lease=10)
    assert [a.status(f"id{i:04d}").position for i in range(3)] == [1, 2, 3]  # type: ignore
    first = a.claim(now=2000)
    second = b.claim(now=2000)
    assert first and second and first.submission_id == "id0000"
    assert second.submission_id == "id0001"  # never the one another worker holds
    assert a.status("id0000").state == "checking"  # type: ignore[union-attr]
    assert a.status("id0002").position == 1  # type: ignore[union-attr]
    # a holds id0000 and keeps renewing; b "dies" holding id0001
    assert a.renew(now=2008) == 1
    third = a.claim(now=2011)  # b's lease ran out at 2010; a's runs to 2018
    assert third and third.submission_id == "id0001" and third.attempts == 2
    assert a.claim(now=2011).submission_id == "id0002"  # type: ignore[union-attr]
    assert a.claim(now=2011) is None
    # the dead worker's late result is refused; the holder's is recorded once
    assert not b.finish("id0001", "done", "accept", "e" * 64, "{}")
    assert a.finish("id0001", "done", "accept", "e" * 64, "{}")
    assert not a.finish("id0001", "done", "accept", "f" * 64, "{}")
    row = register.submission("id0001")
    assert row and row.check_state == "done" and row.verdict == "accept"
    assert row.report_sha256 == "e" * 64
    assert a.backlog() == 2
    # a check whose process died goes back to the queue, the crash counted
    a.retry("id0000")
    again = b.claim(now=2012)
    assert again and again.submission_id == "id0000"
    assert (again.attempts, again.crashes) == (2, 1)


def test_checks_wait_for_arrivals_to_pause(register: Register) -> None:
    """Receiving comes first: while packages keep arriving, checks wait for 0.3 s without an
    arrival, but never past 5 s after the oldest arrived."""
    q = CheckQueue(register, "gate-a", lease=10)
    assert q.burst_wait(0.3, 5.0, now=1000.0) == 0.0  # nothing queued
    register.insert_submission(_row(0), queued_at=1000.0)
    assert q.burst_wait(0.3, 5.0, now=1000.1) == pytest.approx(0.2)  # the first of a burst?
    assert q.burst_wait(0.3, 5.0, now=1000.3) == 0.0  # no: a lone package, checked now
    register.insert_submission(_row(1), queued_at=1000.2)
    assert q.burst_wait(0.3, 5.0, now=1000.3) == pytest.approx(0.2)  # calm at 1000.5
    assert q.burst_wait(0.3, 5.0, now=1000.5) == 0.0
    assert q.burst_wait(0, 5.0, now=1000.3) == 0.0  # waiting switched off
    for i in range(2, 40):  # a steady stream, one every 0.15 s up to 1005.85
        register.insert_submission(_row(i), queued_at=1000.0 + 0.15 * i)
    assert q.burst_wait(0.3, 5.0, now=1004.0) == pytest.approx(1.0)  # the oldest's 5 s
    assert q.burst_wait(0.3, 5.0, now=1005.0) == 0.0
    claim = q.claim(now=1005.0)
    assert claim is not None and claim.submission_id == "id0000"
    # taken rows no longer count: what is queued decides
    assert q.burst_wait(0.3, 5.0, now=1005.0) == pytest.approx(0.2)  # id0001 came at 1000.2


def test_concurrent_claims_never_share_a_check(register: Register) -> None:
    for i in range(40):
        register.insert_submission(_row(i), queued_at=1000.0 + i)
    taken: dict[str, list[str]] = {}
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        q = CheckQueue(register, f"w{n}", lease=60)
        try:
            while (claim := q.claim()) is not None:
                taken.setdefault(claim.submission_id, []).append(q.owner)
                assert q.finish(claim.submission_id, "done", "accept", "e" * 64, "{}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    assert sorted(taken) == [f"id{i:04d}" for i in range(40)]
    assert all(len(owners) == 1 for owners in taken.values()), taken


def test_a_check_taken_too_often_is_failed_with_fil001(tmp_path: Path) -> None:
    e = make_env(tmp_path, max_checks=0)
    with e.client:
        resp = e.submit("roads", compliant_item(), "2030-03-05", "1")
        assert resp.status_code == 202
        sid = resp.json()["id"]
        from validator.gate.dispatcher import MAX_TAKES, Dispatcher

        # gate processes take it and die (their leases run out), time after time
        for n in range(MAX_TAKES):
            claim = CheckQueue(e.gate.register, f"dead-{n}", lease=1).claim(now=1e10 * (n + 1))
            assert claim and claim.submission_id == sid
        # the next worker does not try it again
        gate = e.gate
        queue = CheckQueue(gate.register, "alive", lease=60)
        claim = queue.claim(now=1e10 * (MAX_TAKES + 2))
        assert claim and claim.attempts == MAX_TAKES + 1
        pool = CheckPool(worker_context(), CheckLimits(timeout=60), tmp_path / "work")
        try:
            assert Dispatcher(gate.intake, queue, pool, 0).run(claim)
        finally:
            pool.close()
        body = e.checked(sid)
        assert body["check"].items() >= {"state": "failed", "position": 0,
                                         "verdict": "return-for-correction"}.items()
        findings = [f for p in body["report"]["packages"] for fr in p["files"]
                    for f in fr["findings"]]
        assert {f["code"] for f in findings} == {"FIL001"}
        assert len(findings) == len(compliant_item())
        assert f"taken {MAX_TAKES} times" in findings[0]["evidence"]
        # the apparatus sees it in the meeting's table
        day = e.client.get("/api/v1/meetings/2030-03-05", headers=e.auth("staff")).json()
        assert day["items"][0]["latest"]["check"] == "failed"
        assert day["items"][0]["latest"]["verdict"] == "return-for-correction"


def test_a_register_made_before_the_queue_still_serves(tmp_path: Path) -> None:
    """A data folder of the first gate (schema without the queue): migrated on start, its
    receipts and reports served as they were, checked as ``done``."""
    from validator.core.findings import Report
    from validator.gate.store import ContentStore
    from validator.settings.profile import load_profile, resolve_profile_path

    data = tmp_path / "data"
    (data / "store").mkdir(parents=True)
    store = ContentStore(data / "store")
    report = Report("0.1.0", load_profile(resolve_profile_path("oskemen-2025")).info, ())
    report_sha = store.put_report(report)  # (pickled reports: tests/gate/test_upgrade.py)
    file_sha = store.put_bytes(b"old deck")
    db = sqlite3.connect(data / "register.sqlite3")
    for statement in V1:
        db.execute(statement)
    db.execute("INSERT INTO submissions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               ("old1", "Отдел дорог", "2026-01-20", "1. Дороги", 1,
                "2026-01-10T10:00:00+05:00", "a" * 64, "accept", "2026-01-13", 0,
                "working days", "0.1.0", "oskemen-2025", "2025-12-09", report_sha,
                json.dumps({"missing": []})))
    db.execute("INSERT INTO submission_files VALUES (?, ?, ?, ?, ?)",
               ("old1", 0, "deck.pptx", file_sha, 8))
    db.commit()
    db.close()
    e = make_env(tmp_path)  # adds tokens: the register is migrated first
    with e.client:
        body = e.checked("old1", "roads")
        assert body["check"].items() >= {"state": "done", "position": 0,
                                         "verdict": "accept"}.items()
        assert body["receipt"]["item"] == "1. Дороги"
        assert body["receipt"]["files"] == [{"name": "deck.pptx", "sha256": file_sha,
                                             "size": 8}]
        assert body["report"]["tool"]["version"] == "0.1.0"
        got = e.client.get("/api/v1/submissions/old1/files/0", headers=e.auth("roads"))
        assert got.content == b"old deck"
    version = sqlite3.connect(data / "register.sqlite3").execute(
        "SELECT MAX(version) FROM schema_version").fetchone()
    assert version == (len(MIGRATIONS),)


def test_the_page_shows_the_place_in_the_queue_and_refreshes(tmp_path: Path) -> None:
    e = make_env(tmp_path, max_checks=0)  # nothing checks: the submissions wait
    with e.client:
        ids = []
        for item in ("1", "2"):
            resp = e.submit("roads", compliant_item(), "2030-03-05", item)
            ids.append(resp.json()["id"])
        e.login("roads")
        e.client.get("/lang/en")
        # it refreshes by itself only when asked (the form's box is ticked by default)
        plain = e.client.get(f"/submissions/{ids[1]}")
        assert "http-equiv" not in plain.text and 'id="start-refresh"' in plain.text
        page = e.client.get(f"/submissions/{ids[1]}?auto=1")
        assert page.status_code == 200
        assert '<meta http-equiv="refresh" content="2">' in page.text
        assert f'id="stop-refresh" href="/submissions/{ids[1]}"' in page.text
        assert 'data-state="queued"' in page.text and 'id="position">2<' in page.text
        assert "queued for checking" in page.text
        assert 'id="findings"' not in page.text  # no report yet
        assert "script" not in page.headers["content-security-policy"]
        # once checked, the page stops refreshing and shows the verdict and the report
        queue = CheckQueue(e.gate.register, "test", lease=60)
        pool = CheckPool(worker_context(), CheckLimits(timeout=60), tmp_path / "work")
        from validator.gate.dispatcher import Dispatcher

        try:
            claim = queue.claim()
            assert claim and claim.submission_id == ids[0]
            assert Dispatcher(e.gate.intake, queue, pool, 0).run(claim)
        finally:
            pool.close()
        page = e.client.get(f"/submissions/{ids[1]}")
        assert 'id="position">1<' in page.text
        done = e.client.get(f"/submissions/{ids[0]}")
        assert "http-equiv" not in done.text
        assert 'data-verdict="accept"' in done.text and 'id="findings"' in done.text
        listing = e.client.get("/submit").text
        assert 'data-check="queued"' in listing and 'data-verdict="accept"' in listing
