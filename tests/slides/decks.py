"""Building test decks with python-pptx and lxml, and running the resolver and rules on them.

The decks start from python-pptx's default template (master titleStyle 44, bodyStyle
32/28/24/20/20, otherStyle 18, defaultTextStyle 18, master dt/ftr/sldNum list styles 12), made
16:9. Raw DrawingML is inserted with lxml where python-pptx has no API.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.oxml import parse_xml
from pptx.presentation import Presentation as PresentationT
from pptx.slide import Slide

from validator.checks.base import Hit, Rule
from validator.files.document import Document
from validator.files.member import Member, ReadLimits
from validator.formats.archive import ArchiveLimits
from validator.slides import ResolvedRun, resolved_runs

NSDECL = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
          'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"

LIMITS = ReadLimits(ArchiveLimits(10000, 536870912, 209715200, 100.0, 1048576, 1), 52428800)
SLD002 = {"min_size_pt": 20.0, "tolerance_pt": 0.01}
SLD005 = {"line_spacing": 1.2, "char_width": 0.5}

LAYOUT = {"title": 0, "content": 1, "section": 2, "two": 3, "title_only": 5, "blank": 6,
          "caption": 7}


def new_deck() -> PresentationT:
    prs = Presentation()
    prs.slide_width, prs.slide_height = 12192000, 6858000
    return prs


def add_slide(prs: PresentationT, layout: str = "blank") -> Slide:
    return prs.slides.add_slide(prs.slide_layouts[LAYOUT[layout]])


def save(prs: PresentationT) -> bytes:
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def document(data: bytes, name: str = "deck.pptx") -> Document:
    return Document(Member(name, name, blob=data), LIMITS)


def runs(data: bytes, include_hidden: bool = False) -> list[ResolvedRun]:
    doc = document(data)
    return list(resolved_runs(doc.ooxml, doc.deck, include_hidden=include_hidden))


def by_text(items: Iterable[ResolvedRun]) -> dict[str, ResolvedRun]:
    out: dict[str, ResolvedRun] = {}
    for r in items:
        assert r.text not in out, f"text {r.text!r} resolved twice"
        out[r.text] = r
    return out


def hits(data: bytes, rule: Rule, params: dict[str, Any] | None = None,
         name: str = "deck.pptx") -> list[Hit]:
    return list(rule.check(document(data, name), params or SLD002))


def sp_xml(text_xml: str, *, sid: int = 100, name: str = "Box", x: int = 914400,
           y: int = 914400, cx: int = 4572000, cy: int = 914400, body_pr: str = "<a:bodyPr/>",
           lst: str = "<a:lstStyle/>", tx_box: bool = True, hidden: bool = False) -> str:
    """A non-placeholder shape; ``text_xml`` is the paragraphs (``<a:p>...``)."""
    flag = ' hidden="1"' if hidden else ""
    box = '<p:cNvSpPr txBox="1"/>' if tx_box else "<p:cNvSpPr/>"
    return (f'<p:sp {NSDECL}><p:nvSpPr><p:cNvPr id="{sid}" name="{name}"{flag}/>{box}<p:nvPr/>'
            f'</p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/>'
            f'</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>'
            f"<p:txBody>{body_pr}{lst}{text_xml}</p:txBody></p:sp>")


def para(text: str, sz: int | None = None, lvl: int | None = None, extra_rpr: str = "",
         defrpr: int | None = None, end_sz: int | None = None) -> str:
    attrs = (f' sz="{sz}"' if sz else "") + extra_rpr
    ppr = ""
    if lvl is not None or defrpr is not None:
        lv = f' lvl="{lvl}"' if lvl is not None else ""
        inner = f'<a:defRPr sz="{defrpr}"/>' if defrpr else ""
        ppr = f"<a:pPr{lv}>{inner}</a:pPr>"
    end = f'<a:endParaRPr sz="{end_sz}"/>' if end_sz else ""
    return f'<a:p>{ppr}<a:r><a:rPr lang="en-US"{attrs}/><a:t>{text}</a:t></a:r>{end}</a:p>'


def add_xml(slide: Slide, xml: str) -> etree._Element:
    el = parse_xml(xml)
    slide.shapes._spTree.append(el)
    return el


def set_level_size(lst: etree._Element, level: int, sz: int) -> None:
    """Set ``a:lvl{level}pPr/a:defRPr@sz`` (level 1-based) in a list style, creating it."""
    ppr = lst.find(f"{A}lvl{level}pPr")
    if ppr is None:
        ppr = etree.SubElement(lst, f"{A}lvl{level}pPr")
    d = ppr.find(f"{A}defRPr")
    if d is None:
        d = etree.SubElement(ppr, f"{A}defRPr")
    d.set("sz", str(sz))


def default_text_style(prs: PresentationT) -> etree._Element:
    return prs.part._element.find(f"{P}defaultTextStyle")


def other_style(prs: PresentationT) -> etree._Element:
    return prs.slide_master._element.find(f"{P}txStyles/{P}otherStyle")


def appendix_styles(prs: PresentationT) -> None:
    """The spec's lab setup: defaultTextStyle 26/27, master otherStyle 12/10."""
    dts, other = default_text_style(prs), other_style(prs)
    set_level_size(dts, 1, 2600)
    set_level_size(dts, 2, 2700)
    set_level_size(other, 1, 1200)
    set_level_size(other, 2, 1000)


def fill_placeholder(slide: Slide, idx: int, *paras: str) -> etree._Element:
    """Replace the paragraphs of the slide placeholder ``idx`` with raw ``<a:p>`` XML."""
    sp = slide.placeholders[idx]._element
    tx = sp.find(f"{P}txBody")
    for p in tx.findall(f"{A}p"):
        tx.remove(p)
    for p in paras:
        tx.append(parse_xml(p.replace("<a:p>", f"<a:p {NSDECL}>", 1)))
    return sp
