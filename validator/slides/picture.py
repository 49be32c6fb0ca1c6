"""The boxes of every text shape on the slides a report flags, for drawing slide wireframes.

A finding names one shape; a picture of the slide needs its neighbours too. For a presentation
whose findings point at slides, ``slide_shapes`` returns, per flagged slide, each text shape's
box (EMU), its smallest effective size and a short excerpt; the engine attaches it to the
file's report under the ``extra`` keys ``slide_shapes`` and ``slide_size``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from validator.formats.pptx import Deck
from validator.slides.runs import ResolvedRun

EXCERPT = 60


def _excerpt(runs: list[ResolvedRun]) -> str:
    text = " ".join(" ".join(r.text.split()) for r in runs if r.text.strip())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"


def slide_shapes(runs: Iterable[ResolvedRun], deck: Deck, slides: Collection[int]
                 ) -> dict[str, Any]:
    """``{"slide_shapes": {"<n>": [shape, ...]}, "slide_size": {...}}`` for ``slides``.

    ``runs`` are the deck's resolved runs (``Document.slide_runs``); a flagged slide with no
    visible text shape (a hidden slide) gets an empty list.
    """
    shapes: dict[int, dict[tuple[str, int, str], list[ResolvedRun]]] = {n: {} for n in slides}
    for run in runs:
        if run.slide in shapes:
            key = (run.origin_part, run.shape_id, run.shape)
            shapes[run.slide].setdefault(key, []).append(run)
    out: dict[str, list[dict[str, Any]]] = {}
    for number in sorted(shapes):
        entries = []
        for group in shapes[number].values():
            box = group[0].box
            if box is None:
                continue
            sizes = [r.size_pt for r in group if r.size_pt is not None]
            entries.append({"shape_id": group[0].shape_id, "name": group[0].shape,
                            "origin": group[0].origin, "x": box.x, "y": box.y,
                            "width": box.width, "height": box.height,
                            "size_pt": min(sizes) if sizes else None,
                            "text": _excerpt(group)})
        out[str(number)] = entries
    return {"slide_shapes": out, "slide_size": {"width": deck.width, "height": deck.height}}
