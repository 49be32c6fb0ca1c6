"""Greedy line breaking of one paragraph's content with real advance widths.

The content is a list of atoms: characters (with their advance and the height their font
gives a line), tabs, inline images and breaks. Lines break after spaces and hyphens, as
LibreOffice and Word do for Cyrillic and Latin prose without hyphenation; a word wider than
the line is cut between characters. All lengths are in twips.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

BREAK_AFTER = frozenset("-\u2010\u2013\u2014")
SPACES = frozenset(" \u2002\u2003\u2009")


# Atoms are named tuples: a paragraph has thousands of them and tuples are cheap to build.
class Glyph(NamedTuple):
    char: str
    advance: float
    height: float


class Tab(NamedTuple):
    height: float


class Picture(NamedTuple):
    width: float
    height: float


class Break(NamedTuple):
    kind: str  # "line", "page" or "column"


Atom = Glyph | Tab | Picture | Break


@dataclass
class Piece:
    """Lines of a paragraph up to a page or column break (or the end)."""

    lines: list[tuple[float, float]] = field(default_factory=list)
    break_after: str | None = None


@dataclass
class _State:
    first_width: float
    width: float
    tab: float
    stops: list[float]
    x: float = 0.0
    line_h: float = 0.0
    word_w: float = 0.0
    word_h: float = 0.0
    spaces: float = 0.0
    line_pic: float = 0.0
    word_pic: float = 0.0
    word_glyphs: list[tuple[float, float]] = field(default_factory=list)
    heights: list[tuple[float, float]] = field(default_factory=list)

    def limit(self) -> float:
        return self.first_width if not self.heights else self.width

    def end_line(self, height: float) -> None:
        self.heights.append((height, self.line_pic))
        self.x = 0.0
        self.line_h = 0.0
        self.line_pic = 0.0
        self.spaces = 0.0

    def commit_word(self) -> None:
        """Put the pending word on the current line, or start a new line for it."""
        if not self.word_glyphs:
            return
        if self.x > 0 and self.x + self.spaces + self.word_w > self.limit():
            self.end_line(self.line_h)
            self.x = 0.0
        else:
            self.x += self.spaces
        for adv, h in self.word_glyphs:
            if self.x > 0 and self.x + adv > self.limit():
                self.end_line(self.line_h)
            self.x += adv
            self.line_h = max(self.line_h, h)
        self.line_pic = max(self.line_pic, self.word_pic)
        self.word_pic = 0.0
        self.spaces = 0.0
        self.word_glyphs = []
        self.word_w = 0.0
        self.word_h = 0.0

    def next_stop(self, pos: float) -> float:
        for stop in self.stops:
            if stop > pos + 1:
                return stop
        return (int(pos // self.tab) + 1) * self.tab


def break_lines(
    atoms: list[Atom],
    first_width: float,
    width: float,
    empty_height: float,
    default_tab: float,
    stops: list[float] | None = None,
) -> list[Piece]:
    """Split ``atoms`` into lines; returns pieces separated by page/column breaks.

    Each line is (natural text height, tallest picture): the caller applies the paragraph's
    line-spacing rule to the text height only, as LibreOffice does. An empty piece gets one line of
    ``empty_height`` (the paragraph mark's line).
    """
    st = _State(max(first_width, 1.0), max(width, 1.0), max(default_tab, 1.0), stops or [])
    pieces: list[Piece] = []

    def close_piece(kind: str | None) -> None:
        st.commit_word()
        # LibreOffice turns a page break into "break before" on what follows, so a paragraph
        # that starts with the break leaves no line behind on the page it ends.
        if st.x > 0 or st.line_h > 0 or st.line_pic > 0 or (not st.heights and kind is None):
            st.end_line(st.line_h or empty_height)
        pieces.append(Piece(st.heights, kind))
        st.heights = []

    for atom in atoms:
        if isinstance(atom, Glyph):
            if atom.char in SPACES:
                st.commit_word()
                st.spaces += atom.advance
                st.line_h = max(st.line_h, atom.height)
                continue
            st.word_glyphs.append((atom.advance, atom.height))
            st.word_w += atom.advance
            if atom.char in BREAK_AFTER:
                st.commit_word()
        elif isinstance(atom, Tab):
            st.commit_word()
            pos = st.next_stop(st.x + st.spaces)
            if pos > st.limit() and st.x > 0:
                st.end_line(st.line_h)
                pos = st.next_stop(0.0)
            st.x, st.spaces = min(pos, st.limit()), 0.0
            st.line_h = max(st.line_h, atom.height)
        elif isinstance(atom, Picture):
            st.commit_word()
            st.word_glyphs = [(atom.width, 0.0)]
            st.word_w = atom.width
            st.word_pic = atom.height
            st.commit_word()
        elif atom.kind == "line":
            st.commit_word()
            st.end_line(st.line_h or empty_height)
        else:
            close_piece(atom.kind)
    close_piece(None)
    return pieces
