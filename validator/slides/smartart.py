"""Chain E of the spec: SmartArt text, read from the diagram's pre-rendered drawing cache.

The cache (``ppt/diagrams/drawingN.xml``, ``dsp:drawing``) is the last layout PowerPoint made
of the diagram, with explicit sizes; it is found through ``dsp:dataModelExt@relId`` in the data
part, a relationship id of the slide. Each ``dsp:sp`` is resolved like a text box (chain B,
with its own stored autofit scale). Without a cache the SmartArt layout engine decides the
sizes: the text is reported as unresolvable, never guessed from the data part.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from validator.slides.parts import DeckParts
from validator.slides.runs import DGM, DSP, A, R
from validator.slides.styles import child


@dataclass(frozen=True, slots=True)
class Diagram:
    """A SmartArt frame's parts: the drawing cache (or None) and the data model text."""

    drawing: etree._Element | None
    drawing_part: str | None
    data_text: str


def read_diagram(parts: DeckParts, slide_part: str, data: etree._Element) -> Diagram:
    """Find the data and drawing parts of a ``dgm:relIds`` element on ``slide_part``."""
    data_part = parts.target(slide_part, data.get(f"{R}dm"))
    if data_part is None:
        return Diagram(None, None, "")
    model = parts.pkg.xml(data_part)
    text = " ".join(t.text for t in model.iter(f"{A}t") if t.text and t.text.strip())
    drawing_part = None
    for ext in model.iter(f"{DSP}dataModelExt"):
        drawing_part = parts.target(slide_part, ext.get("relId"))
        if drawing_part is not None:
            break
    if drawing_part is None:
        return Diagram(None, None, text)
    return Diagram(parts.pkg.xml(drawing_part), drawing_part, text)


def drawing_shapes(drawing: etree._Element) -> Iterator[etree._Element]:
    """Every ``dsp:sp`` with a text body in a drawing cache, groups included."""
    tree = child(drawing, f"{DSP}spTree")
    if tree is None:
        return
    for sp in tree.iter(f"{DSP}sp"):
        if child(sp, f"{DSP}txBody") is not None:
            yield sp


def is_diagram(graphic_data: etree._Element) -> etree._Element | None:
    return child(graphic_data, f"{DGM}relIds")
