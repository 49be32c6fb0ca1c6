"""The boxes of every text shape on the slides a report flags, for drawing slide wireframes.

A finding names one shape; a picture of the slide needs its neighbours too. For a presentation
whose findings point at slides, ``slide_shapes`` returns, per flagged slide, each text shape's
box (EMU), its smallest effective size and a short excerpt; the engine attaches it to the
file's report under the ``extra`` keys ``slide_shapes`` and ``slide_size``.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from validator.formats.pptx import Deck
from validator.ooxml import OoxmlPackage
from validator.slides.model import ResolvedRun
from validator.slides.parts import DeckParts
from validator.slides.resolve import SlideResolver

EXCERPT = 60


def _excerpt(runs: list[ResolvedRun]) -> str:
    text = " ".join(" ".join(r.text.split()) for r in runs if r.text.strip())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"


def slide_shapes(pkg: OoxmlPackage, deck: Deck, slides: Collection[int]
                 ) -> dict[str, Any]:
    """``{"slide_shapes": {"<n>": [shape, ...]}, "slide_size": {...}}`` for ``slides``."""
    parts = DeckParts(pkg, deck)
    out: dict[str, list[dict[str, Any]]] = {}
    for ref in deck.slides:
        if ref.number not in slides:
            continue
        shapes: dict[tuple[str, int, str], list[ResolvedRun]] = {}
        for run in SlideResolver(parts, ref).runs():
            shapes.setdefault((run.origin_part, run.shape_id, run.shape), []).append(run)
        entries = []
        for runs in shapes.values():
            box = runs[0].box
            if box is None:
                continue
            sizes = [r.size_pt for r in runs if r.size_pt is not None]
            entries.append({"shape_id": runs[0].shape_id, "name": runs[0].shape,
                            "origin": runs[0].origin, "x": box.x, "y": box.y,
                            "width": box.width, "height": box.height,
                            "size_pt": min(sizes) if sizes else None,
                            "text": _excerpt(runs)})
        out[str(ref.number)] = entries
    return {"slide_shapes": out, "slide_size": {"width": deck.width, "height": deck.height}}
