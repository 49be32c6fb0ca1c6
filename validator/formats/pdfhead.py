"""The text of a PDF's first pages only, for the checks that look at a document's head.

Role classification and the marking search need the first page(s), not the whole text:
pypdf's text extraction costs tens of milliseconds per page (a 117-page corpus PDF takes
about 10 s), so they read only ``pages`` pages. Errors become ``UnreadableError`` as in
`validator.formats.textblocks`.
"""

from __future__ import annotations

import io
import zlib
from typing import TYPE_CHECKING

from validator.core.errors import UnreadableError
from validator.core.findings import Location
from validator.formats.pdf_text import is_picture
from validator.formats.textblocks import TextBlock

if TYPE_CHECKING:
    from validator.files.document import Document


def pdf_head_blocks(doc: Document, pages: int) -> tuple[TextBlock, ...]:
    """One ``page`` block per page for the first `pages` pages of a PDF; a page without a text
    layer (a scan) sends the caller to the whole text, OCR included (``doc.pdf_text``)."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    out: list[TextBlock] = []
    with doc.member.open() as fh:
        data = fh.read()
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            return ()
        for n, page in enumerate(reader.pages, start=1):
            if n > pages:
                break
            text = (page.extract_text() or "").strip()
            if is_picture(page, text, doc.limits.ocr.min_chars):
                return _from_full_text(doc, pages)
            if text:
                out.append(TextBlock(text, Location(page=n), "page"))
    except (PyPdfError, ValueError, TypeError, KeyError, AttributeError, IndexError,
            RecursionError, OSError, AssertionError, ZeroDivisionError, NotImplementedError,
            zlib.error) as exc:
        raise UnreadableError(f"PDF text cannot be read: {type(exc).__name__}: {exc}") from None
    return tuple(out)


def _from_full_text(doc: Document, pages: int) -> tuple[TextBlock, ...]:
    return tuple(b for b in doc.text_blocks if b.location.page is None or b.location.page <= pages)


def head_blocks(doc: Document, pages: int) -> tuple[TextBlock, ...]:
    """The document's text blocks, limited to the first `pages` pages for a PDF."""
    if doc.format == "pdf":
        if doc.has_view("text_blocks") or doc.has_view("pdf_text"):  # already read in full
            return _from_full_text(doc, pages)
        return pdf_head_blocks(doc, pages)
    return doc.text_blocks
