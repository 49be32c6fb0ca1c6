"""FIL002: a Word document whose text is a picture (a signed page scanned and pasted into
Word, as offices often send it) is not a pass.

It was "compliant", its language undetermined, and its Kazakh partner had LNG003 "text only in
the Kazakh version": its text was never read, and a restriction marking on the scan was never
looked for.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx
import pytest
from docx.shared import Cm

from tests.conftest import run
from validator.core.findings import Severity, Status, Verdict
from validator.core.outcome import exit_code
from validator.settings.options import Settings

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _page() -> io.BytesIO:
    """A grey picture of an A4 page with lines on it, as a scanner gives it."""
    from PIL import Image, ImageDraw

    image = Image.new("L", (827, 1169), 250)
    draw = ImageDraw.Draw(image)
    for row in range(30):
        draw.rectangle((80, 100 + row * 32, 740 - row % 5 * 40, 112 + row * 32), fill=30)
    out = io.BytesIO()
    image.save(out, "PNG")
    out.seek(0)
    return out


def word(path: Path, text: str = "", pictures: int = 1) -> Path:
    document = docx.Document()
    if text:
        document.add_paragraph(text)
    for _ in range(pictures):
        document.add_picture(_page(), width=Cm(17))
    document.save(str(path))
    return path


@pytest.mark.parametrize("settings", [Settings(), Settings(select=("LNG",)),
                                      Settings(ignore=("FIL002",))])
def test_a_scan_pasted_into_word_is_not_a_pass(tmp_path: Path, settings: Settings) -> None:
    item = tmp_path / "item"
    shutil.copytree(SAMPLES / "compliant-item", item)
    word(item / "Справка_рус.docx", text="Справка")  # a caption, then the scanned page
    report = run(item, settings=settings)
    [hit] = report.all_findings()
    assert (hit.code, hit.status, hit.measured, hit.threshold) == (
        "FIL002", Status.NEEDS_REVIEW, 7, 40)
    assert hit.file.endswith("Справка_рус.docx")
    assert hit.message("ru").startswith("«Справка_рус.docx» содержит рисунок и почти не "
                                        "содержит текста")
    assert "«ДСП»" in hit.message("ru") and "құпиялық грифі" in hit.message("kk")
    assert report.packages[0].verdict is Verdict.NEEDS_REVIEW
    assert exit_code(report, Severity.ERROR) == 1


@pytest.mark.parametrize(("text", "pictures"), [
    ("Справка о ходе исполнения плана мероприятий на 2025 год, с фотографией объекта.", 1),
    ("", 0),  # an empty document: nothing pasted, nothing unread
])
def test_a_document_with_its_text_or_without_a_picture_is_read_as_it_is(
        tmp_path: Path, text: str, pictures: int) -> None:
    path = word(tmp_path / "Справка_рус.docx", text=text, pictures=pictures)
    assert [f for f in run(path).all_findings() if f.code == "FIL002"] == []


def test_a_letterheads_text_does_not_hide_the_scan_in_the_body(tmp_path: Path) -> None:
    path = word(tmp_path / "Справка_рус.docx")
    document = docx.Document(str(path))
    document.sections[0].header.paragraphs[0].text = (
        "Акимат города Усть-Каменогорска, отдел образования, ул. Казахстан, 52")
    document.save(str(path))
    [hit] = [f for f in run(path).all_findings() if f.code == "FIL002"]
    assert (hit.status, hit.measured) == (Status.NEEDS_REVIEW, 0)


def workbook(path: Path, cells: tuple[str, ...] = (), pictures: int = 1) -> Path:
    """A workbook with ``cells`` in its first column and the scanned page pasted beside."""
    import openpyxl
    from openpyxl.drawing.image import Image as SheetPicture

    book = openpyxl.Workbook()
    sheet = book.active
    for row, value in enumerate(cells, start=1):
        sheet.cell(row=row, column=1, value=value)
    for n in range(pictures):
        sheet.add_image(SheetPicture(_page()), f"C{1 + 60 * n}")
    book.save(str(path))
    return path


@pytest.mark.parametrize("settings", [Settings(), Settings(select=("PKG", "LNG")),
                                      Settings(ignore=("FIL002",))])
def test_a_scan_pasted_into_excel_is_not_a_pass_nor_a_missing_list(
        tmp_path: Path, settings: Settings) -> None:
    """The Russian participant list kept as a scan pasted into a workbook: it was "compliant",
    its language undetermined, and PKG001 said that the package had no Russian list."""
    item = tmp_path / "item"
    shutil.copytree(SAMPLES / "compliant-item", item)
    (item / "Список_участников_рус.docx").unlink()
    workbook(item / "Список_участников_рус.xlsx")
    report = run(item, settings=settings)
    [hit] = report.all_findings()
    assert (hit.code, hit.status, hit.measured, hit.threshold) == (
        "FIL002", Status.NEEDS_REVIEW, 0, 40)
    assert hit.file.endswith("Список_участников_рус.xlsx")
    assert "in the cells" in (hit.evidence or "")
    assert report.packages[0].verdict is Verdict.NEEDS_REVIEW
    assert exit_code(report, Severity.ERROR) == 1


def test_a_scan_pasted_without_a_caption_is_not_a_missing_version(tmp_path: Path) -> None:
    """With no text at all the file's language is "undetermined": PKG001 took that for the
    language of the participant list and said the package had no Russian one."""
    item = tmp_path / "item"
    shutil.copytree(SAMPLES / "compliant-item", item)
    word(item / "Список_участников_рус.docx")
    assert [(f.code, f.status, f.measured) for f in run(item).all_findings()] == [
        ("FIL002", Status.NEEDS_REVIEW, 0)]


@pytest.mark.parametrize(("cells", "pictures"), [
    (("№", "Фамилия, имя, отчество", "Должность", "Иванов Иван Иванович",
      "руководитель отдела образования"), 1),  # a list with the akimat's emblem beside it
    ((), 0),  # an empty workbook: nothing pasted, nothing unread
])
def test_a_workbook_with_its_text_or_without_a_picture_is_read_as_it_is(
        tmp_path: Path, cells: tuple[str, ...], pictures: int) -> None:
    path = workbook(tmp_path / "Список_участников_рус.xlsx", cells, pictures)
    assert [f for f in run(path).all_findings() if f.code == "FIL002"] == []
