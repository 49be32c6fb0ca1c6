"""SLD005 autofit-will-shrink: text set to shrink on overflow that PowerPoint has not fitted yet.

A shape whose ``a:bodyPr`` holds a bare ``<a:normAutofit/>`` (no ``fontScale``) asks PowerPoint
to shrink its text when it overflows, but no scale is stored: the deck opens with the text at
full size, overflowing its box, and PowerPoint shrinks it (possibly below the minimum font size)
the next time anyone edits the text or the box. Programs that generate decks write exactly this.
Only the slide's own shapes count: the setting a layout placeholder passes on is a template.

Whether the text overflows is estimated from the box and the runs' sizes: each paragraph takes
``ceil(characters x char_width x size / box width)`` lines of ``line_spacing x size`` (one line
when ``wrap="none"``), inside the shape's insets (``lIns``/``rIns``/``tIns``/``bIns``; 0.1 in
and 0.05 in by default); vertical text swaps width and height. A shape without geometry is not
estimated. This is a warning: the estimate knows no font metrics.

Parameters: ``line_spacing`` (1.2), ``char_width`` (0.5 of the size per character).
Fires: a 32 pt body placeholder with ten lines of text and ``<a:normAutofit/>``. Silent: the
same text with ``fontScale="62500"`` stored, or short text that fits.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from validator.checks.base import Hit, Param, Params, rule
from validator.checks.font_size import excerpt, group_by_shape
from validator.core.findings import Box, Location
from validator.files.document import Document
from validator.slides import ResolvedRun

EMU_PER_PT = 12700
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
#: Default text insets in EMU (ECMA-376 CT_TextBodyProperties): left, right, top, bottom.
DEFAULT_INSETS = {"lIns": 91440, "rIns": 91440, "tIns": 45720, "bIns": 45720}
VERTICAL = frozenset({"vert", "vert270", "eaVert", "mongolianVert", "wordArtVert",
                      "wordArtVertRtl"})


@dataclass(frozen=True, slots=True)
class Frame:
    """The room a text body has: width and height in points, and whether lines wrap."""

    width: float
    height: float
    wraps: bool


def _inset(body_pr: etree._Element | None, name: str) -> int:
    raw = body_pr.get(name) if body_pr is not None else None
    try:
        return max(0, int(raw)) if raw is not None else DEFAULT_INSETS[name]
    except ValueError:
        return DEFAULT_INSETS[name]


def body_properties(root: etree._Element, shape_id: int) -> etree._Element | None:
    """The ``a:bodyPr`` of the slide shape whose ``p:cNvPr@id`` is ``shape_id``."""
    for nv in root.iter(f"{P}cNvPr"):
        if nv.get("id") == str(shape_id):
            shape = nv.getparent()
            shape = shape.getparent() if shape is not None else None
            if shape is not None:
                return shape.find(f"{P}txBody/{A}bodyPr")
    return None


def frame(box: Box, body_pr: etree._Element | None) -> Frame:
    """The text room of ``box`` after the insets of ``body_pr``."""
    width = (box.width - _inset(body_pr, "lIns") - _inset(body_pr, "rIns")) / EMU_PER_PT
    height = (box.height - _inset(body_pr, "tIns") - _inset(body_pr, "bIns")) / EMU_PER_PT
    if body_pr is not None and body_pr.get("vert") in VERTICAL:
        width, height = height, width
    wraps = body_pr is None or body_pr.get("wrap") != "none"
    return Frame(width, height, wraps)


def text_height(runs: list[ResolvedRun], width_pt: float, params: Params,
                wraps: bool = True) -> float:
    """Estimated height in points of the runs' paragraphs wrapped to ``width_pt``."""
    paragraphs: dict[int, list[ResolvedRun]] = {}
    for run in runs:
        paragraphs.setdefault(run.paragraph, []).append(run)
    height = 0.0
    for para in paragraphs.values():
        size = max(r.size_pt or 0.0 for r in para)
        advance = sum(len(r.text) * (r.size_pt or 0.0) for r in para) * params["char_width"]
        lines = max(1, math.ceil(advance / width_pt)) if wraps and width_pt > 0 else 1
        height += lines * size * params["line_spacing"]
    return height


@rule(
    code="SLD005",
    name="autofit-will-shrink",
    kinds={"presentation"},
    params={
        "line_spacing": Param("float", "line height as a multiple of the font size",
                              positive=True),
        "char_width": Param("float", "average character advance as a multiple of the size",
                            positive=True),
    },
)
def autofit_will_shrink(doc: Document, params: Params) -> Iterator[Hit]:
    if doc.format == "pdf":
        return
    runs = (r for r in doc.slide_runs
            if r.origin == "slide" and r.autofit == "bare" and r.kind == "text")
    for shape_runs in group_by_shape(runs).values():
        first = shape_runs[0]
        if first.box is None:
            continue
        room = frame(first.box, body_properties(doc.ooxml.xml(first.origin_part),
                                                 first.shape_id))
        need = text_height(shape_runs, room.width, params, room.wraps)
        if need <= room.height:
            continue
        largest = max(r.size_pt or 0.0 for r in shape_runs)
        yield Hit(
            location=Location(slide=first.slide, shape=first.shape, shape_id=first.shape_id,
                              box=first.box),
            measured=round(need, 1),
            threshold=round(room.height, 1),
            unit="pt",
            evidence=(f"bare <a:normAutofit/> (no fontScale) in /{first.origin_part}; "
                      f"estimated text height {need:.0f} pt in a box {room.height:.0f} pt "
                      "high"),
            args={"shape": first.shape, "size": round(largest, 2),
                  "excerpt": excerpt([r.text for r in shape_runs]),
                  "need": round(need), "room": round(room.height)},
        )
