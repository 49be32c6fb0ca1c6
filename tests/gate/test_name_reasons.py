"""Why a file name is refused is said in the request's language, wholly: the API's message
(submissions and pre-checks) and the submission form's page carry each reason as a text of
the gate's catalogue in kk, ru and en, and the API's error names the reason by its key; the
code stays ``error.file_name``."""

from __future__ import annotations

import html
import re

import pytest

from tests.gate.conftest import Env
from tests.gate.test_security import B, _raw_multipart
from validator.gate.i18n import Phrase, text
from validator.gate.names import MAX_NAME_BYTES, MAX_NAME_CHARS, NameError_, safe_name

#: A refused name and the key of its reason.
REFUSED = [
    (".hidden.docx", "error.file_name.hidden"),
    ("a\x1bb.docx", "error.file_name.control"),
    ("Доклад\u202e.pptx", "error.file_name.control"),
    ("..", "error.file_name.empty"),
    ("x" * (MAX_NAME_CHARS + 1) + ".docx", "error.file_name.too_long"),
    ("Я" * (MAX_NAME_BYTES // 2 + 1) + ".docx", "error.file_name.too_long"),
]
LIMITS = {"chars": MAX_NAME_CHARS, "letters": MAX_NAME_BYTES // 2}


def latin_words(value: str) -> list[str]:
    """The words of ``value`` written in Latin letters (none belong in kk or ru words)."""
    return re.findall(r"[A-Za-z][A-Za-z0-9.-]*[A-Za-z0-9]", value)


def expected(lang: str, key: str) -> str:
    args = LIMITS if key.endswith("too_long") else {}
    return text(lang, "error.file_name", reason=Phrase(key, args))


@pytest.mark.parametrize(("name", "key"), REFUSED)
def test_each_reason_is_a_text_of_the_catalogue(name: str, key: str) -> None:
    with pytest.raises(NameError_) as refused:
        safe_name(name)
    assert refused.value.phrase.key == key
    for lang in ("kk", "ru"):
        message = text(lang, "error.file_name", reason=refused.value.phrase)
        assert message == expected(lang, key)
        assert not latin_words(message), (lang, message)
    english = text("en", "error.file_name", reason=refused.value.phrase)
    assert english.startswith("A file name cannot be used: ") and english.endswith(".")
    if key.endswith("too_long"):  # the limits are said, in characters and Cyrillic letters
        for lang in ("kk", "ru", "en"):
            message = text(lang, "error.file_name", reason=refused.value.phrase)
            assert str(MAX_NAME_CHARS) in message and str(MAX_NAME_BYTES // 2) in message


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_the_api_says_why_in_the_request_language(env: Env, lang: str) -> None:
    for name, key in REFUSED:
        for path in ("/api/v1/submissions", "/api/v1/checks"):
            resp = env.client.post(
                f"{path}?lang={lang}", content=_raw_multipart(name),
                headers={**env.auth("staff"),
                         "Content-Type": f"multipart/form-data; boundary={B}"})
            assert resp.status_code == 400, (path, name, resp.text)
            error = resp.json()["error"]
            assert error["code"] == "error.file_name"  # unchanged: clients rely on it
            assert error["reason"] == key, (path, name)
            assert error["message"] == expected(lang, key), (path, name)
            if lang != "en":
                assert not latin_words(error["message"]), error["message"]
    assert env.gate.register.submissions() == []


def test_the_form_page_says_why_in_the_page_language(env: Env) -> None:
    csrf = env.login("staff")
    for lang in ("ru", "kk"):
        page = env.client.post(
            f"/submit?lang={lang}",
            data={"csrf": csrf, "meeting_date": "2030-03-05", "item": "1. Дороги"},
            files=[("file", (".hidden.docx", b"x", "application/octet-stream"))])
        assert page.status_code == 400
        shown = re.search(r'<p class="error" id="error" role="alert">([^<]*)</p>', page.text)
        assert shown, page.text
        assert html.unescape(shown[1]) == expected(lang, "error.file_name.hidden")
        assert not latin_words(shown[1]), shown[1]
