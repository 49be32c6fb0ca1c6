"""PDF structure for the checks: page boxes (CropBox within MediaBox, /Rotate applied).

pypdf is used with its decompression limits on; whatever it raises becomes an
``UnreadableError`` (FIL001). Encrypted files are reported as unreadable here; the security
rules give them their own finding.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from validator.errors import UnreadableError


@dataclass(frozen=True, slots=True)
class PageBox:
    """A page's visible size in points, after the CropBox and /Rotate."""

    width: float
    height: float

    @property
    def landscape(self) -> bool:
        return self.width > self.height


@dataclass(frozen=True, slots=True)
class PdfInfo:
    pages: tuple[PageBox, ...]
    encrypted: bool

    @property
    def all_landscape(self) -> bool:
        return bool(self.pages) and all(p.landscape for p in self.pages)


def read_pdf(data: bytes) -> PdfInfo:
    """Return page boxes of a PDF; raise ``UnreadableError`` for what pypdf cannot read."""
    if b"%PDF-" not in data[:1024]:
        raise UnreadableError("no %PDF- header in the first 1024 bytes: not a PDF")
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise UnreadableError("the PDF is encrypted: it cannot be checked, and the "
                                  "recipients may not be able to open it either")
        boxes = []
        for page in reader.pages:
            box = page.cropbox
            width, height = abs(float(box.width)), abs(float(box.height))
            rotate = int(page.get("/Rotate", 0) or 0) % 360
            if rotate in (90, 270):
                width, height = height, width
            boxes.append(PageBox(round(width, 3), round(height, 3)))
    except (PyPdfError, ValueError, TypeError, KeyError, AttributeError, IndexError,
            RecursionError, OSError, AssertionError, ZeroDivisionError) as exc:
        raise UnreadableError(f"PDF cannot be read: {type(exc).__name__}: {exc}") from None
    if not boxes:
        raise UnreadableError("PDF has no pages")
    return PdfInfo(tuple(boxes), False)
