"""Turn a WordprocessingML body into sections of measured blocks for pagination.

A block is a paragraph piece (its line heights after the line-spacing rule, spacing before
and after, keep and widow flags, whether a page or column break precedes it) or a table
(rows as lists of line heights of their tallest cell). Lengths are twips.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from validator.paging.counts import PageCountUnavailable
from validator.paging.lines import Atom, Break, Glyph, Picture, Tab, break_lines
from validator.paging.metrics import FontBook
from validator.paging.styles import Props, StyleSheet, para_props, run_props
from validator.paging.wordxml import NS, DocxParts, w

EMU_PER_TWIP = 635
DEFAULT_CELL_MARGIN = 108
AUTO_SPACING = 280
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CONTAINERS = frozenset(w(t) for t in ("hyperlink", "ins", "del", "smartTag", "fldSimple",
                                       "customXml", "sdtContent", "moveTo", "moveFrom", "dir",
                                       "bdo"))


@dataclass
class Para:
    lines: list[float]
    before: float
    after: float
    style: str | None
    contextual: bool
    keep_next: bool
    keep_lines: bool
    widow: bool
    break_before: str | None = None


@dataclass
class Row:
    lines: list[float]
    cant_split: bool


@dataclass
class Table:
    rows: list[Row]


Block = Para | Table


@dataclass(frozen=True)
class PageSetup:
    width: float
    height: float
    top: float
    bottom: float
    left: float
    right: float
    columns: int
    column_space: float
    start: str
    grid_pitch: float | None

    @property
    def column_width(self) -> float:
        body = self.width - self.left - self.right
        return max((body - (self.columns - 1) * self.column_space) / self.columns, 72.0)


@dataclass
class Section:
    setup: PageSetup
    blocks: list[Block] = field(default_factory=list)


def _num(el: etree._Element | None, attr: str, default: float) -> float:
    if el is None or el.get(w(attr)) is None:
        return default
    try:
        return float(str(el.get(w(attr))))
    except ValueError:
        return default


class FlowBuilder:
    """Measures paragraphs and tables of one document against its page setups."""

    def __init__(self, parts: DocxParts, sheet: StyleSheet, fonts: FontBook) -> None:
        self.parts = parts
        self.sheet = sheet
        self.fonts = fonts

    # ---- sections -------------------------------------------------------------------
    def page_setup(self, sect: etree._Element | None) -> PageSetup:
        size = None if sect is None else sect.find(w("pgSz"))
        mar = None if sect is None else sect.find(w("pgMar"))
        cols = None if sect is None else sect.find(w("cols"))
        grid = None if sect is None else sect.find(w("docGrid"))
        kind = None if sect is None else sect.find(w("type"))
        width, height = _num(size, "w", 12240), _num(size, "h", 15840)
        top, bottom = abs(_num(mar, "top", 1440)), abs(_num(mar, "bottom", 1440))
        header_dist, footer_dist = _num(mar, "header", 720), _num(mar, "footer", 720)
        left, right = _num(mar, "left", 1800), _num(mar, "right", 1800)
        body_width = width - left - right
        head = self._hf_height(sect, "headerReference", body_width)
        foot = self._hf_height(sect, "footerReference", body_width)
        if head > 0:
            top = max(top, header_dist + head)
        if foot > 0:
            bottom = max(bottom, footer_dist + foot)
        pitch = None
        if grid is not None and grid.get(w("type")) in ("lines", "linesAndChars", "snapToChars"):
            pitch = _num(grid, "linePitch", 0) or None
        return PageSetup(
            width, height, top, bottom, left, right,
            max(1, int(_num(cols, "num", 1))), _num(cols, "space", 720),
            "nextPage" if kind is None else str(kind.get(w("val"), "nextPage")), pitch,
        )

    def _hf_height(self, sect: etree._Element | None, tag: str, width: float) -> float:
        if sect is None:
            return 0.0
        ref = next((r for r in sect.findall(w(tag)) if r.get(w("type"), "default") == "default"),
                   None)
        if ref is None:
            return 0.0
        try:
            part = self.parts.related(ref.get(f"{{{NS['r']}}}id", ""))
        except PageCountUnavailable:
            return 0.0
        if part is None:
            return 0.0
        return self.content_height(part, width, None)

    def sections(self, body: etree._Element) -> list[Section]:
        sections: list[Section] = []
        pending: list[etree._Element] = []
        for child in self._body_children(body):
            if child.tag == w("sectPr"):
                continue
            pending.append(child)
            sect = child.find(f"{w('pPr')}/{w('sectPr')}") if child.tag == w("p") else None
            if sect is not None:
                sections.append(self._section(pending, sect))
                pending = []
        sections.append(self._section(pending, body.find(w("sectPr"))))
        return sections

    def document_sections(self, document: etree._Element) -> list[Section]:
        """Sections of every ``w:body`` (a malformed file may carry several; each is laid
        out from a new page, as LibreOffice does)."""
        out: list[Section] = []
        for body in document.iterfind(w("body")):
            sections = self.sections(body)
            if out:
                first = sections[0].setup
                sections[0].setup = PageSetup(**{**first.__dict__, "start": "nextPage"})
            out.extend(sections)
        return out

    def _body_children(self, parent: etree._Element) -> list[etree._Element]:
        out: list[etree._Element] = []
        for child in parent:
            if child.tag in (w("p"), w("tbl"), w("sectPr")):
                out.append(child)
            elif child.tag in (w("sdt"), w("customXml"), w("sdtContent"), w("ins"),
                               f"{{{MC}}}AlternateContent", f"{{{MC}}}Choice"):
                inner = child.find(f"{{{MC}}}Choice") if child.tag.endswith("AlternateContent") \
                    else child
                if inner is not None:
                    out.extend(self._body_children(inner))
        return out

    def _section(self, elements: list[etree._Element], sect: etree._Element | None) -> Section:
        setup = self.page_setup(sect)
        section = Section(setup)
        for el in elements:
            section.blocks.extend(self.blocks(el, setup.column_width, None, setup.grid_pitch))
        return section

    # ---- blocks ---------------------------------------------------------------------
    def blocks(self, el: etree._Element, width: float, table_style: str | None,
               pitch: float | None = None) -> list[Block]:
        if el.tag == w("tbl"):
            return [self.table(el, width)]
        return list(self.paragraph(el, width, table_style, pitch))

    def content_height(self, parent: etree._Element, width: float,
                       table_style: str | None) -> float:
        total = 0.0
        prev: Para | None = None
        for el in self._body_children(parent):
            for block in self.blocks(el, width, table_style):
                if isinstance(block, Table):
                    total += sum(sum(r.lines) for r in block.rows)
                    prev = None
                    continue
                contextual = (prev is not None and block.contextual
                              and prev.style == block.style)
                total += (0 if contextual else block.before) + sum(block.lines)
                if prev is not None and contextual:
                    total -= prev.after
                total += block.after
                prev = block
        return total

    def paragraph(self, p: etree._Element, width: float, table_style: str | None,
                  pitch: float | None = None) -> list[Para]:
        direct = para_props(p.find(w("pPr")))
        ppr, prpr = self.sheet.paragraph(direct, table_style)
        mark = run_props(p.find(f"{w('pPr')}/{w('rPr')}"))
        mark_rpr = self.sheet.run(prpr, None, mark)
        left, right = float(_i(ppr, "left")), float(_i(ppr, "right"))
        first = float(_i(ppr, "firstLine")) - float(_i(ppr, "hanging"))
        atoms = self._atoms(p, prpr)
        empty_h = self._glyph_height(mark_rpr)
        tabs = p.iterfind(f"{w('pPr')}/{w('tabs')}/{w('tab')}")
        stops = [_num(t, "pos", 0) - left for t in tabs
                 if t.get(w("val")) not in ("clear", "bar")]
        pieces = break_lines(atoms, width - left - right - first, width - left - right, empty_h,
                             float(self.sheet.default_tab), sorted(s for s in stops if s > 0))
        rule = str(ppr.get("lineRule", "auto"))
        line = float(_i(ppr, "line", 240))
        before = AUTO_SPACING if ppr.get("beforeAutospacing") else float(_i(ppr, "before"))
        after = AUTO_SPACING if ppr.get("afterAutospacing") else float(_i(ppr, "after"))
        out: list[Para] = []
        for n, piece in enumerate(pieces):
            heights = [_spaced(h, pic, rule, line, pitch) for h, pic in piece.lines]
            brk = pieces[n - 1].break_after if n else ("page" if ppr.get("pageBreakBefore")
                                                       else None)
            if not heights and n + 1 < len(pieces):
                continue
            out.append(Para(heights, before if n == 0 else 0.0,
                            after if n + 1 == len(pieces) else 0.0,
                            str(ppr.get("styleId")), bool(ppr.get("contextualSpacing")),
                            bool(ppr.get("keepNext")), bool(ppr.get("keepLines")),
                            bool(ppr.get("widowControl", True)), brk))
        return out

    def _glyph_height(self, rpr: Props) -> float:
        size = float(_i(rpr, "sz", 20)) * 10.0
        face = self.fonts.face(self.sheet.font_family(rpr), bool(rpr.get("b")))
        return float(round(face.line_em * size))

    def _atoms(self, parent: etree._Element, prpr: Props) -> list[Atom]:
        atoms: list[Atom] = []
        for child in parent:
            if child.tag == w("r"):
                self._run_atoms(child, prpr, atoms)
            elif child.tag in CONTAINERS or child.tag == w("sdt"):
                atoms.extend(self._atoms(child, prpr))
        return atoms

    def _run_atoms(self, run: etree._Element, prpr: Props, atoms: list[Atom]) -> None:
        rpr_el = run.find(w("rPr"))
        rstyle_el = None if rpr_el is None else rpr_el.find(w("rStyle"))
        rstyle = None if rstyle_el is None else rstyle_el.get(w("val"))
        rpr = self.sheet.run(prpr, rstyle, run_props(rpr_el))
        if rpr.get("vanish") or rpr.get("webHidden"):
            return
        size = float(_i(rpr, "sz", 20)) * 10.0
        face = self.fonts.face(self.sheet.font_family(rpr), bool(rpr.get("b")))
        height = float(round(face.line_em * size))  # LibreOffice keeps whole twips
        caps = bool(rpr.get("caps"))
        for el in run:
            tag = el.tag
            if tag in (w("t"), w("delText")):
                text = (el.text or "").upper() if caps else (el.text or "")
                advance = face.advance
                atoms.extend([Glyph(c, advance(c) * size, height) for c in text])
            elif tag == w("tab"):
                atoms.append(Tab(height))
            elif tag == w("br"):
                kind = el.get(w("type"), "textWrapping")
                atoms.append(Break(kind if kind in ("page", "column") else "line"))
            elif tag == w("cr"):
                atoms.append(Break("line"))
            elif tag in (w("sym"), w("noBreakHyphen")):
                atoms.append(Glyph("-", face.advance("-") * size, height))
            elif tag == w("drawing") or tag == f"{{{MC}}}AlternateContent":
                ext = el.find(".//wp:inline/wp:extent", NS)
                if ext is not None:
                    atoms.append(Picture(float(ext.get("cx", "0")) / EMU_PER_TWIP,
                                         float(ext.get("cy", "0")) / EMU_PER_TWIP))

    def table(self, tbl: etree._Element, width: float) -> Table:
        tpr = tbl.find(w("tblPr"))
        style_el = None if tpr is None else tpr.find(w("tblStyle"))
        style = self.sheet.default_table_style if style_el is None else style_el.get(w("val"))
        grid = [_num(g, "w", 0) for g in tbl.iterfind(f"{w('tblGrid')}/{w('gridCol')}")]
        margins = self._cell_margins(tpr, style)
        spacing_el = None if tpr is None else tpr.find(w("tblCellSpacing"))
        spacing = _num(spacing_el, "w", 0.0) if spacing_el is not None and \
            spacing_el.get(w("type"), "dxa") == "dxa" else 0.0
        rows: list[Row] = []
        for tr in tbl.iterfind(w("tr")):
            trpr = tr.find(w("trPr"))
            col = 0
            best: list[float] = []
            for tc in tr.iterfind(w("tc")):
                tcpr = tc.find(w("tcPr"))
                span = int(_num(None if tcpr is None else tcpr.find(w("gridSpan")), "val", 1))
                cell_w = sum(grid[col:col + span]) if len(grid) >= col + span and grid else 0.0
                if cell_w <= 0:
                    tcw = None if tcpr is None else tcpr.find(w("tcW"))
                    cell_w = _num(tcw, "w", 0) if tcw is not None and \
                        tcw.get(w("type"), "dxa") == "dxa" else width / max(1, len(grid) or 1)
                col += span
                vmerge = None if tcpr is None else tcpr.find(w("vMerge"))
                if vmerge is not None and vmerge.get(w("val"), "continue") == "continue":
                    continue
                cell_mar = self._margins_from(None if tcpr is None else tcpr.find(w("tcMar")),
                                              list(margins))
                lines = self._cell_lines(tc, cell_w - cell_mar[1] - cell_mar[3], style)
                if lines:
                    lines[0] += cell_mar[0] - margins[0]
                    lines[-1] += cell_mar[2] - margins[2]
                if sum(lines) > sum(best):
                    best = lines
            best = best or [0.0]
            best[0] += margins[0] + 2 * spacing
            best[-1] += margins[2]
            height_el = None if trpr is None else trpr.find(w("trHeight"))
            if height_el is not None:
                val = _num(height_el, "val", 0)
                rule = height_el.get(w("hRule"), "atLeast")
                if rule == "exact" and val > 0:
                    best = [val]
                elif sum(best) < val:
                    best[-1] += val - sum(best)
            cant = trpr is not None and trpr.find(w("cantSplit")) is not None
            rows.append(Row(best, cant))
        return Table(rows)

    def _cell_margins(self, tpr: etree._Element | None, style: str | None) -> list[float]:
        out = [0.0, DEFAULT_CELL_MARGIN, 0.0, DEFAULT_CELL_MARGIN]
        sources = [self.sheet.styles[s][3] for s in self.sheet.chain(style)] + [tpr]
        for src in sources:
            out = self._margins_from(None if src is None else src.find(w("tblCellMar")), out)
        return out

    @staticmethod
    def _margins_from(mar: etree._Element | None, out: list[float]) -> list[float]:
        if mar is None:
            return out
        for i, names in enumerate((("top",), ("left", "start"), ("bottom",), ("right", "end"))):
            for name in names:
                el = mar.find(w(name))
                if el is not None and el.get(w("type"), "dxa") == "dxa":
                    out[i] = _num(el, "w", out[i])
        return out

    def _cell_lines(self, tc: etree._Element, width: float, style: str | None) -> list[float]:
        lines: list[float] = []
        for el in self._body_children(tc):
            for block in self.blocks(el, max(width, 72.0), style):
                if isinstance(block, Table):
                    lines.extend(h for r in block.rows for h in r.lines)
                elif block.lines:
                    chunk = list(block.lines)
                    chunk[0] += block.before
                    chunk[-1] += block.after
                    lines.extend(chunk)
        return lines


def _i(props: Props, key: str, default: int = 0) -> int:
    value = props.get(key)
    return value if isinstance(value, int) else default


def _spaced(natural: float, picture: float, rule: str, line: float,
            pitch: float | None) -> float:
    if rule == "exact":
        height = abs(line)
    elif rule == "atLeast":
        height = max(line, natural, picture)
    else:
        height = max(float(int(natural * line / 240.0)), picture)
    if pitch:
        height = max(pitch, -(-height // pitch) * pitch)
    return height
