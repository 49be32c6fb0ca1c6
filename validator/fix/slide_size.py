"""SLD001 (unsafe): the slide size made 16:9 as PowerPoint's "Ensure Fit" does, content
centred at its size on slides, layouts and masters."""

from __future__ import annotations

from lxml import etree

from validator.files.document import Document
from validator.fix.package import Edits
from validator.fix.records import FixPlace, FixRecord
from validator.slides.runs import A, P

SIZE_16_9 = (12192000, 6858000)


def fix_slide_size(doc: Document, edits: Edits) -> list[FixRecord]:
    """SLD001 (unsafe): 16:9 as PowerPoint's "Ensure Fit" does for a wider slide.

    The new size is the 16:9 rectangle that holds the old slide (12192000 x 6858000 EMU for
    the common 4:3 deck of 9144000 x 6858000): content keeps its size and proportions and is
    centred, on slides, layouts and masters alike, so placeholders and backgrounds stay
    consistent. Notes pages have their own size and are left as they are.
    """
    deck = doc.deck
    old_w, old_h = deck.width, deck.height
    if abs(old_w * 9 - old_h * 16) <= 0.005 * old_h * 16:
        return []
    if old_w * 9 < old_h * 16:      # narrower than 16:9: widen
        new_w, new_h = round(old_h * 16 / 9), old_h
    else:                            # wider: make taller
        new_w, new_h = old_w, round(old_w * 9 / 16)
    if (old_w, old_h) == (9144000, 6858000):
        new_w, new_h = SIZE_16_9
    dx, dy = (new_w - old_w) // 2, (new_h - old_h) // 2
    pres = doc.ooxml.xml(deck.presentation_part)
    sld_sz = pres.find(f"{P}sldSz")
    if sld_sz is None:
        sld_sz = etree.SubElement(pres, f"{P}sldSz")
    sld_sz.set("cx", str(new_w))
    sld_sz.set("cy", str(new_h))
    if "type" in sld_sz.attrib:
        del sld_sz.attrib["type"]
    edits.touch(deck.presentation_part)
    parts = [name for name, ctype in doc.ooxml.content_types.items()
             if ctype.endswith(("slide+xml", "slideLayout+xml", "slideMaster+xml"))]
    moved = 0
    for part in parts:
        tree = doc.ooxml.xml(part)
        sp_tree = tree.find(f"{P}cSld/{P}spTree")
        if sp_tree is None:
            continue
        for shape in sp_tree:
            off = shape.find(f"{P}spPr/{A}xfrm/{A}off")
            if off is None:
                off = shape.find(f"{P}grpSpPr/{A}xfrm/{A}off")
            if off is None:
                off = shape.find(f"{P}xfrm/{A}off")
            if off is None:
                continue
            try:
                off.set("x", str(int(off.get("x") or "0") + dx))
                off.set("y", str(int(off.get("y") or "0") + dy))
            except ValueError:
                continue
            moved += 1
        edits.touch(part)
    return [FixRecord("SLD001", f"/{deck.presentation_part} p:sldSz", f"{old_w} x {old_h}",
                      f"{new_w} x {new_h}", safe=False, kind="slide_size",
                      args=(("moved", str(moved)), ("parts", str(len(parts)))),
                      place=FixPlace("slide_size"))]
