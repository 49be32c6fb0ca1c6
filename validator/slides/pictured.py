"""Slides that show a picture and no text of their own: the slides of a picture presentation.

PowerPoint's "PowerPoint Picture Presentation" export, and the tools that turn a PDF into a
deck, put each slide on the slide as one picture: whatever text it shows is pixels, and its
size and language cannot be read from the file. A visible slide whose own shape tree holds no
text (no text in a shape, no table, chart, diagram or object frame) and whose own picture, or
picture background, covers at least ``PICTURE_SHARE`` of it is such a slide. A layout's or
master's picture is the template's decoration and is not counted.
"""

from __future__ import annotations

from lxml import etree

from validator.formats.ooxml import OoxmlPackage
from validator.formats.pptx import Deck
from validator.slides.runs import A, P
from validator.slides.shapes import walk

#: The share of the slide a picture must cover for a slide without text to be a picture slide.
PICTURE_SHARE = 0.5
_PICTURES = frozenset({f"{P}pic"})


def _has_text(tree: etree._Element) -> bool:
    """Whether a shape tree holds any text, or a frame (table, chart, diagram, object) whose
    content is read elsewhere: one walk, ended at the first."""
    frame = f"{P}graphicFrame"
    return any(el.tag == frame or (el.text or "").strip() for el in tree.iter(f"{A}t", frame))


def _covered(tree: etree._Element, width: int, height: int) -> int:
    """The largest area (EMU²) of the slide one of its own pictures covers."""
    largest = 0
    for placed in walk(tree, (width, height), tags=_PICTURES):
        box = placed.box
        if box is None:
            continue
        w = min(box.x + box.width, width) - max(box.x, 0)
        h = min(box.y + box.height, height) - max(box.y, 0)
        largest = max(largest, max(w, 0) * max(h, 0))
    return largest


def picture_slides(pkg: OoxmlPackage, deck: Deck) -> tuple[tuple[int, ...], int]:
    """The numbers of the visible slides that are pictures (see the module doc), and how many
    slides are visible."""
    found: list[int] = []
    visible = 0
    area = deck.width * deck.height
    for ref in deck.slides:
        if ref.hidden:
            continue
        visible += 1
        root = pkg.xml(ref.part)
        tree = root.find(f"{P}cSld/{P}spTree")
        if tree is None or _has_text(tree):
            continue
        background = root.find(f"{P}cSld/{P}bg/{P}bgPr/{A}blipFill") is not None
        if background or _covered(tree, deck.width, deck.height) >= PICTURE_SHARE * area:
            found.append(ref.number)
    return tuple(found), visible
