"""SEC001 restricted-marking: a file marked ДСП or secret is in an electronic package (clause 15).

Clause 15: materials go to the apparatus electronically, *except* documents with restricted
official information («қызмет бабында пайдалану үшін» / «для служебного пользования») or state
secrets, which follow the secrecy regime on paper. A file carrying such a stamp must not be in
the package at all: an error naming the marking and where it is.

Looked at: page headers and footers (in a PDF, the first and last two lines of each of the
first ``pdf_pages`` pages: text extraction costs tens of milliseconds a page),
the first ``first_lines`` lines of the body (slides: their first lines; sheets: their first
cells), WordArt watermarks and document properties (title, subject, keywords, description,
category, status, custom properties; PDF metadata). One finding per marking and place.
`validator.materials.markings` decides what is a stamp, so ordinary sentences about the law on state
secrets do not fire.

A PDF whose searched pages hold no text but pictures of pages (a scan without a text layer)
is "needs-review": its stamps cannot be seen, so it is never taken for an unmarked file.

Parameters: ``first_lines``, ``pdf_pages``. Fails: a header «Для служебного пользования».
Passes: a body sentence citing «О государственных секретах».
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.checks.base import Hit, Param, Params, rule
from validator.core.findings import Location, Status
from validator.files.document import Document
from validator.formats.pdfhead import head_blocks
from validator.formats.pdfscan import pdf_pictures_of_pages
from validator.formats.props import properties, watermarks
from validator.materials.markings import markings_in_line, tokens

FIRST_KINDS = frozenset({"title", "body", "page", "table", "cell"})
#: Lines at the top and bottom of every PDF page searched as its header and footer.
PDF_EDGE_LINES = 2


def _places(doc: Document, first_lines: int,
            pdf_pages: int) -> Iterator[tuple[str, Location, str]]:
    """(place, location, text) of everything a stamp can be in."""
    taken = 0
    for block in head_blocks(doc, pdf_pages):
        if block.kind in ("header", "footer"):
            yield block.kind, block.location, block.text
            continue
        lines = [line for line in block.text.splitlines() if line.strip()]
        edge = 0
        if block.kind == "page":  # a PDF has no header parts: its pages' edges stand for them
            edge = PDF_EDGE_LINES
            for line in lines[:edge]:
                yield "header", block.location, line
            for line in lines[edge:][-edge:]:
                yield "footer", block.location, line
        if block.kind in FIRST_KINDS and taken < first_lines:
            for line in lines[edge:][: first_lines - taken]:
                taken += 1
                yield "first-lines", block.location, line
    for part, text in watermarks(doc):
        yield "watermark", Location(part=part), text
    where = "docProps/core.xml" if doc.container == "zip" else None
    for name, value in properties(doc):
        part_name = "docProps/custom.xml" if name.startswith("custom:") else where
        yield f"property:{name}", Location(part=part_name), value


@rule(
    code="SEC001",
    name="restricted-marking",
    kinds={"document", "presentation", "spreadsheet"},
    params={
        "first_lines": Param("int", "how many first lines of the body are searched", positive=True),
        "pdf_pages": Param("int", "how many first pages of a PDF are searched", positive=True),
    },
)
def restricted_marking(doc: Document, params: Params) -> Iterator[Hit]:
    seen: set[tuple[str, str]] = set()
    page_text = False
    for place, location, text in _places(doc, params["first_lines"], params["pdf_pages"]):
        page_text = page_text or (not place.startswith("property:") and place != "watermark"
                                  and any(ch.isalpha() for ch in text))
        for line in text.splitlines():
            for marking in markings_in_line(line):
                key = (marking, place)
                if key in seen:
                    continue
                seen.add(key)
                shown = " ".join(line.split())[:120]
                kind, _, prop = place.partition(":")
                # a line that is only the marking is not quoted after it a second time
                alone = "_alone" if tokens(line) == tokens(marking) else ""
                yield Hit(
                    location=location,
                    measured=marking,
                    evidence=f"{place}: {shown!r}",
                    message=("default" if kind == "first-lines" else kind) + alone,
                    args={"marking": marking, "text": shown, "property": prop},
                    fingerprint_extra=f"{marking}|{place}",
                )
    if doc.format == "pdf" and not page_text and pdf_pictures_of_pages(doc):
        # The pages searched hold no letter (a scan): a stamp there cannot be seen, so the
        # file is not "unmarked", it is unread.
        yield Hit(location=Location(page=1), status=Status.NEEDS_REVIEW, message="unread",
                  evidence=f"no text layer on the first {params['pdf_pages']} page(s)",
                  fingerprint_extra="unread")
