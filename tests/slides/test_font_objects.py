"""Footers, chart title sizes, and text the file cannot size (OLE objects, ink, equations)."""

from __future__ import annotations

from lxml import etree
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE

from tests.slides.decks import (
    NSDECL,
    add_slide,
    add_xml,
    by_text,
    hits,
    new_deck,
    runs,
    save,
    sp_xml,
)
from validator.checks.font_size import min_font_size
from validator.model import Status

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _footer(kind: str, idx: int, text: str) -> str:
    return (f'<p:sp {NSDECL}><p:nvSpPr><p:cNvPr id="{idx + 80}" name="{kind} {idx}"/>'
            f'<p:cNvSpPr/><p:nvPr><p:ph type="{kind}" sz="quarter" idx="{idx}"/></p:nvPr>'
            "</p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r>"
            f'<a:rPr lang="en-US"/><a:t>{text}</a:t></a:r></a:p></p:txBody></p:sp>')


def test_footer_and_date_placeholders_take_the_master_placeholders_12pt() -> None:
    prs = new_deck()
    slide = add_slide(prs, "content")
    add_xml(slide, _footer("ftr", 11, "FOOTERTEXT"))
    add_xml(slide, _footer("dt", 10, "DATETEXT"))
    got = by_text(runs(save(prs)))
    assert got["FOOTERTEXT"].size_pt == 12.0 and got["DATETEXT"].size_pt == 12.0
    assert got["FOOTERTEXT"].source == "master ftr placeholder, level 1"
    [first, second] = hits(save(prs), min_font_size)
    assert {first.location.shape, second.location.shape} == {"ftr 11", "dt 10"}


def test_chart_title_without_rich_text_is_chart_wide_size_times_1_2() -> None:
    prs = new_deck()
    slide = add_slide(prs)
    data = CategoryChartData()
    data.categories = ["A", "B"]
    data.add_series("One", (1, 2))
    data.add_series("Two", (3, 4))
    frame = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, 0, 0, 4572000, 3000000, data)
    space = frame.chart._chartSpace
    space.find(f"{C}txPr/{A}p/{A}pPr/{A}defRPr").set("sz", "2400")
    space.find(f"{C}chart").insert(0, etree.fromstring(f'<c:title xmlns:c="{C[1:-1]}"/>'))
    got = {r.source.split(": ")[1]: r.size_pt for r in runs(save(prs))}
    assert got["title"] == 28.8 and got["catAx tick labels"] == 24.0
    assert "auto title" not in got  # two series: no automatic title


def test_embedded_ole_object_needs_review_naming_its_program() -> None:
    prs = new_deck()
    slide = add_slide(prs)
    add_xml(slide, f'<p:graphicFrame {NSDECL}><p:nvGraphicFramePr><p:cNvPr id="20" '
                   'name="Object 1"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr>'
                   '<p:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></p:xfrm>'
                   '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/'
                   'presentationml/2006/ole"><p:oleObj name="Worksheet" progId="Excel.Sheet.12"'
                   ' r:id="rId99"/></a:graphicData></a:graphic></p:graphicFrame>')
    [run] = runs(save(prs))
    assert (run.text, run.size_pt, run.kind) == ("Excel.Sheet.12", None, "object")
    [hit] = hits(save(prs), min_font_size)
    assert hit.status is Status.NEEDS_REVIEW and hit.message == "review"
    assert "embedded object" in hit.evidence


def test_ink_content_part_needs_review() -> None:
    prs = new_deck()
    slide = add_slide(prs)
    add_xml(slide, '<p:contentPart xmlns:p="http://schemas.openxmlformats.org/presentationml/'
                   '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                   'relationships" r:id="rId98"/>')
    [run] = runs(save(prs))
    assert run.size_pt is None and "content part" in run.source


def test_equation_in_alternate_content_is_unresolvable_and_counted_once() -> None:
    prs = new_deck()
    slide = add_slide(prs)
    a14 = "http://schemas.microsoft.com/office/drawing/2010/main"
    m = "http://schemas.openxmlformats.org/officeDocument/2006/math"
    paragraph = (f'<a:p><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/'
                 f'markup-compatibility/2006" xmlns:a14="{a14}"><mc:Choice Requires="a14">'
                 f'<a14:m><m:oMathPara xmlns:m="{m}"><m:oMath><m:r><m:t>x=1</m:t></m:r>'
                 "</m:oMath></m:oMathPara></a14:m></mc:Choice><mc:Fallback><a:r>"
                 '<a:rPr sz="2400"/><a:t>x=1 (picture)</a:t></a:r></mc:Fallback>'
                 '</mc:AlternateContent><a:r><a:rPr sz="2400"/><a:t> where</a:t></a:r></a:p>')
    add_xml(slide, sp_xml(paragraph))
    got = runs(save(prs))
    assert [(r.text, r.size_pt) for r in got] == [("x=1", None), (" where", 24.0)]
    [hit] = hits(save(prs), min_font_size)
    assert hit.status is Status.NEEDS_REVIEW and "Office math" in hit.evidence
