"""Exact page count of a PDF from its page tree."""

from __future__ import annotations

from pathlib import Path

from validator.paging.counts import PageCount, PageCountUnavailable


def count_pdf_pages(path: Path) -> PageCount:
    """Count the leaves of the page tree with pypdf (its decompression limits stay on).

    Raises PageCountUnavailable for files pypdf cannot read (encrypted with an unknown
    password, broken trees, limits hit); the caller turns that into a finding.
    """
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as exc:  # pypdf raises several types for unsupported crypto
                raise PageCountUnavailable(f"encrypted PDF: {exc}") from exc
        pages = len(reader.pages)
    except PageCountUnavailable:
        raise
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, RecursionError) as exc:
        reason = f"{type(exc).__name__}: {exc}"
        raise PageCountUnavailable(f"PDF page tree unreadable: {reason}") from exc
    return pdf_page_count(pages)


def pdf_page_count(pages: int) -> PageCount:
    """The PageCount of a PDF whose page tree holds ``pages`` leaves."""
    return PageCount(
        pages=pages,
        method="pdf",
        last_page_fill=None,
        uncertainty=0.0,
        evidence=f"PDF page tree: {pages} page(s)",
        tnr_metric_font=None,
    )
