"""What the language rules (LNG001-LNG004) share: located text, pairing input, place names.

A document's text is a sequence of located blocks; the parity rule joins them into one string
(so items and sentences that span blocks are whole) and maps an offset back to the block, and
so to the place in the file, when it reports a figure.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from validator.core.errors import LimitError, UnreadableError
from validator.core.findings import Location
from validator.core.outcome import not_read
from validator.files.document import Document
from validator.formats.textblocks import TextBlock
from validator.language import language_from_filename

if TYPE_CHECKING:
    from validator.checks.base import PackageContext
    from validator.language.pairing import PairCandidate, Pairing
    from validator.language.parity import TextMarks

#: Kinds whose text is read and which must exist in both languages.
TEXT_KINDS = ("presentation", "document", "spreadsheet")


@dataclass(frozen=True)
class Joined:
    """Blocks joined by newlines, with each block's start offset in the joined text."""

    text: str
    starts: tuple[int, ...]
    blocks: tuple[TextBlock, ...]

    def locate(self, offset: int) -> Location:
        """The location of the block holding ``offset`` (the file when there is no block)."""
        if not self.blocks:
            return Location()
        index = max(0, bisect.bisect_right(self.starts, offset) - 1)
        return self.blocks[index].location


def join_blocks(blocks: Sequence[TextBlock]) -> Joined:
    """Join blocks into one text, remembering where each starts."""
    starts: list[int] = []
    parts: list[str] = []
    pos = 0
    for block in blocks:
        starts.append(pos)
        parts.append(block.text)
        pos += len(block.text) + 1
    return Joined("\n".join(parts), tuple(starts), tuple(blocks))


def readable_blocks(doc: Document) -> tuple[TextBlock, ...] | None:
    """The document's text blocks, or None when its text cannot be read."""
    try:
        return doc.text_blocks
    except (UnreadableError, LimitError):
        return None


def readable_marks(doc: Document) -> TextMarks | None:
    """The document's numbered markers and figures, or None when they cannot be had."""
    try:
        return doc.text_marks
    except (UnreadableError, LimitError):
        return None


def place(location: Location) -> str:
    """A short, language-neutral name of a place in a file (``slide[3]/shape[Title 1]``)."""
    return location.logical() or "(file)"


@dataclass(frozen=True)
class Entry:
    """A package member as the language rules see it."""

    document: Document
    path: str
    kind: str
    language: str | None
    role: str | None
    slides: int | None
    pages: int | None
    #: The file's report says that it, or its text, was not read: its text, even if some of
    #: it came back, is never compared.
    unread: bool = False
    #: The SHA-256 of the file's bytes (None when the file was not read): the same file twice.
    sha256: str | None = None


def candidate(entry: Entry) -> PairCandidate | None:
    """Pairing input for one file; None when it is not a material, or when its text cannot be
    read and its name does not say its language (FIL001 already reports that file)."""
    from validator.language.pairing import PairCandidate, text_shingles

    if entry.kind not in TEXT_KINDS:
        return None
    # Computed once per file, in the worker when isolated; a file whose report says it was
    # not read is never judged on the part of its text that happened to come back.
    blocks = None if entry.unread else readable_blocks(entry.document)
    marks = None if blocks is None else readable_marks(entry.document)
    if marks is None:
        if language_from_filename(entry.path) is None:
            return None
        return PairCandidate(entry.path, entry.kind, None, entry.role, readable=False,
                             sha256=entry.sha256)
    return PairCandidate(
        path=entry.path,
        kind=entry.kind,
        language=entry.language,
        role=entry.role,
        units=entry.slides or entry.pages,
        markers=marks.markers,
        figures=marks.figures,
        sha256=entry.sha256,
        shingles=text_shingles(" ".join(b.text for b in blocks or ())),
    )


def pairing_of(entries: Sequence[Entry]) -> tuple[Pairing, dict[str, Entry]]:
    """Pair the package's documents; also return the entries by path."""
    from validator.language.pairing import pair_documents

    by_path = {e.path: e for e in entries}
    candidates = [c for e in entries if (c := candidate(e)) is not None]
    return pair_documents(candidates), by_path


def entries_of(ctx: PackageContext) -> list[Entry]:
    """The package's files with what the language rules need from their reports."""
    return [
        Entry(f.document, f.report.path, f.report.kind, f.report.language, f.report.role,
              f.report.slides, f.report.pages,
              any(not_read(x) for x in f.report.findings), f.report.sha256)
        for f in ctx.files
    ]
