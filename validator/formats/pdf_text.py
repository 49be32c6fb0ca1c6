"""The text of a PDF page by page: its text layer, or OCR where a page is a picture.

A page whose text layer holds fewer than ``min_chars`` non-space characters and that draws a
picture (a scan, a signed copy, a photo of a page; or a scan under a stamp's few words), or that
has no text layer and draws hundreds of path segments (text converted to outlines), or whose
text layer is mojibake (Cyrillic drawn by a font that maps it to Latin-1 letters), is read by OCR
(``validator.formats.ocr``); its block carries the OCR's confidence. What could not be read is
recorded, never dropped: pages left unread because Tesseract is missing, failed, or the file
has more scanned pages than ``max_pages``. ``FIL002`` turns that into needs-review, and the
text rules' findings on OCR text name the confidence (``validator.run.ocr_review``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from validator.core.findings import Location
from validator.formats.ocr import (
    OcrFailed,
    OcrSettings,
    OcrUnavailable,
    missing_programs,
    rasterise,
    recognise,
)
from validator.formats.textblocks import TextBlock

if TYPE_CHECKING:
    from validator.files.document import Document


@dataclass(frozen=True, slots=True)
class PdfText:
    """A PDF's page blocks and what OCR did: pages read by it, pages it could not read."""

    blocks: tuple[TextBlock, ...]
    ocr_pages: tuple[int, ...] = ()
    unread_pages: tuple[int, ...] = ()
    reason: str = ""  # why the unread pages were not read
    confidence: float | None = None  # OCR confidence of the whole text (by characters)
    #: Pages whose text layer is mojibake (read by OCR instead, or unread): their text spans
    #: are still the page's text, only the letters they map to are wrong.
    garbled_pages: tuple[int, ...] = ()

    @property
    def scanned(self) -> bool:
        return bool(self.ocr_pages or self.unread_pages)

    @property
    def complete(self) -> bool:
        return not self.unread_pages


def _draws_image(resources: Any, depth: int = 0) -> bool:
    """Whether a page's (or form's) resources hold an image XObject, forms searched 3 deep."""
    if depth > 3 or not hasattr(resources, "get"):
        return False
    found = resources.get("/XObject")
    xobjects: Any = found.get_object() if found is not None else None
    if xobjects is None or not hasattr(xobjects, "values"):
        return False
    for ref in xobjects.values():
        xobject = ref.get_object()
        if not hasattr(xobject, "get"):
            continue
        subtype = xobject.get("/Subtype")
        if subtype == "/Image":
            return True
        if subtype == "/Form":
            inner = xobject.get("/Resources")
            if _draws_image(inner.get_object() if inner is not None else None, depth + 1):
                return True
    return False


#: Content-stream operators that build path segments (move, line, curves, rectangle).
_SEGMENTS = re.compile(rb"(?:^|(?<=[\s\]>)}]))(?:m|l|c|v|y|re)(?=[\s\[</(%]|$)")
#: Path segments from which a page without a text layer is taken for text drawn as outlines:
#: one line of 30 outlined letters holds about 700, a page of them thousands; a rule, a frame
#: or a logo a few dozen.
MIN_OUTLINE_SEGMENTS = 200


def _draws_outlines(page: Any) -> bool:
    """Whether a page's content stream builds as many path segments as outlined text does."""
    contents = page.get_contents()
    if contents is None:
        return False
    segments = _SEGMENTS.finditer(contents.get_data())
    return next(itertools.islice(segments, MIN_OUTLINE_SEGMENTS - 1, None), None) is not None


def is_picture(page: Any, text: str, min_chars: int) -> bool:
    """A page to read by OCR: it draws an image and its text layer has fewer than
    ``min_chars`` non-space characters (a scan; a page with a few words over a scan), or it
    has no text layer at all and draws as many paths as text saved as outlines does ("convert
    text to curves": what shows as text is paths)."""
    chars = sum(1 for c in text if not c.isspace())
    if chars >= min_chars:
        return False
    resources = page.get("/Resources")
    if _draws_image(resources.get_object() if resources is not None else None):
        return True
    return chars == 0 and _draws_outlines(page)


def read_pdf_text(doc: Document, settings: OcrSettings | None,
                  garbled: Callable[[str], str | None] | None = None) -> PdfText:
    """Extract every page's text layer; read the pages without one by OCR (see module doc).

    ``garbled`` says whether a text layer is mojibake (``validator.language.mojibake``): a
    font without a map to Unicode, or with the wrong one, draws Cyrillic letters a reader
    takes as ``Ñïðàâêà``. Such a page is read by OCR as a scan is, from what it shows.
    """
    from validator.formats.pdf import open_pdf

    with doc.member.open() as fh:
        data = fh.read()
    layer: list[tuple[int, str, float, float]] = []
    scanned: list[int] = []
    wrong: list[int] = []
    with open_pdf(data, doc.limits.pdf_max_stream_bytes) as (reader, _encrypted):
        for n, page in enumerate(reader.pages, start=1):
            box = page.mediabox
            text = (page.extract_text() or "").strip()
            if text and garbled is not None and garbled(text) is not None:
                wrong.append(n)
                text = ""  # not its text: the page is read by OCR or named unread
            layer.append((n, text, abs(float(box.width)), abs(float(box.height))))
            if n in wrong or (settings is not None and is_picture(page, text,
                                                                  settings.min_chars)):
                scanned.append(n)
    garbled_pages = tuple(wrong)
    if not scanned or settings is None:
        return PdfText(tuple(TextBlock(t, Location(page=n), "page") for n, t, _, _ in layer if t),
                       unread_pages=garbled_pages, garbled_pages=garbled_pages,
                       reason="the text layer is in a wrong encoding and OCR is off"
                       if garbled_pages else "")
    missing = missing_programs(settings)
    read: dict[int, tuple[str, float | None]] = {}
    unread: list[int] = []
    reason = missing or ""
    if missing is None:
        for n in scanned:
            if len(read) >= settings.max_pages:
                unread.append(n)
                reason = reason or f"only the first {settings.max_pages} scanned pages are read"
                continue
            _, _, width, height = layer[n - 1]
            try:
                found = recognise(rasterise(data, n, width, height, settings), settings)
            except (OcrFailed, OcrUnavailable) as exc:
                unread.append(n)
                reason = reason or str(exc)
                continue
            read[n] = (found.text, found.confidence if found.words else None)
    else:
        unread = scanned
    blocks: list[TextBlock] = []
    for n, text, _, _ in layer:
        if n in read:
            ocr_text, confidence = read[n]
            joined = "\n".join(t for t in (text, ocr_text) if t)
            if joined:
                blocks.append(TextBlock(joined, Location(page=n), "page",
                                        ocr_confidence=confidence))
        elif text:
            blocks.append(TextBlock(text, Location(page=n), "page"))
    return PdfText(tuple(blocks), tuple(sorted(read)), tuple(unread), reason, _overall(read),
                   garbled_pages)


def _overall(read: dict[int, tuple[str, float | None]]) -> float | None:
    """The confidence of all OCR text: page confidences weighted by their characters."""
    weighted = sum(len(t) * c for t, c in read.values() if c is not None)
    chars = sum(len(t) for t, c in read.values() if c is not None)
    return round(weighted / chars, 3) if chars else None
