"""A slide shape's parts for text extraction, found in one walk.

``formats.textblocks._shape_parts`` answers in one walk of a shape what four searches answered
before: its first ``p:cNvPr``, the first ``p:ph`` of a ``p:nvPr``, its first ``c:chart`` and
its paragraphs. Each answer must be the very element ElementPath gives, on every shape of the
corpus decks and on shapes built to put those elements in unusual places.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from validator.formats.textblocks import _shape_parts

ROOT = Path(__file__).resolve().parents[2]
OFFICE = ROOT.parent / "shared" / "corpus" / "office"
NS = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "c": "http://schemas.openxmlformats.org/drawingml/2006/chart"}
SHAPES = etree.XPath("//p:sp | //p:graphicFrame", namespaces=NS)


def _by_search(sp: etree._Element) -> tuple[object, ...]:
    """What the four searches gave (the definition the one walk must keep)."""
    return (sp.find(".//p:cNvPr", NS), sp.find(".//p:nvPr/p:ph", NS),
            sp.find(".//c:chart", NS), sp.findall(".//a:p", NS))


def _slides() -> list[etree._Element]:
    roots: list[etree._Element] = []
    for deck in sorted(OFFICE.glob("*.pptx")):
        try:
            with zipfile.ZipFile(deck) as z:
                for name in z.namelist():
                    if name.startswith("ppt/slides/slide") and name.endswith(".xml"):
                        try:
                            roots.append(etree.fromstring(z.read(name)))
                        except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, EOFError):
                            continue
        except zipfile.BadZipFile:
            continue
    return roots


def test_every_corpus_shape_gives_what_the_searches_gave() -> None:
    shapes = [sp for root in _slides() for sp in SHAPES(root)]
    assert len(shapes) > 3000
    with_ph = with_chart = 0
    for sp in shapes:
        nv, ph, chart, paragraphs = _shape_parts(sp)
        assert (nv, ph, chart, paragraphs) == _by_search(sp)
        with_ph += ph is not None
        with_chart += chart is not None
    assert with_ph > 300 and with_chart > 5  # the cases that matter are among them


def test_unusual_places_give_what_the_searches_gave() -> None:
    """A p:nvPr without p:ph before one with it, a second p:cNvPr, a chart inside a shape's
    text, paragraphs nested in a paragraph, and the properties after the text."""
    xml = f"""<p:spTree xmlns:p="{NS['p']}" xmlns:a="{NS['a']}" xmlns:c="{NS['c']}">
      <p:sp><p:txBody><a:p><a:r><a:t>first</a:t></a:r></a:p>
        <a:p><a:p><a:t>nested</a:t></a:p></a:p></p:txBody>
        <p:nvSpPr><p:cNvPr id="1" name="late"/><p:nvPr/></p:nvSpPr>
        <p:extra><p:nvPr><p:ph type="title"/></p:nvPr><p:cNvPr id="2" name="second"/>
          <c:chart/><c:chart/></p:extra></p:sp>
      <p:sp/>
      <p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="3" name="g"/>
        <p:nvPr><p:ph idx="1"/><p:ph idx="2"/></p:nvPr></p:nvGraphicFramePr></p:graphicFrame>
    </p:spTree>"""
    shapes = SHAPES(etree.fromstring(xml))
    assert len(shapes) == 3
    for sp in shapes:
        assert _shape_parts(sp) == _by_search(sp)
    nv, ph, chart, paragraphs = _shape_parts(shapes[0])
    assert nv is not None and nv.get("name") == "late"
    assert ph is not None and ph.get("type") == "title"
    assert chart is not None and len(paragraphs) == 3
    assert _shape_parts(shapes[1]) == (None, None, None, [])
    ph = _shape_parts(shapes[2])[1]
    assert ph is not None and ph.get("idx") == "1"
