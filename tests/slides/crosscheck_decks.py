"""Decks covering the font-size spec's test cases, with unique markers, for the cross-check.

Each marker is the text of one run; ``EXPECTED_PT`` is the size the resolver must give it and
``LO_EXPECTED`` the markers where LibreOffice is documented to draw another size, with why.
"""

from __future__ import annotations

from pathlib import Path

from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Emu

from tests.slides.decks import (
    NSDECL,
    A,
    add_slide,
    add_xml,
    appendix_styles,
    default_text_style,
    fill_placeholder,
    new_deck,
    para,
    save,
    set_level_size,
    sp_xml,
)

#: marker -> effective size the resolver gives (PowerPoint semantics).
EXPECTED_PT = {
    "SxATITLE": 44, "SxALZERO": 32, "SxALONE": 28, "SxALTWO": 24, "SxALTHREE": 20,
    "SxALFOUR": 20, "SxBTWOA": 28, "SxBTWOBLONE": 24, "SxCTBOX": 26, "SxCLVLONE": 27,
    "SxCLSTSTYLE": 30, "SxCPPRDEF": 22, "SxCRUNSZ": 10, "SxCRECT": 26, "SxCENDPARA": 26,
    "SxDCELLA": 12, "SxDCELLB": 12, "SxDGROUPED": 24, "SxEFONTSCALE": 20, "SxEFSSTRICT": 20,
    "SxFFOOTER": 12, "SxFDATE": 12, "SxGORPHAN": 32, "SxGBODYNINETYNINE": 32,
    "SxGTITLEONBLANK": 44, "SxHSUPER": 24, "SxHSMALLCAPS": 24, "SxMCAPTITLE": 20,
    "SxMCONTENT": 32, "SxMCAPTION": 14, "SxNSECTITLE": 40, "SxNSECBODY": 20,
    "SxROTATED": 30, "SxFSTENFIFTY": 10.5, "ETBLVLZERO": 33, "ETBLVLONE": 18,
    "ETSPAUTOFIT": 33, "SxBAREAUTOFIT": 32, "SxPHNOTYPE": 32, "SxTBOXPLAIN": 18,
    "SxALTCHOICE": 24, "Gammacat,": 10,
}
#: markers LibreOffice 7.4 draws at another size, and the documented reason (spec 8.4).
LO_EXPECTED = {"SxEFONTSCALE": "autofit-scale", "SxHSUPER": "baseline",
               "SxFFOOTER": "footer", "SxBAREAUTOFIT": "autofit-bare"}
#: markers LibreOffice 7.4 renders wrongly, so nothing can be compared, and why.
LO_FAILS = {"SxEFSSTRICT": "LibreOffice 7.4 does not read the strict-syntax fontScale "
                           "'62.5%': measured alone, the text is not drawn at all"}
#: markers neither the resolver nor LibreOffice shows.
NOT_SHOWN = ("SxJHIDDENSLIDE", "SxKHIDDENSHAPE", "SxOFFSLIDE")


def _ph(ph: str, paras: str, sid: int, name: str, body_pr: str = "<a:bodyPr/>") -> str:
    return (f'<p:sp {NSDECL}><p:nvSpPr><p:cNvPr id="{sid}" name="{name}"/><p:cNvSpPr/>'
            f"<p:nvPr>{ph}</p:nvPr></p:nvSpPr><p:spPr/><p:txBody>{body_pr}<a:lstStyle/>"
            f"{paras}</p:txBody></p:sp>")


def add_xml_fragment(xml: str) -> object:
    from pptx.oxml import parse_xml

    return parse_xml(xml.replace("<a:bodyPr", f"<a:bodyPr {NSDECL}", 1))


def appendix_deck() -> bytes:
    """The spec's Appendix A deck: defaultTextStyle 26/27, otherStyle 12/10."""
    prs = new_deck()
    appendix_styles(prs)
    s = add_slide(prs, "content")
    s.shapes.title.text = "SxATITLE"
    fill_placeholder(s, 1, para("SxALZERO"), para("SxALONE", lvl=1), para("SxALTWO", lvl=2),
                     para("SxALTHREE", lvl=3), para("SxALFOUR", lvl=4))
    s = add_slide(prs, "two")
    s.shapes.title.text = "Two"
    fill_placeholder(s, 1, para("SxBTWOA"), para("SxBTWOBLONE", lvl=1))
    s = add_slide(prs, "blank")
    add_xml(s, sp_xml(para("SxCTBOX"), sid=10, y=300000))
    add_xml(s, sp_xml(para("SxCLVLONE", lvl=1), sid=11, y=1300000))
    lst = '<a:lstStyle><a:lvl1pPr><a:defRPr sz="3000"/></a:lvl1pPr></a:lstStyle>'
    add_xml(s, sp_xml(para("SxCLSTSTYLE"), sid=12, y=2300000, lst=lst))
    add_xml(s, sp_xml(para("SxCPPRDEF", defrpr=2200), sid=13, y=3300000))
    add_xml(s, sp_xml(para("SxCRUNSZ", sz=1000), sid=14, y=4300000))
    add_xml(s, sp_xml(para("SxCRECT"), sid=15, x=6000000, y=300000, tx_box=False))
    add_xml(s, sp_xml(para("SxCENDPARA", end_sz=900), sid=16, x=6000000, y=1300000))
    s = add_slide(prs, "blank")
    table = s.shapes.add_table(2, 2, Emu(500000), Emu(500000), Emu(6000000), Emu(1200000))
    table.table.cell(0, 0).text = "SxDCELLA"
    table.table.cell(1, 1).text = "SxDCELLB"
    group = (f'<p:grpSp {NSDECL}><p:nvGrpSpPr><p:cNvPr id="30" name="Group"/><p:cNvGrpSpPr/>'
             '<p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="500000" y="3000000"/>'
             '<a:ext cx="2286000" cy="457200"/><a:chOff x="0" y="0"/>'
             '<a:chExt cx="4572000" cy="914400"/></a:xfrm></p:grpSpPr>'
             + sp_xml(para("SxDGROUPED", sz=2400), sid=31, x=0, y=0).replace(f" {NSDECL}", "")
             + "</p:grpSp>")
    add_xml(s, group)
    s = add_slide(prs, "content")
    s.shapes.title.text = "Autofit"
    fill_placeholder(s, 1, para("SxEFONTSCALE"))
    _set_body_pr(s, '<a:bodyPr><a:normAutofit fontScale="62500" lnSpcReduction="20000"/>'
                    "</a:bodyPr>")
    s = add_slide(prs, "content")
    s.shapes.title.text = "Strict"
    fill_placeholder(s, 1, para("SxEFSSTRICT"))
    _set_body_pr(s, '<a:bodyPr><a:normAutofit fontScale="62.5%"/></a:bodyPr>')
    s = add_slide(prs, "content")
    s.shapes.title.text = "Footers"
    add_xml(s, _ph('<p:ph type="ftr" sz="quarter" idx="11"/>', para("SxFFOOTER"), 40,
                   "Footer Placeholder 3"))
    add_xml(s, _ph('<p:ph type="dt" sz="half" idx="10"/>', para("SxFDATE"), 41,
                   "Date Placeholder 2"))
    s = add_slide(prs, "blank")
    add_xml(s, _ph('<p:ph idx="4294967295"/>', para("SxGORPHAN"), 50, "Orphan"))
    add_xml(s, _ph('<p:ph type="body" idx="99"/>', para("SxGBODYNINETYNINE"), 51, "Body99"))
    add_xml(s, _ph('<p:ph type="title"/>', para("SxGTITLEONBLANK"), 52, "TitleBlank"))
    s = add_slide(prs, "blank")
    add_xml(s, sp_xml(para("SxHSUPER", sz=2400, extra_rpr=' baseline="30000"'), sid=60))
    add_xml(s, sp_xml(para("SxHSMALLCAPS", sz=2400, extra_rpr=' cap="small"'), sid=61,
                      y=2500000))
    hidden = add_slide(prs, "blank")
    add_xml(hidden, sp_xml(para("SxJHIDDENSLIDE", sz=1000), sid=70))
    hidden._element.set("show", "0")
    s = add_slide(prs, "blank")
    add_xml(s, sp_xml(para("SxKHIDDENSHAPE", sz=1000), sid=80, hidden=True))
    add_xml(s, sp_xml(para("Visible marker text"), sid=81, y=3000000))
    s = add_slide(prs, "caption")
    s.shapes.title.text = "SxMCAPTITLE"
    fill_placeholder(s, 1, para("SxMCONTENT"))
    fill_placeholder(s, 2, para("SxMCAPTION"))
    s = add_slide(prs, "section")
    s.shapes.title.text = "SxNSECTITLE"
    fill_placeholder(s, 1, para("SxNSECBODY"))
    s = add_slide(prs, "blank")
    rot = sp_xml(para("SxROTATED", sz=3000), sid=90, x=3000000, y=2500000)
    add_xml(s, rot.replace("<a:xfrm>", '<a:xfrm rot="5400000">', 1))
    add_xml(s, sp_xml(para("SxFSTENFIFTY", sz=1050), sid=91, x=6500000, y=500000))
    add_xml(s, sp_xml(para("SxOFFSLIDE", sz=1000), sid=92, x=14000000, y=500000))
    s = add_slide(prs, "blank")
    data = CategoryChartData()
    data.categories = ["Alphacat", "Betacat"]
    data.add_series("Series", (3, 5))
    s.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Emu(500000), Emu(500000),
                       Emu(6000000), Emu(4000000), data)
    return save(prs)


def _set_body_pr(slide: object, xml: str) -> None:
    sp = slide.placeholders[1]._element  # type: ignore[attr-defined]
    old = sp.find(f".//{A}bodyPr")
    old.getparent().replace(old, add_xml_fragment(xml))


def defppr_deck() -> bytes:
    """The spec's deck2: defaultTextStyle with only ``defPPr`` 33 pt (no level sizes)."""
    prs = new_deck()
    dts = default_text_style(prs)
    for lvl in dts:
        for d in lvl.iter(f"{A}defRPr"):
            d.attrib.pop("sz", None)
    defppr = dts.find(f"{A}defPPr")
    if defppr is None:
        defppr = dts.makeelement(f"{A}defPPr", {})
        dts.insert(0, defppr)
    set_level_size_defppr(defppr, 3300)
    s = add_slide(prs, "blank")
    add_xml(s, sp_xml(para("ETBLVLZERO"), sid=10))
    add_xml(s, sp_xml(para("ETBLVLONE", lvl=1), sid=11, y=2000000))
    add_xml(s, sp_xml(para("ETSPAUTOFIT long text that grows the shape " * 2), sid=12,
                      y=3500000, body_pr="<a:bodyPr><a:spAutoFit/></a:bodyPr>"))
    return save(prs)


def set_level_size_defppr(defppr: object, sz: int) -> None:
    d = defppr.find(f"{A}defRPr")  # type: ignore[attr-defined]
    if d is None:
        d = defppr.makeelement(f"{A}defRPr", {})  # type: ignore[attr-defined]
        defppr.append(d)  # type: ignore[attr-defined]
    d.set("sz", str(sz))


def more_deck() -> bytes:
    """Spec cases 18 (bare autofit, overflowing), 25 (placeholder without type vs a text
    box), 42 (AlternateContent counted once) and 47 (chart without text properties: 10 pt)."""
    prs = new_deck()
    s = add_slide(prs, "content")
    s.shapes.title.text = "Bare"
    fill_placeholder(s, 1, *[para(f"SxBAREAUTOFIT line {n} of an overflowing body text")
                             for n in range(14)])
    _set_body_pr(s, "<a:bodyPr><a:normAutofit/></a:bodyPr>")
    s = add_slide(prs, "content")
    s.shapes.title.text = "Types"
    body = s.placeholders[1]._element
    body.find(".//{http://schemas.openxmlformats.org/presentationml/2006/main}ph").attrib.pop(
        "type", None)
    fill_placeholder(s, 1, para("SxPHNOTYPE"))
    add_xml(s, sp_xml(para("SxTBOXPLAIN"), sid=20, y=5500000))
    shape = sp_xml(para("SxALTCHOICE", sz=2400), sid=21, x=6500000, y=5500000)
    add_xml(s, f'<mc:AlternateContent {NSDECL} '
               'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
               'xmlns:p14="http://schemas.microsoft.com/office/powerpoint/2010/main">'
               f'<mc:Choice Requires="p14">{shape}</mc:Choice>'
               f"<mc:Fallback>{shape}</mc:Fallback></mc:AlternateContent>")
    s = add_slide(prs, "blank")
    data = CategoryChartData()
    data.categories = ["Gammacat", "Deltacat"]
    data.add_series("Values", (3, 5))
    frame = s.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Emu(500000), Emu(500000),
                               Emu(6000000), Emu(4000000), data)
    space = frame.chart._chartSpace
    space.remove(space.find("{http://schemas.openxmlformats.org/drawingml/2006/chart}txPr"))
    return save(prs)


def write_decks(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, data in (("appendix.pptx", appendix_deck()), ("defppr.pptx", defppr_deck()),
                       ("more.pptx", more_deck())):
        path = folder / name
        path.write_bytes(data)
        out.append(path)
    return out


__all__ = ["EXPECTED_PT", "LO_EXPECTED", "LO_FAILS", "NOT_SHOWN", "set_level_size", "write_decks"]
