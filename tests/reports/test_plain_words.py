"""Roles and the reasons for them read in the report's language: no English role names or
"file name:" in a Kazakh or Russian text or HTML report."""

from __future__ import annotations

import pytest

from validator.api import check
from validator.reports import renderer
from validator.reports.common import role_reason_text, role_text


@pytest.fixture(scope="module")
def report():  # type: ignore[no-untyped-def]
    return check("samples/compliant-item", isolate=False)


@pytest.mark.parametrize(("reason", "lang", "expected"), [
    ("file name: 'Анықтама'", "kk", "файл атауы: «Анықтама»"),
    ("file type: .pptx", "ru", "тип файла: .pptx"),
    ("first heading: 'СПРАВКА'", "ru", "первый заголовок: «СПРАВКА»"),
    ("line 3: 'Қаулы жобасы'", "kk", "3-жол: «Қаулы жобасы»"),
    ("document title: 'Report'", "en", "document title: «Report»"),
    ("no role named in the file name, title or first lines", "kk",
     "рөлі файл атауында да, құжат атауында да, алғашқы жолдарда да аталмаған"),
    ("something new", "ru", "something new"),
])
def test_role_reasons_in_words(reason: str, lang: str, expected: str) -> None:
    assert role_reason_text(reason, lang) == expected


def test_role_names() -> None:
    assert role_text("draft-resolution", "kk") == "қаулы жобасы"
    assert role_text("participant-list", "ru") == "список участников"
    assert role_text("unknown-role", "ru") == "unknown-role"


@pytest.mark.parametrize("fmt", ["text", "html"])
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_no_english_role_words(report, fmt: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    text = renderer(fmt)(report, lang)
    for english in ("reference", "draft-resolution", "participant-list", "file name:",
                    "file type:", "presentation ("):
        assert english not in text, english
    assert ("анықтама" if lang == "kk" else "справка") in text
