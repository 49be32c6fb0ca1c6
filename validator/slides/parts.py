"""The parts a slide inherits from: its layout, its master, and the presentation's styles.

``DeckParts`` is the resolver's explicit cache for one package: relationships and placeholder
indexes of each layout and master are built once, however many slides use them. Parts are read
through ``OoxmlPackage.xml`` (safe parser, size limits); media is never touched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from lxml import etree

from validator.formats.ooxml import OoxmlPackage, Relationship
from validator.formats.pptx import Deck
from validator.slides.runs import P, ResolvedRun
from validator.slides.styles import child, placeholder

#: The orphan placeholder index left after a layout change: inherit from the master by type.
ORPHAN_IDX = 0xFFFFFFFF

TITLE_TYPES = frozenset({"title", "ctrTitle"})
OTHER_TYPES = frozenset({"dt", "ftr", "sldNum", "hdr"})


def ph_type(ph: etree._Element) -> str:
    """The placeholder's type; ``obj`` when the attribute is absent (ST_PlaceholderType)."""
    return ph.get("type") or "obj"


def ph_idx(ph: etree._Element) -> int:
    """The placeholder's index; 0 when absent or not a number."""
    try:
        return int(ph.get("idx") or "0")
    except ValueError:
        return -1


def master_type(kind: str) -> str:
    """Layout -> master placeholder matching is by type: ctrTitle -> title, body otherwise."""
    if kind in TITLE_TYPES:
        return "title"
    if kind in OTHER_TYPES:
        return kind
    return "body"


def text_style_name(kind: str) -> str:
    """The master ``p:txStyles`` child a placeholder type reads (chain A6)."""
    if kind in TITLE_TYPES:
        return "titleStyle"
    if kind in OTHER_TYPES:
        return "otherStyle"
    return "bodyStyle"


@dataclass(slots=True)
class Template:
    """A layout or master part with its placeholders indexed by idx and by type."""

    part: str
    root: etree._Element
    name: str
    sp_tree: etree._Element | None = None
    by_idx: dict[int, etree._Element] = field(default_factory=dict)
    by_type: dict[str, etree._Element] = field(default_factory=dict)

    @property
    def shows_master_shapes(self) -> bool:
        return self.root.get("showMasterSp") not in ("0", "false")

    def text_style(self, name: str) -> etree._Element | None:
        return self.root.find(f"{P}txStyles/{P}{name}")


def _template(part: str, root: etree._Element) -> Template:
    csld = child(root, f"{P}cSld")
    name = (csld.get("name") if csld is not None else None) or part.rsplit("/", 1)[-1]
    tree = child(csld, f"{P}spTree")
    tpl = Template(part, root, name, tree)
    if tree is None:
        return tpl
    for el in tree.iter(f"{P}sp", f"{P}graphicFrame", f"{P}pic"):
        ph = placeholder(el)
        if ph is None:
            continue
        tpl.by_idx.setdefault(ph_idx(ph), el)
        kind = ph_type(ph)
        tpl.by_type.setdefault(kind, el)
    return tpl


class DeckParts:
    """Per-package cache of relationships, layouts, masters and presentation styles."""

    def __init__(self, pkg: OoxmlPackage, deck: Deck) -> None:
        self.pkg = pkg
        self.deck = deck
        self._rels: dict[str, dict[str, Relationship]] = {}
        self._templates: dict[str, Template | None] = {}
        #: runs each layout or master draws on slides, keyed by part (slide number 0)
        self.decorations: dict[str, tuple[ResolvedRun, ...]] = {}

    @cached_property
    def default_text_style(self) -> etree._Element | None:
        return self.pkg.xml(self.deck.presentation_part).find(f"{P}defaultTextStyle")

    def rels(self, part: str) -> dict[str, Relationship]:
        out = self._rels.get(part)
        if out is None:
            out = {r.id: r for r in self.pkg.rels(part)}
            self._rels[part] = out
        return out

    def target(self, part: str, rid: str | None) -> str | None:
        """The internal part a relationship id of ``part`` points to, if it exists."""
        if not rid:
            return None
        rel = self.rels(part).get(rid)
        if rel is None or rel.external or not self.pkg.has(rel.target):
            return None
        return rel.target

    def first_of_kind(self, part: str, kind: str) -> str | None:
        for rel in self.rels(part).values():
            if rel.kind == kind and not rel.external and self.pkg.has(rel.target):
                return rel.target
        return None

    def has_kind(self, part: str, kind: str) -> bool:
        return any(r.kind == kind for r in self.rels(part).values())

    def template(self, part: str | None) -> Template | None:
        if part is None:
            return None
        if part not in self._templates:
            self._templates[part] = _template(part, self.pkg.xml(part))
        return self._templates[part]

    def layout_of(self, slide_part: str) -> Template | None:
        return self.template(self.first_of_kind(slide_part, "slideLayout"))

    def master_of(self, layout: Template | None) -> Template | None:
        if layout is None:
            return None
        return self.template(self.first_of_kind(layout.part, "slideMaster"))


def layout_match(layout: Template | None, kind: str, idx: int) -> etree._Element | None:
    """The layout placeholder a slide placeholder inherits from: by idx, then by type.

    An orphan (idx 0xFFFFFFFF) skips the layout. A title matches either title type.
    """
    if layout is None or idx == ORPHAN_IDX:
        return None
    el = layout.by_idx.get(idx)
    if el is not None:
        return el
    if kind in TITLE_TYPES:
        return layout.by_type.get("title") or layout.by_type.get("ctrTitle")
    return layout.by_type.get(kind)


def master_match(master: Template | None, kind: str) -> etree._Element | None:
    """The master placeholder a layout placeholder of type ``kind`` inherits from."""
    if master is None:
        return None
    return master.by_type.get(master_type(kind))
