"""Spec chains C (tables), D (charts) and E (SmartArt), and the DECISIONS on them."""

from __future__ import annotations

from lxml import etree
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.slide import Slide

from tests.slides.decks import (
    NSDECL,
    add_slide,
    add_xml,
    appendix_styles,
    by_text,
    hits,
    new_deck,
    runs,
    save,
)
from validator.checks.font_size import min_font_size
from validator.core.findings import Status

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _table(slide: Slide, sizes: dict[tuple[int, int], int] | None = None) -> None:
    frame = slide.shapes.add_table(2, 2, 914400, 914400, 6096000, 1828800)
    for r in range(2):
        for c in range(2):
            cell = frame.table.cell(r, c)
            cell.text = f"CELL{r}{c}"
            if sizes and (r, c) in sizes:
                rpr = cell._tc.find(f".//{A}rPr")
                if rpr is None:
                    rpr = etree.SubElement(cell._tc.find(f".//{A}r"), f"{A}rPr")
                    cell._tc.find(f".//{A}r").insert(0, rpr)
                rpr.set("sz", str(sizes[(r, c)]))


def test_table_cells_take_master_other_style_with_default_text_style_as_alternative() -> None:
    prs = new_deck()
    appendix_styles(prs)
    _table(add_slide(prs))
    got = by_text(runs(save(prs)))
    cell = got["CELL00"]
    assert cell.in_table and cell.kind == "table" and cell.cell == "R1C1"
    assert (cell.size_pt, cell.alt_size_pt) == (12.0, 26.0)
    assert "master otherStyle" in cell.source


def test_table_needs_review_when_the_two_styles_disagree_on_the_verdict() -> None:
    prs = new_deck()
    appendix_styles(prs)
    _table(add_slide(prs))
    [hit] = hits(save(prs), min_font_size)
    assert hit.status is Status.NEEDS_REVIEW and hit.message == "table_review"
    assert hit.location.cell == "R1C1" and "defaultTextStyle would give 26 pt" in hit.evidence


def test_table_is_one_finding_per_frame_naming_the_smallest_cell() -> None:
    prs = new_deck()
    _table(add_slide(prs), {(1, 0): 1400, (1, 1): 1000, (0, 0): 2400})
    [hit] = hits(save(prs), min_font_size)
    assert hit.status is Status.VIOLATION and hit.message == "table"
    assert (hit.measured, hit.location.cell) == (10.0, "R2C2")
    assert hit.args["excerpt"] == "CELL11"


def test_table_at_24pt_passes() -> None:
    prs = new_deck()
    _table(add_slide(prs), {(r, c): 2400 for r in range(2) for c in range(2)})
    assert hits(save(prs), min_font_size) == []


def _chart(prs: object) -> tuple[bytes, etree._Element, object]:
    slide = add_slide(prs)  # type: ignore[arg-type]
    data = CategoryChartData()
    data.categories = ["East", "West"]
    data.add_series("Revenue", (1, 2))
    frame = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, 914400, 914400, 4572000,
                                   3000000, data)
    return b"", frame.chart._chartSpace, frame.chart.part


def _chart_runs(prs: object) -> dict[str, float | None]:
    return {r.source.split(": ")[1]: r.size_pt for r in runs(save(prs))}  # type: ignore[arg-type]


def test_python_pptx_chart_sizes_follow_chart_wide_text_properties() -> None:
    prs = new_deck()
    _chart(prs)
    got = _chart_runs(prs)
    assert got == {"auto title": 21.6, "catAx tick labels": 18.0, "valAx tick labels": 18.0}


def test_47_chart_without_any_text_properties_is_10pt() -> None:
    prs = new_deck()
    _, space, _ = _chart(prs)
    space.remove(space.find(f"{C}txPr"))
    got = _chart_runs(prs)
    assert got["catAx tick labels"] == 10.0 and got["auto title"] == 18.0
    [hit] = hits(save(prs), min_font_size)
    assert hit.measured == 10.0 and hit.status is Status.VIOLATION
    assert "no c:txPr, no chart style part" in hit.evidence


def test_48_deleted_axis_and_hidden_tick_labels_draw_no_text() -> None:
    prs = new_deck()
    _, space, _ = _chart(prs)
    space.find(f".//{C}catAx/{C}delete").set("val", "1")
    space.find(f".//{C}valAx/{C}tickLblPos").set("val", "none")
    space.find(f".//{C}autoTitleDeleted").set("val", "1")
    assert _chart_runs(prs) == {}


def test_chart_with_style_part_and_no_text_properties_needs_review() -> None:
    prs = new_deck()
    _, space, chart_part = _chart(prs)
    space.remove(space.find(f"{C}txPr"))
    style = Part(PackURI("/ppt/charts/style1.xml"),
                 "application/vnd.ms-office.chartstyle+xml", chart_part.package,  # type: ignore[attr-defined]
                 b'<cs:chartStyle xmlns:cs="http://schemas.microsoft.com/office/drawing/2012/'
                 b'chartStyle" id="201"/>')
    chart_part.relate_to(style, "http://schemas.microsoft.com/office/2011/relationships/"  # type: ignore[attr-defined]
                         "chartStyle")
    got = _chart_runs(prs)
    assert set(got.values()) == {None}
    [hit] = hits(save(prs), min_font_size)
    assert hit.status is Status.NEEDS_REVIEW and hit.message == "review"


def test_chart_title_run_size_and_element_text_properties() -> None:
    prs = new_deck()
    _, space, _ = _chart(prs)
    chart = space.find(f"{C}chart")
    chart.insert(0, etree.fromstring(
        f'<c:title xmlns:c="{C[1:-1]}" xmlns:a="{A[1:-1]}"><c:tx><c:rich><a:bodyPr/>'
        '<a:p><a:r><a:rPr sz="2800"/><a:t>Quarterly revenue</a:t></a:r></a:p></c:rich></c:tx>'
        "</c:title>"))
    ax = space.find(f".//{C}valAx")
    ax.append(etree.fromstring(
        f'<c:txPr xmlns:c="{C[1:-1]}" xmlns:a="{A[1:-1]}"><a:bodyPr/><a:p><a:pPr>'
        '<a:defRPr sz="1200"/></a:pPr></a:p></c:txPr>'))
    got = {r.text: r for r in runs(save(prs))}
    assert got["Quarterly revenue"].size_pt == 28.0
    assert "auto title" not in {r.source.split(": ")[1] for r in got.values()}
    val = next(r for r in got.values() if "valAx" in r.source)
    assert val.size_pt == 12.0 and val.kind == "chart"


def _smartart(slide: Slide, with_cache: bool, font_scale: str = "") -> None:
    part = slide.part
    dsp = "http://schemas.microsoft.com/office/drawing/2008/diagram"
    dgm = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
    drawing_rid = ""
    if with_cache:
        scale = f'<a:normAutofit fontScale="{font_scale}"/>' if font_scale else ""
        drawing = Part(
            PackURI("/ppt/diagrams/drawing1.xml"),
            "application/vnd.ms-office.drawingml.diagramDrawing+xml", part.package,
            (f'<dsp:drawing xmlns:dsp="{dsp}" xmlns:a="{A[1:-1]}"><dsp:spTree><dsp:nvGrpSpPr>'
             '<dsp:cNvPr id="0" name=""/><dsp:cNvGrpSpPr/></dsp:nvGrpSpPr><dsp:grpSpPr/>'
             '<dsp:sp modelId="{1}"><dsp:nvSpPr><dsp:cNvPr id="0" name=""/><dsp:cNvSpPr/>'
             f"</dsp:nvSpPr><dsp:spPr/><dsp:txBody><a:bodyPr>{scale}</a:bodyPr><a:lstStyle/>"
             '<a:p><a:r><a:rPr lang="en-US" sz="2000"/><a:t>SMARTTEXT</a:t></a:r></a:p>'
             "</dsp:txBody></dsp:sp></dsp:spTree></dsp:drawing>").encode())
        drawing_rid = part.relate_to(
            drawing, "http://schemas.microsoft.com/office/2007/relationships/diagramDrawing")
    ext = (f'<dgm:extLst><a:ext uri="{dsp}"><dsp:dataModelExt xmlns:dsp="{dsp}" '
           f'relId="{drawing_rid}" minVer="http://schemas.openxmlformats.org/drawingml/2006/'
           'diagram"/></a:ext></dgm:extLst>' if with_cache else "")
    data = Part(PackURI("/ppt/diagrams/data1.xml"),
                "application/vnd.openxmlformats-officedocument.drawingml.diagramData+xml",
                part.package,
                (f'<dgm:dataModel xmlns:dgm="{dgm}" xmlns:a="{A[1:-1]}"><dgm:ptLst>'
                 '<dgm:pt modelId="1"><dgm:t><a:bodyPr/><a:p><a:r><a:t>SMARTTEXT</a:t></a:r>'
                 f"</a:p></dgm:t></dgm:pt></dgm:ptLst>{ext}</dgm:dataModel>").encode())
    data_rid = part.relate_to(
        data, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/diagramData")
    add_xml(slide, f'<p:graphicFrame {NSDECL}><p:nvGraphicFramePr><p:cNvPr id="40" '
                   'name="Diagram 1"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr>'
                   '<p:xfrm><a:off x="914400" y="914400"/><a:ext cx="6096000" cy="3048000"/>'
                   f'</p:xfrm><a:graphic><a:graphicData uri="{dgm}"><dgm:relIds '
                   f'xmlns:dgm="{dgm}" r:dm="{data_rid}" r:lo="" r:qs="" r:cs=""/>'
                   "</a:graphicData></a:graphic></p:graphicFrame>")


def test_smartart_sizes_come_from_the_drawing_cache_with_its_autofit() -> None:
    prs = new_deck()
    _smartart(add_slide(prs), True, "85000")
    run = by_text(runs(save(prs)))["SMARTTEXT"]
    assert (run.size_pt, run.kind, run.shape, run.shape_id) == (17.0, "smartart", "Diagram 1",
                                                                 40)
    assert "ppt/diagrams/drawing1.xml" in run.source
    [hit] = hits(save(prs), min_font_size)
    assert hit.measured == 17.0 and hit.location.shape == "Diagram 1"


def test_smartart_without_drawing_cache_needs_review() -> None:
    prs = new_deck()
    _smartart(add_slide(prs), False)
    [run] = runs(save(prs))
    assert run.size_pt is None and run.text == "SMARTTEXT" and run.kind == "smartart"
    [hit] = hits(save(prs), min_font_size)
    assert hit.status is Status.NEEDS_REVIEW and "drawing cache" in hit.evidence
