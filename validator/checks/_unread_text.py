"""FIL002's findings of a text that was not read: scanned PDF pages OCR did not read (or read
unsurely), a picture presentation, a scan pasted into Word or Excel, a text in a wrong encoding.

Each is a hit with ``not_read`` set: it stands whatever rules are chosen (``run.stamping``).
``validator.checks.unsupported`` (FIL002) calls them by the file's kind.
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.checks.base import Hit
from validator.core.errors import LimitError, UnreadableError
from validator.core.findings import Location, Status
from validator.files.document import Document
from validator.plain.quantities import localized_decimal


def _pages(numbers: tuple[int, ...]) -> str:
    shown = ", ".join(str(n) for n in numbers[:10])
    return shown + (", ..." if len(numbers) > 10 else "")


def scanned(doc: Document, min_confidence: float) -> Iterator[Hit]:
    """Needs-review for a PDF whose pictures of pages were not all read, or read unsurely."""
    text = doc.pdf_text
    if text.unread_pages:
        missing = "not installed" in text.reason or "no language data" in text.reason
        message = "no-ocr" if missing else "not-read"
        if set(text.unread_pages) <= set(text.garbled_pages):
            message = "garbled"  # they have a text layer, in a wrong encoding
        yield Hit(measured=len(text.unread_pages), unit="pages", status=Status.NEEDS_REVIEW,
                  case="not-read", message=message, not_read=True,
                  location=Location(page=text.unread_pages[0]),
                  evidence=f"scanned pages without a text layer not read "
                           f"({_pages(text.unread_pages)}): {text.reason}",
                  args={"pages": _pages(text.unread_pages)})
    if text.confidence is not None and text.confidence < min_confidence:
        yield Hit(measured=text.confidence, threshold=min_confidence, unit="confidence",
                  status=Status.NEEDS_REVIEW, case="not-read", message="low-confidence",
                  not_read=True,  # text read this unsurely is not read: no option hides it
                  evidence=f"pages {_pages(text.ocr_pages)} read by OCR with confidence "
                           f"{text.confidence:.2f}",
                  args={"pages": _pages(text.ocr_pages),
                        "confidence": localized_decimal(text.confidence, 2)})


def picture_slides_hit(doc: Document) -> Iterator[Hit]:
    """Needs-review for a deck most of whose visible slides are pictures without text of their
    own (``validator.slides.pictured``): the text they show was not read."""
    from validator.slides.pictured import picture_slides

    try:
        slides, visible = picture_slides(doc.ooxml, doc.deck)
    except (UnreadableError, LimitError):
        return  # the file's own reading finding says why
    if not slides or 2 * len(slides) <= visible:
        return
    yield Hit(measured=len(slides), unit="slides", status=Status.NEEDS_REVIEW, case="not-read",
              message="picture-slides", not_read=True, location=Location(slide=slides[0]),
              evidence=f"{len(slides)} of {visible} visible slides show a picture and no text "
                       f"of their own: slides {_pages(slides)}",
              args={"slides": _pages(slides)})


def garbled_text(doc: Document) -> Iterator[Hit]:
    """An error, not read, for a document most of whose text is in a wrong encoding
    (``Ñïðàâêà``): people cannot read it either, and no language, figure or marking in it can
    be judged (a few such blocks among right text are LNG004's)."""
    from validator.checks.font_size_pdf import excerpt
    from validator.language.mojibake import (
        UNREADABLE_SHARE,
        code_pages,
        example,
        garbled,
        repaired,
    )

    try:
        blocks = [b for b in doc.text_blocks if not b.hidden]
    except (UnreadableError, LimitError):
        return  # the file's own reading finding says why
    texts = [b.text for b in blocks]
    found, share = garbled(texts)
    if share < UNREADABLE_SHARE:
        return
    index, mistake = example(texts, found)
    first = blocks[index]
    written, read_as = code_pages(mistake)
    yield Hit(measured=len(found), unit="blocks", case="garbled", message="garbled-text",
              not_read=True, location=first.location,
              evidence=f"{len(found)} of {len(blocks)} text blocks ({share:.0%} of the text) "
                       f"in a wrong encoding (mostly {mistake}), such as {first.text[:80]!r}",
              args={"name": doc.name, "count": len(found), "total": len(blocks),
                    "excerpt": excerpt(first.text),
                    "repaired": excerpt(repaired(first.text, mistake)),
                    "written": written, "read": read_as})


def pasted_scan(doc: Document, min_chars: int) -> Iterator[Hit]:
    """Needs-review for a Word document or a workbook whose text is a picture: fewer than
    ``min_chars`` letters of text in its body (a letterhead's header text aside) or its cells,
    and a picture there (a signed page scanned and pasted into Word or Excel)."""
    try:
        pkg = doc.ooxml
        main = pkg.main_part
        if doc.declared_kind == "spreadsheet":
            chars = sum(len("".join(b.text.split())) for b in doc.text_blocks)
            parts = [drawing for sheet in pkg.related(main, "worksheet")
                     for drawing in pkg.related(sheet, "drawing")]
        else:
            chars = sum(len("".join(b.text.split())) for b in doc.text_blocks
                        if b.location.part in (None, main))
            parts = [main]
        where = "cells" if doc.declared_kind == "spreadsheet" else "body"
        if chars >= min_chars:
            return
        pictures = sum(1 for part in parts if pkg.has(part) for el in pkg.xml(part).iter()
                       if isinstance(el.tag, str) and el.tag.endswith(("}blip", "}imagedata")))
    except (UnreadableError, LimitError):
        return  # the file's own reading finding says why
    if pictures:
        yield Hit(measured=chars, threshold=min_chars, unit="characters",
                  status=Status.NEEDS_REVIEW, case="not-read", message="pasted-scan",
                  not_read=True, evidence=f"{chars} characters of text and {pictures} "
                                          f"picture(s) in the {where}: its text is a picture",
                  args={"name": doc.name, "chars": chars, "min": min_chars})
