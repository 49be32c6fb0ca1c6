"""SLD001 and SLD003 apply to every slide format: .pptx .pptm .ppsx .ppsm .potx .potm and PDF
decks."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import assert_valid_json
from tests.slides.pdfmake import write_pdf
from tests.slides.variants import retype, simple_deck, write
from validator.api import check
from validator.core.findings import Finding

OOXML_DECKS = ["pptx", "pptm", "ppsx", "ppsm", "potx", "potm"]


def findings(path: Path, code: str) -> list[Finding]:
    report = check(path)
    assert_valid_json(report)  # every report keeps the published contract
    (pkg,) = report.packages
    (file,) = pkg.files
    return [f for f in file.findings if f.code == code]


@pytest.mark.parametrize("fmt", OOXML_DECKS)
def test_four_by_three_fails_in_every_ooxml_format(tmp_path: Path, fmt: str) -> None:
    path = write(tmp_path / f"deck.{fmt}", retype(simple_deck(9144000, 6858000), fmt))
    (f,) = findings(path, "SLD001")
    assert f.measured == pytest.approx(1.3333, abs=1e-4)
    assert f.clause == "15.3"


@pytest.mark.parametrize("fmt", OOXML_DECKS)
def test_sixteen_by_nine_passes_in_every_ooxml_format(tmp_path: Path, fmt: str) -> None:
    path = write(tmp_path / f"deck.{fmt}", retype(simple_deck(9144000, 5143500), fmt))
    assert findings(path, "SLD001") == []


@pytest.mark.parametrize("fmt", OOXML_DECKS)
def test_file_size_limit_in_every_ooxml_format(tmp_path: Path, fmt: str) -> None:
    big = {"ppt/media/filler.bin": os.urandom(10 * 1048576 + 4096)}
    path = write(tmp_path / f"big.{fmt}", retype(simple_deck(), fmt, big))
    (f,) = findings(path, "SLD003")
    assert f.measured is not None and float(f.measured) > 10
    assert f.threshold == 10
    small = write(tmp_path / f"small.{fmt}", retype(simple_deck(), fmt))
    assert findings(small, "SLD003") == []


def _text(n: int) -> str:
    return f"BT /F1 24 Tf 72 300 Td (Slide {n}) Tj ET"


def test_pdf_deck_of_one_size_passes(tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "ok.pdf", [_text(1), _text(2)], size=(960, 540))
    assert findings(pdf, "SLD001") == []


def test_pdf_deck_four_by_three(tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "old.pdf", [_text(1), _text(2)], size=(720, 540))
    (f,) = findings(pdf, "SLD001")
    assert f.location.page == 1 and f.measured == pytest.approx(1.3333, abs=1e-4)
    assert "2 of 2 pages" in f.evidence


def test_pdf_deck_of_mixed_sizes(tmp_path: Path) -> None:
    sizes = [(960, 540), (960, 540), (1280, 720), (1280, 720)]
    pdf = write_pdf(tmp_path / "mixed.pdf", [_text(n) for n in range(4)], sizes=sizes)
    (f,) = findings(pdf, "SLD001")  # every page is 16:9, but not one size
    assert f.location.page == 3
    assert f.measured == "1280 x 720" and f.threshold == "960 x 540"
    assert "2 of 4 pages differ" in f.evidence
    assert "page 3" in f.message("en") and "3-бет" in f.message("kk")


def test_pdf_rotate_is_applied(tmp_path: Path) -> None:
    # stored as portrait 540 x 960 and shown rotated: a 16:9 landscape slide
    pdf = write_pdf(tmp_path / "rot.pdf", [_text(1)], size=(540, 960), rotate=[90])
    report = check(pdf)
    (file,) = report.packages[0].files
    assert file.kind == "presentation"
    assert [f.code for f in file.findings if f.code == "SLD001"] == []


def test_pdf_cropbox_is_applied(tmp_path: Path) -> None:
    # MediaBox 960 x 720 (4:3), CropBox 960 x 540 (16:9): what is shown is 16:9
    crop = [(0.0, 90.0, 960.0, 630.0)]
    pdf = write_pdf(tmp_path / "crop.pdf", [_text(1)], size=(960, 720), crop=crop)
    assert findings(pdf, "SLD001") == []
    uncropped = write_pdf(tmp_path / "full.pdf", [_text(1)], size=(960, 720))
    (f,) = findings(uncropped, "SLD001")
    assert f.measured == pytest.approx(1.3333, abs=1e-4)


def test_pdf_cropbox_is_clipped_to_the_mediabox(tmp_path: Path) -> None:
    # a CropBox larger than the MediaBox shows only the MediaBox (16:9 here)
    crop = [(0.0, 0.0, 960.0, 720.0)]
    pdf = write_pdf(tmp_path / "clip.pdf", [_text(1)], size=(960, 540), crop=crop)
    assert findings(pdf, "SLD001") == []


def test_pdf_deck_size_limit(tmp_path: Path) -> None:
    filler = "% " + "x" * 200 + "\n"
    body = _text(1) + "\n" + filler * (10 * 1048576 // len(filler) + 100)
    pdf = write_pdf(tmp_path / "big.pdf", [body])
    (f,) = findings(pdf, "SLD003")
    assert f.measured is not None and float(f.measured) > 10


def test_sld002_measures_pdf_decks_through_the_engine(tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "deck.pdf", [
        "BT /F1 28 Tf 72 400 Td (Budget 2025) Tj ET",
        "BT /F1 28 Tf 72 400 Td (Results) Tj ET BT /F1 11 Tf 72 40 Td (Source: ministry) Tj ET",
    ])
    (f,) = findings(pdf, "SLD002")
    assert f.location.page == 2 and f.measured == 11.0 and f.threshold == 20
    assert f.message("en") == ('text on this page is 11.0 pt (minimum 20 pt): "Source: ministry"; '
                               "make it larger in the presentation and save the PDF again")
    # in Kazakh and Russian: a decimal comma, and no English word (the excerpt is the deck's)
    assert f.message("ru") == ("текст на этой странице имеет размер 11,0 пт (минимум 20 пт): "
                               "«Source: ministry»; увеличьте его в презентации и снова "
                               "сохраните PDF")
    assert f.message("kk").startswith("осы беттегі мәтін өлшемі 11,0 пт (ең азы 20 пт)")
    assert "Tf 11" in f.evidence  # the measurement stays in the evidence
    assert f.clause == "15.3"
