"""Numbered structure of a text: item markers ``N.``/``N.M.``, sub-items ``N)``, and items.

Decrees and references are numbered; the Kazakh and Russian texts must carry the same numbering,
and comparing figures item by item (not over the whole text) says where a difference is.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

ITEM_RE = re.compile(r"(?:^|(?<=[.;:]\s)|(?<=[.;:]))[ \t]*(\d{1,3}(?:\.\d{1,3})*)\.(?=\s)", re.M)
SUBITEM_RE = re.compile(r"(?:^|(?<=[.;:]\s)|(?<=[.;:]))[ \t]*(\d{1,3})\)(?=\s)", re.M)


@dataclass(frozen=True)
class Marker:
    """One numbered-structure marker: ``"3."``, ``"1.2."`` or ``"4)"``, with its offset."""

    label: str
    offset: int


def extract_markers(text: str) -> list[Marker]:
    """Numbered-structure markers in order: items ``N.``/``N.M.`` and sub-items ``N)``.

    A marker counts at a line start or right after a sentence end (PDF text often glues a
    sub-item to the previous line: ``...адаптации.17) графа``).
    """
    found = [Marker(m.group(1) + ".", m.start(1)) for m in ITEM_RE.finditer(text)]
    found += [Marker(m.group(1) + ")", m.start(1)) for m in SUBITEM_RE.finditer(text)]
    found.sort(key=lambda mk: mk.offset)
    return found


@dataclass(frozen=True)
class NumberedItem:
    """A numbered item of a document: its marker label, its text and where it starts."""

    label: str
    offset: int
    text: str


def split_items(text: str) -> list[NumberedItem]:
    """Cut ``text`` at its top-level item markers (``N.``); text before the first marker is
    an item labelled ``""``.  Sub-items stay inside their item."""
    marks = [m for m in extract_markers(text) if m.label.endswith(".")]
    items: list[NumberedItem] = []
    start = 0
    label = ""
    for mk in marks:
        if mk.offset > start or label:
            items.append(NumberedItem(label, start, text[start : mk.offset]))
        label, start = mk.label, mk.offset
    items.append(NumberedItem(label, start, text[start:]))
    return [it for it in items if it.text.strip() or it.label]


def align_items(
    kk_items: Sequence[NumberedItem], ru_items: Sequence[NumberedItem]
) -> list[tuple[NumberedItem | None, NumberedItem | None]]:
    """Pair items by their marker sequence (difflib), so one missing item does not shift
    every following comparison; unmatched items pair with None."""
    matcher = difflib.SequenceMatcher(
        None, [i.label for i in kk_items], [i.label for i in ru_items], False
    )
    pairs: list[tuple[NumberedItem | None, NumberedItem | None]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            pairs.extend(zip(kk_items[i1:i2], ru_items[j1:j2], strict=True))
        else:
            pairs.extend((k, None) for k in kk_items[i1:i2])
            pairs.extend((None, r) for r in ru_items[j1:j2])
    return pairs
