"""Slide wireframes for the HTML report: where each text box is, and which ones have a finding.

Built from the geometry the presentation checks attach to a file report (``extra``
``slide_shapes``: every text shape of each flagged slide; ``slide_size``) and from the ``Box``
in each finding's location. Pure data in pixels; the template draws it as inline SVG, so a
person sees at once which box is too small without opening the deck.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from validator.core.catalogue import ui
from validator.core.findings import FileReport, Finding, Status
from validator.plain.quantities import quantity, unit_label

#: Width of a drawn slide, in CSS pixels.
WIDTH_PX = 640.0


@dataclass(frozen=True, slots=True)
class ShapeBox:
    """One text box, in pixels of the drawing."""

    x: float
    y: float
    width: float
    height: float
    name: str
    label: str
    text: str
    flagged: bool
    waived: bool
    review: bool = False

    @property
    def style(self) -> str:
        """CSS class of the outline: box (no finding), bad, review (undecided) or waived."""
        if not self.flagged:
            return "box"
        if self.waived:
            return "waived"
        return "review" if self.review else "bad"


@dataclass(frozen=True, slots=True)
class SlidePicture:
    slide: int
    width: float
    height: float
    shapes: tuple[ShapeBox, ...]


def _extra(fr: FileReport, key: str) -> Any:
    for k, v in fr.extra:
        if k == key:
            return v
    return None


def _num(value: Any) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def _size_label(size: Any, lang: str) -> str:
    """A box's font size in ``lang`` (``14 пт``); ``?`` when it is not known."""
    if not isinstance(size, int | float) or isinstance(size, bool):
        return f"? {unit_label('pt', lang)}"
    return quantity(size, "pt", lang)


def _shape_name(shape: Mapping[str, Any], lang: str) -> str:
    """The shape's name; a layout or master decoration says, in ``lang``, where it comes
    from (``Rectangle 24 (в образце слайдов)``)."""
    name = str(shape.get("name") or "")
    origin = shape.get("origin")
    if origin in ("master", "layout"):
        return f"{name} ({ui(lang, f'size.source.{origin}')})"
    return name


def _snippet(text: Any, limit: int = 60) -> str:
    s = " ".join(str(text or "").split())
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _slide_size(fr: FileReport, findings: Sequence[Finding]) -> tuple[float, float] | None:
    size = _extra(fr, "slide_size")
    if isinstance(size, Mapping) and _num(size.get("width")) > 0 and _num(size.get("height")) > 0:
        return _num(size["width"]), _num(size["height"])
    for f in findings:
        box = f.location.box
        if box is not None and box.slide_width > 0 and box.slide_height > 0:
            return float(box.slide_width), float(box.slide_height)
    return None


def _matches(shape: Mapping[str, Any], f: Finding) -> bool:
    """Whether finding ``f`` is about ``shape``: the same id and name, and the same box when
    the finding has one (a layout decoration may share an id with a slide's own shape)."""
    loc = f.location
    if loc.shape_id is None and loc.box is None:
        return False
    if loc.shape_id is not None and shape.get("shape_id") != loc.shape_id:
        return False
    if loc.shape is not None and shape.get("name") not in (None, loc.shape):
        return False
    box = loc.box
    if box is not None:
        return (_num(shape.get("x")), _num(shape.get("y")), _num(shape.get("width")),
                _num(shape.get("height"))) == (box.x, box.y, box.width, box.height)
    return True


def _picture(slide: int, shapes: Sequence[Any], findings: Sequence[Finding],
             size: tuple[float, float], lang: str) -> SlidePicture:
    scale = WIDTH_PX / size[0]
    drawn: set[int] = set()
    out: list[ShapeBox] = []
    for shape in shapes:
        if not isinstance(shape, Mapping):
            continue
        hits = [i for i, f in enumerate(findings) if _matches(shape, f)]
        drawn.update(hits)
        finding = findings[hits[0]] if hits else None
        size_pt = shape.get("size_pt")
        if finding is not None and size_pt is None:
            size_pt = finding.measured
        out.append(ShapeBox(
            x=_num(shape.get("x")) * scale, y=_num(shape.get("y")) * scale,
            width=_num(shape.get("width")) * scale, height=_num(shape.get("height")) * scale,
            name=_shape_name(shape, lang), label=_size_label(size_pt, lang),
            text=_snippet(shape.get("text")), flagged=finding is not None,
            waived=bool(hits) and all(findings[i].status is Status.WAIVED for i in hits),
            review=bool(hits) and all(findings[i].status is Status.NEEDS_REVIEW for i in hits)))
    for i, f in enumerate(findings):
        box = f.location.box
        if box is None or i in drawn:
            continue
        out.append(ShapeBox(
            x=box.x * scale, y=box.y * scale, width=box.width * scale,
            height=box.height * scale, name=f.location.shape or "",
            label=_size_label(f.measured, lang), text="", flagged=True,
            waived=f.status is Status.WAIVED, review=f.status is Status.NEEDS_REVIEW))
    # Flagged boxes last, so their outline and label are drawn on top.
    out.sort(key=lambda s: s.flagged)
    return SlidePicture(slide, WIDTH_PX, size[1] * scale, tuple(out))


def slide_pictures(fr: FileReport, lang: str = "en") -> tuple[SlidePicture, ...]:
    """A picture of every slide that has a finding with geometry (box or shape list); the
    boxes' size labels in ``lang``."""
    shapes = _extra(fr, "slide_shapes")
    shapes = shapes if isinstance(shapes, Mapping) else {}
    by_slide: dict[int, list[Finding]] = {}
    for f in fr.findings:
        for place in f.places:  # a finding with one root is drawn at each of its places
            if place.slide is not None:
                view = f if place is f.location else replace(f, location=place, locations=())
                by_slide.setdefault(place.slide, []).append(view)
    pictures: list[SlidePicture] = []
    for slide in sorted(by_slide):
        findings = by_slide[slide]
        slide_shapes = shapes.get(str(slide), shapes.get(slide, ()))  # type: ignore[call-overload]
        if not slide_shapes and not any(f.location.box for f in findings):
            continue
        size = _slide_size(fr, findings)
        if size is None:
            continue
        pictures.append(_picture(slide, list(slide_shapes or ()), findings, size, lang))
    return tuple(pictures)
