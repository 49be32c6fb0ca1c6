"""Stored autofit scale (spec section 4, tests 15, 16, 18) and SLD005 autofit-will-shrink."""

from __future__ import annotations

from pptx.oxml import parse_xml

from tests.slides.decks import (
    NSDECL,
    SLD005,
    add_slide,
    by_text,
    fill_placeholder,
    hits,
    new_deck,
    para,
    runs,
    save,
)
from validator.checks.autofit import autofit_will_shrink
from validator.checks.font_size import min_font_size

LONG = "Budget execution of the city programme in the third quarter "


def _body_deck(autofit: str, texts: tuple[str, ...] = ("FONTSCALE",)) -> bytes:
    prs = new_deck()
    slide = add_slide(prs, "content")
    sp = fill_placeholder(slide, 1, *(para(t) for t in texts))
    body_pr = sp.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}bodyPr")
    if autofit:
        body_pr.append(parse_xml(autofit.replace("<a:normAutofit", f"<a:normAutofit {NSDECL}")))
    return save(prs)


def test_15_stored_font_scale_is_applied() -> None:
    data = _body_deck('<a:normAutofit fontScale="62500" lnSpcReduction="20000"/>')
    run = by_text(runs(data))["FONTSCALE"]
    assert (run.size_pt, run.nominal_pt, run.scale) == (20.0, 32.0, 0.625)
    assert run.source.endswith("autofit 62.5% of 32 pt")
    assert hits(data, min_font_size) == []  # exactly 20 pt passes


def test_16_strict_percent_syntax() -> None:
    run = by_text(runs(_body_deck('<a:normAutofit fontScale="62.5%"/>')))["FONTSCALE"]
    assert run.size_pt == 20.0


def test_font_scale_below_threshold_fails_with_autofit_evidence() -> None:
    data = _body_deck('<a:normAutofit fontScale="50000"/>')
    [hit] = hits(data, min_font_size)
    assert hit.measured == 16.0
    assert "autofit 50% of 32 pt" in hit.evidence


def test_18_bare_autofit_keeps_size_and_warns_when_text_overflows() -> None:
    data = _body_deck("<a:normAutofit/>", tuple(f"{LONG}{n}" for n in range(10)))
    got = runs(data)
    assert {r.size_pt for r in got} == {32.0}
    assert {r.autofit for r in got} == {"bare"}
    assert hits(data, min_font_size) == []
    [hit] = hits(data, autofit_will_shrink, SLD005)
    assert hit.location.slide == 1 and hit.location.shape_id is not None
    assert hit.location.box is not None
    assert isinstance(hit.measured, float) and isinstance(hit.threshold, float)
    assert hit.measured > hit.threshold
    assert "bare <a:normAutofit/>" in hit.evidence


def test_bare_autofit_on_short_text_is_silent() -> None:
    assert hits(_body_deck("<a:normAutofit/>", ("Short",)), autofit_will_shrink, SLD005) == []


def test_stored_scale_is_not_a_will_shrink_warning() -> None:
    texts = tuple(f"{LONG}{n}" for n in range(10))
    data = _body_deck('<a:normAutofit fontScale="40000"/>', texts)
    assert hits(data, autofit_will_shrink, SLD005) == []


def test_autofit_inherited_from_layout_is_not_the_slides_own() -> None:
    prs = new_deck()
    layout_body = prs.slide_layouts[1].placeholders[1]._element
    layout_body.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}bodyPr").append(
        parse_xml(f"<a:normAutofit {NSDECL}/>"))
    slide = add_slide(prs, "content")
    fill_placeholder(slide, 1, *(para(f"{LONG}{n}") for n in range(10)))
    assert hits(save(prs), autofit_will_shrink, SLD005) == []


def _box_deck(body_pr: str, text: str, cy: int = 914400) -> bytes:
    from tests.slides.decks import add_xml, sp_xml

    prs = new_deck()
    slide = add_slide(prs)
    add_xml(slide, sp_xml(para(text, sz=2400), cx=3048000, cy=cy, body_pr=body_pr))
    return save(prs)


def test_unwrapped_text_is_one_line_per_paragraph() -> None:
    long = LONG * 3
    wrapped = _box_deck("<a:bodyPr><a:normAutofit/></a:bodyPr>", long)
    assert len(hits(wrapped, autofit_will_shrink, SLD005)) == 1
    unwrapped = _box_deck('<a:bodyPr wrap="none"><a:normAutofit/></a:bodyPr>', long)
    assert hits(unwrapped, autofit_will_shrink, SLD005) == []


def test_insets_reduce_the_room() -> None:
    # 24 pt x 1.2 = 28.8 pt of one line; the box is 0.5 in = 36 pt high.
    fits = _box_deck("<a:bodyPr><a:normAutofit/></a:bodyPr>", "Short", cy=457200)
    assert hits(fits, autofit_will_shrink, SLD005) == []
    tight = _box_deck('<a:bodyPr tIns="91440" bIns="91440"><a:normAutofit/></a:bodyPr>',
                      "Short", cy=457200)
    [hit] = hits(tight, autofit_will_shrink, SLD005)
    assert hit.threshold == 21.6 and hit.measured == 28.8
