"""A PDF whose text was converted to outlines is read by OCR, as a scan is.

"Convert text to curves" (a print driver, a layout program, a PDF editor's "flatten") leaves
pages that show text but hold neither a text layer nor a picture. Such a Russian reference was
"compliant" with its language undetermined, and its Kazakh partner had LNG003 errors ("text only
in the Kazakh version"): its text, figures and markings were never read, and without Tesseract
nothing said so.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from tests.conftest import run
from tests.ocr.outlines import outlined_pdf
from tests.ocr.test_scanned_deck import LINES, needs_ocr
from tests.slides.pdfmake import write_pdf
from validator.core.findings import Location, Severity, Status, Verdict
from validator.formats.pdf_text import is_picture
from validator.settings.options import Settings

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _outlined_reference(item: Path) -> Path:
    """The sample's Russian reference as a PDF of outlines, in place of its .docx."""
    source = item / "Справка_рус.docx"
    paragraphs = [p.text for p in docx.Document(str(source)).paragraphs if p.text.strip()]
    source.unlink()
    path = item / "Справка_рус.pdf"
    path.write_bytes(outlined_pdf([paragraphs]))
    return path


@needs_ocr
def test_a_reference_drawn_as_outlines_is_read_in_its_language(tmp_path: Path) -> None:
    item = tmp_path / "item"
    shutil.copytree(SAMPLES / "compliant-item", item)
    _outlined_reference(item)
    report = run(item)
    assert report.all_findings() == ()
    [reference] = [f for f in report.packages[0].files if f.path.endswith("Справка_рус.pdf")]
    assert reference.language == "ru"
    assert report.packages[0].verdict is Verdict.ACCEPT


@pytest.mark.parametrize("settings", [Settings(), Settings(select=("LNG",)),
                                      Settings(ignore=("FIL002",))])
def test_without_tesseract_outlines_need_review(tmp_path: Path, settings: Settings,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    bare = tmp_path / "bin"
    bare.mkdir()
    monkeypatch.setenv("PATH", str(bare))
    item = tmp_path / "item"
    shutil.copytree(SAMPLES / "compliant-item", item)
    _outlined_reference(item)
    report = run(item, isolate=False, settings=settings)
    [hit] = report.all_findings()
    assert (hit.code, hit.status, hit.severity, hit.measured, hit.location) == (
        "FIL002", Status.NEEDS_REVIEW, Severity.WARNING, 1, Location(page=1))
    assert hit.file.endswith("Справка_рус.pdf")
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


@pytest.mark.parametrize(("content", "expected"), [
    ("0 0 m 100 100 l S", True),  # a stroked path and no text: outlines
    ("72 72 200 20 re f", True),
    ("72 72 200 20 re f*", True),
    ("q 1 0 0 1 0 0 cm Q", False),  # paints nothing
    ("", False),  # a blank page
    ("BT /F1 12 Tf 72 700 Td (Report of the department) Tj ET 72 72 200 20 re f", False),
])
def test_which_pages_without_a_picture_are_read_by_ocr(tmp_path: Path, content: str,
                                                       expected: bool) -> None:
    """A page with no text layer that paints paths is read; a blank page, or one whose text
    layer has text, is not (a page of text with a rule under it is not a picture)."""
    page = PdfReader(write_pdf(tmp_path / "page.pdf", [content])).pages[0]
    assert is_picture(page, page.extract_text() or "", 40) is expected
