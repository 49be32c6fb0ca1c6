"""Access, limits and output safety of the gate."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from tests.gate.conftest import Env, make_env
from tests.gate.packages import compliant_item, non_compliant_item
from validator.gate.auth import hash_token

MEETING = "2030-03-05"


def _files(files: dict[str, bytes]) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("file", (n, d, "application/octet-stream")) for n, d in files.items()]


def _submit(env: Env, who: str, files: dict[str, bytes], item: str = "1") -> dict:
    resp = env.submit(who, files, MEETING, item)
    assert resp.status_code == 202, resp.text
    return env.checked(resp.json()["id"], who)


def test_no_token_is_401_everywhere(env: Env) -> None:
    for method, url in (("GET", "/api/v1/submissions"), ("POST", "/api/v1/submissions"),
                        ("GET", "/api/v1/meetings"), ("GET", "/api/v1/rules"),
                        ("GET", "/api/v1/openapi.json"), ("GET", "/api/v1/submissions/x"),
                        ("GET", "/api/v1/submissions/x/report")):
        resp = env.client.request(method, url)
        assert resp.status_code == 401, url
        assert resp.headers["www-authenticate"] == "Bearer"
        wrong = env.client.request(method, url, headers={"Authorization": "Bearer 00.xx"})
        assert wrong.status_code == 401, url
    # a right id with a wrong secret is refused too
    token_id = env.tokens["roads"].split(".")[0]
    forged = env.client.get("/api/v1/submissions",
                            headers={"Authorization": f"Bearer {token_id}.forged"})
    assert forged.status_code == 401
    # pages send the anonymous visitor to the login form
    page = env.client.get("/submit", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/login"


def test_other_bodys_submission_is_404(env: Env) -> None:
    sid = _submit(env, "roads", non_compliant_item())["id"]
    for url in (f"/api/v1/submissions/{sid}", f"/api/v1/submissions/{sid}/report",
                f"/api/v1/submissions/{sid}/report?format=text"):
        other = env.client.get(url, headers=env.auth("health"))
        missing = env.client.get(url.replace(sid, "0" * 24), headers=env.auth("health"))
        assert other.status_code == 404 == missing.status_code
        assert other.json() == missing.json()  # indistinguishable from a missing one
        assert env.client.get(url, headers=env.auth("roads")).status_code == 200
        assert env.client.get(url, headers=env.auth("staff")).status_code == 200
    meeting = env.client.get(f"/api/v1/meetings/{MEETING}", headers=env.auth("health")).json()
    assert meeting["items"] == []
    # the page too: a session of another body gets 404
    env.login("health")
    assert env.client.get(f"/submissions/{sid}").status_code == 404
    # and the meeting pages are for the apparatus only
    assert env.client.get("/meetings").status_code == 403


def test_tokens_are_stored_hashed(env: Env) -> None:
    db = env.config.data / "register.sqlite3"
    rows = sqlite3.connect(db).execute("SELECT token_id, token_hash FROM tokens").fetchall()
    assert len(rows) == 3
    stored = {h for _, h in rows}
    for token in env.tokens.values():
        assert hash_token(token) in stored
        secret = token.split(".", 1)[1].encode()
        for f in env.config.data.rglob("*"):
            if f.is_file():
                assert secret not in f.read_bytes(), f


B = "gateboundary"


def _raw_multipart(filename: str) -> bytes:
    """A multipart body with ``filename`` sent byte for byte (no client-side escaping)."""
    parts = [
        f'--{B}\r\nContent-Disposition: form-data; name="meeting_date"\r\n\r\n{MEETING}\r\n',
        f'--{B}\r\nContent-Disposition: form-data; name="item"\r\n\r\n1\r\n',
        f'--{B}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        f"Content-Type: application/octet-stream\r\n\r\nx\r\n",
        f"--{B}--\r\n",
    ]
    return "".join(parts).encode("utf-8")


def test_path_traversal_in_file_names(env: Env) -> None:
    data = compliant_item()
    files = {
        "../../../../tmp/evil_Қаулы_жобасы_қаз.docx": data["Қаулы_жобасы_қаз.docx"],
        "..\\..\\evil2.pptx": data["Таныстырылым_қаз.pptx"],
    }
    body = _submit(env, "roads", files)
    names = sorted(f["name"] for f in body["receipt"]["files"])
    assert names == ["evil2.pptx", "evil_Қаулы_жобасы_қаз.docx"]
    assert not Path("/tmp/evil_Қаулы_жобасы_қаз.docx").exists()
    assert not (env.config.data.parent / "evil2.pptx").exists()
    paths = [fr["path"] for p in body["report"]["packages"] for fr in p["files"]]
    assert sorted(paths) == ["evil2.pptx", "evil_Қаулы_жобасы_қаз.docx"]
    for bad in ("..", "../", "/", ".hidden.docx", "a\x1bb.docx", "x\x7fy.pptx"):
        resp = env.client.post(
            "/api/v1/submissions", content=_raw_multipart(bad),
            headers={**env.auth("roads"), "Content-Type": f"multipart/form-data; boundary={B}"})
        assert resp.status_code == 400, bad
        assert resp.json()["error"]["code"] == "error.file_name", bad
    # nothing left in the temporary folder
    assert list((env.config.data / "tmp").glob("req-*")) == []


def test_oversized_request_is_413(tmp_path: Path) -> None:
    e = make_env(tmp_path, max_request_bytes=200_000)
    with e.client:
        big = {"big.pptx": b"\0" * 1_400_000}
        resp = e.submit("roads", big, MEETING, "1")
        assert resp.status_code == 413
        # between the package limit and the body limit: refused by the gate's own count
        medium = {"medium.pptx": b"\0" * 300_000}
        resp = e.submit("roads", medium, MEETING, "1")
        assert resp.status_code == 413
        assert resp.json()["error"]["code"] == "error.too_large"
        assert e.gate.register.submissions() == []
        assert list((e.config.data / "tmp").glob("req-*")) == []


def test_too_many_files_and_a_full_queue(tmp_path: Path) -> None:
    # No worker in this process: what is queued stays queued.
    e = make_env(tmp_path, max_files=3, max_checks=0, max_queue=2, retry_after_seconds=7)
    with e.client:
        many = {f"f{i}.pptx": b"x" for i in range(4)}
        resp = e.submit("roads", many, MEETING, "1")
        assert resp.status_code == 413
        assert resp.json()["error"]["code"] == "error.too_many_files"
        # up to the queue's limit every submission is received (202) and waits its turn
        ids = []
        for n in range(3):
            resp = e.submit("roads", non_compliant_item(), MEETING, "1")
            assert resp.status_code == 202, resp.text
            assert resp.json()["check"] == {"state": "queued", "position": n + 1}
            ids.append(resp.json()["id"])
        # more than --max-queue packages wait: 503 with Retry-After, nothing registered
        resp = e.submit("roads", non_compliant_item(), MEETING, "1")
        assert resp.status_code == 503
        assert resp.headers["retry-after"] == "7"
        assert resp.json()["error"]["code"] == "error.busy"
        assert sorted(r.id for r in e.gate.register.submissions()) == sorted(ids)
        # a queued check has no report yet
        report = e.client.get(f"/api/v1/submissions/{ids[0]}/report", headers=e.auth("roads"))
        assert report.status_code == 409
        assert report.json()["error"]["code"] == "error.not_checked"


def test_script_in_file_name_is_rendered_as_text(env: Env) -> None:
    name = "<img src=x onerror=alert(1)>&<script>alert(2).pptx"
    data = compliant_item()["Таныстырылым_қаз.pptx"]
    body = _submit(env, "roads", {name: data}, item="<b>bold</b> item")
    env.login("staff")
    for url in (f"/submissions/{body['id']}", f"/meetings/{MEETING}", "/submit"):
        page = env.client.get(url)
        assert page.status_code == 200
        html = page.text
        assert "<script>" not in html and "<img" not in html and "<b>bold" not in html
        assert "&lt;b&gt;bold&lt;/b&gt; item" in html
        assert page.headers["content-security-policy"].startswith("default-src 'none'")
        assert "script-src" not in page.headers["content-security-policy"]
        assert page.headers["cache-control"] == "no-store"
    page = env.client.get(f"/submissions/{body['id']}").text
    assert "&lt;img src=x onerror=alert(1)&gt;&amp;&lt;script&gt;alert(2).pptx" in page


def test_session_cookie_flags_and_language(env: Env) -> None:
    form = env.client.get("/login")
    csrf = re.search(r'name="csrf" value="([^"]*)"', form.text)
    assert csrf
    bad = env.client.post("/login", data={"token": "nope", "csrf": csrf[1]})
    assert bad.status_code == 401
    csrf = re.search(r'name="csrf" value="([^"]*)"', bad.text)
    assert csrf
    resp = env.client.post("/login", data={"token": env.tokens["roads"], "csrf": csrf[1]},
                           follow_redirects=False)
    assert resp.status_code == 303
    cookie = resp.headers["set-cookie"]
    assert "HttpOnly" in cookie and re.search("SameSite=strict", cookie, re.I)
    assert env.tokens["roads"] not in cookie
    assert env.tokens["roads"].split(".")[1] not in cookie
    page = env.client.get("/submit")
    assert page.status_code == 200 and "Отдел дорог" in page.text
    switched = env.client.get("/lang/ru?next=/submit", follow_redirects=False)
    assert switched.headers["location"] == "/submit"
    assert 'lang="ru"' in env.client.get("/submit").text
    assert "Внести материалы" in env.client.get("/submit").text
    env.client.get("/lang/en?next=https://evil.example/")
    assert 'lang="en"' in env.client.get("/submit").text
    outside = env.client.get("/lang/kk?next=//evil.example/", follow_redirects=False)
    assert outside.headers["location"] == "/submit"
    # a tampered session cookie is not a session (replacing the real one, whatever the
    # client's cookie jar would do with two cookies of one name)
    env.client.cookies.clear()
    env.client.cookies.set("gate_session", "abc.9999999999.00")
    assert env.client.get("/submit", follow_redirects=False).status_code == 303


def test_bad_fields_are_400(env: Env) -> None:
    """The free meeting date and item (the apparatus's, for a meeting without an agenda)."""
    files = _files(non_compliant_item())
    for data, code in (({"meeting_date": "5 March", "item": "1"}, "error.meeting_date"),
                       ({"meeting_date": "2030-02-30", "item": "1"}, "error.meeting_date"),
                       ({"meeting_date": MEETING, "item": "  "}, "error.item"),
                       ({"meeting_date": MEETING, "item": "x" * 201}, "error.item")):
        resp = env.client.post("/api/v1/submissions", headers=env.auth("staff"), data=data,
                               files=files)
        assert resp.status_code == 400, data
        assert resp.json()["error"]["code"] == code
    same = [("file", ("a.pptx", b"1", "x")), ("file", ("dir/a.pptx", b"2", "x"))]
    resp = env.client.post("/api/v1/submissions", headers=env.auth("staff"),
                           data={"meeting_date": MEETING, "item": "1"}, files=same)
    assert resp.status_code == 400
    assert resp.json()["error"]["code"] == "error.duplicate_name"
    resp = env.client.post("/api/v1/submissions", headers=env.auth("staff"),
                           data={"meeting_date": MEETING, "item": "1"})
    assert resp.status_code == 400
    assert resp.json()["error"]["code"] == "error.no_files"
    ru = env.client.post("/api/v1/submissions?lang=ru", headers=env.auth("staff"),
                         data={"meeting_date": "x", "item": "1"}, files=files)
    assert ru.json()["error"]["message"] == "Укажите дату заседания в виде ГГГГ-ММ-ДД."
    assert env.gate.register.submissions() == []
