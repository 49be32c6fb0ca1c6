"""Spec tests 50, 51, 53: the 16:9 decision is made on sldSz cx/cy, never on its type."""

from __future__ import annotations

import pytest

from tests.slides.decks import P, document, hits, new_deck, save
from validator.checks.slide_aspect import slide_aspect_ratio

PARAMS = {"ratio_width": 16.0, "ratio_height": 9.0, "tolerance": 0.005}


def _deck(cx: int | None, cy: int | None, kind: str | None) -> bytes:
    prs = new_deck()
    root = prs.part._element
    size = root.find(f"{P}sldSz")
    if cx is None:
        root.remove(size)
        return save(prs)
    size.set("cx", str(cx))
    size.set("cy", str(cy))
    if kind is None:
        size.attrib.pop("type", None)
    else:
        size.set("type", kind)
    return save(prs)


@pytest.mark.parametrize(
    ("cx", "cy", "kind", "fails"),
    [
        (12192000, 6858000, None, False),  # 50: widescreen, no type
        (9144000, 5143500, "screen16x9", False),  # 51
        (12192000, 6858000, "screen4x3", False),  # stale type ignored
        (9144000, 5715000, "screen16x10", True),  # 53
        (9144000, 6858000, "screen4x3", True),  # 53
        (None, None, None, True),  # 53: no sldSz = 4:3
    ],
)
def test_slide_size(cx: int | None, cy: int | None, kind: str | None, fails: bool) -> None:
    data = _deck(cx, cy, kind)
    got = hits(data, slide_aspect_ratio, PARAMS)
    assert bool(got) is fails
    if cx is not None:
        assert (document(data).deck.width, document(data).deck.height) == (cx, cy)
