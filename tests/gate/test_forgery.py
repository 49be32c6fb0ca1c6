"""Cross-site request forgery and sessions: the origin of every POST form, CSRF tokens,
server-side sessions that end at once on logout, re-login and token revocation."""

from __future__ import annotations

import re

from tests.gate.conftest import Env
from tests.gate.packages import non_compliant_item

MEETING = "2030-03-05"
FOREIGN = ("http://127.0.0.1:9999",  # another port of the same host: same site
           "http://evil.127.0.0.1",  # a sibling subdomain
           "null")  # a sandboxed page or a no-referrer redirect


def _files() -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("file", (n, d, "application/octet-stream"))
            for n, d in non_compliant_item().items()]


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]*)"', html)
    assert found, html
    return found[1]


def test_every_form_refuses_a_foreign_origin(env: Env) -> None:
    item_id = env.item_id("roads", MEETING, "1. Дороги")
    csrf = env.login("roads")
    cookie = env.client.cookies.get("gate_session")
    forms = (
        ("/submit", {"item_id": item_id, "csrf": csrf}, _files()),
        ("/logout", {"csrf": csrf}, None),
        ("/login", {"token": env.tokens["health"], "csrf": "x"}, None),
    )
    for origin in FOREIGN:
        for path, data, files in forms:
            resp = env.client.post(path, data=data, files=files, headers={"Origin": origin},
                                   follow_redirects=False)
            assert resp.status_code == 403, (origin, path)
            assert resp.headers["content-type"].startswith("text/html")
            assert 'id="error"' in resp.text
            assert "set-cookie" not in resp.headers  # no session made or ended
    # without Origin, the Referer decides; with neither, the form is refused too
    del env.client.headers["origin"]
    for headers in ({"Referer": "http://127.0.0.1:9999/page"}, {}):
        resp = env.client.post("/submit", data=forms[0][1], files=_files(), headers=headers)
        assert resp.status_code == 403
    # nothing was submitted, the victim is still signed in as before, the attacker is not
    assert env.gate.register.submissions() == []
    assert env.client.cookies.get("gate_session") == cookie
    page = env.client.get("/submit")
    assert page.status_code == 200 and "Отдел дорог" in page.text
    # the gate's own pages pass: Origin, or only a same-origin Referer
    resp = env.client.post("/submit", data=forms[0][1], files=_files(),
                           headers={"Referer": "http://127.0.0.1/submit"},
                           follow_redirects=False)
    assert resp.status_code == 303, resp.text
    assert len(env.gate.register.submissions()) == 1
    assert page.headers["referrer-policy"] == "same-origin"


def test_api_refuses_a_foreign_origin_in_its_own_language(env: Env) -> None:
    env.login("roads")
    # a cookie alone does not authorise a state-changing API call, whatever the origin
    resp = env.client.post("/api/v1/submissions?lang=ru", files=_files(),
                           data={"meeting_date": MEETING, "item": "x"})
    assert resp.status_code == 401
    resp = env.client.post("/api/v1/submissions?lang=ru", files=_files(),
                           data={"meeting_date": MEETING, "item": "x"},
                           headers={"Origin": "http://127.0.0.1:9999"})
    assert resp.status_code == 403
    assert resp.json()["error"]["code"] == "error.origin"
    assert "другого сайта" in resp.json()["error"]["message"]
    # a program with a token needs no CSRF token and no Origin; its cookies are not read
    env.client.cookies.clear()
    resp = env.client.post("/api/v1/submissions", files=_files(), headers={
        **env.auth("health"), "Origin": "http://127.0.0.1:9999",
        "Cookie": "gate_session=forged"}, data={"item_id": env.item_id("health", MEETING, "x")})
    assert resp.status_code == 202
    assert resp.json()["receipt"]["body"] == "Отдел здравоохранения"


def test_forms_need_their_csrf_token(env: Env) -> None:
    csrf = env.login("roads")
    for token in ("", "wrong", csrf[:-1]):
        resp = env.client.post("/submit", files=_files(), data={
            "meeting_date": MEETING, "item": "1", "csrf": token})
        assert resp.status_code == 403
        assert "The form has expired" in resp.text or "Форманың" in resp.text
    resp = env.client.post("/logout", data={"csrf": "wrong"}, follow_redirects=False)
    assert resp.status_code == 403
    assert env.client.get("/submit").status_code == 200  # still signed in
    assert env.gate.register.submissions() == []
    # the sign-in form's token is bound to this browser's nonce cookie
    env.client.cookies.clear()
    other = env.client.get("/login")
    stolen = _csrf(other.text)
    env.client.cookies.clear()
    env.client.cookies.set("gate_login", "attacker-nonce")
    resp = env.client.post("/login", data={"token": env.tokens["roads"], "csrf": stolen},
                           follow_redirects=False)
    assert resp.status_code == 403
    assert "gate_session" not in resp.headers.get("set-cookie", "")


def test_sessions_end_at_once(env: Env) -> None:
    csrf = env.login("roads")
    first = env.client.cookies.get("gate_session")
    assert first and env.tokens["roads"].split(".")[0] not in first  # no token id in it
    # signing in again issues a new session and ends the old one
    env.login("roads")
    second = env.client.cookies.get("gate_session")
    assert second and second != first
    env.client.cookies.clear()
    env.client.cookies.set("gate_session", first)
    assert env.client.get("/submit", follow_redirects=False).status_code == 303
    # logout: a copy of the cookie stops working at once
    env.client.cookies.clear()
    env.client.cookies.set("gate_session", second)
    csrf = _csrf(env.client.get("/submit").text)
    resp = env.client.post("/logout", data={"csrf": csrf}, follow_redirects=False)
    assert resp.status_code == 303 and resp.headers["location"] == "/login"
    env.client.cookies.clear()
    env.client.cookies.set("gate_session", second)
    assert env.client.get("/submit", follow_redirects=False).status_code == 303
    # revoking the token ends its sessions at once
    env.client.cookies.clear()
    env.login("health")
    assert env.client.get("/submit").status_code == 200
    assert env.gate.register.revoke_token(env.tokens["health"].split(".")[0])
    assert env.client.get("/submit", follow_redirects=False).status_code == 303
    # sessions are rows, and none is left: every one was ended or revoked
    with env.gate.register.transaction() as cur:
        cur.execute("SELECT COUNT(*) FROM sessions")
        assert cur.fetchone()[0] == 0
