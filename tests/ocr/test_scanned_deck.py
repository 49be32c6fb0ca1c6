"""SLD002: a presentation saved as pictures of its slides in a PDF is not a pass.

OCR reads the text of such pages (language, markings and figures are checked on it), but its
size is not in the file. A deck of 14 pt text exported as images was "compliant"; those pages
are now one SLD002 needs-review, and a deck with its text stays measured from the file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from tests.conftest import run
from tests.ocr.scans import font
from tests.slides.pdfmake import write_pdf
from validator.core.findings import Location, Status, Verdict

needs_ocr = pytest.mark.skipif(shutil.which("tesseract") is None or
                               shutil.which("pdftoppm") is None,
                               reason="Tesseract and poppler-utils are installed by .ci/run")
LINES = ["Итоги работы отдела образования за 2025 год",
         "Отремонтировано 12 школ, закуплено 3400 учебников",
         "Организован подвоз 430 учащихся из микрорайонов"]


def slide_picture(text_pt: float) -> Image.Image:
    """A 16:9 slide drawn at 120 dpi (1600 x 900 pixels for a 960 x 540 pt page)."""
    image = Image.new("RGB", (1600, 900), (235, 242, 255))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 1600, 70), fill=(20, 80, 200))
    face = font(round(text_pt * 120 / 72))
    for n, line in enumerate(LINES):
        draw.text((80, 150 + n * 90), line, font=face, fill=(0, 0, 0))
    return image


@needs_ocr
def test_a_deck_exported_as_pictures_needs_review(tmp_path: Path) -> None:
    pages = [slide_picture(14), slide_picture(14)]
    path = tmp_path / "Презентация_рус.pdf"
    pages[0].save(path, save_all=True, append_images=pages[1:], resolution=120.0)
    report = run(path)
    [hit] = [f for f in report.all_findings() if f.code == "SLD002"]
    assert (hit.status, hit.measured, hit.location) == (Status.NEEDS_REVIEW, 2, Location(page=1))
    assert hit.message("en").startswith("the text on pages 1, 2 is a picture or letters drawn "
                                        "as outlines (read by OCR)")
    assert hit.message("ru").startswith("текст на страницах 1, 2 — рисунок")
    assert report.packages[0].files[0].language == "ru"  # the text itself was read
    assert report.packages[0].verdict is Verdict.NEEDS_REVIEW


def test_a_deck_with_its_text_is_measured_from_the_file(tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "Презентация_рус.pdf",
                    ["BT /F1 28 Tf 72 400 Td (Results of 2025) Tj ET"], size=(960, 540))
    assert [f for f in run(pdf).all_findings() if f.code == "SLD002"] == []
