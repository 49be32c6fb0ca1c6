"""SLD005 autofit-will-shrink: text set to shrink on overflow that PowerPoint has not fitted yet.

A shape whose ``a:bodyPr`` holds a bare ``<a:normAutofit/>`` (no ``fontScale``) asks PowerPoint
to shrink its text when it overflows, but no scale is stored: the deck opens with the text at
full size, overflowing its box, and PowerPoint shrinks it (possibly below the minimum font size)
the next time anyone edits the text or the box. Programs that generate decks write exactly this.
Only the slide's own shapes count: the setting a layout placeholder passes on is a template.

Whether the text overflows is estimated from the box and the runs' sizes: each paragraph takes
``ceil(characters x char_width x size / box width)`` lines of ``line_spacing x size``, inside
the default insets (0.1 in left and right, 0.05 in top and bottom). A shape without geometry
is not estimated. This is a warning: the estimate knows no font metrics.

Parameters: ``line_spacing`` (1.2), ``char_width`` (0.5 of the size per character).
Fires: a 32 pt body placeholder with ten lines of text and ``<a:normAutofit/>``. Silent: the
same text with ``fontScale="62500"`` stored, or short text that fits.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from validator.checks.base import Hit, Param, Params, rule
from validator.checks.font_size import excerpt, group_by_shape
from validator.document import Document
from validator.model import Location
from validator.slides import ResolvedRun

EMU_PER_PT = 12700
INSET_X_PT = 7.2 * 2
INSET_Y_PT = 3.6 * 2


def text_height(runs: list[ResolvedRun], width_pt: float, params: Params) -> float:
    """Estimated height in points of the runs' paragraphs wrapped to ``width_pt``."""
    paragraphs: dict[int, list[ResolvedRun]] = {}
    for run in runs:
        paragraphs.setdefault(run.paragraph, []).append(run)
    height = 0.0
    for para in paragraphs.values():
        size = max(r.size_pt or 0.0 for r in para)
        advance = sum(len(r.text) * (r.size_pt or 0.0) for r in para) * params["char_width"]
        lines = max(1, math.ceil(advance / width_pt)) if width_pt > 0 else len(para)
        height += lines * size * params["line_spacing"]
    return height


@rule(
    code="SLD005",
    name="autofit-will-shrink",
    kinds={"presentation"},
    params={
        "line_spacing": Param("float", "line height as a multiple of the font size"),
        "char_width": Param("float", "average character advance as a multiple of the size"),
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
        width = first.box.width / EMU_PER_PT - INSET_X_PT
        room = first.box.height / EMU_PER_PT - INSET_Y_PT
        need = text_height(shape_runs, width, params)
        if need <= room:
            continue
        largest = max(r.size_pt or 0.0 for r in shape_runs)
        yield Hit(
            location=Location(slide=first.slide, shape=first.shape, shape_id=first.shape_id,
                              box=first.box),
            measured=round(need, 1),
            threshold=round(room, 1),
            unit="pt",
            evidence=(f"bare <a:normAutofit/> (no fontScale) in /{first.origin_part}; "
                      f"estimated text height {need:.0f} pt in a box {room:.0f} pt high"),
            args={"shape": first.shape, "size": f"{largest:g}",
                  "excerpt": excerpt([r.text for r in shape_runs]),
                  "need": f"{need:.0f}", "room": f"{room:.0f}"},
        )
