"""A PDF whose text layer is mojibake is read from what its pages show.

A Russian reference printed to PDF by an old driver shows Cyrillic but reads as «ÑÏÐÀÂÊÀ»: it was
"compliant" with its language undetermined and its Kazakh partner had an LNG003 error, and a
«ДСП» on it could never be found. Such pages are now read by OCR, and without Tesseract they are
needs-review, whatever rules are chosen.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from tests.conftest import run
from tests.ocr.garbled import garbled_pdf
from tests.ocr.test_scanned_deck import LINES, needs_ocr
from validator.core.findings import Location, Severity, Status, Verdict
from validator.settings.options import Settings

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _garbled_reference(item: Path) -> Path:
    """The sample's Russian reference as a PDF with a mojibake text layer, for its .docx."""
    source = item / "Справка_рус.docx"
    paragraphs = [p.text for p in docx.Document(str(source)).paragraphs if p.text.strip()]
    source.unlink()
    path = item / "Справка_рус.pdf"
    path.write_bytes(garbled_pdf(paragraphs))
    return path


def test_the_pdf_made_here_shows_cyrillic_and_reads_as_latin_letters(tmp_path: Path) -> None:
    path = tmp_path / "page.pdf"
    path.write_bytes(garbled_pdf(["Справка о ремонте дорог"]))
    assert PdfReader(path).pages[0].extract_text().startswith("Ñïðàâêà î ðåìîíòå äîðîã")


@needs_ocr
def test_a_reference_with_a_mojibake_text_layer_is_read_in_its_language(
        tmp_path: Path) -> None:
    item = tmp_path / "item"
    shutil.copytree(SAMPLES / "compliant-item", item)
    _garbled_reference(item)
    report = run(item)
    assert report.all_findings() == ()
    [reference] = [f for f in report.packages[0].files if f.path.endswith("Справка_рус.pdf")]
    assert reference.language == "ru"
    assert report.packages[0].verdict is Verdict.ACCEPT


@pytest.mark.parametrize("settings", [Settings(), Settings(select=("LNG",)),
                                      Settings(ignore=("FIL002",))])
def test_without_tesseract_a_mojibake_text_layer_needs_review(
        tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    bare = tmp_path / "bin"
    bare.mkdir()
    monkeypatch.setenv("PATH", str(bare))
    item = tmp_path / "item"
    shutil.copytree(SAMPLES / "compliant-item", item)
    _garbled_reference(item)
    report = run(item, isolate=False, settings=settings)
    [hit] = report.all_findings()
    assert (hit.code, hit.status, hit.severity, hit.measured, hit.location) == (
        "FIL002", Status.NEEDS_REVIEW, Severity.WARNING, 1, Location(page=1))
    assert hit.message("ru").startswith("текстовый слой страниц 1 записан в неверной кодировке")
    assert hit.message("kk").startswith("1 беттерінің мәтін қабаты қате кодтаумен жазылған")
    assert report.packages[0].verdict is Verdict.NEEDS_REVIEW


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
