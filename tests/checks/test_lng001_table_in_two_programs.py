"""LNG001 and LNG003: a participant list kept in Word in one language and in Excel in the
other is one material in two languages.

Both files had LNG001 ("no Russian version", "no Kazakh version"), two errors for a package
that holds both versions: the pairing kept documents and workbooks apart.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.checks.lang_docs import docx_with_table, findings, name, run, xlsx
from validator.core.findings import Verdict
from validator.language.pairing import PairCandidate, pair_documents

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
KK_ROWS = [["№", "Тегі, аты", "Лауазымы", "Телефоны"],
           ["1", "Әбенов Әсет", "қала әкімінің орынбасары", "8 7232 57 12 04"],
           ["2", "Құрманова Өмір", "білім бөлімінің басшысы", "8 7232 26 41 18"]]
RU_ROWS: list[list[str | float]] = [["№", "Фамилия, имя", "Должность", "Телефон"],
                                    [1, "Абенов Асет", "заместитель акима города",
                                     "8 7232 57 12 04"],
                                    [2, "Курманова Омир", "руководитель отдела образования",
                                     "8 7232 26 41 18"]]


def _item(tmp_path: Path, ru_rows: list[list[str | float]]) -> Path:
    item = tmp_path / "item"
    shutil.copytree(SAMPLES / "compliant-item", item)
    for stem in ("Қатысушылар_тізімі_қаз", "Список_участников_рус"):
        (item / f"{stem}.docx").unlink()
    docx_with_table(item / "Қатысушылар_тізімі_қаз.docx", "Қатысушылар тізімі", KK_ROWS)
    xlsx(item / "Список_участников_рус.xlsx", [["Список участников"], *ru_rows])
    return item


def test_a_list_in_word_and_in_excel_is_one_material(tmp_path: Path) -> None:
    report = run(_item(tmp_path, RU_ROWS))
    assert report.all_findings() == ()
    assert report.packages[0].verdict is Verdict.ACCEPT
    pairs = dict(report.packages[0].extra)["pairs"]
    assert {"kk": "Қатысушылар_тізімі_қаз.docx", "ru": "Список_участников_рус.xlsx"} in [
        {k: name(v) for k, v in p.items()} for p in pairs]


def test_their_figures_are_still_compared(tmp_path: Path) -> None:
    """The Russian list gives another telephone number: LNG003, as for two documents."""
    rows = [row[:] for row in RU_ROWS]
    rows[2][3] = "8 7232 26 41 19"
    report = run(_item(tmp_path, rows))
    (hit,) = findings(report, "LNG003")
    assert name(hit.file) == "Қатысушылар_тізімі_қаз.docx" and hit.unit == "figures"
    assert "has [18]" in hit.evidence and "sheet[1]/cell[D4] has [19]" in hit.evidence
    assert findings(report, "LNG001") == []


@pytest.mark.parametrize(("kk", "ru", "pairs"), [
    (("document", "participant-list"), ("spreadsheet", "participant-list"), True),
    (("spreadsheet", "comparison-table"), ("document", "comparison-table"), True),
    (("document", "reference"), ("spreadsheet", "reference"), False),  # not a table's role
    (("document", "participant-list"), ("spreadsheet", None), False),  # role unknown
    (("presentation", "participant-list"), ("document", "participant-list"), False),
])
def test_only_a_tables_document_and_workbook_pair(kk: tuple[str, str], ru: tuple[str, str | None],
                                                 pairs: bool) -> None:
    a = PairCandidate("Тізім_қаз.x", kk[0], "kk", kk[1])
    b = PairCandidate("Список_рус.y", ru[0], "ru", ru[1])
    pairing = pair_documents([a, b])
    assert [(p.kk.path, p.ru.path) for p in pairing.pairs] == ([(a.path, b.path)] if pairs
                                                              else [])
