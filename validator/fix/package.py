"""An OOXML package being corrected: parts edited in memory, written as a new zip.

The parts come from the safe reader (``OoxmlPackage``: zip limits checked, no DTDs), whose
parsed trees are cached, so an edit of a tree is an edit of the part. ``write`` rebuilds the
zip in the original member order: edited trees serialised, replaced parts as given, removed
parts left out, every other member copied with its bytes, name, date and compression.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from validator.formats.ooxml import OoxmlPackage


@dataclass
class Edits:
    """What a fix run changes in one package (mutable while fixes run, then written once)."""

    trees: set[str] = field(default_factory=set)       # parts whose cached tree was edited
    data: dict[str, bytes] = field(default_factory=dict)  # parts replaced by new bytes
    removed: set[str] = field(default_factory=set)

    def touch(self, part: str) -> None:
        self.trees.add(part.lstrip("/"))

    @property
    def empty(self) -> bool:
        return not (self.trees or self.data or self.removed)


def serialize(root: etree._Element) -> bytes:
    """A part's tree as Office writes it: UTF-8 with a standalone declaration."""
    return etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8",
                          standalone=True)


def write(pkg: OoxmlPackage, edits: Edits) -> bytes:
    """The corrected package as zip bytes (the input is only read)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name, info in pkg.zip.names.items():
            if name in edits.removed:
                continue
            if name in edits.data:
                data = edits.data[name]
            elif name in edits.trees:
                data = serialize(pkg.xml(name))
            else:
                data = pkg.zip.read(name)
            new = zipfile.ZipInfo(name, date_time=info.date_time)
            new.compress_type = info.compress_type
            new.external_attr = info.external_attr
            dst.writestr(new, data)
        for name, data in edits.data.items():
            if name not in pkg.zip.names:
                dst.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data,
                             compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
