"""Findings made on text read by OCR say so, and are needs-review when the reading is unsure.

A rule that reads text (language, markings, reading time, kk/ru parity and pairing) cannot tell
a page's text layer from OCR text. The engine passes each of its hits through ``ocr_hit``: when
the text it was made on came from OCR, the evidence gains the OCR's confidence, and a violation
becomes needs-review when that confidence is under the profile's ``ocr_min_confidence``
(``doc.limits.ocr``), when some scanned pages of the file could not be read at all (the text
is incomplete), and always for kk/ru parity (``CHARACTER_RULES``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from validator.core.findings import Status

if TYPE_CHECKING:
    from validator.checks.base import Hit
    from validator.files.document import Document

#: Rules whose findings are made on a document's text.
TEXT_RULES = frozenset({"LNG001", "LNG002", "LNG003", "LNG004", "SEC001", "DOC002"})
#: Rules that compare single characters (item numbers, digits of figures): what OCR misreads
#: without its confidence showing it («3.» read «8.», a speck read «—»). On OCR text their
#: findings are always needs-review: a person confirms the difference on the page.
CHARACTER_RULES = frozenset({"LNG003"})


def _scan_state(doc: Document, page: int | None) -> tuple[float | None, bool] | None:
    """(confidence, complete) of the OCR text ``page`` (or the whole file) was judged on, or
    None when no OCR text is involved."""
    if doc.format != "pdf" or not doc.has_view("pdf_text"):
        return None
    text = doc.pdf_text
    if not text.scanned:
        return None
    if page is not None:
        block = next((b for b in text.blocks if b.location.page == page), None)
        if block is None or block.ocr_confidence is None:
            return None if page not in text.unread_pages else (None, False)
        return block.ocr_confidence, text.complete
    return text.confidence, text.complete


def ocr_hit(code: str, hit: Hit, docs: Iterable[Document]) -> Hit:
    """``hit`` with the OCR's confidence in its evidence (see the module doc)."""
    if code not in TEXT_RULES:
        return hit
    notes: list[str] = []
    unsure = False
    for doc in docs:
        state = _scan_state(doc, hit.location.page)
        if state is None:
            continue
        confidence, complete = state
        shown = "unknown" if confidence is None else f"{confidence:.2f}"
        notes.append(f"{doc.path} read by OCR, confidence {shown}"
                     + ("" if complete else ", some scanned pages not read"))
        if (code in CHARACTER_RULES or not complete or confidence is None
                or confidence < doc.limits.ocr.min_confidence):
            unsure = True
    if not notes:
        return hit
    evidence = "; ".join(([hit.evidence] if hit.evidence else []) + notes)
    status = Status.NEEDS_REVIEW if unsure and hit.status is Status.VIOLATION else hit.status
    return replace(hit, evidence=evidence, status=status)


def package_hit_docs(hit: Hit, docs: Iterable[Document]) -> list[Document]:
    """The documents a package rule's hit is about: its file and the Russian file it names."""
    named = {hit.file, hit.args.get("ru_file"), hit.args.get("kk_file")}
    return [d for d in docs if d.path in named]
