"""The text of a document as located blocks, for the language, role and marking checks.

One block per paragraph (DOCX, slide shapes, chart titles, text boxes over a sheet), per cell
(tables, sheets; numeric cells are blocks of kind ``value``) or per page (PDF), with where it
is. Slides' notes are not
read (they are not shown at the meeting); text of hidden slides is kept, flagged, so callers
can choose.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

from validator.core.findings import Location
from validator.core.pickled import by_fields
from validator.formats.ooxml import NS, OoxmlPackage

if TYPE_CHECKING:
    from validator.files.document import Document

_A_P = f"{{{NS['a']}}}p"
_A_T = f"{{{NS['a']}}}t"
_W_P = f"{{{NS['w']}}}p"
_W_T = f"{{{NS['w']}}}t"
_W_TAB = f"{{{NS['w']}}}tab"
_W_TC = f"{{{NS['w']}}}tc"
_W_TXBX = f"{{{NS['w']}}}txbxContent"
#: Subtrees of a paragraph that hold no text of it: deleted runs, paragraph and run properties.
_W_NOT_TEXT = frozenset(f"{{{NS['w']}}}{name}" for name in ("del", "pPr", "rPr"))
_MC_CHOICE, _MC_FALLBACK = (f"{{{NS['mc']}}}{name}" for name in ("Choice", "Fallback"))
_P_SHAPES = (f"{{{NS['p']}}}sp", f"{{{NS['p']}}}graphicFrame")
_P_CNVPR, _P_NVPR, _P_PH = (f"{{{NS['p']}}}{name}" for name in ("cNvPr", "nvPr", "ph"))
_C_CHART = f"{{{NS['c']}}}chart"
_XDR = "{http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing}"
_XDR_SP, _XDR_CNVPR = f"{_XDR}sp", f"{_XDR}cNvPr"


@by_fields  # a deck's text comes from its reader process as thousands of blocks
@dataclass(frozen=True, slots=True)
class TextBlock:
    """A paragraph, cell or page of text and where it is."""

    text: str
    location: Location
    kind: str  # title, body, table, chart, header, footer, cell, value, page
    hidden: bool = False
    ocr_confidence: float | None = None  # a page read by OCR: how sure the reading is (0-1)


def _paragraph_text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in p.iter(_A_T))


def _pptx_blocks(pkg: OoxmlPackage, doc: Document) -> list[TextBlock]:
    out: list[TextBlock] = []
    for slide in doc.deck.slides:
        root = pkg.xml(slide.part)
        for sp in root.iter(*_P_SHAPES):
            nv, ph, chart, paragraphs = _shape_parts(sp)
            shape = nv.get("name") if nv is not None else None
            is_title = ph is not None and ph.get("type") in ("title", "ctrTitle")
            kind = "title" if is_title else ("table" if sp.tag.endswith("graphicFrame") else "body")
            for n, p in enumerate(paragraphs, start=1):
                text = _paragraph_text(p).strip()
                if text:
                    loc = Location(slide=slide.number, shape=shape, paragraph=n)
                    out.append(TextBlock(text, loc, kind, slide.hidden))
            if chart is not None:
                out.extend(_chart_title(pkg, slide.part, chart, slide.number, shape, slide.hidden))
    return out


def _shape_parts(sp: etree._Element) -> tuple[etree._Element | None, etree._Element | None,
                                             etree._Element | None, list[etree._Element]]:
    """A shape's first ``p:cNvPr``, first ``p:ph`` of a ``p:nvPr``, first ``c:chart`` (each
    anywhere below it, as ``find(".//...")`` gives them) and its ``a:p`` in document order: one
    walk of the shape's elements, where a walk per question took a deck's text extraction
    four times through each shape."""
    nv = ph = chart = None
    paragraphs: list[etree._Element] = []
    for el in sp.iterdescendants(_A_P, _P_CNVPR, _P_NVPR, _C_CHART):
        tag = el.tag
        if tag == _A_P:
            paragraphs.append(el)
        elif tag == _P_CNVPR:
            if nv is None:
                nv = el
        elif tag == _P_NVPR:
            if ph is None:
                ph = next(el.iterchildren(_P_PH), None)
        elif chart is None:
            chart = el
    return nv, ph, chart, paragraphs


def _chart_title(pkg: OoxmlPackage, slide_part: str, chart: etree._Element, number: int,
                 shape: str | None, hidden: bool) -> list[TextBlock]:
    """The title (and axis titles) of a chart on a slide: shown on the slide, so they count."""
    rel = pkg.rel_target(slide_part, chart.get(f"{{{NS['r']}}}id", ""))
    if rel is None or rel.external or not pkg.has(rel.target):
        return []
    out: list[TextBlock] = []
    for n, title in enumerate(pkg.xml(rel.target).iter(f"{{{NS['c']}}}title"), start=1):
        text = " ".join(t for p in title.iter(_A_P) if (t := _paragraph_text(p).strip()))
        if text:
            loc = Location(slide=number, shape=shape, paragraph=n, part=rel.target)
            out.append(TextBlock(text, loc, "chart", hidden))
    return out


def _w_paragraphs(root: etree._Element) -> list[tuple[str, bool]]:
    """Every ``w:p`` below ``root`` in document order, as (its text, whether in a table cell).

    A paragraph's text is its own runs': a text box anchored in it (``w:txbxContent``) holds
    paragraphs of its own, listed after it; of an ``mc:AlternateContent`` only the
    ``mc:Choice`` is read (Word writes each text box twice, as DrawingML and as a VML
    fallback); deleted text (``w:del``) and paragraph or run properties (whose ``w:tab`` are
    tab stops, not tabs) are not text. Before, a text box's text counted four times.
    """
    out: list[tuple[str, bool]] = []

    def walk(el: etree._Element, in_table: bool, parts: list[str] | None) -> None:
        for child in el:
            tag = child.tag
            if tag == _W_P:
                own: list[str] = []
                slot = len(out)
                out.append(("", in_table))
                walk(child, in_table, own)
                out[slot] = ("".join(own), in_table)
            elif tag == _W_T:
                if parts is not None:
                    parts.append(child.text or "")
            elif tag == _W_TAB:
                if parts is not None:
                    parts.append("\t")
            elif tag in _W_NOT_TEXT or (tag == _MC_FALLBACK and _beside_choice(child)):
                continue
            elif tag == _W_TXBX:
                walk(child, in_table, None)
            else:
                walk(child, in_table or tag == _W_TC, parts)

    walk(root, False, None)
    return out


def _beside_choice(fallback: etree._Element) -> bool:
    """Whether an ``mc:Fallback`` has an ``mc:Choice`` beside it: a copy, not read."""
    parent = fallback.getparent()
    return parent is not None and parent.find(_MC_CHOICE) is not None


def _in_fallback(el: etree._Element) -> bool:
    """Whether ``el`` is in an ``mc:Fallback`` beside an ``mc:Choice`` (a copy not read)."""
    return any(_beside_choice(a) for a in el.iterancestors(_MC_FALLBACK))


def _docx_blocks(pkg: OoxmlPackage) -> list[TextBlock]:
    out: list[TextBlock] = []
    main = pkg.main_part
    body = pkg.xml(main).find("w:body", NS)
    if body is not None:
        for n, (raw, in_table) in enumerate(_w_paragraphs(body), start=1):
            text = raw.strip()
            if text:
                out.append(TextBlock(text, Location(paragraph=n), "table" if in_table else "body"))
    for kind in ("header", "footer"):
        for part in pkg.related(main, kind):
            for n, (raw, _) in enumerate(_w_paragraphs(pkg.xml(part)), start=1):
                text = raw.strip()
                if text:
                    out.append(TextBlock(text, Location(part=part, paragraph=n), kind))
    return out


def _xlsx_blocks(pkg: OoxmlPackage) -> list[TextBlock]:
    out: list[TextBlock] = []
    main = pkg.main_part
    shared: list[str] = []
    for part in pkg.related(main, "sharedStrings"):
        for si in pkg.xml(part).iterfind("x:si", NS):
            shared.append("".join(t.text or "" for t in si.iter(f"{{{NS['x']}}}t")))
    sheets = pkg.xml(main).iterfind("x:sheets/x:sheet", NS)
    for sheet in sheets:
        rel = pkg.rel_target(main, sheet.get(f"{{{NS['r']}}}id", ""))
        if rel is None or rel.external or not pkg.has(rel.target):
            continue
        name = sheet.get("name", "")
        for c in pkg.xml(rel.target).iter(f"{{{NS['x']}}}c"):
            kind = c.get("t")
            text = ""
            if kind == "s":
                v = c.findtext("x:v", default="", namespaces=NS)
                if v.isdigit() and int(v) < len(shared):
                    text = shared[int(v)]
            elif kind == "inlineStr":
                text = "".join(t.text or "" for t in c.iter(f"{{{NS['x']}}}t"))
            elif kind == "str":
                text = c.findtext("x:v", default="", namespaces=NS)
            elif kind in (None, "n"):
                # A number: no words, but a figure the kk/ru comparison needs.
                value = c.findtext("x:v", default="", namespaces=NS).strip()
                if value:
                    out.append(TextBlock(value, Location(sheet=name, cell=c.get("r")), "value"))
                continue
            text = text.strip()
            if text:
                out.append(TextBlock(text, Location(sheet=name, cell=c.get("r")), "cell"))
        out.extend(_sheet_shapes(pkg, rel.target, name))
    return out


def _sheet_shapes(pkg: OoxmlPackage, sheet: str, name: str) -> list[TextBlock]:
    """The text of the text boxes and shapes drawn over a worksheet (its drawing parts): a
    list typed into a text box is the sheet's text too."""
    out: list[TextBlock] = []
    for drawing in pkg.related(sheet, "drawing"):
        if not pkg.has(drawing):
            continue
        for sp in pkg.xml(drawing).iter(_XDR_SP):
            if _in_fallback(sp):
                continue
            nv = next(sp.iter(_XDR_CNVPR), None)
            shape = (nv.get("name") if nv is not None else None) or None
            for n, p in enumerate(sp.iter(_A_P), start=1):
                text = _paragraph_text(p).strip()
                if text:
                    out.append(TextBlock(text, Location(sheet=name, shape=shape, paragraph=n),
                                         "shape"))
    return out


def extract_text(doc: Document) -> tuple[TextBlock, ...]:
    """Return the located text blocks of a document (empty for formats without text)."""
    if doc.format == "pdf":
        return doc.pdf_text.blocks
    if doc.container != "zip":
        return ()
    pkg = doc.ooxml
    if doc.declared_kind == "presentation":
        return tuple(_pptx_blocks(pkg, doc))
    if doc.declared_kind == "document":
        return tuple(_docx_blocks(pkg))
    if doc.declared_kind == "spreadsheet":
        return tuple(_xlsx_blocks(pkg))
    return ()


@dataclass(frozen=True, slots=True)
class TableShape:
    """A table's size and where it is: rows, and the widest row's cells."""

    rows: int
    columns: int
    location: Location


def _shape(rows: list[etree._Element], cell_tag: str, location: Location) -> TableShape:
    widest = max((sum(1 for c in r if c.tag == cell_tag) for r in rows), default=0)
    return TableShape(len(rows), widest, location)


def extract_tables(doc: Document) -> tuple[TableShape, ...]:
    """Shapes of the tables of a DOCX body or of a deck's slides, in reading order."""
    if doc.container != "zip" or doc.declared_kind not in ("document", "presentation"):
        return ()
    pkg = doc.ooxml
    out: list[TableShape] = []
    if doc.declared_kind == "document":
        body = pkg.xml(pkg.main_part).find("w:body", NS)
        if body is None:
            return ()
        tables = [t for t in body.iter(f"{{{NS['w']}}}tbl") if not _in_fallback(t)]
        for n, tbl in enumerate(tables, start=1):
            rows = tbl.findall("w:tr", NS)
            out.append(_shape(rows, _W_TC, Location(shape=f"table {n}")))
        return tuple(out)
    for slide in doc.deck.slides:
        for tbl in pkg.xml(slide.part).iter(f"{{{NS['a']}}}tbl"):
            rows = tbl.findall("a:tr", NS)
            frame = next((a for a in tbl.iterancestors(f"{{{NS['p']}}}graphicFrame")), None)
            nv = frame.find(".//p:cNvPr", NS) if frame is not None else None
            shape = nv.get("name") if nv is not None else None
            out.append(_shape(rows, f"{{{NS['a']}}}tc", Location(slide=slide.number, shape=shape)))
    return tuple(out)
