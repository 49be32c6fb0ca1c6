"""Pour measured blocks into pages: columns, breaks, keep-with-next, widows and orphans."""

from __future__ import annotations

from dataclasses import dataclass

from validator.paging.flow import Block, PageSetup, Para, Section, Table

WIDOW_LINES = 2


@dataclass
class Layout:
    """Result of pagination: page count and how full the last page is."""

    pages: int
    last_fill: float


class _Pager:
    def __init__(self, setup: PageSetup) -> None:
        self.pages = 1
        self.column = 0
        self.y = 0.0
        self.content = False
        self.setup = setup

    @property
    def height(self) -> float:
        return max(self.setup.height - self.setup.top - self.setup.bottom, 720.0)

    def new_column(self) -> None:
        if self.column + 1 < self.setup.columns:
            self.column += 1
        else:
            self.new_page()
        self.y = 0.0
        self.content = False

    def new_page(self) -> None:
        self.pages += 1
        self.column = 0
        self.y = 0.0
        self.content = False

    def place_lines(self, lines: list[float], widow: bool, keep: bool) -> None:
        """Place a paragraph's lines, splitting across columns where needed."""
        rest = list(lines)
        while rest:
            fit, used = 0, 0.0
            for h in rest:
                if self.y + used + h > self.height + 0.5:
                    break
                used += h
                fit += 1
            if fit == len(rest):
                self.y += used
                self.content = True
                return
            if self.content and (keep and sum(rest) <= self.height):
                fit = 0
            elif widow and len(rest) >= 2 * WIDOW_LINES and len(rest) == len(lines):
                if fit < WIDOW_LINES:
                    fit = 0
                elif len(rest) - fit < WIDOW_LINES:
                    fit = len(rest) - WIDOW_LINES
            elif widow and len(lines) >= 2 and len(rest) == len(lines) and fit < WIDOW_LINES:
                fit = 0 if len(lines) <= 3 else fit
            if fit == 0 and not self.content:
                fit = 1
            self.y += sum(rest[:fit])
            if fit:
                self.content = True
            rest = rest[fit:]
            if rest:
                self.new_column()


def _first_lines_height(block: Block) -> float:
    if isinstance(block, Table):
        return sum(block.rows[0].lines) if block.rows else 0.0
    return block.before + sum(block.lines[:WIDOW_LINES])


def paginate(sections: list[Section]) -> Layout:
    """Lay out all sections; returns the page count and the last page's fill (0..1)."""
    pager = _Pager(sections[0].setup)
    for n, section in enumerate(sections):
        setup = section.setup
        if n:
            prev = pager.setup
            same_size = (prev.width, prev.height) == (setup.width, setup.height)
            if setup.start == "continuous" and same_size:
                pager.setup = setup
                pager.column = min(pager.column, setup.columns - 1)
            else:
                pager.new_page()
                pager.setup = setup
                odd = setup.start == "oddPage" and pager.pages % 2 == 0
                even = setup.start == "evenPage" and pager.pages % 2 == 1
                if odd or even:
                    pager.pages += 1
        _place_blocks(pager, section.blocks)
    fill = pager.y / pager.height
    if pager.setup.columns > 1:
        fill = (pager.column + fill) / pager.setup.columns
    return Layout(pager.pages, max(0.0, min(1.0, fill)))


def _place_blocks(pager: _Pager, blocks: list[Block]) -> None:
    prev: Para | None = None
    for i, block in enumerate(blocks):
        if isinstance(block, Table):
            _place_table(pager, block)
            prev = None
            continue
        if block.break_before == "page" and (pager.content or pager.column):
            pager.new_page()
        elif block.break_before == "column" and pager.content:
            pager.new_column()
        contextual = prev is not None and block.contextual and prev.style == block.style
        if contextual and prev is not None:
            pager.y = max(0.0, pager.y - prev.after)
        before = 0.0 if contextual else block.before
        if block.keep_next and i + 1 < len(blocks) and pager.content:
            need = before + sum(block.lines) + block.after + _first_lines_height(blocks[i + 1])
            if pager.y + need > pager.height and need <= pager.height:
                pager.new_column()
        if pager.y + before > pager.height:
            pager.new_column()
        pager.y += before
        pager.place_lines(block.lines, block.widow, block.keep_lines)
        pager.y = min(pager.y + block.after, pager.height)
        prev = block


def _place_table(pager: _Pager, table: Table) -> None:
    for row in table.rows:
        total = sum(row.lines)
        if pager.y + total <= pager.height + 0.5:
            pager.y += total
            pager.content = True
            continue
        if (row.cant_split or len(row.lines) == 1) and pager.content:
            pager.new_column()
        pager.place_lines(row.lines, False, False)
