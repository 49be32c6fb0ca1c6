"""Footers, chart title sizes, and text the file cannot size (OLE objects, ink, equations)."""

from __future__ import annotations

import pytest
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
from validator.core.findings import Status

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


def _ole_frame(prog_id: str, name: str = "Object") -> str:
    return (f'<p:graphicFrame {NSDECL}><p:nvGraphicFramePr><p:cNvPr id="21" '
            'name="Object 2"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr>'
            '<p:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></p:xfrm>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/'
            f'presentationml/2006/ole"><p:oleObj name="{name}" progId="{prog_id}"'
            ' r:id="rId99"/></a:graphicData></a:graphic></p:graphicFrame>')


@pytest.mark.parametrize(("prog_id", "name"), [
    ("Photoshop.Image.8", "Image"), ("Photoshop.Image.18", "Image"), ("PBrush", "Bitmap"),
    ("", "Photo Editor Photo"), ("Paint.Picture", "Bitmap Image")])
def test_picture_ole_objects_carry_no_text(prog_id: str, name: str) -> None:
    prs = new_deck()
    add_xml(add_slide(prs), _ole_frame(prog_id, name))
    assert runs(save(prs)) == []
    assert hits(save(prs), min_font_size) == []


@pytest.mark.parametrize("prog_id", ["Word.Document.12", "PowerPoint.Slide.8",
                                     "MSGraph.Chart.8", "Equation.3"])
def test_text_bearing_ole_objects_still_need_review(prog_id: str) -> None:
    prs = new_deck()
    add_xml(add_slide(prs), _ole_frame(prog_id))
    [hit] = hits(save(prs), min_font_size)
    assert hit.status is Status.NEEDS_REVIEW and hit.args["excerpt"] == prog_id


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


def test_chart_user_shapes_use_their_own_sizes_or_18pt() -> None:
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    prs = new_deck()
    slide = add_slide(prs)
    data = CategoryChartData()
    data.categories = ["A", "B"]
    data.add_series("One", (1, 2))
    frame = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, 0, 0, 4572000, 3000000, data)
    cdr = "http://schemas.openxmlformats.org/drawingml/2006/chartDrawing"
    shape = ('<cdr:relSizeAnchor><cdr:from><cdr:x>0.1</cdr:x><cdr:y>0.1</cdr:y></cdr:from>'
             "<cdr:to><cdr:x>0.5</cdr:x><cdr:y>0.2</cdr:y></cdr:to><cdr:sp><cdr:nvSpPr>"
             '<cdr:cNvPr id="2" name="Note"/><cdr:cNvSpPr txBox="1"/></cdr:nvSpPr><cdr:spPr/>'
             "<cdr:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r>{rpr}<a:t>{text}</a:t></a:r></a:p>"
             "</cdr:txBody></cdr:sp></cdr:relSizeAnchor>")
    blob = (f'<c:userShapes xmlns:c="{C[1:-1]}" xmlns:cdr="{cdr}" xmlns:a="{A[1:-1]}">'
            + shape.format(rpr='<a:rPr sz="1200"/>', text="SOURCENOTE")
            + shape.format(rpr="", text="UNSIZEDNOTE") + "</c:userShapes>")
    part = frame.chart.part
    users = Part(PackURI("/ppt/drawings/drawing1.xml"),
                 "application/vnd.openxmlformats-officedocument.drawingml.chartshapes+xml",
                 part.package, blob.encode())
    part.relate_to(users, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                          "chartUserShapes")
    got = {r.text: r for r in runs(save(prs))}
    assert got["SOURCENOTE"].size_pt == 12.0 and got["SOURCENOTE"].kind == "chart"
    assert got["UNSIZEDNOTE"].size_pt == 18.0
    assert "ppt/drawings/drawing1.xml" in got["SOURCENOTE"].source


def _one_series_chart(prs: object, kind: XL_CHART_TYPE, categories: list[str], name: str,
                      values: tuple[float, ...]) -> etree._Element:
    """A chart of one series on a new slide of ``prs``; its ``c:chartSpace``."""
    data = CategoryChartData()
    data.categories = categories
    data.add_series(name, values)
    frame = add_slide(prs).shapes.add_chart(kind, 0, 0, 4572000, 3000000, data)
    return frame.chart._chartSpace


def test_chart_data_labels_trendline_and_legend_entries() -> None:
    prs = new_deck()
    space = _one_series_chart(prs, XL_CHART_TYPE.LINE, ["A", "B"], "One", (1, 2))
    ns = f'xmlns:c="{C[1:-1]}" xmlns:a="{A[1:-1]}"'
    tx_pr = '<c:txPr><a:bodyPr/><a:p><a:pPr><a:defRPr sz="{}"/></a:pPr></a:p></c:txPr>'
    ser = space.find(f".//{C}ser")
    ser.find(f"{C}order").addnext(etree.fromstring(
        f"<c:dLbls {ns}><c:dLbl><c:idx val=\"0\"/><c:tx><c:rich><a:bodyPr/><a:p><a:r>"
        '<a:rPr sz="1400"/><a:t>Peak</a:t></a:r></a:p></c:rich></c:tx></c:dLbl>'
        '<c:dLbl><c:idx val="1"/><c:showVal val="1"/></c:dLbl>'
        f'{tx_pr.format(1600)}<c:showVal val="0"/></c:dLbls>'))
    ser.append(etree.fromstring(f'<c:trendline {ns}><c:trendlineType val="linear"/>'
                                "<c:trendlineLbl/></c:trendline>"))
    legend = space.find(f"{C}chart/{C}legend")
    if legend is None:
        legend = etree.SubElement(space.find(f"{C}chart"), f"{C}legend")
    entry = etree.fromstring(f'<c:legendEntry {ns}><c:idx val="0"/>'
                             f"{tx_pr.format(1100)}</c:legendEntry>")
    position = legend.find(f"{C}legendPos")
    if position is not None:
        position.addnext(entry)  # schema order: legendPos, legendEntry*, ...
    else:
        legend.insert(0, entry)
    got = {(r.source.split(": ")[1], r.text): r.size_pt for r in runs(save(prs))}
    assert got[("data label", "Peak")] == 14.0
    assert got[("data label", "")] == 16.0  # from the enclosing c:dLbls; no text cached
    assert not [k for k in got if k[0] == "data labels"]  # the group itself shows nothing
    assert got[("trendline label", "")] == 18.0  # chart-wide c:txPr; its equation is made up
    assert got[("legend entry", "")] == 11.0
    assert got[("legend", "One")] == 18.0


def test_chart_texts_are_the_files_words_never_the_elements_english_names() -> None:
    """A chart element whose words the chart program makes up (a value axis's scale) quotes
    nothing; data labels quote the values the file caches; the message says the chart's own
    default applies, not the deck's 18 pt."""
    prs = new_deck()
    space = _one_series_chart(prs, XL_CHART_TYPE.COLUMN_CLUSTERED, ["Север", "Юг"], "Доходы",
                              (125, 250))
    space.remove(space.find(f"{C}txPr"))  # no size anywhere: the chart's built-in 10 pt
    ser = space.find(f".//{C}ser")
    ser.find(f"{C}order").addnext(etree.fromstring(
        f'<c:dLbls xmlns:c="{C[1:-1]}"><c:showVal val="1"/></c:dLbls>'))
    got = {r.source.split(": ")[1]: r.text for r in runs(save(prs))}
    assert got["catAx tick labels"] == "Север, Юг"
    assert got["valAx tick labels"] == ""  # the scale is computed, not stored
    assert got["data labels"] == "125, 250"
    assert got["auto title"] == "Доходы"
    [hit] = hits(save(prs), min_font_size)
    assert hit.measured == 10.0
    assert hit.args["excerpt"] == "Доходы Север, Юг 125, 250"
    assert hit.args["source"]["ru"] == ("не в диаграмме: действует встроенный размер "
                                        "PowerPoint для текста диаграмм")
    assert hit.args["source"]["kk"].startswith("диаграммада еш жерде")
    assert "18" not in hit.args["source"]["ru"] + hit.args["source"]["kk"]


def test_object_without_a_class_or_text_quotes_nothing_in_english() -> None:
    prs = new_deck()
    add_xml(add_slide(prs), _ole_frame("", "").replace(' progId=""', "").replace(' name=""', ""))
    [run] = runs(save(prs))
    assert (run.text, run.kind) == ("", "object")
    [hit] = hits(save(prs), min_font_size)
    assert hit.status is Status.NEEDS_REVIEW and hit.args["excerpt"] == "…"
    assert "embedded object" in hit.evidence  # the English stays in the evidence
