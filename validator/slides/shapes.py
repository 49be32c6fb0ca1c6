"""Walking a shape tree: groups to any depth, one branch of AlternateContent, hidden shapes.

Yields the shapes that can carry text with their box on the slide. A group's transform maps
its children's coordinates (``chOff``/``chExt``) to its own box; it scales geometry only,
never the font size.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from validator.core.findings import Box
from validator.slides.altcontent import alternate_branch
from validator.slides.runs import MC, P
from validator.slides.styles import c_nv_pr, child_rect, is_hidden, rect, xfrm_of

#: (scale x, offset x, scale y, offset y): slide = scale * local + offset
Transform = tuple[float, float, float, float]
IDENTITY: Transform = (1.0, 0.0, 1.0, 0.0)

TEXT_SHAPES = frozenset({f"{P}sp", f"{P}graphicFrame", f"{P}contentPart"})


@dataclass(frozen=True, slots=True)
class Placed:
    """A shape that may carry text, with its box on the slide (None: no own geometry)."""

    element: etree._Element
    box: Box | None


def place(r: tuple[int, int, int, int] | None, t: Transform, size: tuple[int, int]) -> Box | None:
    if r is None:
        return None
    x, y, w, h = r
    sx, ox, sy, oy = t
    return Box(size[0], size[1], round(sx * x + ox), round(sy * y + oy), round(sx * w),
               round(sy * h))


def _group_transform(group: etree._Element, t: Transform) -> Transform:
    xfrm = xfrm_of(group)
    outer, inner = rect(xfrm), child_rect(xfrm)
    if outer is None or inner is None:
        return t
    x, y, w, h = outer
    cx, cy, cw, ch = inner
    kx = w / cw if cw else 1.0
    ky = h / ch if ch else 1.0
    sx, ox, sy, oy = t
    return (sx * kx, sx * (x - cx * kx) + ox, sy * ky, sy * (y - cy * ky) + oy)


def walk(tree: etree._Element, size: tuple[int, int], t: Transform = IDENTITY,
         tags: frozenset[str] = TEXT_SHAPES) -> Iterator[Placed]:
    """Yield the visible shapes of ``tags`` (by default those that can carry text) under
    ``tree`` (an ``p:spTree`` or group)."""
    for el in tree:
        tag = el.tag
        if tag == f"{MC}AlternateContent":
            branch = alternate_branch(el)
            if branch is not None:
                yield from walk(branch, size, t, tags)
            continue
        if tag == f"{P}grpSp":
            if not is_hidden(c_nv_pr(el)):
                yield from walk(el, size, _group_transform(el, t), tags)
            continue
        if tag in tags and not is_hidden(c_nv_pr(el)):
            yield Placed(el, place(rect(xfrm_of(el)), t, size))


def off_slide(box: Box | None) -> bool:
    """True when the box lies entirely outside the slide rectangle (not shown in a show)."""
    if box is None:
        return False
    return (box.x >= box.slide_width or box.y >= box.slide_height
            or box.x + box.width <= 0 or box.y + box.height <= 0)
