"""Which XML parts of an Office Open XML package keep their tree when the package is opened.

Opening a package parses every XML part to prove it well formed (``OoxmlPackage.verify``).
A part a check reads is parsed into the tree the check then uses, so that it is parsed once;
a part no check reads is parsed without a tree, which costs about a third of the CPU (and no
memory). This module only decides which of the two ways a part is parsed: every part is
parsed either way, with the same settings, and a damaged one is reported as before.

Kept: every part but those of the types no check reads (``UNREAD_TYPES``), and slide layouts
only when a slide uses them (a deck carries its masters' whole sets of layouts; most are never
shown). A part guessed wrong is still read correctly: ``xml()`` parses it when asked.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from validator.formats.ooxml import OoxmlPackage

_PML = "application/vnd.openxmlformats-officedocument.presentationml."
_DML = "application/vnd.openxmlformats-officedocument.drawingml."

#: Content types of parts no check reads as a tree: notes and handouts, SmartArt's layout
#: definitions, styles and colours, the application's settings and its bookkeeping.
UNREAD_TYPES = frozenset({
    *(f"{_PML}{t}+xml" for t in ("notesSlide", "notesMaster", "handoutMaster", "presProps",
                                 "viewProps", "commentAuthors", "tags")),
    *(f"{_DML}{t}+xml" for t in ("diagramLayout", "diagramStyle", "diagramColors")),
    "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
    "application/vnd.ms-office.chartstyle+xml",
    "application/vnd.ms-office.chartcolorstyle+xml",
    "application/vnd.ms-powerpoint.changesinfo+xml",
    "application/vnd.ms-powerpoint.revisioninfo+xml",
})
LAYOUT_TYPE = f"{_PML}slideLayout+xml"
SLIDE_TYPE = f"{_PML}slide+xml"


def used_layouts(pkg: OoxmlPackage, types: Mapping[str, str]) -> frozenset[str] | None:
    """The slide layouts the package's slides use, from the slides' relationship parts (whose
    trees are kept now, as ``verify`` would keep them); None, meaning keep every layout, when
    one of those parts cannot be kept (``verify`` then reports it in its turn)."""
    out: set[str] = set()
    for name, kind in types.items():
        if kind != SLIDE_TYPE:
            continue
        folder, base = posixpath.split(name)
        rels = posixpath.join(folder, "_rels", base + ".rels")
        if rels not in pkg.zip.names:
            continue
        if not pkg.keep_tree(rels):
            return None
        out.update(pkg.related(name, "slideLayout"))
    return frozenset(out)


def keeps_tree(name: str, kind: str, layouts: frozenset[str] | None) -> bool:
    """Whether opening the package keeps the tree of part ``name`` of content type ``kind``."""
    if kind == LAYOUT_TYPE:
        return layouts is None or name in layouts
    return kind not in UNREAD_TYPES
