"""Pure-Python page count estimate of a .docx from its content and font metrics."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from validator.paging.counts import FontCheck, PageCount, PageCountUnavailable
from validator.paging.flow import FlowBuilder
from validator.paging.metrics import FontBook
from validator.paging.paginate import paginate
from validator.paging.styles import StyleSheet
from validator.paging.wordxml import DocxParts, w

# Measured spread of the estimate against LibreOffice renderings (docs/BENCHMARKS.md):
# real font metrics put it within about a third of a page; the average-width fallback
# within about two thirds.
UNCERTAINTY_METRIC = 0.35
UNCERTAINTY_APPROX = 0.7


def estimate_docx_pages(path: Path | BinaryIO, fonts: FontBook,
                        font_check: FontCheck) -> PageCount:
    """Estimate the page count of a WordprocessingML package (.docx, .docm, .dotx)."""
    parts = DocxParts(path)
    try:
        document = parts.main_document()
        if document.find(w("body")) is None:
            raise PageCountUnavailable("document has no body")
        sheet = StyleSheet.load(parts)
        sections = FlowBuilder(parts, sheet, fonts).document_sections(document)
    finally:
        parts.close()
    layout = paginate(sections)
    exact = fonts.exact
    metric = "font metrics" if exact else "average glyph widths (no font files)"
    return PageCount(
        pages=layout.pages,
        method="estimate",
        last_page_fill=layout.last_fill,
        uncertainty=UNCERTAINTY_METRIC if exact else UNCERTAINTY_APPROX,
        evidence=(f"layout estimate from {metric}: {layout.pages} page(s), last page "
                  f"{layout.last_fill:.0%} full; {font_check.evidence}"),
        tnr_metric_font=exact and font_check.metric_compatible,
    )
