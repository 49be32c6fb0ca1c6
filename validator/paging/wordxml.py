"""Bounded, safe reading of the XML parts of a word-processing package for the estimator.

Zip limits are checked before anything is inflated, and XML goes through lxml with no DTD
loading, no entity resolution and no network access; a part that declares a DOCTYPE is
rejected (the packaging standard forbids DTDs).
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from validator.paging.counts import PageCountUnavailable

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS = {
    "w": W,
    "r": R,
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
}

MAX_MEMBERS = 10_000
MAX_PART_BYTES = 64 * 1024 * 1024
MAX_RATIO = 200


def w(tag: str) -> str:
    """Clark name of a WordprocessingML element or attribute."""
    return f"{{{W}}}{tag}"


def _parser() -> etree.XMLParser:
    """The project's one safe parser: no DTDs, no entities, no network."""
    from validator.formats.safexml import safe_parser

    return safe_parser()


class DocxParts:
    """The parts of one .docx/.docm/.dotx the estimator needs, read on demand."""

    def __init__(self, path: Path | BinaryIO) -> None:
        try:
            self._zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise PageCountUnavailable(f"not a readable zip package: {exc}") from exc
        infos = self._zip.infolist()
        if len(infos) > MAX_MEMBERS:
            raise PageCountUnavailable(f"package has {len(infos)} members")
        self._infos = {i.filename: i for i in infos}
        self._rels = self._relationships("word/_rels/document.xml.rels")

    def close(self) -> None:
        self._zip.close()

    def read(self, name: str) -> etree._Element | None:
        """Parse part ``name`` (None when absent); PageCountUnavailable when unsafe/broken."""
        info = self._infos.get(name)
        if info is None:
            return None
        if info.file_size > MAX_PART_BYTES or (
            info.compress_size > 0 and info.file_size / info.compress_size > MAX_RATIO
            and info.file_size > 1024 * 1024
        ):
            raise PageCountUnavailable(f"part {name} is too large ({info.file_size} bytes)")
        try:
            with self._zip.open(info) as fh:
                data = fh.read(MAX_PART_BYTES + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise PageCountUnavailable(f"part {name} cannot be inflated: {exc}") from exc
        try:
            root = etree.fromstring(data, _parser())
        except etree.XMLSyntaxError as exc:
            raise PageCountUnavailable(f"part {name} is not well-formed XML: {exc}") from exc
        if b"<!DOCTYPE" in data or root.getroottree().docinfo.internalDTD is not None:
            raise PageCountUnavailable(f"part {name} declares a DTD")
        return root

    def _relationships(self, name: str) -> dict[str, str]:
        root = self.read(name)
        if root is None:
            return {}
        out: dict[str, str] = {}
        for rel in root.iter(f"{{{PKG_REL}}}Relationship"):
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External":
                continue
            target = target.lstrip("/") if target.startswith("/") else "word/" + target
            out[rel.get("Id", "")] = target
        return out

    def related(self, rel_id: str) -> etree._Element | None:
        """The part a relationship of document.xml points to."""
        target = self._rels.get(rel_id)
        return None if target is None else self.read(target)

    def main_document(self) -> etree._Element:
        root = self.read("word/document.xml")
        if root is None:
            raise PageCountUnavailable("word/document.xml is missing")
        return root
