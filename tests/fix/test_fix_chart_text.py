"""SLD002 in charts: ``validator fix --unsafe-fixes`` raises a chart's text in its own part.

Case table: where the size comes from (an axis's ``c:txPr``, a title's run, the chart-wide
``c:txPr``, nothing at all (the built-in 10 pt), a chart style part) -> what the copy's chart
part holds, that the check reads every text of the chart at 20 pt or more in the copy, which
record says so, and that fixing the copy again changes nothing. Without ``--unsafe-fixes`` the
chart is left, with the reason an option lifts.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI

from tests.fix.test_fix_cases import _fix, _round_trip
from tests.slides.decks import add_slide, new_deck, runs, save
from validator.fix.chart_text import _user_shapes
from validator.reports.fix_words import record_text, skipped_text
from validator.slides.runs import CDR, A, C

CHART = "ppt/charts/chart1.xml"
STYLE_REL = "http://schemas.microsoft.com/office/2011/relationships/chartStyle"


def _deck(edit: str) -> bytes:
    """A deck with one column chart (python-pptx's: a chart-wide ``c:txPr`` of 18 pt, an
    automatic title of its one series), changed as ``edit`` says."""
    prs = new_deck()
    data = CategoryChartData()
    data.categories = ["East", "West"]
    data.add_series("Revenue", (1, 2))
    frame = add_slide(prs).shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, 914400, 914400,
                                            4572000, 3000000, data)
    space = frame.chart._chartSpace
    if edit in ("none", "style"):
        space.remove(space.find(f"{C}txPr"))
    if edit == "axis":
        space.find(f".//{C}valAx").append(etree.fromstring(
            f'<c:txPr xmlns:c="{C[1:-1]}" xmlns:a="{A[1:-1]}"><a:bodyPr/><a:p><a:pPr>'
            '<a:defRPr sz="1200"/></a:pPr></a:p></c:txPr>'))
    if edit == "title":
        space.find(f"{C}chart").insert(0, etree.fromstring(
            f'<c:title xmlns:c="{C[1:-1]}" xmlns:a="{A[1:-1]}"><c:tx><c:rich><a:bodyPr/>'
            '<a:p><a:r><a:rPr sz="1400"/><a:t>Quarterly revenue</a:t></a:r></a:p></c:rich>'
            "</c:tx></c:title>"))
    if edit == "wide":
        space.find(f"{C}txPr").find(f".//{A}defRPr").set("sz", "1000")
    if edit == "style":
        part = frame.chart.part
        style = Part(PackURI("/ppt/charts/style1.xml"), "application/vnd.ms-office.chartstyle+xml",
                     part.package, b'<cs:chartStyle xmlns:cs="http://schemas.microsoft.com/'
                     b'office/drawing/2012/chartStyle" id="201"/>')
        part.relate_to(style, STYLE_REL)
    return save(prs)


def _chart_sizes(data: bytes) -> dict[str, float | None]:
    return {r.source.split(": ")[1]: r.size_pt for r in runs(data) if r.kind == "chart"}


def _chart_xml(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(CHART))


@pytest.mark.parametrize(("edit", "before", "kind", "smallest"), [
    # an axis's own 12 pt: raised where it is set; the rest already 18 pt (chart-wide), so the
    # chart-wide size is raised too, as the texts that take it are under the minimum
    ("axis", {"auto title": 21.6, "catAx tick labels": 18.0, "valAx tick labels": 12.0},
     "chart_size", "12"),
    ("title", {"title": 14.0, "catAx tick labels": 18.0, "valAx tick labels": 18.0},
     "chart_size", "14"),
    ("wide", {"auto title": 12.0, "catAx tick labels": 10.0, "valAx tick labels": 10.0},
     "chart_size", "10"),
    # nothing sets a size: the built-in 10 pt (title 18 pt); a chart-wide c:txPr is added
    ("none", {"auto title": 18.0, "catAx tick labels": 10.0, "valAx tick labels": 10.0},
     "chart_size", "10"),
])
def test_chart_text_raised_in_its_part(tmp_path: Path, edit: str, before: dict[str, float],
                                       kind: str, smallest: str) -> None:
    data = _deck(edit)
    assert _chart_sizes(data) == before
    out, new, done = _round_trip(tmp_path, data, "deck.pptx", unsafe=True)
    after = _chart_sizes(new)
    assert set(after) == set(before)
    assert all(size is not None and size >= 20 for size in after.values()), after
    [record] = [r for r in done.records if r.kind.startswith("chart")]
    assert (record.code, record.kind, record.safe, record.where) == (
        "SLD002", kind, False, f"/{CHART}")
    assert dict(record.args)["before"] == smallest
    assert dict(record.args)["after"] == "20"
    assert [loc.to_dict() for loc in record.place.places] == [{"slide": 1, "shape": "Chart 1"}]
    space = _chart_xml(new)
    wide = space.find(f"{C}txPr/{A}p/{A}pPr/{A}defRPr")
    assert wide is not None and wide.get("sz") == "2000"
    # c:txPr stays where the schema puts it: after c:chart, before c:externalData
    tags = [etree.QName(el).localname for el in space]
    assert tags.index("txPr") == tags.index("chart") + 1
    assert tags.index("txPr") < tags.index("externalData")
    # sizes above the minimum are kept; every size under it is gone
    sizes = [int(el.get("sz")) for el in space.iter(f"{A}defRPr", f"{A}rPr") if el.get("sz")]
    assert min(sizes) >= 2000
    assert "SLD002" not in [f.code for f in _check(out)]


def _check(path: Path) -> list:  # type: ignore[type-arg]
    from validator.api import check

    return list(check(str(path), isolate=False).all_findings())


def test_sizes_above_the_minimum_are_kept(tmp_path: Path) -> None:
    data = _deck("title")
    space_xml = _chart_xml(data)
    space_xml.find(f"{C}txPr").find(f".//{A}defRPr").set("sz", "2400")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts[CHART] = etree.tostring(space_xml, xml_declaration=True, encoding="UTF-8",
                                  standalone=True)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, body in parts.items():
            z.writestr(name, body)
    _, new, done = _round_trip(tmp_path, buf.getvalue(), "deck.pptx", unsafe=True)
    assert _chart_sizes(new) == {"title": 20.0, "catAx tick labels": 24.0,
                                 "valAx tick labels": 24.0}
    [record] = done.records
    assert dict(record.args)["before"] == "14" and dict(record.args)["count"] == "1"


def test_a_size_only_the_chart_style_gives_is_left(tmp_path: Path) -> None:
    """The style part may give more than the minimum, which a chart-wide size would lower: the
    chart is left as it is and stays a finding that needs review."""
    data = _deck("style")
    assert set(_chart_sizes(data).values()) == {None}
    src = tmp_path / "deck.pptx"
    src.write_bytes(data)
    new, _, done = _fix(src, unsafe=True)
    assert new is None and done.records == ()
    [finding] = [f for f in _check(src) if f.code == "SLD002"]
    assert finding.status.value == "needs-review"


def test_without_unsafe_fixes_the_chart_is_left_with_the_option_named(tmp_path: Path) -> None:
    src = tmp_path / "deck.pptx"
    src.write_bytes(_deck("none"))
    new, _, done = _fix(src, unsafe=False)
    assert new is None and done.records == ()
    assert done.skipped == (("SLD002", "chart", (
        ("where", "slide[1]/shape[Chart 1]"), ("slide", "1"), ("shape", "Chart 1"))),)
    code, why, args = done.skipped[0]
    text = skipped_text(code, why, args, "deck.pptx", "ru")
    assert text.startswith("SLD002: слайд 1, надпись «Chart 1»: текст этой диаграммы мельче "
                           "минимума") and text.endswith("его увеличивает --unsafe-fixes")


def test_the_record_in_words(tmp_path: Path) -> None:
    _, _, done = _round_trip(tmp_path, _deck("axis"), "deck.pptx", unsafe=True)
    [record] = done.records
    assert record_text(record, "ru") == (
        "слайд 1, надпись «Chart 1»: текст диаграммы 12 пт -> 20 пт (элементов текста: 2); "
        "программа диаграммы заново расположит её: посмотрите на подписи")
    assert record_text(record, "kk").startswith("1-слайд, «Chart 1» жазуы: диаграмма мәтіні "
                                                "12 пт -> 20 пт")


def test_text_boxes_over_a_chart_get_the_minimum_on_their_runs() -> None:
    """``c:userShapes``: a run with its own 12 pt, a run sized by the box's list style (14 pt),
    a run with no size anywhere (the built-in 18 pt) and one of 24 pt."""
    root = etree.fromstring(
        f'<c:userShapes xmlns:c="{C[1:-1]}" xmlns:cdr="{CDR[1:-1]}" xmlns:a="{A[1:-1]}">'
        "<cdr:relSizeAnchor><cdr:sp><cdr:txBody><a:bodyPr/><a:lstStyle><a:lvl1pPr>"
        '<a:defRPr sz="1400"/></a:lvl1pPr></a:lstStyle>'
        '<a:p><a:r><a:rPr sz="1200"/><a:t>own</a:t></a:r><a:r><a:t>listed</a:t></a:r></a:p>'
        "</cdr:txBody></cdr:sp></cdr:relSizeAnchor>"
        "<cdr:relSizeAnchor><cdr:sp><cdr:txBody><a:bodyPr/>"
        '<a:p><a:r><a:t>bare</a:t></a:r><a:r><a:rPr sz="2400"/><a:t>big</a:t></a:r></a:p>'
        "</cdr:txBody></cdr:sp></cdr:relSizeAnchor></c:userShapes>")
    raised, before = _user_shapes(root, 2000)
    assert (raised, sorted(before)) == (3, [1200, 1400, 1800])
    sizes = {r.find(f"{A}t").text: r.find(f"{A}rPr").get("sz") for r in root.iter(f"{A}r")}
    assert sizes == {"own": "2000", "listed": "2000", "bare": "2000", "big": "2400"}
    # the a:rPr made for a run comes first in it, as the schema orders a run
    assert [etree.QName(el).localname for el in next(root.iter(f"{A}r"))] == ["rPr", "t"]
