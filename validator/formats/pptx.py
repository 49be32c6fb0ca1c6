"""The structure of a PresentationML deck: slide size and the ordered list of slides.

Read from ``presentation.xml`` and its relationships only; slides' content is parsed by the
checks that need it. A missing ``p:sldSz`` means PowerPoint's default 9144000 x 6858000 EMU (4:3,
[MS-OI29500] 2.1.1110); the ``type`` attribute is ignored because tools leave it stale.
"""

from __future__ import annotations

from dataclasses import dataclass

from validator.core.errors import UnreadableError
from validator.core.pickled import by_fields
from validator.formats.ooxml import NS, OoxmlPackage

#: PowerPoint's assumed slide size when ``p:sldSz`` is absent ([MS-OI29500] 2.1.1110).
DEFAULT_SLIDE_SIZE = (9144000, 6858000)
#: EMU in a centimetre (914400 per inch, 2.54 cm per inch).
EMU_PER_CM = 360000


@by_fields  # a deck view holds one per slide
@dataclass(frozen=True, slots=True)
class SlideRef:
    number: int  # 1-based position in the deck, hidden slides counted
    part: str
    hidden: bool


@by_fields  # a view sent from the reader process
@dataclass(frozen=True, slots=True)
class Deck:
    width: int
    height: int
    size_declared: bool
    presentation_part: str
    slides: tuple[SlideRef, ...]


def _emu(value: str | None, what: str) -> int:
    try:
        number = int(value or "")
    except ValueError:
        raise UnreadableError(f"presentation.xml: {what} is not a number: {value!r}") from None
    if number <= 0:
        raise UnreadableError(f"presentation.xml: {what} must be positive, got {number}")
    return number


def read_deck(pkg: OoxmlPackage) -> Deck:
    """Return the deck's slide size and its slides in presentation order."""
    part = pkg.main_part
    root = pkg.xml(part)
    if root.tag != f"{{{NS['p']}}}presentation":
        raise UnreadableError(f"/{part} is not a PresentationML presentation")
    size = root.find("p:sldSz", NS)
    if size is None:
        width, height = DEFAULT_SLIDE_SIZE
        declared = False
    else:
        width, height = _emu(size.get("cx"), "sldSz cx"), _emu(size.get("cy"), "sldSz cy")
        declared = True
    slides: list[SlideRef] = []
    for number, sld in enumerate(root.iterfind("p:sldIdLst/p:sldId", NS), start=1):
        rid = sld.get(f"{{{NS['r']}}}id", "")
        rel = pkg.rel_target(part, rid)
        if rel is None or rel.external or not pkg.has(rel.target):
            raise UnreadableError(f"slide {number} ({rid}) points to a missing part")
        hidden = pkg.xml(rel.target).get("show") in ("0", "false")
        slides.append(SlideRef(number, rel.target, hidden))
    return Deck(width, height, declared, part, tuple(slides))
