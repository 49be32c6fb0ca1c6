"""Where external and active content sits, as a person finds it in the open file (SEC004).

A part's file name is not its place: ``ppt/slides/slide16.xml`` is shown 13th once slides are
reordered, and ``xl/worksheets/sheet1.xml`` may be the sheet called «Итоги». So a slide is
numbered by its position in ``p:sldIdLst`` (the deck the slide rules read, hidden slides
counted), a worksheet is named by its name in the workbook, and a chart, drawing, diagram or
speaker notes part is placed on the slide or sheet that shows it. Inside a slide, the shape
that carries a link or an action is named (``p:cNvPr`` name and id), so two shapes with the
same action are two places, not two identical lines. The part stays in the location for the
technical reports.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from lxml import etree

from validator.core.findings import Location
from validator.formats.ooxml import NS, OoxmlPackage
from validator.formats.parts import referrers

P = f"{{{NS['p']}}}"
R = f"{{{NS['r']}}}"
#: Elements of a slide's shape tree that have a name of their own (``p:cNvPr``).
SHAPES = frozenset(f"{P}{tag}" for tag in ("sp", "pic", "graphicFrame", "cxnSp", "grpSp",
                                           "contentPart"))
#: Folders of parts that a slide or sheet shows: the place of what is inside them is the slide
#: or sheet that refers to them (layouts and masters are places of their own).
_SHOWN = frozenset(("charts", "drawings", "diagrams", "notesSlides", "embeddings"))
#: How many references are followed up from a shown part (chart <- drawing <- sheet).
_DEPTH = 3


@dataclass(frozen=True, slots=True)
class Shape:
    """A shape on a slide: its name and id (``p:cNvPr``)."""

    name: str
    id: int | None


@dataclass(frozen=True, slots=True)
class Places:
    """Slide numbers and sheet names of a package's parts, and which slide or sheet shows
    each chart, drawing or notes part (the owner, and the part the owner refers to on the
    way: a chart's graphic frame on a slide, a sheet's drawing)."""

    slides: Mapping[str, int] = field(default_factory=dict)
    sheets: Mapping[str, str] = field(default_factory=dict)
    owners: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    def location(self, part: str, shape: Shape | None = None) -> Location:
        """The location of something in ``part`` (and in ``shape`` on a slide)."""
        owner = part if part in self.slides or part in self.sheets else \
            self.owners.get(part, ("", ""))[0]
        return Location(slide=self.slides.get(owner),
                        sheet=self.sheets.get(owner),
                        shape=shape.name if shape is not None else None,
                        shape_id=shape.id if shape is not None else None,
                        part=part or None)


def places_of(pkg: OoxmlPackage, slides: Mapping[str, int]) -> Places:
    """The places of ``pkg``; ``slides`` maps each slide part to its position in the deck
    (empty for a document or workbook, or when the deck's slide list cannot be read)."""
    sheets = _sheet_names(pkg)
    shown = {**{p: str(n) for p, n in slides.items()}, **sheets}
    refs = referrers(pkg)
    owners: dict[str, tuple[str, str]] = {}
    for part in refs:
        if _is_shown(part):
            owner = _owner(part, refs, shown)
            if owner is not None:
                owners[part] = owner
    return Places(dict(slides), sheets, owners)


def _is_shown(part: str) -> bool:
    return any(folder in _SHOWN for folder in part.split("/")[:-1])


def _owner(part: str, refs: Mapping[str, list[tuple[str, str]]],
           shown: Mapping[str, str]) -> tuple[str, str] | None:
    """The first slide (lowest number) or sheet that shows ``part`` through charts and
    drawings, with the part it refers to on the way; None when none does."""
    level = {part: part}  # a part on the way -> the part it leads to from the owner's side
    for _ in range(_DEPTH):
        found: list[tuple[str, str]] = []
        above: dict[str, str] = {}
        for p in sorted(level):
            for src, _kind in refs.get(p, []):
                if src in shown:
                    found.append((src, p))
                elif _is_shown(src):
                    above.setdefault(src, p)
        if found:
            return min(found, key=lambda f: (int(shown[f[0]]) if shown[f[0]].isdigit() else 0,
                                             f[0]))
        level = above
        if not level:
            return None
    return None


class Locator:
    """The location of what SEC004 finds, with the shape on a slide that holds it; each
    slide's shapes are read once, when first asked for."""

    def __init__(self, pkg: OoxmlPackage, places: Places) -> None:
        self.places = places
        self._pkg = pkg
        self._shapes: dict[str, dict[str, Shape]] = {}

    def shape(self, part: str, rid: str) -> Shape | None:
        """The shape of slide ``part`` that uses relationship ``rid`` (None elsewhere)."""
        if part not in self.places.slides or not rid:
            return None
        if part not in self._shapes:
            self._shapes[part] = shapes_by_rid(self._pkg.xml(part))
        return self._shapes[part].get(rid)

    def locate(self, part: str, rid: str = "", shape: Shape | None = None) -> Location:
        """Where something in ``part`` is: on its slide's ``shape`` (or the shape using
        ``rid``); for a chart or drawing, on the shape of the slide that shows it."""
        if shape is None and rid:
            shape = self.shape(part, rid)
        if shape is None and part in self.places.owners:
            owner, child = self.places.owners[part]
            rid = next((r.id for r in self._pkg.rels(owner)
                        if not r.external and r.target == child), "")
            shape = self.shape(owner, rid)
        return self.places.location(part, shape)


def _sheet_names(pkg: OoxmlPackage) -> dict[str, str]:
    """Worksheet part -> the sheet's name in the workbook (empty unless a workbook)."""
    main = pkg.main_part
    if not main.startswith("xl/"):
        return {}
    out: dict[str, str] = {}
    for sheet in pkg.xml(main).iterfind("x:sheets/x:sheet", NS):
        rel = pkg.rel_target(main, sheet.get(f"{R}id", ""))
        if rel is not None and not rel.external:
            out.setdefault(rel.target, sheet.get("name", ""))
    return out


def shape_of(el: etree._Element) -> Shape | None:
    """The nearest shape holding ``el`` on a slide (a text run's link: its text box)."""
    for anc in (el, *el.iterancestors()):
        if anc.tag in SHAPES:
            c_nv_pr = anc.find("./*/p:cNvPr", NS)
            if c_nv_pr is None:
                return None
            raw = c_nv_pr.get("id", "")
            return Shape(c_nv_pr.get("name", ""), int(raw) if raw.isdigit() else None)
    return None


def shapes_by_rid(root: etree._Element) -> dict[str, Shape]:
    """Relationship id -> the first shape of a slide that uses it (``r:id``, ``r:link``,
    ``r:embed`` on a link, picture, media or object)."""
    out: dict[str, Shape] = {}
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue  # a comment or processing instruction
        for name, value in el.attrib.items():
            if isinstance(name, str) and isinstance(value, str) and name.startswith(R) \
                    and value not in out:
                shape = shape_of(el)
                if shape is not None:
                    out[value] = shape
    return out
