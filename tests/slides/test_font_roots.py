"""SLD002 names each problem once, at its root: a size that many shapes inherit from one
element (a master text style level, a layout placeholder, the default style, the built-in 18 pt,
a master's text box) is one finding listing every place; fingerprints follow the root, and a
per-slide finding's follow the slide's part, never the slide's position."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pptx.oxml import parse_xml

from tests.conftest import assert_valid_json
from tests.slides.decks import (
    add_slide,
    add_xml,
    default_text_style,
    fill_placeholder,
    hits,
    new_deck,
    para,
    save,
    set_level_size,
    sp_xml,
)
from validator.api import check
from validator.checks.font_size import min_font_size, slide_ranges
from validator.core.findings import Status
from validator.reports import renderer
from validator.reports.json import report_dict
from validator.slides.runs import P


def _body_style(prs):  # type: ignore[no-untyped-def]
    return prs.slide_master._element.find(f"{P}txStyles/{P}bodyStyle")


def _deck_with_small_body_style(slides: int, extra_first: bool = False) -> bytes:
    prs = new_deck()
    set_level_size(_body_style(prs), 1, 1600)
    if extra_first:
        first = add_slide(prs, "blank")
        add_xml(first, sp_xml(para("Intro", sz=1200), sid=5, name="Intro box"))
    for n in range(slides):
        slide = add_slide(prs, "content")
        slide.shapes.title.text = f"Title {n}"
        fill_placeholder(slide, 1, para(f"Body text {n}"))
    return save(prs)


def test_master_body_style_is_one_finding_for_every_slide() -> None:
    [hit] = hits(_deck_with_small_body_style(4), min_font_size)
    assert hit.message == "root" and hit.status is Status.VIOLATION
    assert hit.measured == 16.0
    assert [loc.slide for loc in hit.locations] == [1, 2, 3, 4]
    assert hit.location == hit.locations[0]
    assert hit.root is not None
    assert (hit.root.part, hit.root.element) == ("ppt/slideMasters/slideMaster1.xml",
                                                 "p:txStyles/p:bodyStyle/a:lvl1pPr")
    assert hit.args["places"]["en"] == "slides 1-4"
    assert hit.args["root"]["en"].startswith("the slide master's body text style, level 1")
    assert hit.args["root"]["ru"].startswith("стиль основного текста образца слайдов, уровень 1")
    assert hit.args["root"]["kk"].startswith("слайдтар үлгісінің негізгі мәтін мәнері, 1-деңгей")


def test_slide_own_sizes_stay_one_finding_per_shape() -> None:
    prs = new_deck()
    for n in range(3):
        slide = add_slide(prs, "blank")
        add_xml(slide, sp_xml(para(f"Note {n}", sz=1400), sid=40 + n, name=f"Note {n}"))
    got = hits(save(prs), min_font_size)
    assert [(h.location.slide, h.message, h.root, h.locations) for h in got] == [
        (1, "default", None, ()), (2, "default", None, ()), (3, "default", None, ())]


def test_default_text_style_root_groups_text_boxes() -> None:
    prs = new_deck()
    set_level_size(default_text_style(prs), 1, 1500)
    for n in range(2):
        slide = add_slide(prs, "blank")
        add_xml(slide, sp_xml(para(f"Plain box {n}"), sid=60 + n, name=f"Box {n}"))
    [hit] = hits(save(prs), min_font_size)
    assert hit.root is not None
    assert (hit.root.part, hit.root.element) == ("ppt/presentation.xml",
                                                 "p:defaultTextStyle/a:lvl1pPr")
    assert [loc.shape for loc in hit.locations] == ["Box 0", "Box 1"]
    assert "default text style" in hit.args["root"]["en"]


def test_autofit_that_shrinks_a_passing_style_is_the_slides_own_problem() -> None:
    prs = new_deck()
    set_level_size(_body_style(prs), 1, 2400)
    for n in range(2):
        slide = add_slide(prs, "content")
        slide.shapes.title.text = f"T{n}"
        sp = fill_placeholder(slide, 1, para(f"Shrunk {n}"))
        body_pr = sp.find(f"{P}txBody").find(
            "{http://schemas.openxmlformats.org/drawingml/2006/main}bodyPr")
        body_pr.append(parse_xml(
            '<a:normAutofit xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            'fontScale="62500"/>'))
    got = hits(save(prs), min_font_size)
    assert [(h.location.slide, h.root, h.message) for h in got] == [(1, None, "default"),
                                                                     (2, None, "default")]


@pytest.mark.parametrize(("numbers", "text"), [
    ([3], "3"), ([2, 3, 4, 5, 6, 7, 8], "2-8"), ([1, 2, 5, 7, 8, 11], "1-2, 5, 7-8, 11"),
    ([4, 2, 3, 3], "2-4")])
def test_slide_ranges(numbers: list[int], text: str) -> None:
    assert slide_ranges(numbers) == text


def _findings(path: Path):  # type: ignore[no-untyped-def]
    """SLD002 findings of ``path`` checked as ``deck.pptx`` from its folder (one display path)."""
    import os

    here = Path.cwd()
    os.chdir(path.parent)
    try:
        report = check(path.name, isolate=False)
    finally:
        os.chdir(here)
    return [f for f in report.all_findings() if f.code == "SLD002"]


def test_root_fingerprint_survives_a_slide_added_in_front(tmp_path: Path) -> None:
    (tmp_path / "v1").mkdir()
    (tmp_path / "v2").mkdir()
    before, after = tmp_path / "v1" / "deck.pptx", tmp_path / "v2" / "deck.pptx"
    before.write_bytes(_deck_with_small_body_style(3))
    after.write_bytes(_deck_with_small_body_style(3, extra_first=True))
    [root_before] = _findings(before)
    got_after = _findings(after)
    [root_after] = [f for f in got_after if f.root is not None]
    assert [loc.slide for loc in root_before.locations] == [1, 2, 3]
    assert [loc.slide for loc in root_after.locations] == [2, 3, 4]
    assert root_after.fingerprint == root_before.fingerprint
    [own] = [f for f in got_after if f.root is None]
    assert own.location.slide == 1 and own.fingerprint != root_before.fingerprint


def test_per_slide_fingerprint_follows_the_slide_part_not_its_position(tmp_path: Path) -> None:
    prs = new_deck()
    for n in range(3):
        slide = add_slide(prs, "blank")
        if n == 2:
            add_xml(slide, sp_xml(para("Small", sz=1200), sid=77, name="Small"))
    (tmp_path / "v1").mkdir()
    (tmp_path / "v2").mkdir()
    a = tmp_path / "v1" / "deck.pptx"
    a.write_bytes(save(prs))
    ids = prs.part._element.find(f"{P}sldIdLst")
    last = ids[-1]
    ids.remove(last)
    ids.insert(0, last)  # the same slide part, now shown first
    b = tmp_path / "v2" / "deck.pptx"
    b.write_bytes(save(prs))
    [fa], [fb] = _findings(a), _findings(b)
    assert (fa.location.slide, fb.location.slide) == (3, 1)
    assert fa.fingerprint == fb.fingerprint


@pytest.mark.parametrize(("fmt", "lang", "expected"), [
    ("text", "en", "slides 1-4"), ("text", "ru", "слайдах 1-4"), ("text", "kk", "1-4 слайдтардағы"),
    ("markdown", "ru", "слайдах 1-4"), ("html", "kk", "1-4 слайдтардағы")])
def test_reports_name_the_root_once(tmp_path: Path, fmt: str, lang: str, expected: str) -> None:
    path = tmp_path / "deck.pptx"
    path.write_bytes(_deck_with_small_body_style(4))
    report = check(str(path), isolate=False)
    text = renderer(fmt)(report, lang)
    assert text.count(expected) >= 1
    assert text.count("SLD002") >= 1


def test_json_and_sarif_carry_every_place(tmp_path: Path) -> None:
    path = tmp_path / "deck.pptx"
    path.write_bytes(_deck_with_small_body_style(3))
    report = check(str(path), isolate=False)
    assert_valid_json(report)
    data = report_dict(report, "en")
    [finding] = [f for f in data["packages"][0]["files"][0]["findings"] if f["code"] == "SLD002"]
    assert [loc["slide"] for loc in finding["locations"]] == [1, 2, 3]
    assert finding["location"]["slide"] == 1
    assert finding["root"] == {"part": "ppt/slideMasters/slideMaster1.xml",
                               "element": "p:txStyles/p:bodyStyle/a:lvl1pPr"}
    sarif = json.loads(renderer("sarif")(report, "en"))
    [result] = [r for r in sarif["runs"][0]["results"] if r["ruleId"] == "SLD002"]
    assert len(result["locations"]) == 3
    slides = [loc["logicalLocations"][0]["name"] for loc in result["locations"]]
    assert [s.split("/")[0] for s in slides] == ["slide[1]", "slide[2]", "slide[3]"]
