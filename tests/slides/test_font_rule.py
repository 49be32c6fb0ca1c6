"""SLD002 as a rule: one finding per shape, locations with geometry, decorations per slide,
hidden slides listed, fingerprints, and the slide pictures the engine attaches to the report."""

from __future__ import annotations

import json
from pathlib import Path

from pptx.oxml import parse_xml

from tests.conftest import assert_valid_json
from tests.slides.decks import (
    add_slide,
    add_xml,
    fill_placeholder,
    hits,
    new_deck,
    para,
    save,
    sp_xml,
)
from validator.api import check
from validator.checks.font_size import excerpt, min_font_size
from validator.core.findings import Severity, Status
from validator.reports.json import report_dict


def test_one_finding_per_shape_with_smallest_size_location_and_excerpt() -> None:
    prs = new_deck()
    slide = add_slide(prs, "content")
    slide.shapes.title.text = "Big title"
    add_xml(slide, sp_xml(para("Small print", sz=1400) + para("smaller", sz=1200), sid=77,
                          name="Footnote", x=914400, y=5486400, cx=6096000, cy=457200))
    [hit] = hits(save(prs), min_font_size)
    assert hit.status is Status.VIOLATION and hit.message == "default"
    assert (hit.measured, hit.threshold, hit.unit) == (12.0, 20.0, "pt")
    loc = hit.location
    assert (loc.slide, loc.shape, loc.shape_id) == (1, "Footnote", 77)
    assert loc.box is not None
    assert (loc.box.x, loc.box.y, loc.box.width, loc.box.height) == (914400, 5486400, 6096000,
                                                                      457200)
    assert (loc.box.slide_width, loc.box.slide_height) == (12192000, 6858000)
    assert hit.args["excerpt"] == "Small print smaller"
    assert hit.evidence == "run a:rPr sz"


def test_caption_placeholder_evidence_names_the_layout() -> None:
    prs = new_deck()
    slide = add_slide(prs, "caption")
    fill_placeholder(slide, 2, para("Source: statistics department"))
    [hit] = hits(save(prs), min_font_size)
    assert hit.measured == 14.0
    assert hit.evidence == "layout 'Content with Caption' placeholder idx 2, level 1"


def test_decoration_is_one_finding_at_its_root_listing_each_visible_slide() -> None:
    prs = new_deck()
    prs.slide_master.shapes._spTree.append(
        parse_xml(sp_xml(para("Akimat of Oskemen", sz=1100), sid=900, name="Logo caption")))
    for _ in range(3):
        add_slide(prs)
    prs.slides[2]._element.set("show", "0")
    got = hits(save(prs), min_font_size)
    [deco] = [h for h in got if h.case is None]
    assert [loc.slide for loc in deco.locations] == [1, 2]
    assert deco.location == deco.locations[0]
    assert deco.message == "root" and deco.measured == 11.0
    assert deco.root is not None
    assert deco.root.part == "ppt/slideMasters/slideMaster1.xml"
    assert deco.root.element == "p:cSld/p:spTree/*[*/p:cNvPr/@id='900']"
    assert deco.location.part == "ppt/slideMasters/slideMaster1.xml"
    assert "drawn by the master /ppt/slideMasters/slideMaster1.xml" in deco.evidence
    assert deco.args["places"]["en"] == "slides 1-2"
    assert deco.args["places"]["ru"] == "слайдах 1-2"
    assert "«Logo caption»" in deco.args["root"]["kk"]
    hidden = [h for h in got if h.case == "hidden-slide"]
    assert [(h.location.slide, h.message) for h in hidden] == [(3, "hidden")]


def test_hidden_slide_is_not_checked() -> None:
    prs = new_deck()
    slide = add_slide(prs)
    add_xml(slide, sp_xml(para("tiny", sz=800)))
    slide._element.set("show", "0")
    [hit] = hits(save(prs), min_font_size)
    assert hit.case == "hidden-slide" and hit.location.slide == 1


def test_twenty_point_text_passes_and_tolerance_is_applied() -> None:
    prs = new_deck()
    slide = add_slide(prs)
    add_xml(slide, sp_xml(para("exactly twenty", sz=2000)))
    assert hits(save(prs), min_font_size) == []
    params = {"min_size_pt": 20.005, "tolerance_pt": 0.01}
    assert hits(save(prs), min_font_size, params) == []
    params = {"min_size_pt": 20.5, "tolerance_pt": 0.01}
    assert len(hits(save(prs), min_font_size, params)) == 1


def test_excerpt_is_short() -> None:
    assert excerpt(["a " * 100]) .endswith("…")
    assert len(excerpt(["word " * 40])) == 60


def test_engine_stamps_sld002_and_attaches_slide_pictures(tmp_path: Path) -> None:
    prs = new_deck()
    slide = add_slide(prs, "content")
    slide.shapes.title.text = "Title"
    add_xml(slide, sp_xml(para("tiny note", sz=1000), sid=80, name="Note"))
    hidden = add_slide(prs)
    hidden._element.set("show", "0")
    path = tmp_path / "deck.pptx"
    path.write_bytes(save(prs))
    report = check(path, profile="oskemen-2025")
    assert_valid_json(report)
    findings = [f for f in report.all_findings() if f.code == "SLD002"]
    by_case = {f.location.slide: f for f in findings}
    assert by_case[1].severity is Severity.ERROR and by_case[1].clause == "15.3"
    assert by_case[2].severity is Severity.INFO
    assert "tiny note" in by_case[1].message("en")
    assert "10 пт" in by_case[1].message("kk") and "10 пт" in by_case[1].message("ru")
    assert by_case[1].fingerprint != by_case[2].fingerprint
    data = report_dict(report, "en")
    file = data["packages"][0]["files"][0]
    json.dumps(file)
    assert file["slide_size"] == {"width": 12192000, "height": 6858000}
    shapes = {s["name"]: s for s in file["slide_shapes"]["1"]}
    assert set(shapes) == {"Title 1", "Note"}
    assert shapes["Note"]["size_pt"] == 10.0 and shapes["Note"]["text"] == "tiny note"
    assert shapes["Title 1"]["size_pt"] == 44.0 and shapes["Title 1"]["width"] > 0
    assert file["slide_shapes"]["2"] == []
