"""LNG002 and the file report on Kazakh in other alphabets, foreign scripts and mojibake."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.checks.lang_docs import KK_TEXT, docx, findings, run
from tests.language.scripts_text import to_arabic, to_latin_2018, to_latin_2021
from validator.core.findings import FileReport, Report
from validator.reports.text import render as render_text

PERSIAN = [
    "شورای شهر گزارش سالانه را بررسی کرد و بودجه سال آینده را تصویب نمود.",
    "زبان فارسی یکی از زبان‌های هندواروپایی است که در ایران و افغانستان به آن سخن می‌گویند.",
]
RUSSIAN = [
    "Справка о ходе исполнения поручений акима города за первое полугодие текущего года.",
    "Работы по подготовке объектов к отопительному сезону завершены в срок во всех районах.",
]


def _file(report: Report) -> FileReport:
    (pkg,) = report.packages
    (fr,) = pkg.files
    return fr


@pytest.mark.parametrize(
    ("convert", "script"),
    [(to_arabic, "arabic"), (to_latin_2021, "latin"), (to_latin_2018, "latin")],
)
def test_kazakh_in_another_alphabet_is_kk_and_not_a_mismatch(
    tmp_path: Path, convert: Callable[[str], str], script: str
) -> None:
    report = run(docx(tmp_path / "Анықтама_каз.docx", [convert(p) for p in KK_TEXT]))
    assert findings(report, "LNG002") == []
    fr = _file(report)
    assert (fr.language, fr.script) == ("kk", script)


def test_persian_is_undetermined_with_its_script_and_never_mismatched(tmp_path: Path) -> None:
    report = run(docx(tmp_path / "Анықтама_каз.docx", PERSIAN))
    assert findings(report, "LNG002") == []
    fr = _file(report)
    assert (fr.language, fr.script) == ("undetermined", "arabic")


@pytest.mark.parametrize(("written", "read_as"), [("utf-8", "cp1252"), ("utf-8", "cp1251"),
                                                  ("cp866", "cp1251")])
def test_mojibake_is_undetermined_and_never_mismatched(tmp_path: Path, written: str,
                                                       read_as: str) -> None:
    garbled = [p.encode(written).decode(read_as, errors="replace") for p in RUSSIAN]
    report = run(docx(tmp_path / "Анықтама_каз.docx", garbled))
    assert findings(report, "LNG002") == []
    assert _file(report).language == "undetermined"


def test_the_text_report_notes_a_script_other_than_cyrillic(tmp_path: Path) -> None:
    report = run(docx(tmp_path / "Анықтама_каз.docx", [to_latin_2021(p) for p in KK_TEXT]))
    assert "Kazakh, Latin script" in render_text(report, "en")
    assert "қазақ тілі, латын жазуы" in render_text(report, "kk")
    assert "казахский язык, латиница" in render_text(report, "ru")
    cyrillic = run(docx(tmp_path / "kk" / "Анықтама_каз.docx", KK_TEXT))
    assert "Kazakh, pages" in render_text(cyrillic, "en")
