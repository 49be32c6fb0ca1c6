"""The page language: the browser's Accept-Language (q-values) until the user chooses one,
then the choice; error pages (404, 403, 405, 413, 500) as full pages in that language with a
way back; the language chooser page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from tests.gate.conftest import Env, make_env
from validator.gate.app import create_app
from validator.gate.i18n import text
from validator.gate.language import accepted

HEADINGS = {"kk": "Кіру", "ru": "Войти", "en": "Sign in"}


@pytest.mark.parametrize(("header", "expected"), [
    ("kk", ["kk"]),
    ("ru", ["ru"]),
    ("en", ["en"]),
    ("kk-KZ,ru;q=0.8", ["kk", "ru"]),
    ("en;q=0.5, ru", ["ru", "en"]),
    ("de-DE,de;q=0.9,en-US;q=0.8,ru;q=0.7", ["en", "ru"]),
    ("RU-ru;q=0.9, EN;q=0.9", ["ru", "en"]),  # a tie keeps the header's order
    ("ru;q=0, en", ["en"]),  # q=0 refuses
    ("fr, *;q=0.1", ["kk"]),  # any language: the default
    ("", []),
    (";;;,,,q=1;", []),
    ("ru;q=abc, en;q=2, kk;q=0.3", ["kk"]),  # malformed q-values count as absent
    ("\x00\xff garbage ☃", []),
    ("ru," * 5000, ["ru"]),
])
def test_accept_language_ranks_the_gate_languages(header: str, expected: list[str]) -> None:
    assert accepted(header) == expected


def _lang(html: str) -> str:
    found = re.search(r'<html lang="([a-z]+)">', html)
    assert found, html[:200]
    return found[1]


@pytest.mark.parametrize(("header", "lang"), [
    ("kk", "kk"), ("ru", "ru"), ("en", "en"), ("kk-KZ,ru;q=0.8", "kk"),
    ("en-GB,en;q=0.9,ru;q=0.8", "en"), ("ru-RU,ru;q=0.9,kk;q=0.8", "ru"),
    ("x-klingon;q=1.0, %%%", "kk"), (None, "kk"),
])
def test_a_page_follows_the_browser_until_a_language_is_chosen(env: Env, header: str | None,
                                                             lang: str) -> None:
    headers = {"Accept-Language": header} if header is not None else {}
    page = env.client.get("/login", headers=headers)
    assert page.status_code == 200
    assert _lang(page.text) == lang
    assert f"<h1>{HEADINGS[lang]}</h1>" in page.text
    assert "Accept-Language" in page.headers["vary"]


def test_the_users_choice_wins_over_the_browser(env: Env) -> None:
    env.client.get("/lang/ru")
    page = env.client.get("/login", headers={"Accept-Language": "en"})
    assert _lang(page.text) == "ru"
    # ?lang= on a link (the report downloads) wins over both
    page = env.client.get("/login?lang=kk", headers={"Accept-Language": "en"})
    assert _lang(page.text) == "kk"
    # a code the gate does not have is no choice: the browser's language again
    env.client.cookies.clear()
    env.client.get("/lang/de")
    assert _lang(env.client.get("/login", headers={"Accept-Language": "en"}).text) == "en"


def test_api_errors_follow_the_browser_language_too(env: Env) -> None:
    resp = env.client.get("/api/v1/submissions", headers={"Accept-Language": "en-US,en"})
    assert resp.status_code == 401
    assert resp.json()["error"]["message"] == "Sign in with an access token."
    resp = env.client.get("/api/v1/submissions", headers={"Accept-Language": "ru;q=0.9"})
    assert resp.json()["error"]["message"] == "Войдите с токеном доступа."


def test_the_language_chooser_page(env: Env) -> None:
    page = env.client.get("/lang?next=/submit", headers={"Accept-Language": "ru"})
    assert page.status_code == 200 and _lang(page.text) == "ru"
    assert "<h1>Выберите язык</h1>" in page.text
    for code, name in (("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")):
        assert (f'<a href="/lang/{code}?next=/submit" hreflang="{code}" lang="{code}"'
                in page.text), code
        assert name in page.text
    # a foreign "next" is never followed
    page = env.client.get("/lang?next=//evil.example/")
    assert "evil.example" not in page.text


def _is_full_page(html: str, lang: str, heading_key: str, back: str) -> None:
    assert _lang(html) == lang
    assert "<main" in html and "<header>" in html
    assert f"<h1>{text(lang, heading_key)}</h1>" in html
    assert 'id="error"' in html
    assert f'href="{back}"' in html


def test_an_unknown_address_is_a_page_in_the_users_language(env: Env) -> None:
    page = env.client.get("/nowhere", headers={"Accept-Language": "ru"})
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    _is_full_page(page.text, "ru", "ux.status.404", "/login")
    assert text("ru", "ux.back_login") in page.text
    assert "content-security-policy" in page.headers
    api = env.client.get("/api/v1/nowhere", headers={"Accept-Language": "en"})
    assert api.status_code == 404
    assert api.json()["error"]["code"] == "error.not_found"
    # a signed-in user is led back to the form, in the chosen language
    env.login("roads")
    env.client.get("/lang/kk")
    page = env.client.get("/submissions/0123456789abcdef01234567")
    assert page.status_code == 404
    _is_full_page(page.text, "kk", "ux.status.404", "/submit")
    assert text("kk", "ux.back_submit") in page.text


def test_forbidden_and_wrong_method_pages(env: Env) -> None:
    env.login("roads")
    page = env.client.get("/meetings", headers={"Accept-Language": "en"})
    assert page.status_code == 403
    _is_full_page(page.text, "en", "ux.status.403", "/submit")
    page = env.client.post("/submissions/x", headers={"Accept-Language": "ru"})
    assert page.status_code == 405
    _is_full_page(page.text, "ru", "ux.status.405", "/submit")


def test_413_page_is_full_and_localised_with_the_user_signed_in(tmp_path: Path) -> None:
    e = make_env(tmp_path, max_request_bytes=100_000)
    with e.client:
        csrf = e.login("roads")
        big = [("file", ("big.pptx", b"\0" * 1_300_000, "application/octet-stream"))]
        page = e.client.post("/submit", data={"meeting_date": "2030-03-05", "item": "1",
                                              "csrf": csrf}, files=big,
                             headers={"Accept-Language": "kk-KZ"})
        assert page.status_code == 413
        _is_full_page(page.text, "kk", "ux.status.413", "/submit")
        assert 'id="who">Отдел дорог<' in page.text


def test_a_server_fault_is_a_page_with_the_hardening_headers(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    e = make_env(tmp_path)
    client = TestClient(create_app(e.config, e.gate), base_url="http://127.0.0.1",
                        headers={"Origin": "http://127.0.0.1"}, raise_server_exceptions=False)
    with client:
        login_page = client.get("/login")
        assert login_page.status_code == 200

        def broken(*args: object) -> None:
            raise RuntimeError("/srv/secret/path exploded")

        monkeypatch.setattr(e.gate.register, "meetings", broken)
        from tests.gate.conftest import login

        login(client, e.tokens["staff"])
        page = client.get("/meetings", headers={"Accept-Language": "ru"})
        assert page.status_code == 500
        assert _lang(page.text) == "ru"
        assert f"<h1>{text('ru', 'ux.status.500')}</h1>" in page.text
        assert "/srv/secret" not in page.text and "RuntimeError" not in page.text
        assert "default-src 'none'" in page.headers["content-security-policy"]
        assert page.headers["cache-control"] == "no-store"
