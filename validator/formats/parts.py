"""An inventory of the parts of an OOXML package that matter for security: OLE containers
(whatever their name), and which part refers to each embedded part.

Every member's first 8 bytes are inflated to see the OLE signature (an OLE part can be renamed,
so names are not trusted); the directory of an OLE part is read (never its streams) when the
part is within ``max_part_bytes``, to tell a VBA project from an embedded object.
"""

from __future__ import annotations

from dataclasses import dataclass

from validator.core.errors import UnreadableError
from validator.formats.ole import OLE_MAGIC, read_directory
from validator.formats.ooxml import OoxmlPackage


@dataclass(frozen=True, slots=True)
class OlePart:
    """A part that is an OLE compound file."""

    name: str
    content_type: str
    size: int
    vba: bool | None  # a VBA project; None when the directory was not read (too large, damaged)
    native: bool  # carries an Ole10Native ("Packager") payload


def ole_parts(pkg: OoxmlPackage, max_part_bytes: int) -> tuple[OlePart, ...]:
    """Every part that starts with the OLE signature, with what its directory says."""
    types = pkg.content_types
    out: list[OlePart] = []
    for name in sorted(pkg.zip.names):
        if name.endswith("/") or pkg.zip.size(name) < len(OLE_MAGIC):
            continue
        if pkg.head(name, len(OLE_MAGIC)) != OLE_MAGIC:
            continue
        size = pkg.zip.size(name)
        vba: bool | None = None
        native = False
        if size <= max_part_bytes:
            try:
                directory = read_directory(pkg.zip.read(name, max_part_bytes))
                vba, native = directory.vba_project, directory.native_payload
            except UnreadableError:
                vba = None
        out.append(OlePart(name, types.get(name, ""), size, vba, native))
    return tuple(out)


def referrers(pkg: OoxmlPackage) -> dict[str, list[tuple[str, str]]]:
    """Map each internal target part to the (source part, relationship kind) pairs naming it."""
    out: dict[str, list[tuple[str, str]]] = {}
    for source, rel in pkg.all_rels():
        if not rel.external:
            out.setdefault(rel.target, []).append((source, rel.kind))
    return out
