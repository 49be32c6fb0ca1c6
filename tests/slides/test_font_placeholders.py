"""Spec chain A (placeholders): slide -> layout by idx -> master by type -> txStyles ->
defaultTextStyle -> 18 pt. Numbers refer to the spec's test table (section 6)."""

from __future__ import annotations

import pytest

from tests.slides.decks import (
    NSDECL,
    add_slide,
    add_xml,
    appendix_styles,
    by_text,
    fill_placeholder,
    new_deck,
    para,
    runs,
    save,
)


def test_1_title_takes_master_title_style() -> None:
    prs = new_deck()
    slide = add_slide(prs, "content")
    slide.shapes.title.text = "TITLEONE"
    run = by_text(runs(save(prs)))["TITLEONE"]
    assert run.size_pt == 44.0
    assert run.source == "master titleStyle, level 1"
    assert run.origin == "slide" and run.slide == 1


def test_2_body_levels_take_master_body_style() -> None:
    prs = new_deck()
    slide = add_slide(prs, "content")
    fill_placeholder(slide, 1, *(para(f"LVL{n}", lvl=n) for n in range(5)))
    got = by_text(runs(save(prs)))
    assert [got[f"LVL{n}"].size_pt for n in range(5)] == [32.0, 28.0, 24.0, 20.0, 20.0]
    assert got["LVL1"].source == "master bodyStyle, level 2"


def test_4_content_with_caption_layout_sizes() -> None:
    prs = new_deck()
    slide = add_slide(prs, "caption")
    slide.shapes.title.text = "CAPTITLE"
    fill_placeholder(slide, 1, para("CONTENT"))
    fill_placeholder(slide, 2, para("CAPTION"))
    got = by_text(runs(save(prs)))
    assert got["CAPTITLE"].size_pt == 20.0
    assert got["CONTENT"].size_pt == 32.0
    assert got["CAPTION"].size_pt == 14.0
    assert got["CAPTION"].source == "layout 'Content with Caption' placeholder idx 2, level 1"


def test_two_content_layout_levels() -> None:
    prs = new_deck()
    slide = add_slide(prs, "two")
    fill_placeholder(slide, 1, para("TWOA"), para("TWOBL1", lvl=1))
    got = by_text(runs(save(prs)))
    assert (got["TWOA"].size_pt, got["TWOBL1"].size_pt) == (28.0, 24.0)
    assert got["TWOBL1"].source == "layout 'Two Content' placeholder idx 1, level 2"


def test_section_header_title_and_body() -> None:
    prs = new_deck()
    slide = add_slide(prs, "section")
    slide.shapes.title.text = "SECTITLE"
    fill_placeholder(slide, 1, para("SECBODY"))
    got = by_text(runs(save(prs)))
    assert (got["SECTITLE"].size_pt, got["SECBODY"].size_pt) == (40.0, 20.0)


def test_11_run_size_wins_over_placeholder() -> None:
    prs = new_deck()
    slide = add_slide(prs, "content")
    fill_placeholder(slide, 1, para("RUNSZ", sz=1000))
    run = by_text(runs(save(prs)))["RUNSZ"]
    assert run.size_pt == 10.0 and run.source == "run a:rPr sz"


def _ph_shape(ph: str, text: str, sid: int = 50) -> str:
    return (f'<p:sp {NSDECL}><p:nvSpPr><p:cNvPr id="{sid}" name="PH {sid}"/><p:cNvSpPr/>'
            f"<p:nvPr>{ph}</p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>"
            f"{para(text)}</p:txBody></p:sp>")


@pytest.mark.parametrize(
    ("layout", "ph", "expected"),
    [
        ("content", '<p:ph idx="4294967295"/>', 32.0),  # orphan: master body by type
        ("blank", '<p:ph type="body" idx="99"/>', 32.0),  # 23: no such idx, type fallback
        ("blank", '<p:ph type="title"/>', 44.0),  # 24: title on the Blank layout
        ("content", '<p:ph idx="1"/>', 32.0),  # 25: no type = obj, a placeholder
    ],
    ids=["orphan", "23-body-idx-99-on-blank", "24-title-on-blank", "25-no-type"],
)
def test_placeholder_matching_fallbacks(layout: str, ph: str, expected: float) -> None:
    prs = new_deck()
    appendix_styles(prs)
    slide = add_slide(prs, layout)
    for shape in list(slide.placeholders):
        shape._element.getparent().remove(shape._element)
    add_xml(slide, _ph_shape(ph, "PHTEXT"))
    run = by_text(runs(save(prs)))["PHTEXT"]
    assert run.size_pt == expected


def test_25_text_box_is_not_a_placeholder() -> None:
    prs = new_deck()
    appendix_styles(prs)
    slide = add_slide(prs, "blank")
    add_xml(slide, _ph_shape('<p:ph idx="1"/>', "NOTYPE"))
    from tests.slides.decks import sp_xml

    add_xml(slide, sp_xml(para("TEXTBOX"), sid=60))
    got = by_text(runs(save(prs)))
    assert got["TEXTBOX"].size_pt == 26.0
    assert got["NOTYPE"].size_pt == 32.0


def test_21_slide_number_field_is_text_at_12pt() -> None:
    prs = new_deck()
    slide = add_slide(prs, "content")
    add_xml(slide, f'<p:sp {NSDECL}><p:nvSpPr><p:cNvPr id="70" name="Slide Number"/>'
                   '<p:cNvSpPr/><p:nvPr><p:ph type="sldNum" sz="quarter" idx="12"/></p:nvPr>'
                   '</p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/><a:p>'
                   '<a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum">'
                   '<a:rPr lang="en-US"/><a:t>7</a:t></a:fld></a:p></p:txBody></p:sp>')
    run = by_text(runs(save(prs)))["7"]
    assert run.size_pt == 12.0
    assert run.source == "master sldNum placeholder, level 1"
    assert run.box is not None and run.box.width > 0  # geometry inherited from the layout


def test_placeholder_geometry_inherited_from_layout() -> None:
    prs = new_deck()
    slide = add_slide(prs, "content")
    slide.shapes.title.text = "GEOM"
    layout_title = prs.slide_layouts[1].placeholders[0]
    run = by_text(runs(save(prs)))["GEOM"]
    assert run.box is not None
    assert (run.box.x, run.box.width) == (layout_title.left, layout_title.width)
    assert (run.box.slide_width, run.box.slide_height) == (12192000, 6858000)
