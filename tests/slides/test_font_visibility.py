"""What counts as rendered: groups, hidden shapes and slides, notes, empty placeholders,
off-slide text, AlternateContent, and layout/master decorations with showMasterSp. Numbers refer
to the spec's test table (section 6)."""

from __future__ import annotations

from pptx.oxml import parse_xml

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


def _group(children: str, *, sid: int = 300, hidden: bool = False, scale: float = 0.5) -> str:
    flag = ' hidden="1"' if hidden else ""
    ext = int(4572000 * scale)
    return (f'<p:grpSp {NSDECL}><p:nvGrpSpPr><p:cNvPr id="{sid}" name="Group {sid}"{flag}/>'
            "<p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm>"
            f'<a:off x="914400" y="914400"/><a:ext cx="{ext}" cy="{ext}"/>'
            '<a:chOff x="0" y="0"/><a:chExt cx="4572000" cy="4572000"/></a:xfrm></p:grpSpPr>'
            f"{children}</p:grpSp>")


def test_14_group_scales_geometry_not_text() -> None:
    prs = new_deck()
    slide = add_slide(prs)
    inner = _group(sp_xml(para("GROUPED", sz=2400), sid=302, x=0, y=0, cx=2286000,
                          cy=914400), sid=301, scale=1.0)
    add_xml(slide, _group(inner))
    run = by_text(runs(save(prs)))["GROUPED"]
    assert run.size_pt == 24.0
    assert run.box is not None
    # inner group at (914400, 914400) in the outer group's child space, outer scale 50 %
    assert (run.box.x, run.box.y, run.box.width, run.box.height) == (1371600, 1371600, 1143000,
                                                                      457200)


def test_32_hidden_shape_and_hidden_group_are_ignored() -> None:
    prs = new_deck()
    slide = add_slide(prs)
    add_xml(slide, sp_xml(para("HIDDENSHAPE", sz=1000), hidden=True))
    add_xml(slide, _group(sp_xml(para("INHIDDENGROUP", sz=1000), sid=310), hidden=True))
    add_xml(slide, sp_xml(para("SHOWN", sz=2400), sid=311))
    assert [r.text for r in runs(save(prs))] == ["SHOWN"]


def test_33_hidden_slide_is_excluded_unless_asked() -> None:
    prs = new_deck()
    add_xml(add_slide(prs), sp_xml(para("VISIBLE", sz=2400)))
    hidden = add_slide(prs)
    add_xml(hidden, sp_xml(para("HIDDENSLIDE", sz=1000)))
    hidden._element.set("show", "0")
    data = save(prs)
    assert [r.text for r in runs(data)] == ["VISIBLE"]
    every = by_text(runs(data, include_hidden=True))
    assert every["HIDDENSLIDE"].slide == 2 and every["HIDDENSLIDE"].size_pt == 10.0


def test_34_notes_are_excluded() -> None:
    prs = new_deck()
    slide = add_slide(prs)
    add_xml(slide, sp_xml(para("ONSLIDE", sz=2400)))
    slide.notes_slide.notes_text_frame.text = "NOTESTEXT"
    assert [r.text for r in runs(save(prs))] == ["ONSLIDE"]


def test_35_empty_placeholders_draw_nothing() -> None:
    prs = new_deck()
    add_slide(prs, "content")  # title and body placeholders with prompt text only on layouts
    assert runs(save(prs)) == []


def test_36_text_outside_the_slide_is_ignored() -> None:
    prs = new_deck()
    slide = add_slide(prs)
    add_xml(slide, sp_xml(para("OFFSLIDE", sz=1000), x=14 * 914400))
    add_xml(slide, sp_xml(para("PARTLYON", sz=2400), sid=101, x=12192000 - 914400))
    assert [r.text for r in runs(save(prs))] == ["PARTLYON"]


def test_42_alternate_content_counted_once() -> None:
    prs = new_deck()
    slide = add_slide(prs)
    shape = sp_xml(para("ALTERNATE", sz=2400))
    xml = (f'<mc:AlternateContent {NSDECL} '
           'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
           'xmlns:p14="http://schemas.microsoft.com/office/powerpoint/2010/main">'
           f'<mc:Choice Requires="p14">{shape}</mc:Choice>'
           f"<mc:Fallback>{shape.replace('2400', '1000')}</mc:Fallback></mc:AlternateContent>")
    add_xml(slide, xml)
    got = runs(save(prs))
    assert [(r.text, r.size_pt) for r in got] == [("ALTERNATE", 24.0)]


def test_alternate_content_unknown_requirement_takes_fallback() -> None:
    prs = new_deck()
    slide = add_slide(prs)
    shape = sp_xml(para("ALTERNATE", sz=2400))
    xml = (f'<mc:AlternateContent {NSDECL} '
           'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
           'xmlns:zz="urn:example:future">'
           f'<mc:Choice Requires="zz">{shape}</mc:Choice>'
           f"<mc:Fallback>{shape.replace('2400', '1000')}</mc:Fallback></mc:AlternateContent>")
    add_xml(slide, xml)
    assert [(r.text, r.size_pt) for r in runs(save(prs))] == [("ALTERNATE", 10.0)]


def _master_decoration(prs: object) -> None:
    tree = prs.slide_master.shapes._spTree  # type: ignore[attr-defined]
    tree.append(parse_xml(sp_xml(para("MASTERDECO", sz=1100), sid=900, name="Deco")))


def _layout_decoration(prs: object, index: int) -> None:
    tree = prs.slide_layouts[index].shapes._spTree  # type: ignore[attr-defined]
    tree.append(parse_xml(sp_xml(para("LAYOUTDECO", sz=1200), sid=901, name="LDeco")))


def test_master_decoration_on_every_visible_slide() -> None:
    prs = new_deck()
    _master_decoration(prs)
    for _ in range(3):
        add_slide(prs)
    prs.slides[1]._element.set("show", "0")
    got = [r for r in runs(save(prs)) if r.text == "MASTERDECO"]
    assert [r.slide for r in got] == [1, 3]
    assert all(r.origin == "master" and r.size_pt == 11.0 for r in got)
    assert got[0].origin_part == "ppt/slideMasters/slideMaster1.xml"


def test_slide_show_master_shapes_off_hides_master_and_layout_decorations() -> None:
    prs = new_deck()
    _master_decoration(prs)
    _layout_decoration(prs, 6)
    add_slide(prs)
    second = add_slide(prs)
    second._element.set("showMasterSp", "0")
    got = [(r.slide, r.text, r.origin) for r in runs(save(prs))]
    assert got == [(1, "MASTERDECO", "master"), (1, "LAYOUTDECO", "layout")]


def test_31_layout_show_master_shapes_off() -> None:
    prs = new_deck()
    _master_decoration(prs)
    prs.slide_layouts[6]._element.set("showMasterSp", "0")
    add_slide(prs, "blank")
    add_slide(prs, "title_only")
    got = [(r.slide, r.text) for r in runs(save(prs))]
    assert got == [(2, "MASTERDECO")]


def test_layout_placeholders_are_never_drawn() -> None:
    prs = new_deck()
    add_slide(prs, "caption")
    assert all(r.origin == "slide" for r in runs(save(prs)))
    assert runs(save(prs)) == []
