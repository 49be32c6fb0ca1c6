"""Office Open XML packages (pptx, docx, xlsx) read part by part through ``SafeZip``.

Only the parts a check asks for are inflated and parsed; media is never held whole. Each XML
part is parsed safely (``formats.safexml``: no DTDs, entities or network; a document type
declaration refused, FIL001; the part's size, ``max_part_bytes``, and its number of elements,
``max_part_elements``, checked first, FIL003). Member names that are hostile (``..``, absolute,
backslash, duplicate) make the whole file refused (FIL003).

Opening a package (``OoxmlPackage.verify()``) reads every member once: each member's CRC-32 is
compared (media streamed, never held whole in memory), and every XML part (by its content
type, or a ``.xml``/``.rels`` name) is parsed safely: into the tree checks read (kept, up to
``max_part_bytes`` of XML per package: no part is parsed twice), the others without a tree
(``formats.kept_trees``), each read in one piece when intact. A damaged member raises
``DamagedPartError`` naming it: Office would ask to repair such a file, and what it repairs to
is not what was checked.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import cached_property
from typing import BinaryIO

from lxml import etree

from validator.core.errors import LimitError, UnreadableError
from validator.formats.archive import ArchiveLimits, SafeZip
from validator.formats.kept_trees import keeps_tree, used_layouts
from validator.formats.safexml import DoctypeError, WellFormed, parse_xml

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


class DamagedPartError(UnreadableError):
    """A member of the package is damaged: a bad CRC, damaged compressed data, or an XML part
    that is not well formed. ``part`` is the member's name, ``damage`` what is wrong."""

    def __init__(self, part: str, damage: str) -> None:
        self.part = part
        self.damage = damage
        super().__init__(f"part /{part} is damaged: {damage}")


#: Content types of XML-looking parts that Office writes without being well formed (legacy
#: VML drawings carry unclosed HTML tags such as ``<br>``); they are CRC-checked only.
_NOT_WELL_FORMED_TYPES = ("vmlDrawing",)


def is_xml_part(name: str, content_type: str) -> bool:
    """Whether a member is an XML part to be checked for well-formedness."""
    if any(marker in content_type for marker in _NOT_WELL_FORMED_TYPES):
        return False
    return (content_type.endswith("+xml") or content_type in ("application/xml", "text/xml")
            or name.endswith((".xml", ".rels")))


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


def _damage(exc: UnreadableError) -> str:
    """What zipfile said about a damaged member, without the member's name again."""
    text = str(exc)
    return text.split(": ", 1)[1] if ": " in text else text


class OoxmlPackage:
    """An OOXML file opened for reading; parts are inflated and parsed only on request.

    Opening it verifies every member (``verify()``) unless ``verify=False``: no view of a
    damaged file is computed, so a damaged file is judged by FIL001 alone.
    """

    def __init__(self, source: bytes | BinaryIO, limits: ArchiveLimits,
                 max_part_bytes: int, max_part_elements: int | None = None, *,
                 verify: bool = True) -> None:
        self.zip = SafeZip(source, limits, what="Office Open XML package", strict_names=True)
        self.max_part_bytes = max_part_bytes
        self.max_part_elements = max_part_elements
        if "[Content_Types].xml" not in self.zip.names:
            raise UnreadableError("not an Office Open XML package: no [Content_Types].xml")
        self._xml_cache: dict[str, etree._Element] = {}
        self._rels_cache: dict[str, tuple[Relationship, ...]] = {}
        self._verified = False
        self._kept = 0  # bytes of XML whose tree ``verify()`` kept (``keep_tree``)
        if verify:
            self.verify()

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
            cached = parse_xml(self.read(name), f"part /{name}", self.max_part_elements)
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

    def all_rels(self) -> tuple[tuple[str, Relationship], ...]:
        """Every relationship of every part, as (source part, relationship); "" is the package.

        Read from each ``_rels/*.rels`` part present, whether or not its source part exists.
        """
        out: list[tuple[str, Relationship]] = []
        for name in sorted(self.zip.names):
            folder, base = posixpath.split(name)
            if not base.endswith(".rels") or posixpath.basename(folder) != "_rels":
                continue
            owner = posixpath.join(posixpath.dirname(folder), base[: -len(".rels")])
            source = owner if owner else ""
            out.extend((source, rel) for rel in self.rels(source))
        return tuple(out)

    def head(self, partname: str, count: int) -> bytes:
        """The first ``count`` bytes of a part (e.g. to see a file signature)."""
        return self.zip.head(partname.lstrip("/"), count)

    def rel_target(self, partname: str, rid: str) -> Relationship | None:
        for r in self.rels(partname):
            if r.id == rid:
                return r
        return None

    def verify(self) -> None:
        """Read every member once (see the module doc); raise ``DamagedPartError`` for the
        first damaged one. Done once per package; media are inflated only to check the CRC."""
        if self._verified:
            return
        types = self.content_types
        layouts = used_layouts(self, types)
        for name in sorted(self.zip.names):
            if name.endswith("/"):
                continue
            if is_xml_part(name, types.get(name, "")):
                self._verify_xml(name, keeps_tree(name, types.get(name, ""), layouts))
            else:
                self._verify_crc(name)
        self._verified = True

    def _verify_crc(self, name: str) -> None:
        try:
            self.zip.stream(name)
        except UnreadableError as exc:
            raise DamagedPartError(name, _damage(exc)) from None

    def _verify_xml(self, name: str, keep: bool) -> None:
        size = self.zip.size(name)
        if size > self.max_part_bytes:  # not parsed past the limit, here or by any rule
            raise LimitError("max_part_bytes", size, self.max_part_bytes, f"part {name!r}")
        if name in self._xml_cache or (keep and self.keep_tree(name)):  # parsed, kept
            return
        sink = WellFormed(f"part /{name}")
        try:
            # in chunks: libxml2 limits what one feed may hold; an intact part (within
            # max_part_bytes, checked above) is read in one piece first
            self.zip.stream(name, sink, whole_up_to=self.max_part_bytes)
            sink.finish()
        except etree.XMLSyntaxError as exc:
            raise DamagedPartError(name, f"not well-formed XML: {exc}") from None
        except DoctypeError:
            raise
        except UnreadableError as exc:
            raise DamagedPartError(name, _damage(exc)) from None

    def keep_tree(self, name: str) -> bool:
        """Parse a part into the tree ``xml()`` returns (within ``max_part_bytes`` of kept XML),
        so a part a check reads is parsed once. True when it is whole and parses as in ``xml()``;
        on any failure nothing is kept and ``verify`` streams it, raising as it always did."""
        size = self.zip.size(name)
        if self._kept + size > self.max_part_bytes:
            return False
        try:
            data = self.zip.read(name, self.max_part_bytes)  # CRC compared at the end
            if len(data) != size:
                return False
            root = parse_xml(data, f"part /{name}", self.max_part_elements)
        except (UnreadableError, LimitError):
            return False
        self._xml_cache[name] = root
        self._kept += size
        return True

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
