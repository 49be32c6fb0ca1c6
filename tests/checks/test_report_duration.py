"""DOC002 report-duration on built reports: minutes measured, case and severity per band."""

from __future__ import annotations

from pathlib import Path

import pytest

from validator.api import check
from validator.core.findings import Severity, Status

from .docbuild import build_docx, write

WORD_RU = "доклада"   # 3 syllables
WORD_KK = "баяндама"  # 4 syllables


def _doc002(path: Path) -> list:
    return [f for f in check(path).all_findings() if f.code == "DOC002"]


@pytest.mark.parametrize(
    ("name", "words", "word", "expected"),
    [
        # 280 syllables a minute in both languages (the profile's rate)
        ("Доклад.docx", 300, WORD_RU, None),                       # 900 syl, 3.2 min
        ("Доклад.docx", 700, WORD_RU, ("band", 7.5, "info")),      # 2100 syl
        ("Доклад.docx", 1000, WORD_RU, ("over", 10.7, "error")),   # 3000 syl
        ("Баяндама.docx", 490, WORD_KK, None),                     # 1960 syl = 7.0 min exactly
        ("Баяндама.docx", 500, WORD_KK, ("band", 7.1, "info")),    # 2000 syl
        ("Баяндама.docx", 701, WORD_KK, ("over", 10.0, "error")),  # 2804 syl = 10.01 min
        ("Справка.docx", 1000, WORD_RU, None),                     # not a report
        ("dokl_ru.docx", 1000, WORD_RU, ("over", 10.7, "error")),  # transliterated name
    ],
)
def test_report_duration(tmp_path: Path, name: str, words: int, word: str,
                         expected: tuple[str, float, str] | None) -> None:
    text = " ".join([word] * words)
    path = write(tmp_path, name, build_docx([text[i:i + 500] for i in range(0, len(text), 500)]))
    found = _doc002(path)
    if expected is None:
        assert found == []
        return
    case, minutes, severity = expected
    assert len(found) == 1
    f = found[0]
    assert (f.measured, f.unit, f.severity) == (minutes, "min", Severity.parse(severity))
    assert f.threshold == (10.0 if case == "over" else 7.0)
    assert f.clause == "15.4"
    assert "280 per minute" in f.evidence
    # a decimal comma in Kazakh and Russian, a point in English; one decimal always
    shown = f"{minutes:.1f}"
    assert f"{shown.replace('.', ',')} мин" in f.message("ru")
    assert f"{shown.replace('.', ',')} мин" in f.message("kk")
    assert f"{shown} min" in f.message("en")


def test_headers_and_deleted_text_do_not_count(tmp_path: Path) -> None:
    body = " ".join([WORD_RU] * 600)  # 1800 syllables: 6.4 min, no finding
    path = write(tmp_path, "Доклад.docx",
                 build_docx([body, WORD_RU * 1], header=" ".join([WORD_RU] * 2000)))
    assert _doc002(path) == []


def test_a_report_without_text_needs_review(tmp_path: Path) -> None:
    path = write(tmp_path, "Доклад.docx", build_docx([]))
    (f,) = _doc002(path)
    assert f.status is Status.NEEDS_REVIEW
    assert f.measured is None
