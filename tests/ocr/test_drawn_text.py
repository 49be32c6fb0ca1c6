"""A PDF whose text cannot be taken from its text layer is read by OCR, as a scan is.

Two ways offices make one. "Convert text to curves" (a print driver, a layout program, a PDF
editor's "flatten") leaves pages that show text but hold neither a text layer nor a picture. An
old PDF printer embeds a "Cyr" font under the Windows Latin encoding with no map to Unicode: the
page shows Russian and its text layer reads as «ÑÏÐÀÂÊÀ». Such a Russian reference was
"compliant" with its language undetermined, its Kazakh partner had LNG003 errors ("figures only
in the Kazakh version"), a «ДСП» on it could never be found, and without Tesseract nothing said
its text was not read.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from tests.conftest import run
from tests.ocr.garbled import garbled_pdf
from tests.ocr.outlines import outlined_pdf
from tests.ocr.test_scanned_deck import LINES, needs_ocr
from tests.slides.pdfmake import write_pdf
from validator.core.findings import Location, Severity, Status, Verdict
from validator.formats.pdf_text import is_picture
from validator.settings.options import Settings

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
#: How each kind of PDF is made from paragraphs, and how FIL002 names its pages unread.
MAKERS: dict[str, tuple[Callable[[list[str]], bytes], str]] = {
    "outlines": (lambda paragraphs: outlined_pdf([paragraphs]),
                 "скан без текстового слоя на страницах 1"),
    "mojibake": (garbled_pdf, "текстовый слой страниц 1 записан в неверной кодировке"),
}


def _reference(item: Path, kind: str) -> Path:
    """The sample's Russian reference as a PDF of ``kind``, in place of its .docx."""
    source = item / "Справка_рус.docx"
    paragraphs = [p.text for p in docx.Document(str(source)).paragraphs if p.text.strip()]
    source.unlink()
    path = item / "Справка_рус.pdf"
    path.write_bytes(MAKERS[kind][0](paragraphs))
    return path


def test_the_mojibake_pdf_made_here_reads_as_latin_letters(tmp_path: Path) -> None:
    path = tmp_path / "page.pdf"
    path.write_bytes(garbled_pdf(["Справка о ремонте дорог"]))
    assert PdfReader(path).pages[0].extract_text().startswith("Ñïðàâêà î ðåìîíòå äîðîã")


@needs_ocr
@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_a_reference_is_read_in_its_language(tmp_path: Path, kind: str) -> None:
    item = tmp_path / "item"
    shutil.copytree(SAMPLES / "compliant-item", item)
    _reference(item, kind)
    report = run(item)
    assert report.all_findings() == ()
    [reference] = [f for f in report.packages[0].files if f.path.endswith("Справка_рус.pdf")]
    assert reference.language == "ru"
    assert report.packages[0].verdict is Verdict.ACCEPT


@pytest.mark.parametrize("settings", [Settings(), Settings(select=("LNG",)),
                                      Settings(ignore=("FIL002",))])
@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_without_tesseract_the_reference_needs_review(
        tmp_path: Path, kind: str, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    bare = tmp_path / "bin"
    bare.mkdir()
    monkeypatch.setenv("PATH", str(bare))
    item = tmp_path / "item"
    shutil.copytree(SAMPLES / "compliant-item", item)
    _reference(item, kind)
    report = run(item, isolate=False, settings=settings)
    [hit] = report.all_findings()
    assert (hit.code, hit.status, hit.severity, hit.measured, hit.location) == (
        "FIL002", Status.NEEDS_REVIEW, Severity.WARNING, 1, Location(page=1))
    assert hit.file.endswith("Справка_рус.pdf")
    assert hit.message("ru").startswith(MAKERS[kind][1])
    assert report.packages[0].verdict is Verdict.NEEDS_REVIEW


@needs_ocr
def test_a_deck_drawn_as_outlines_needs_its_size_checked_by_eye(tmp_path: Path) -> None:
    path = tmp_path / "Презентация_рус.pdf"
    path.write_bytes(outlined_pdf([LINES, LINES], size_pt=14, size=(960, 540), width_chars=90))
    report = run(path)
    [hit] = [f for f in report.all_findings() if f.code == "SLD002"]
    assert (hit.status, hit.measured, hit.location) == (Status.NEEDS_REVIEW, 2, Location(page=1))
    assert hit.message("ru").startswith("текст на страницах 1, 2 — рисунок или буквы, "
                                        "нарисованные контурами")
    assert report.packages[0].files[0].language == "ru"


@needs_ocr
def test_a_deck_with_a_mojibake_text_layer_is_measured_from_its_spans(tmp_path: Path) -> None:
    """The sizes are in the text layer whatever letters it maps to: 14 pt text is SLD002's
    violation on the page, not a size to check by eye."""
    path = tmp_path / "Презентация_рус.pdf"
    path.write_bytes(garbled_pdf(LINES, size_pt=14, size=(960, 540)))
    report = run(path)
    [hit] = [f for f in report.all_findings() if f.code == "SLD002"]
    assert (hit.status, hit.measured, hit.location.page) == (Status.VIOLATION, 14, 1)
    assert report.packages[0].files[0].language == "ru"


def _curves(n: int) -> str:
    """A path of ``n`` curve segments and its moveto, as a glyph's outline is drawn."""
    return "72 72 m " + " ".join(f"{x} 80 {x + 2} 90 {x + 4} 72 c" for x in range(n)) + " f"


@pytest.mark.parametrize(("content", "expected"), [
    (_curves(199), True),  # with its moveto, the 200 segments of a line of outlined letters
    ("0 0 m 100 100 l 20 20 m 30 40 l S " * 50, True),
    (_curves(150), False),  # a logo, a signature's flourish
    ("72 72 200 20 re f", False),  # a rule, a frame
    ("q 1 0 0 1 0 0 cm Q", False),  # paints nothing
    ("", False),  # a blank page
    ("BT /F1 12 Tf 72 700 Td (Report of the department) Tj ET " + _curves(300), False),
])
def test_which_pages_without_a_picture_are_read_by_ocr(tmp_path: Path, content: str,
                                                       expected: bool) -> None:
    """A page with no text layer that draws as many paths as outlined text is read; a page
    with a rule, a frame or a logo, a blank page, or one whose text layer has text, is not."""
    page = PdfReader(write_pdf(tmp_path / "page.pdf", [content])).pages[0]
    assert is_picture(page, page.extract_text() or "", 40) is expected
