"""LNG002: the language a file name declares against the language of its text."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.checks.lang_docs import KK_TEXT, RU_TEXT, docx, findings, run
from validator.core.findings import Severity


@pytest.mark.parametrize(
    ("filename", "paragraphs", "declared", "found"),
    [
        ("Анықтама_каз.docx", RU_TEXT, "kk", "ru"),  # Russian text in a Kazakh-named file
        ("Справка_рус.docx", KK_TEXT, "ru", "kk"),
        ("Справка_RU.docx", KK_TEXT, "ru", "kk"),
        ("Анықтама (қазақша).docx", RU_TEXT, "kk", "ru"),
        ("Справка_рус.docx", ["The programme received 3,250 million tenge in 2026 and the work "
                              "will continue next year in every district of the city."],
         "ru", "en"),
    ],
)
def test_mismatch_fires(tmp_path: Path, filename: str, paragraphs: list[str], declared: str,
                        found: str) -> None:
    path = docx(tmp_path / filename, paragraphs)
    hits = findings(run(path), "LNG002")
    assert len(hits) == 1
    hit = hits[0]
    assert hit.severity is Severity.ERROR and hit.clause == "15"
    assert hit.measured == 0.0 and hit.threshold == 0.5
    assert f"name marks {declared}" in hit.evidence
    names = {"kk": "Kazakh", "ru": "Russian", "en": "English"}
    if found in ("kk", "ru"):
        assert (f"marks the file as {names[declared]}, but its text is {names[found]}"
                in hit.message("en"))
        assert "по имени файл" in hit.message("ru") and "мәтіні" in hit.message("kk")
    else:
        # a language that is neither: named in words, as every language is in the messages
        assert (f"the name declares {names[declared]}, but the text is {names.get(found, found)}"
                in hit.message("en"))


@pytest.mark.parametrize(
    ("filename", "paragraphs"),
    [
        ("Анықтама_каз.docx", KK_TEXT),  # name and text agree
        ("Справка_рус.docx", RU_TEXT),
        ("Справка.docx", KK_TEXT),  # no marker: nothing to contradict
        ("structure_report.docx", KK_TEXT),  # "ru" inside a word is no marker
        ("Анықтама_каз.docx", ["Кіріспе", "Справка"]),  # too few words to judge
        ("Анықтама_каз.docx", KK_TEXT[:2] + RU_TEXT[2:3]),  # mostly Kazakh is enough
        ("Анықтама_каз.docx", KK_TEXT[:2] + RU_TEXT),  # mixed: kk 0.30, ru 0.70
    ],
)
def test_mismatch_silent(tmp_path: Path, filename: str, paragraphs: list[str]) -> None:
    path = docx(tmp_path / filename, paragraphs)
    assert findings(run(path), "LNG002") == []
