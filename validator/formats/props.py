"""Document properties and stamp-bearing places of a file: title, keywords, watermarks.

Used by role classification (the title) and by SEC001 (markings are put in properties,
headers and watermarks). Reads only small XML parts through the project's safe OOXML reader;
PDF metadata through pypdf. Everything unreadable yields nothing here: FIL001 is the
unreadable-file rule's business.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from validator.core.errors import LimitError, UnreadableError
from validator.formats.ooxml import NS

if TYPE_CHECKING:
    from validator.files.document import Document
    from validator.formats.ooxml import OoxmlPackage

_CORE_FIELDS = (
    ("dc", "title"), ("dc", "subject"), ("cp", "keywords"), ("dc", "description"),
    ("cp", "category"), ("cp", "contentStatus"),
)
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_V = "urn:schemas-microsoft-com:vml"
_PDF_FIELDS = ("/Title", "/Subject", "/Keywords")


def _core_props(pkg: OoxmlPackage) -> Iterator[tuple[str, str]]:
    if pkg.has("docProps/core.xml"):
        root = pkg.xml("docProps/core.xml")
        for prefix, name in _CORE_FIELDS:
            value = root.findtext(f"{prefix}:{name}", default="", namespaces=NS).strip()
            if value:
                yield name, value
    if pkg.has("docProps/custom.xml"):
        root = pkg.xml("docProps/custom.xml")
        for prop in root.iterfind(f"{{{_CUSTOM}}}property"):
            name = prop.get("name", "")
            value = " ".join(str(t).strip() for t in prop.itertext() if str(t).strip())
            if value:
                yield f"custom:{name}", value


def _pdf_props(doc: Document) -> Iterator[tuple[str, str]]:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        with doc.member.open() as fh:
            reader = PdfReader(io.BytesIO(fh.read()), strict=False)
        if reader.is_encrypted:
            return
        meta: Mapping[str, object] = reader.metadata or {}
        for key in _PDF_FIELDS:
            value = meta.get(key)
            if isinstance(value, str) and value.strip():
                yield key.lstrip("/").lower(), value.strip()
    except (PyPdfError, ValueError, TypeError, KeyError, AttributeError, IndexError,
            RecursionError, OSError, AssertionError, ZeroDivisionError, NotImplementedError):
        return


def properties(doc: Document) -> tuple[tuple[str, str], ...]:
    """(name, value) of the non-empty descriptive properties (title, keywords, custom...)."""
    try:
        if doc.format == "pdf":
            return tuple(_pdf_props(doc))
        if doc.container == "zip":
            return tuple(_core_props(doc.ooxml))
    except (UnreadableError, LimitError):
        return ()
    return ()


def title(doc: Document) -> str | None:
    """The document-properties title, when there is one."""
    for name, value in properties(doc):
        if name == "title":
            return value
    return None


def watermarks(doc: Document) -> tuple[tuple[str, str], ...]:
    """(part, text) of WordArt watermarks in a word-processing file's headers."""
    if doc.container != "zip" or doc.declared_kind != "document":
        return ()
    out: list[tuple[str, str]] = []
    try:
        pkg = doc.ooxml
        main = pkg.main_part
        for part in pkg.related(main, "header"):
            for path in pkg.xml(part).iter(f"{{{_V}}}textpath"):
                text = (path.get("string") or "").strip()
                if text:
                    out.append((part, text))
    except (UnreadableError, LimitError):
        return ()
    return tuple(out)
