"""Spec chain B (text boxes and autoshapes): run -> paragraph defRPr -> own lstStyle ->
presentation defaultTextStyle -> 18 pt; never master otherStyle. Numbers refer to the spec's
test table (section 6)."""

from __future__ import annotations

from lxml import etree

from tests.slides.decks import (
    A,
    add_slide,
    add_xml,
    appendix_styles,
    by_text,
    default_text_style,
    new_deck,
    para,
    runs,
    save,
    set_level_size,
    sp_xml,
)


def _deck(*shapes: str, styles: bool = True) -> bytes:
    prs = new_deck()
    if styles:
        appendix_styles(prs)
    slide = add_slide(prs, "blank")
    for xml in shapes:
        add_xml(slide, xml)
    return save(prs)


def test_6_text_box_takes_default_text_style_not_other_style() -> None:
    run = by_text(runs(_deck(sp_xml(para("TBOX")))))["TBOX"]
    assert run.size_pt == 26.0
    assert run.source == "presentation defaultTextStyle, level 1"


def test_7_text_box_level_one() -> None:
    assert by_text(runs(_deck(sp_xml(para("LVLONE", lvl=1)))))["LVLONE"].size_pt == 27.0


def test_8_autoshape_without_txbox() -> None:
    run = by_text(runs(_deck(sp_xml(para("RECT"), tx_box=False))))["RECT"]
    assert run.size_pt == 26.0


def test_9_own_list_style() -> None:
    lst = '<a:lstStyle><a:lvl1pPr><a:defRPr sz="3000"/></a:lvl1pPr></a:lstStyle>'
    run = by_text(runs(_deck(sp_xml(para("LSTSTYLE"), lst=lst))))["LSTSTYLE"]
    assert run.size_pt == 30.0 and run.source == "shape lstStyle, level 1"


def test_10_paragraph_default_run_properties() -> None:
    run = by_text(runs(_deck(sp_xml(para("PPRDEF", defrpr=2200)))))["PPRDEF"]
    assert run.size_pt == 22.0
    assert "paragraph" in run.source and "medium confidence" in run.source


def test_12_end_paragraph_size_is_ignored() -> None:
    assert by_text(runs(_deck(sp_xml(para("ENDPARA", end_sz=900)))))["ENDPARA"].size_pt == 26.0
    plain = by_text(runs(_deck(sp_xml(para("ENDPARA", end_sz=900)), styles=False)))
    assert plain["ENDPARA"].size_pt == 18.0


def test_19_sp_autofit_does_not_shrink_and_def_ppr_counts_for_level_zero_only() -> None:
    prs = new_deck()
    dts = default_text_style(prs)
    for lvl in dts.iterfind(f"{A}lvl1pPr/{A}defRPr"):
        del lvl.attrib["sz"]
    for lvl in dts.iterfind(f"{A}lvl2pPr/{A}defRPr"):
        del lvl.attrib["sz"]
    dts.find(f"{A}defPPr/{A}defRPr").set("sz", "3300")
    slide = add_slide(prs, "blank")
    long = "SPAUTO " + "long text " * 40
    add_xml(slide, sp_xml(para(long) + para("LEVELONE", lvl=1), body_pr="<a:bodyPr>"
                          "<a:spAutoFit/></a:bodyPr>"))
    got = by_text(runs(save(prs)))
    assert got[long].size_pt == 33.0 and got[long].scale == 1.0
    assert got[long].autofit == "shape"
    assert got["LEVELONE"].size_pt == 18.0
    assert got["LEVELONE"].source.startswith("built-in default 18 pt")


def test_28_theme_object_defaults_are_ignored() -> None:
    prs = new_deck()
    theme_part = next(r.target_part for r in prs.slide_master.part.rels.values()
                      if r.reltype.endswith("/theme"))
    root = etree.fromstring(theme_part.blob)
    ns = {"a": A[1:-1]}
    defaults = root.find("a:objectDefaults", ns)
    if defaults is None:
        defaults = etree.SubElement(root, f"{A}objectDefaults")
    defaults.append(etree.fromstring(
        f'<a:txDef xmlns:a="{A[1:-1]}"><a:spPr/><a:bodyPr/><a:lstStyle><a:lvl1pPr>'
        '<a:defRPr sz="5000"/></a:lvl1pPr></a:lstStyle></a:txDef>'))
    theme_part._blob = etree.tostring(root)
    slide = add_slide(prs, "blank")
    add_xml(slide, sp_xml(para("THEMED")))
    assert by_text(runs(save(prs)))["THEMED"].size_pt == 18.0


def test_37_38_superscript_and_small_caps_use_nominal_size() -> None:
    data = _deck(sp_xml(para("SUPER", sz=2400, extra_rpr=' baseline="30000"')
                        + para("SMALLCAPS", sz=2400, extra_rpr=' cap="small"')))
    got = by_text(runs(data))
    assert got["SUPER"].size_pt == 24.0 and got["SMALLCAPS"].size_pt == 24.0


def test_39_fractional_size() -> None:
    run = by_text(runs(_deck(sp_xml(para("FS1050", sz=1050)))))["FS1050"]
    assert run.size_pt == 10.5 and isinstance(run.size_pt, float)


def test_40_rotation_never_changes_size() -> None:
    xml = sp_xml(para("ROTATED", sz=3000)).replace("<a:xfrm>", '<a:xfrm rot="5400000">')
    assert by_text(runs(_deck(xml)))["ROTATED"].size_pt == 30.0


def test_43_whitespace_runs_and_breaks_are_ignored() -> None:
    p = ('<a:p><a:r><a:rPr sz="2400"/><a:t>WORDA</a:t></a:r><a:r><a:rPr sz="800"/>'
         '<a:t> </a:t></a:r><a:br><a:rPr sz="800"/></a:br><a:r><a:rPr sz="2400"/>'
         "<a:t>WORDB</a:t></a:r></a:p>")
    got = runs(_deck(sp_xml(p)))
    assert [(r.text, r.size_pt) for r in got] == [("WORDA", 24.0), ("WORDB", 24.0)]


def test_levels_never_fall_back_to_each_other() -> None:
    prs = new_deck()
    dts = default_text_style(prs)
    set_level_size(dts, 1, 2600)
    for d in dts.iterfind(f"{A}lvl3pPr/{A}defRPr"):
        del d.attrib["sz"]
    slide = add_slide(prs, "blank")
    add_xml(slide, sp_xml(para("THIRD", lvl=2)))
    assert by_text(runs(save(prs)))["THIRD"].size_pt == 18.0
