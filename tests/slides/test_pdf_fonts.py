"""The PDF span extractor measures size x text-matrix scale, whatever the rotation."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.slides.helpers import open_doc
from tests.slides.pdfmake import make_pdf, write_pdf
from validator.checks.font_size_pdf import excerpt, pdf_font_size_hits
from validator.core.errors import LimitError, UnreadableError
from validator.formats.pdf_fonts import iter_spans, mult

LIMIT = 1 << 20
PARAMS = {"min_size_pt": 20.0, "tolerance_pt": 0.01}


def spans(content: str, **kw: object) -> list[tuple[str, float]]:
    pages = list(iter_spans(make_pdf([content], **kw), LIMIT))  # type: ignore[arg-type]
    return [(s.text, round(s.size, 3)) for s in pages[0]]


def rot(deg: float) -> str:
    c, s = math.cos(math.radians(deg)), math.sin(math.radians(deg))
    return f"{c:.6f} {s:.6f} {-s:.6f} {c:.6f}"


@pytest.mark.parametrize(("content", "expected"), [
    ("BT /F1 24 Tf 72 300 Td (Plain) Tj ET", [("Plain", 24.0)]),
    # scaled text matrix: Tf 1 with Tm scale 30
    ("BT /F1 1 Tf 30 0 0 30 72 300 Tm (Matrix) Tj ET", [("Matrix", 30.0)]),
    # CTM scale x Tm scale x Tf
    ("q 2 0 0 2 0 0 cm BT /F1 5 Tf 1.5 0 0 1.5 10 10 Tm (Both) Tj ET Q", [("Both", 15.0)]),
    # rotated 90 degrees through Tm: size unchanged (a glyph-box height would not be)
    ("BT /F1 30 Tf 0 1 -1 0 400 100 Tm (Rotated) Tj ET", [("Rotated", 30.0)]),
    # rotated 37 degrees through the CTM, Tm scale 12 x Tf 2
    (f"q {rot(37)} 200 100 cm BT /F1 2 Tf 12 0 0 12 0 0 Tm (Tilted) Tj ET Q",
     [("Tilted", 24.0)]),
    # anisotropic: horizontal squeeze does not change the size, vertical stretch does
    ("BT /F1 10 Tf 0.5 0 0 2.2 72 300 Tm (Tall) Tj ET", [("Tall", 22.0)]),
    # fractional size (10.5 pt)
    ("BT /F1 10.5 Tf 72 300 Td (Fraction) Tj ET", [("Fraction", 10.5)]),
    # q/Q restores the CTM for the second text object
    ("q 0.5 0 0 0.5 0 0 cm BT /F1 40 Tf 10 10 Td (Half) Tj ET Q "
     "BT /F1 40 Tf 72 300 Td (Full) Tj ET", [("Half", 20.0), ("Full", 40.0)]),
    # TJ arrays, ' operator, two sizes in one text object
    ("BT /F1 24 Tf 14 TL 72 300 Td [(Wo) 20 (rd)] TJ (Next) ' /F1 8 Tf (Small) Tj ET",
     [("Word Next", 24.0), ("Small", 8.0)]),
    # invisible text (render mode 3, an OCR layer), bullets and whitespace are not judged
    ("BT 3 Tr /F1 4 Tf 72 300 Td (Hidden) Tj ET BT 0 Tr /F1 6 Tf 72 200 Td (\x95) Tj ( ) Tj ET "
     "BT /F1 22 Tf 90 200 Td (Visible) Tj ET", [("Visible", 22.0)]),
    # text whose origin is outside the page is not drawn
    ("BT /F1 8 Tf 2000 300 Td (Offpage) Tj ET BT /F1 20 Tf 72 72 Td (On) Tj ET",
     [("On", 20.0)]),
    # size 0 draws nothing
    ("BT /F1 0 Tf 72 300 Td (Zero) Tj ET", []),
])
def test_span_sizes(content: str, expected: list[tuple[str, float]]) -> None:
    assert spans(content) == expected


def test_form_xobject_matrix_applies() -> None:
    forms = {"Fm1": ("BT /F1 10 Tf 0 0 Td (Inform) Tj ET", (3.0, 0, 0, 3.0, 100, 100))}
    got = spans("q 0.5 0 0 0.5 0 0 cm /Fm1 Do Q", forms=forms)
    assert got == [("Inform", 15.0)]


def test_self_referencing_form_does_not_loop() -> None:
    forms = {"Fm1": ("BT /F1 21 Tf 5 5 Td (Loop) Tj ET /Fm1 Do", (1.0, 0, 0, 1.0, 0, 0))}
    assert spans("/Fm1 Do", forms=forms) == [("Loop", 21.0)]


def test_mult_is_row_vector_product() -> None:
    assert mult((2, 0, 0, 2, 0, 0), (1, 0, 0, 1, 5, 7)) == (2, 0, 0, 2, 5, 7)
    assert mult((1, 0, 0, 1, 5, 7), (2, 0, 0, 2, 0, 0)) == (2, 0, 0, 2, 10, 14)


def test_content_stream_over_the_limit_is_a_limit_error() -> None:
    body = "BT /F1 24 Tf 72 300 Td (x) Tj ET " * 100
    with pytest.raises(LimitError):
        list(iter_spans(make_pdf([body]), 1000))


def test_garbage_is_unreadable() -> None:
    with pytest.raises(UnreadableError):
        list(iter_spans(b"%PDF-1.4\nthis is not a pdf", LIMIT))


def test_hits_one_per_page_with_smallest_span(tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "deck.pdf", [
        "BT /F1 24 Tf 72 400 Td (Title text) Tj ET BT /F1 14 Tf 72 100 Td (Footnote one) Tj ET"
        " BT /F1 12 Tf 72 60 Td (Source: statistics committee of the ministry) Tj ET",
        "BT /F1 28 Tf 72 400 Td (All large) Tj ET",
        "BT /F1 30 Tf 0 1 -1 0 400 100 Tm (Rotated big) Tj ET "
        "q 0.5 0 0 0.5 0 0 cm BT /F1 36 Tf 100 100 Td (Scaled down) Tj ET Q",
    ])
    hits = list(pdf_font_size_hits(open_doc(pdf), PARAMS))
    assert [(h.location.page, h.measured) for h in hits] == [(1, 12.0), (3, 18.0)]
    first = hits[0]
    assert first.args["excerpt"] == "Source: statistics committee of the…"
    # the minimum is a number: the message writes it as its language does
    assert first.message == "pdf" and first.args["min"] == 20.0
    assert first.args["size"]["en"] == "12.0" and first.args["size"]["ru"] == "12,0"
    assert "Tf 12 x text matrix scale 1 = 12.00 pt" in first.evidence
    box = first.location.box
    assert box is not None and (box.slide_width, box.slide_height) == (960 * 12700, 540 * 12700)
    assert (box.x, box.y, box.height) == (72 * 12700, round((540 - 60 - 9.6) * 12700),
                                          12 * 12700)
    assert 200 * 12700 < box.width < 300 * 12700  # Helvetica widths of the excerpt's text
    assert "2 span(s)" in first.evidence
    assert "Tf 18" not in hits[1].evidence and "Tf 36" in hits[1].evidence


def test_rotated_small_text_is_measured_not_its_box(tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "r.pdf", ["BT /F1 16 Tf 0 1 -1 0 400 100 Tm (Sideways) Tj ET"])
    (hit,) = pdf_font_size_hits(open_doc(pdf), PARAMS)
    assert hit.measured == 16.0 and "rotated 90°" in hit.evidence
    box = hit.location.box
    assert box is not None and box.width == 16 * 12700 and box.height > box.width  # upright


def test_no_box_on_a_rotated_page(tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "p.pdf", ["BT /F1 12 Tf 72 72 Td (Small) Tj ET"],
                    size=(540, 960), rotate=[90])
    (hit,) = pdf_font_size_hits(open_doc(pdf), PARAMS)
    assert hit.measured == 12.0 and hit.location.box is None


def test_exactly_the_minimum_passes(tmp_path: Path) -> None:
    # 43.994-style producer rounding below 20 by less than 0.01 pt is not a finding
    pdf = write_pdf(tmp_path / "m.pdf", ["BT /F1 19.995 Tf 72 300 Td (Edge) Tj ET"])
    assert list(pdf_font_size_hits(open_doc(pdf), PARAMS)) == []
    strict = {"min_size_pt": 20.0, "tolerance_pt": 0.0}
    (hit,) = pdf_font_size_hits(open_doc(pdf), strict)
    assert hit.measured == 19.995


def test_excerpt_cuts_on_words() -> None:
    assert excerpt("short") == "short"
    assert excerpt("a " * 50).endswith("…")
    assert len(excerpt("x" * 100)) == 41


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(min_size=1, max_size=40), st.integers(min_value=0, max_value=10_000))
def test_damaged_content_never_crashes(garbage: bytes, where: int) -> None:
    good = make_pdf(["q 2 0 0 2 0 0 cm BT /F1 12 Tf 10 10 Td (Fine) Tj ET Q /Fm1 Do"])
    at = where % len(good)
    damaged = good[:at] + garbage + good[at + len(garbage):]
    try:
        for page in iter_spans(damaged, LIMIT):
            assert all(s.size > 0 for s in page)
    except (UnreadableError, LimitError):
        pass


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["q", "Q", "cm", "BT", "ET", "Tf", "Td", "TD", "Tm", "T*",
                                 "Tj", "TJ", "'", '"', "Tr", "TL", "Do", "gs", "1", "-3.5",
                                 "/F1", "/Nope", "(x)", "[(a) -300 (b)]", "0 0 0 0 0 0"]),
                max_size=40))
def test_any_operator_soup_is_survived(tokens: list[str]) -> None:
    pages = list(iter_spans(make_pdf([" ".join(tokens)]), LIMIT))
    assert len(pages) == 1
    assert all(s.size > 0 and s.text.strip() for s in pages[0])
