"""Malformed values never crash the resolver: they fall through to the next layer."""

from __future__ import annotations

from tests.slides.decks import (
    NSDECL,
    add_slide,
    add_xml,
    by_text,
    new_deck,
    para,
    runs,
    save,
    sp_xml,
)


def test_invalid_sizes_levels_and_scales_fall_through() -> None:
    prs = new_deck()
    slide = add_slide(prs)
    add_xml(slide, sp_xml(para("BADSZ").replace('lang="en-US"', 'lang="en-US" sz="abc"'),
                          sid=10))
    add_xml(slide, sp_xml(para("TOOBIG", sz=99999999), sid=11))
    add_xml(slide, sp_xml('<a:p><a:pPr lvl="x"/><a:r><a:t>BADLVL</a:t></a:r></a:p>', sid=12))
    add_xml(slide, sp_xml(para("BADSCALE", sz=2400), sid=13,
                          body_pr='<a:bodyPr><a:normAutofit fontScale="lots"/></a:bodyPr>'))
    add_xml(slide, sp_xml(para("NOGEOM", sz=2400), sid=14).replace(
        '<a:off x="914400" y="914400"/>', '<a:off x="a" y="b"/>'))
    add_xml(slide, f'<p:sp {NSDECL}><p:nvSpPr><p:cNvPr id="zz" name="Odd"/><p:cNvSpPr/>'
                   '<p:nvPr><p:ph type="body" idx="q"/></p:nvPr></p:nvSpPr><p:spPr/>'
                   f'<p:txBody><a:bodyPr/>{para("BADIDX")}</p:txBody></p:sp>')
    got = by_text(runs(save(prs)))
    assert got["BADSZ"].size_pt == 18.0 and got["TOOBIG"].size_pt == 18.0
    assert got["BADLVL"].size_pt == 18.0 and got["BADLVL"].level == 0
    assert got["BADSCALE"].size_pt == 24.0 and got["BADSCALE"].autofit == "bare"
    assert got["NOGEOM"].box is None and got["NOGEOM"].size_pt == 24.0
    assert got["BADIDX"].shape_id == 0 and got["BADIDX"].size_pt == 32.0
