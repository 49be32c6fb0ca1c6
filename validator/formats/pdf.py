"""PDF structure for the checks: page boxes (CropBox clipped to the MediaBox, /Rotate applied).

pypdf is used with its decompression limits on; whatever it raises becomes an
``UnreadableError`` (FIL001). Encrypted files are reported as unreadable here; the security
rules give them their own finding.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

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


def _visible_size(page: Any) -> tuple[float, float]:
    """Width and height of the CropBox clipped to the MediaBox (ISO 32000-1, 14.11.2)."""
    crop, media = page.cropbox, page.mediabox
    cx0, cx1 = sorted((float(crop.left), float(crop.right)))
    cy0, cy1 = sorted((float(crop.bottom), float(crop.top)))
    mx0, mx1 = sorted((float(media.left), float(media.right)))
    my0, my1 = sorted((float(media.bottom), float(media.top)))
    width = min(cx1, mx1) - max(cx0, mx0)
    height = min(cy1, my1) - max(cy0, my0)
    if width <= 0 or height <= 0:  # a CropBox outside the MediaBox: readers fall back
        width, height = mx1 - mx0, my1 - my0
    return width, height


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
            width, height = _visible_size(page)
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
