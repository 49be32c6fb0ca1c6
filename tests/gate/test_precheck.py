"""Pre-checks: the same check as a submission through the same queue, seen by nobody but the
body that asked, deleted after the keep time (files a submission uses excepted)."""

from __future__ import annotations

import html
import json
import re
import time
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from tests.gate.conftest import Env, login, make_env
from tests.gate.packages import non_compliant_item
from validator.gate.prechecks import Prechecks, load_precheck

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "non-compliant-item"
MEETING = "2026-01-20"  # held before any test runs: lateness is the same for every arrival


def _sample() -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(SAMPLE.iterdir()) if p.is_file()}


def _multipart(files: dict[str, bytes]) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("file", (n, d, "application/octet-stream")) for n, d in files.items()]


def _precheck(client: Any, headers: dict[str, str], files: dict[str, bytes],
              **fields: str) -> Any:
    return client.post("/api/v1/checks", headers=headers, data=fields,
                       files=_multipart(files))


def _wait(client: Any, pid: str, headers: dict[str, str], timeout: float = 120.0
          ) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        got = client.get(f"/api/v1/checks/{pid}", headers=headers)
        assert got.status_code == 200, got.text
        body: dict[str, Any] = got.json()
        if body["check"]["state"] in ("done", "failed"):
            return body
        assert time.monotonic() < deadline, body["check"]
        time.sleep(0.1)


def _keys(report: dict[str, Any]) -> set[tuple[str, str, str]]:
    """(rule code, file name, location) of every finding of a JSON report."""
    out = set()
    for p in report["packages"]:
        for f in p["findings"]:
            out.add((f["code"], f["file"].rsplit("/", 1)[-1],
                     json.dumps(f["location"], sort_keys=True)))
        for fr in p["files"]:
            for f in fr["findings"]:
                out.add((f["code"], f["file"].rsplit("/", 1)[-1],
                         json.dumps(f["location"], sort_keys=True)))
    return out


def _count(env: Env, table: str) -> int:
    with env.gate.register.transaction(write=False) as cur:
        cur.execute(f"SELECT COUNT(*) FROM {table}")
        return int(cur.fetchone()[0])


def test_a_precheck_finds_what_a_submission_finds_and_leaves_no_trace(env: Env) -> None:
    files = _sample()
    resp = _precheck(env.client, env.auth("roads"), files, meeting_date=MEETING)
    assert resp.status_code == 202, resp.text
    pid = resp.json()["id"]
    assert resp.headers["location"] == f"/api/v1/checks/{pid}"
    assert resp.json()["check"]["state"] in ("queued", "checking", "done")
    done = _wait(env.client, pid, env.auth("roads"))
    assert done["submitted"] is False
    assert done["check"]["state"] == "done"
    assert done["check"]["verdict"] == "return-for-correction"
    assert done["precheck"]["meeting_date"] == MEETING
    assert done["precheck"]["working_days_late"] > 0  # the deadline computed from the date
    assert {f["name"] for f in done["precheck"]["files"]} == set(files)
    checked = _keys(done["report"])
    assert {"FIL001", "SLD001", "SLD003", "PKG001", "PKG002"} <= {k[0] for k in checked}

    # the apparatus sees nothing: no submission, no meeting, no item; the body neither
    for who in ("staff", "roads"):
        assert env.client.get("/api/v1/submissions",
                              headers=env.auth(who)).json() == {"submissions": []}
        assert env.client.get("/api/v1/meetings",
                              headers=env.auth(who)).json() == {"meetings": []}
        assert env.client.get(f"/api/v1/meetings/{MEETING}",
                              headers=env.auth(who)).json()["items"] == []
    assert _count(env, "submissions") == 0 and _count(env, "submission_files") == 0
    # another body, and the apparatus, get 404 for it and its report
    for who in ("health", "staff"):
        for url in (f"/api/v1/checks/{pid}", f"/api/v1/checks/{pid}/report?format=sarif"):
            got = env.client.get(url, headers=env.auth(who))
            assert got.status_code == 404, (who, url)
            assert got.json()["error"]["code"] == "error.not_found"
    # the body gets its report in every format the submissions' report endpoint gives
    sarif = env.client.get(f"/api/v1/checks/{pid}/report?format=sarif", headers=env.auth("roads"))
    assert sarif.status_code == 200
    rule_ids = {r["ruleId"] for r in sarif.json()["runs"][0]["results"]}
    assert "SLD001" in rule_ids

    # the same files submitted: the same findings, and version 1 (no version was used)
    sub = env.submit("roads", files, MEETING, "1. Ремонт дорог")
    assert sub.status_code == 202, sub.text
    assert sub.json()["receipt"]["version"] == 1
    submitted = env.checked(sub.json()["id"], "roads")
    assert _keys(submitted["report"]) == checked
    assert submitted["check"]["verdict"] == done["check"]["verdict"]
    assert [r["id"] for r in env.client.get("/api/v1/submissions", headers=env.auth(
        "staff")).json()["submissions"]] == [sub.json()["id"]]


def test_expired_prechecks_are_deleted_but_a_blob_a_submission_uses_stays(env: Env) -> None:
    files = non_compliant_item()
    shared, alone = sorted(files)
    resp = _precheck(env.client, env.auth("roads"), files)
    pid = resp.json()["id"]
    done = _wait(env.client, pid, env.auth("roads"))
    assert done["precheck"]["meeting_date"] is None and done["precheck"]["deadline"] is None
    sub = env.submit("roads", {shared: files[shared]})
    env.checked(sub.json()["id"], "roads")
    row = load_precheck(env.gate.register, pid)
    assert row is not None
    blobs = {f.name: f.sha256 for f in row.files}
    report = row.report_sha256
    store = env.gate.store
    assert all(store.has(s) for s in (*blobs.values(), report))

    keep = env.config.precheck_keep_hours * 3600
    assert keep == 24 * 3600  # a day by default
    now = time.time()
    early = Prechecks(env.gate.register, store, keep, clock=lambda: now + keep - 60)
    assert early.expire() == 0  # still within its day
    assert early.get(pid) is not None
    late = Prechecks(env.gate.register, store, keep, clock=lambda: now + keep + 3600)
    assert late.get(pid) is None  # past its time it is not shown, even before the cleanup
    assert late.expire() == 1
    assert load_precheck(env.gate.register, pid) is None
    assert _count(env, "prechecks") == 0 and _count(env, "precheck_files") == 0
    with env.gate.register.transaction(write=False) as cur:
        cur.execute("SELECT kind FROM checks")
        assert [r[0] for r in cur.fetchall()] == ["submission"]
    assert not store.has(blobs[alone]) and not store.has(report)
    assert store.has(blobs[shared])  # the submission's file is never deleted
    assert store.verify(blobs[shared])
    assert env.client.get(f"/api/v1/checks/{pid}", headers=env.auth("roads")).status_code == 404
    assert env.client.get(f"/api/v1/submissions/{sub.json()['id']}/files/0",
                          headers=env.auth("roads")).content == files[shared]
    assert late.expire() == 0


def test_the_gate_deletes_expired_prechecks_when_it_starts(tmp_path: Path) -> None:
    e = make_env(tmp_path, precheck_keep_hours=1 / 3600, check_timeout=60.0)  # one second
    with e.client:
        pid = _precheck(e.client, e.auth("roads"), non_compliant_item()).json()["id"]
        row = load_precheck(e.gate.register, pid)
        assert row is not None
        while True:
            row = load_precheck(e.gate.register, pid)
            if row is not None and row.checked:
                break
            time.sleep(0.1)
    time.sleep(1.1)
    again = make_env(tmp_path, precheck_keep_hours=1 / 3600)
    with again.client:  # the gate starting again sweeps at once
        deadline = time.monotonic() + 30
        while load_precheck(again.gate.register, pid) is not None:
            assert time.monotonic() < deadline, "the start-up cleanup did not run"
            time.sleep(0.1)
    assert _count(again, "prechecks") == 0
    # files stored less than the grace ago stay until a later sweep (a request may be about
    # to use them); the moved clock above shows them deleted once the grace is over
    assert all(again.gate.store.has(f.sha256) for f in row.files)


def test_a_full_queue_refuses_prechecks_as_it_refuses_submissions(tmp_path: Path) -> None:
    e = make_env(tmp_path, max_files=3, max_checks=0, max_queue=2, retry_after_seconds=7)
    with e.client:
        many = {f"f{i}.pptx": b"x" for i in range(4)}
        resp = _precheck(e.client, e.auth("roads"), many)
        assert resp.status_code == 413
        assert resp.json()["error"]["code"] == "error.too_many_files"
        # one queue: submissions and pre-checks wait in one line
        first = e.submit("roads", non_compliant_item())
        assert first.json()["check"] == {"state": "queued", "position": 1}
        ids = []
        for n in range(2):
            resp = _precheck(e.client, e.auth("roads"), non_compliant_item())
            assert resp.status_code == 202, resp.text
            assert resp.json()["check"] == {"state": "queued", "position": n + 2}
            ids.append(resp.json()["id"])
        resp = _precheck(e.client, e.auth("roads"), non_compliant_item())
        assert resp.status_code == 503
        assert resp.headers["retry-after"] == "7"
        assert resp.json()["error"]["code"] == "error.busy"
        assert e.submit("roads", non_compliant_item()).status_code == 503  # the same limit
        # the form's "Check only" is answered the same way, as a page
        csrf = e.login("roads")
        form = e.client.post("/checks?lang=en", data={"csrf": csrf},
                             files=_multipart(non_compliant_item()))
        assert form.status_code == 503 and form.headers["retry-after"] == "7"
        assert "The queue of checks is full" in form.text
        # and so is "submit these files" from a pre-check's page: nothing is registered
        again = e.client.post(f"/checks/{ids[0]}/submit?lang=en",
                              data={"csrf": csrf, "meeting_date": MEETING, "item": "1"})
        assert again.status_code == 503 and again.headers["retry-after"] == "7"
        assert len(e.gate.register.submissions()) == 1  # the first one only
        assert _count(e, "prechecks") == 2
        report = e.client.get(f"/api/v1/checks/{ids[0]}/report", headers=e.auth("roads"))
        assert report.status_code == 409
        assert report.json()["error"]["code"] == "error.not_checked"
        page = e.client.get(f"/api/v1/checks/{ids[1]}", headers=e.auth("roads")).json()
        assert page["check"] == {"state": "queued", "position": 3}


def _csrf(text: str) -> str:
    found = re.search(r'name="csrf" value="([^"]*)"', text)
    assert found
    return html.unescape(found[1])


def test_check_only_from_the_form_then_submit_the_same_files(env: Env) -> None:
    csrf = env.login("roads")
    form = env.client.get("/submit?lang=en").text
    assert 'formaction="/checks"' in form and ">Check only</button>" in form
    files = _sample()
    # the form's CSRF token is required, as on every form
    refused = env.client.post("/checks", data={"meeting_date": MEETING, "item": "",
                                               "csrf": "wrong"}, files=_multipart(files))
    assert refused.status_code == 403
    assert _count(env, "prechecks") == 0
    resp = env.client.post("/checks", data={"meeting_date": MEETING, "item": "",
                                            "csrf": csrf},
                           files=_multipart(files), follow_redirects=False)
    assert resp.status_code == 303, resp.text
    url = resp.headers["location"]
    assert re.fullmatch(r"/checks/[0-9a-f]{24}", url)
    deadline = time.monotonic() + 120
    while True:
        page = env.client.get(f"{url}?lang=ru")
        assert page.status_code == 200
        assert "НЕ поданы" in page.text  # it says plainly it was not submitted
        if 'data-state="done"' in page.text:
            break
        assert 'http-equiv="refresh"' in page.text  # refreshes itself while it waits
        assert time.monotonic() < deadline
        time.sleep(0.2)
    assert 'http-equiv="refresh"' not in page.text
    assert "<code>SLD001</code>" in page.text and "<code>PKG002</code>" in page.text
    assert f'href="{url}/report.json?lang=ru"' in page.text
    assert env.client.get(f"{url}/report.text?lang=ru").status_code == 200
    assert env.gate.register.submissions() == []
    # another body's session gets 404 for the page
    other = TestClient(env.client.app, base_url="http://127.0.0.1",
                       headers={"Origin": "http://127.0.0.1"})  # a second browser
    login(other, env.tokens["health"])
    assert other.get(url).status_code == 404
    assert other.get(f"{url}/report.json").status_code == 404
    # submit the same files for real, without choosing them again
    csrf = _csrf(page.text)
    item_id = env.item_id("roads", MEETING, "1. Ремонт дорог")
    done = env.client.post(f"{url}/submit", data={"item_id": item_id, "csrf": csrf},
                           follow_redirects=False)
    assert done.status_code == 303, done.text
    sid = done.headers["location"].rsplit("/", 1)[-1]
    row = env.gate.register.submission(sid)
    pid = url.rsplit("/", 1)[-1]
    pre = load_precheck(env.gate.register, pid)
    assert row is not None and pre is not None
    assert row.version == 1 and row.item_id == item_id and row.item == "Ремонт дорог"
    assert row.item_number == "1"
    assert [(f.name, f.sha256) for f in row.files] == [(f.name, f.sha256) for f in pre.files]
    assert row.package_sha256 == pre.package_sha256
    body = env.checked(sid, "roads")
    assert _keys(body["report"]) == _keys(env.client.get(
        f"/api/v1/checks/{pid}", headers=env.auth("roads")).json()["report"])


@pytest.mark.slow
def test_two_gate_processes_share_the_prechecks_queue(tmp_path: Path, pg_fresh: str) -> None:
    """A gate that only receives (``--max-checks 0``) queues pre-checks; the other gate,
    sharing its PostgreSQL register, checks them; either serves them to their body only."""
    import httpx2

    from tests.gate.server import add_token, start_server

    data = tmp_path / "data"
    data.mkdir()
    roads = add_token(data, "Отдел дорог", "submitter", "--database", pg_fresh)
    staff = add_token(data, "Аппарат", "apparatus", "--database", pg_fresh)
    receiver = start_server(data, "--database", pg_fresh, "--max-checks", "0")
    checker = start_server(data, "--database", pg_fresh, "--max-checks", "2")
    auth = {"Authorization": f"Bearer {roads}"}
    try:
        ids = []
        for _ in range(4):
            resp = httpx2.post(f"{receiver.url}/api/v1/checks", headers=auth, timeout=60,
                               data={"meeting_date": MEETING},
                               files=_multipart(non_compliant_item()))
            assert resp.status_code == 202, resp.text
            ids.append(resp.json()["id"])
        for server in (receiver, checker):
            with httpx2.Client(base_url=server.url, timeout=30) as client:
                for pid in ids:
                    body = _wait(client, pid, auth)
                    assert body["check"]["verdict"] == "return-for-correction"
                    assert "SLD001" in {k[0] for k in _keys(body["report"])}
                    other = client.get(f"/api/v1/checks/{pid}",
                                       headers={"Authorization": f"Bearer {staff}"})
                    assert other.status_code == 404
                assert client.get("/api/v1/submissions", headers={
                    "Authorization": f"Bearer {staff}"}).json() == {"submissions": []}
        import psycopg

        with psycopg.connect(pg_fresh) as conn:
            rows = conn.execute("SELECT kind, state, attempts, owner FROM checks").fetchall()
        assert len(rows) == 4
        assert all(k == "precheck" and s == "done" and a == 1 for k, s, a, _ in rows), rows
        assert {int(o.split(":")[1]) for *_, o in rows} == {checker.proc.pid}
    finally:
        receiver.stop()
        checker.stop()


def test_precheck_calls_need_a_token_and_are_described(env: Env) -> None:
    assert env.client.post("/api/v1/checks", files=_multipart(non_compliant_item())
                           ).status_code == 401
    assert env.client.get("/api/v1/checks/abc").status_code == 401
    assert env.client.get("/api/v1/checks/abc", headers=env.auth("roads")).status_code == 404
    # a state-changing call with a session cookie and no token is refused, as for submissions
    env.login("roads")
    assert env.client.post("/api/v1/checks", files=_multipart(non_compliant_item())
                           ).status_code == 401
    assert _count(env, "prechecks") == 0
    doc = env.client.get("/api/v1/openapi.json", headers=env.auth("roads")).json()
    assert "post" in doc["paths"]["/api/v1/checks"]
    assert "get" in doc["paths"]["/api/v1/checks/{pid}"]
    assert "format" in {p["name"] for p in
                        doc["paths"]["/api/v1/checks/{pid}/report"]["get"]["parameters"]}
    # extraordinary needs the meeting's date
    resp = _precheck(env.client, env.auth("roads"), non_compliant_item(), extraordinary="true")
    assert resp.status_code == 400
    assert resp.json()["error"]["code"] == "error.meeting_date"
