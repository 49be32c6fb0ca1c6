"""Text in a wrong encoding (``Ñïðàâêà``): FIL002 when it is most of a file, LNG004 when a few
blocks of it stand among right text.

A Russian reference whose text had been imported in the wrong code page was "compliant" with its
language undetermined, and its Kazakh partner had an LNG003 error ("figures only in the Kazakh
text"): no word of it could be read, and a «ДСП» in it could never be found.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import docx as word
import pytest

from tests.checks.lang_docs import docx, findings
from tests.conftest import run
from validator.core.findings import Severity, Status, Verdict
from validator.core.outcome import exit_code
from validator.settings.options import Settings

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def wrong(text: str, written: str = "cp1251", read: str = "cp1252") -> str:
    return text.encode(written).decode(read, errors="replace")


def _garble(path: Path, written: str = "cp1251", read: str = "cp1252") -> None:
    document = word.Document(str(path))
    for paragraph in document.paragraphs:
        for run_ in paragraph.runs:
            run_.text = wrong(run_.text, written, read)
    document.save(str(path))


@pytest.mark.parametrize("settings", [Settings(), Settings(select=("SEC",)),
                                      Settings(ignore=("FIL002",))])
@pytest.mark.parametrize(("written", "read", "shown", "names"), [
    ("cp1251", "cp1252", "î ðåìîíòå", ("Windows-1251", "Windows-1252")),
    ("utf-8", "cp1251", "Рѕ СЂРµРјРѕРЅС‚Рµ", ("UTF-8", "Windows-1251")),
])
def test_a_reference_in_a_wrong_encoding_is_not_read(
        tmp_path: Path, settings: Settings, written: str, read: str, shown: str,
        names: tuple[str, str]) -> None:
    """The text quoted is the second paragraph: the title («СПРАВКА») is too short to say
    much."""
    item = tmp_path / "item"
    shutil.copytree(SAMPLES / "compliant-item", item)
    _garble(item / "Справка_рус.docx", written, read)
    report = run(item, settings=settings)
    [hit] = report.all_findings()
    assert (hit.code, hit.status, hit.severity, hit.not_read, hit.location.paragraph) == (
        "FIL002", Status.VIOLATION, Severity.ERROR, True, 2)
    assert hit.file.endswith("Справка_рус.docx")
    assert hit.message("ru").startswith(
        f"большая часть текста «Справка_рус.docx» записана в кодировке {names[0]}, а прочитана "
        f"как {names[1]}, поэтому ни одного слова в ней прочитать нельзя: «{shown}")
    assert "означает «о ремонте городских дорог" in hit.message("ru")
    assert report.packages[0].verdict is Verdict.RETURN_FOR_CORRECTION
    assert exit_code(report, Severity.ERROR) == 1


def test_a_few_blocks_in_a_wrong_encoding_are_one_lng004(tmp_path: Path) -> None:
    right = ["Отдел образования сообщает о ходе ремонта школ города в 2026 году."] * 4
    path = docx(tmp_path / "Справка_рус.docx",
                [*right, wrong("Ответственный исполнитель"), wrong("Телефон отдела")])
    report = run(path)
    assert findings(report, "FIL002") == []
    [hit] = findings(report, "LNG004")
    assert (hit.severity, hit.measured, hit.location.paragraph, hit.not_read) == (
        Severity.ERROR, 2, 5, False)
    assert "«Îòâåòñòâåííûé èñïîëíèòåëü» означает «Ответственный исполнитель»" in hit.message(
        "ru")
    assert report.packages[0].files[0].language == "ru"


def test_a_list_imported_into_excel_in_a_wrong_encoding_is_not_read(tmp_path: Path) -> None:
    """A participant list exported from another program as CSV and opened in Excel in the
    wrong code page, then saved as a workbook."""
    import openpyxl

    item = tmp_path / "item"
    shutil.copytree(SAMPLES / "compliant-item", item)
    (item / "Список_участников_рус.docx").unlink()
    book = openpyxl.Workbook()
    sheet = book.active
    for row in (("№", "Фамилия, имя, отчество", "Должность"),
                (1, "Иванов Иван Иванович", "руководитель отдела образования"),
                (2, "Петрова Анна Сергеевна", "главный специалист отдела")):
        sheet.append([wrong(v, "utf-8", "cp1251") if isinstance(v, str) else v for v in row])
    book.save(str(item / "Список_участников_рус.xlsx"))
    [hit] = run(item).all_findings()
    assert (hit.code, hit.severity, hit.not_read, hit.location.cell) == (
        "FIL002", Severity.ERROR, True, "B1")  # "№" is too short to quote
    assert "UTF-8" in hit.message("kk") and "Windows-1251" in hit.message("kk")
