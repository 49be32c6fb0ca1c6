"""Font size of a slide deck saved as PDF: the part of SLD002 min-font-size for PDF decks.

Every text span of every page is measured from its text matrix (``Tf`` size x the scale of
``Tm x CTM``; see ``validator.formats.pdf_fonts``), so rotated and scaled text is measured at
the size a reader sees. A PDF has no shapes, so one finding is given per page: the smallest
span below ``min_size_pt``, with a short excerpt of its text and where it is drawn (its box in
EMU, estimated from the glyph widths; none on pages with /Rotate). Invisible text (an OCR layer),
bullets, whitespace and text outside the page are not judged. Text found by OCR on pages that
are pictures (a deck exported as images) has no size in the file: those pages are one
needs-review finding, never a pass.

Parameters (those of SLD002): ``min_size_pt``, ``tolerance_pt`` (a size this close below the
minimum passes: producers round, LibreOffice writes 19.995 for 20 pt).
Fails: a page with a 12 pt footnote. Passes: a page whose smallest text is 20 pt, or text set at
10 pt inside a ``2 0 0 2 cm`` transformation (drawn at 20 pt).
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.checks.base import Hit, Params
from validator.core.errors import LimitError, UnreadableError
from validator.core.findings import Box, Location, Status
from validator.files.document import Document
from validator.formats.pdf_fonts import TextSpan, iter_spans
from validator.plain.quantities import localized_decimal

EMU_PER_PT = 12700

EXCERPT_CHARS = 40


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """Return ``text`` cut to ``limit`` characters on a word boundary, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip() + "…"


def _evidence(span: TextSpan) -> str:
    how = f"Tf {span.nominal:g} x text matrix scale {span.scale:.4g}"
    if abs(span.angle) > 0.05:
        how += f", baseline rotated {span.angle:g}°"
    return (f"PDF page {span.page}: {how} = {span.size:.2f} pt "
            f"(font {span.font}, at {span.x:.0f}, {span.y:.0f} pt)")


def _box(span: TextSpan) -> Box | None:
    """The span's place on the page in EMU (as slide shapes are), for drawing it."""
    if span.box is None:
        return None
    x, y, w, h = (round(v * EMU_PER_PT) for v in span.box)
    pw, ph = (round(v * EMU_PER_PT) for v in span.page_size)
    return Box(pw, ph, x, y, w, h)


def pdf_font_size_hits(doc: Document, params: Params) -> Iterator[Hit]:
    """Yield one hit per page whose smallest text span is below ``params['min_size_pt']``."""
    minimum = float(params["min_size_pt"])
    tolerance = float(params.get("tolerance_pt", 0.0))  # absorbs producers' rounding
    with doc.member.open() as fh:
        data = fh.read()
    for spans in iter_spans(data, doc.limits.max_part_bytes, doc.limits.pdf_max_stream_bytes):
        small = [s for s in spans if s.size < minimum - tolerance]
        if not small:
            continue
        worst = min(small, key=lambda s: s.size)
        yield Hit(
            location=Location(page=worst.page, box=_box(worst)),
            measured=round(worst.size, 3),
            threshold=minimum,
            unit="pt",
            evidence=_evidence(worst) + f"; {len(small)} span(s) on the page below {minimum:g} pt",
            message="pdf",
            args={"size": localized_decimal(worst.size, 1), "min": minimum,
                  "excerpt": excerpt(worst.text)},
        )
    yield from _pictured_text(doc, minimum)


def _pictured_text(doc: Document, minimum: float) -> Iterator[Hit]:
    """One needs-review for the pages whose text OCR found in a picture: its size is not in
    the file (a page OCR could not read is FIL002's; a page read by OCR because its text layer
    is mojibake has its sizes in that layer, measured above)."""
    try:
        text = doc.pdf_text
    except (UnreadableError, LimitError):
        return
    pages = sorted({b.location.page for b in text.blocks if b.text.strip()
                    and b.location.page in text.ocr_pages
                    and b.location.page not in text.garbled_pages})  # measured from its spans
    if not pages:
        return
    shown = ", ".join(str(p) for p in pages[:10]) + (", ..." if len(pages) > 10 else "")
    yield Hit(
        location=Location(page=pages[0]),
        measured=len(pages),
        unit="pages",
        status=Status.NEEDS_REVIEW,
        evidence=f"text on pages {shown} was read by OCR from pictures: no size in the file",
        message="pdf_picture",
        args={"pages": shown, "min": minimum},
    )
