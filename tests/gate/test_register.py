"""The register on SQLite and on a real PostgreSQL server; the content store's writes."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.gate.conftest import Env, make_env
from tests.gate.packages import compliant_item, non_compliant_item
from validator.gate.agenda import add_body
from validator.gate.auth import authenticate, new_token
from validator.gate.register import FileRow, Register, SubmissionRow
from validator.gate.store import ContentStore


@pytest.fixture(params=["sqlite", "postgresql"])
def register(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Register]:
    if request.param == "sqlite":
        reg = Register.in_folder(tmp_path)
    else:
        reg = Register(request.getfixturevalue("pg_fresh"))
    reg.create()
    reg.create()  # idempotent
    yield reg
    reg.close()  # its PostgreSQL pool, not left to the garbage collector


def _row(i: int, item: str = "1") -> SubmissionRow:
    return SubmissionRow(
        id=f"id{i:04d}", body="Отдел дорог", meeting_date="2030-03-05", item=item, version=0,
        received_at=f"2030-02-20T10:{i % 60:02d}:00+05:00", package_sha256="a" * 64,
        verdict="accept", deadline="2030-02-26", days_late=0, lateness_unit="working days",
        tool_version="0", profile_id="p", profile_version="1", report_sha256="b" * 64,
        notes=json.dumps({"missing": []}),
        files=(FileRow(0, "a.pptx", "c" * 64, 10), FileRow(1, "б.docx", "d" * 64, 20)))


def test_concurrent_versions_are_unique(register: Register) -> None:
    results: list[int] = []
    lock = threading.Lock()

    def worker(i: int) -> None:
        row = register.insert_submission(_row(i))
        with lock:
            results.append(row.version)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == list(range(1, 17))
    rows = register.submissions(meeting_date="2030-03-05")
    assert sorted(r.version for r in rows) == list(range(1, 17))
    assert all([f.name for f in r.files] == ["a.pptx", "б.docx"] for r in rows)
    assert register.meetings() == [("2030-03-05", 1, 16)]
    assert register.meetings(body="other") == []


def test_tokens_round_trip(register: Register) -> None:
    with pytest.raises(ValueError, match="validator bodies add"):
        new_token(register, "Аппарат", "apparatus")  # not a registered body yet
    body = add_body(register, "Аппарат")
    token = new_token(register, "Аппарат", "apparatus")
    who = authenticate(register, token)
    assert who is not None and who.body == "Аппарат" and who.apparatus
    assert authenticate(register, token + "x") is None
    assert authenticate(register, "nonsense") is None
    with pytest.raises(ValueError):
        new_token(register, "Аппарат", "admin")
    assert [(t.body, t.body_id) for t in register.tokens()] == [("Аппарат", body.id)]
    assert register.revoke_token(who.token_id)
    assert not register.revoke_token(who.token_id)
    assert authenticate(register, token) is None


def test_api_round_trip_on_postgresql(tmp_path: Path, pg_fresh: str) -> None:
    e: Env = make_env(tmp_path, database=pg_fresh)
    with e.client:
        resp = e.submit("roads", compliant_item(), "2030-03-05", "1")
        assert resp.status_code == 202, resp.text
        rec = resp.json()["receipt"]
        assert e.checked(rec["id"])["check"]["verdict"] == "accept"
        again = e.submit("roads", non_compliant_item(), "2030-03-05", "1")
        assert again.json()["receipt"]["version"] == 2
        got = e.client.get(f"/api/v1/submissions/{rec['id']}", headers=e.auth("staff"))
        assert got.json()["receipt"] == rec
        assert e.client.get(f"/api/v1/submissions/{rec['id']}",
                            headers=e.auth("health")).status_code == 404
    # the register is really in PostgreSQL, not in the data folder
    assert not (e.config.data / "register.sqlite3").exists()
    import psycopg

    with psycopg.connect(pg_fresh) as conn:
        assert conn.execute("SELECT COUNT(*) FROM submissions").fetchone() == (2,)


def test_store_writes_atomically(tmp_path: Path) -> None:
    store = ContentStore(tmp_path / "store")
    store.root.mkdir()
    src = tmp_path / "x.bin"
    src.write_bytes(b"hello")
    sha = store.put_file(src)
    assert store.read(sha) == b"hello" and store.verify(sha)
    assert store.put_bytes(b"hello") == sha  # same content, same address, written once
    assert list(store.addresses()) == [sha]
    # a temporary file of an interrupted write is swept, a stored blob is not
    (store.root / sha[:2] / ".tmp-dead").write_bytes(b"half")
    assert store.sweep_temporary() == 1
    assert store.verify(sha)
    # damage is detected
    store.path(sha).write_bytes(b"HELLO")
    assert not store.verify(sha)
    with pytest.raises(OSError):
        store.read(sha)
    with pytest.raises(ValueError):
        store.path("../../etc/passwd")


@pytest.mark.slow
def test_two_gate_processes_share_one_postgresql_register(tmp_path: Path, pg_fresh: str
                                                          ) -> None:
    """Two servers behind a (simulated) load balancer: one register, unique versions; both
    receive and both check, and no submission is checked by both."""
    from concurrent.futures import ThreadPoolExecutor

    import httpx2

    from tests.gate.server import add_token, agenda_item, start_server

    data = tmp_path / "data"
    data.mkdir()
    token = add_token(data, "Отдел дорог", "submitter", "--database", pg_fresh)
    staff = add_token(data, "Аппарат акима", "apparatus", "--database", pg_fresh)
    servers = [start_server(data, "--database", pg_fresh) for _ in range(2)]
    shared = agenda_item(servers[0].url, staff, "shared", "Отдел дорог")
    files = [("file", (n, d, "application/octet-stream"))
             for n, d in non_compliant_item().items()]

    def submit(i: int) -> dict:
        url = servers[i % 2].url
        resp = httpx2.post(f"{url}/api/v1/submissions", timeout=60,
                          headers={"Authorization": f"Bearer {token}"},
                          data={"item_id": shared}, files=files)
        assert resp.status_code == 202, resp.text
        return resp.json()

    try:
        with ThreadPoolExecutor(8) as pool:
            results = list(pool.map(submit, range(16)))
        versions = sorted(r["receipt"]["version"] for r in results)
        assert versions == list(range(1, 17))  # every client got its receipt
        # each server sees what the other registered
        for r in results:
            for server in servers:
                got = httpx2.get(f"{server.url}/api/v1/submissions/{r['id']}", timeout=30,
                                headers={"Authorization": f"Bearer {token}"})
                assert got.json()["receipt"] == r["receipt"]
        from tests.gate.conftest import wait_checked

        with httpx2.Client(base_url=servers[0].url, timeout=30) as client:
            for r in results:
                done = wait_checked(client, r["id"], {"Authorization": f"Bearer {token}"})
                assert done["check"].get("verdict") == "return-for-correction", done["check"]
        import psycopg

        with psycopg.connect(pg_fresh) as conn:
            rows = conn.execute("SELECT state, attempts, owner FROM checks").fetchall()
        assert len(rows) == 16
        assert all(state == "done" and attempts == 1 for state, attempts, _ in rows), rows
        pids = {int(owner.split(":")[1]) for _, _, owner in rows}
        assert pids == {s.proc.pid for s in servers}  # both checked
    finally:
        for server in servers:
            server.stop()
