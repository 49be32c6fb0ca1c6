"""Office Open XML packages (pptx, docx, xlsx) read part by part through ``SafeZip``.

Only the parts a check asks for are inflated and parsed; media is never decompressed. XML is
parsed with DTDs, entities and network access off; a ``<!DOCTYPE`` in a part is refused, as the
packaging standard (ECMA-376 Part 2) forbids it.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import cached_property
from typing import BinaryIO

from lxml import etree

from validator.archive import ArchiveLimits, SafeZip
from validator.errors import UnreadableError

NS = {
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "x": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
}

RT_OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)
RT_STRICT_OFFICE_DOCUMENT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"


@dataclass(frozen=True, slots=True)
class Relationship:
    id: str
    type: str
    target: str
    external: bool

    @property
    def kind(self) -> str:
        """The last segment of the relationship type, e.g. ``slideLayout``."""
        return self.type.rsplit("/", 1)[-1]


def safe_parser() -> etree.XMLParser:
    """Return an lxml parser that resolves nothing and fetches nothing."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(data: bytes, what: str) -> etree._Element:
    """Parse one XML part safely; a DOCTYPE or malformed XML makes the file unreadable."""
    head = data[:4096].lstrip()
    if b"<!DOCTYPE" in head or b"<!doctype" in head or b"<\x00!\x00D\x00O\x00C" in head:
        raise UnreadableError(f"{what} declares a DOCTYPE, which Office Open XML forbids")
    try:
        root = etree.fromstring(data, parser=safe_parser())
    except etree.XMLSyntaxError as exc:
        raise UnreadableError(f"{what} is not well-formed XML: {exc}") from None
    if root is None:
        raise UnreadableError(f"{what} is empty")
    return root


class OoxmlPackage:
    """An OOXML file opened for reading; parts are inflated and parsed only on request."""

    def __init__(self, source: bytes | BinaryIO, limits: ArchiveLimits,
                 max_part_bytes: int) -> None:
        self.zip = SafeZip(source, limits, what="Office Open XML package")
        self.max_part_bytes = max_part_bytes
        if "[Content_Types].xml" not in self.zip.names:
            raise UnreadableError("not an Office Open XML package: no [Content_Types].xml")
        self._xml_cache: dict[str, etree._Element] = {}
        self._rels_cache: dict[str, tuple[Relationship, ...]] = {}

    # -- parts -------------------------------------------------------------------------------
    def has(self, partname: str) -> bool:
        return partname.lstrip("/") in self.zip.names

    def read(self, partname: str) -> bytes:
        name = partname.lstrip("/")
        if name not in self.zip.names:
            raise UnreadableError(f"part /{name} is missing")
        return self.zip.read(name, self.max_part_bytes)

    def xml(self, partname: str) -> etree._Element:
        """Return a part's parsed root element (cached for the life of this object)."""
        name = partname.lstrip("/")
        cached = self._xml_cache.get(name)
        if cached is None:
            cached = parse_xml(self.read(name), f"part /{name}")
            self._xml_cache[name] = cached
        return cached

    @cached_property
    def content_types(self) -> dict[str, str]:
        """Map every part name (without leading slash) to its content type."""
        root = self.xml("[Content_Types].xml")
        defaults = {
            el.get("Extension", "").lower(): el.get("ContentType", "")
            for el in root.iterfind("ct:Default", NS)
        }
        overrides = {
            el.get("PartName", "").lstrip("/"): el.get("ContentType", "")
            for el in root.iterfind("ct:Override", NS)
        }
        out: dict[str, str] = {}
        for name in self.zip.names:
            if name in overrides:
                out[name] = overrides[name]
            else:
                ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
                if ext in defaults:
                    out[name] = defaults[ext]
        return out

    # -- relationships -----------------------------------------------------------------------
    def rels(self, partname: str) -> tuple[Relationship, ...]:
        """Return the relationships of a part ("" for the package), targets made absolute."""
        name = partname.lstrip("/")
        cached = self._rels_cache.get(name)
        if cached is not None:
            return cached
        self._rels_cache[name] = self._read_rels(name)
        return self._rels_cache[name]

    def _read_rels(self, name: str) -> tuple[Relationship, ...]:
        folder, base = posixpath.split(name)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if rels_name not in self.zip.names:
            return ()
        root = self.xml(rels_name)
        out = []
        for el in root.iterfind("rel:Relationship", NS):
            target = el.get("Target", "")
            external = el.get("TargetMode", "") == "External"
            if not external:
                if target.startswith("/"):
                    target = target.lstrip("/")
                else:
                    target = posixpath.normpath(posixpath.join(folder, target))
            out.append(Relationship(el.get("Id", ""), el.get("Type", ""), target, external))
        return tuple(out)

    def related(self, partname: str, kind: str) -> list[str]:
        """Return internal targets of ``partname``'s relationships whose type ends in ``kind``."""
        return [r.target for r in self.rels(partname) if r.kind == kind and not r.external]

    def rel_target(self, partname: str, rid: str) -> Relationship | None:
        for r in self.rels(partname):
            if r.id == rid:
                return r
        return None

    @cached_property
    def main_part(self) -> str:
        """The officeDocument part (e.g. ``ppt/presentation.xml``)."""
        for r in self.rels(""):
            if r.type in (RT_OFFICE_DOCUMENT, RT_STRICT_OFFICE_DOCUMENT) and not r.external:
                if r.target not in self.zip.names:
                    raise UnreadableError(f"the main part /{r.target} is missing")
                return r.target
        raise UnreadableError("no officeDocument relationship: not a valid Office Open XML file")

    @property
    def main_content_type(self) -> str:
        return self.content_types.get(self.main_part, "")
