"""Where a file's bytes are, what its extension says it is, and the limits it is read under.

A ``Member`` names a file of a package (a path on disk, or a member of a zip, streamed) and how
reports show it; ``format_of`` reads the extension the way Windows opens the file; ``FORMATS``
says which extensions the toolkit reads and how their bytes must begin; ``is_lfs_pointer`` and
``side_file`` tell the files that take a document's name without being one (a Git LFS pointer,
an Office lock file, macOS's attributes file); ``ReadLimits`` are the profile's reading limits.
A ``Document`` (``files.document``) opens a member for one run.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from validator.core.errors import UnreadableError
from validator.formats.archive import ArchiveLimits
from validator.formats.cms import unsigned_name
from validator.formats.ocr import OcrSettings

#: Extension -> (kind, container). Container is how the bytes must look: ``zip`` (OOXML),
#: ``pdf``, or None when the toolkit does not read the format.
FORMATS: dict[str, tuple[str, str | None]] = {
    "pptx": ("presentation", "zip"),
    "pptm": ("presentation", "zip"),
    "ppsx": ("presentation", "zip"),
    "ppsm": ("presentation", "zip"),
    "potx": ("presentation", "zip"),
    "potm": ("presentation", "zip"),
    "docx": ("document", "zip"),
    "docm": ("document", "zip"),
    "dotx": ("document", "zip"),
    "dotm": ("document", "zip"),
    "xlsx": ("spreadsheet", "zip"),
    "xlsm": ("spreadsheet", "zip"),
    "xltx": ("spreadsheet", "zip"),
    "xltm": ("spreadsheet", "zip"),
    "pdf": ("document", "pdf"),
    "ppt": ("legacy", None),
    "pps": ("legacy", None),
    "pot": ("legacy", None),
    "doc": ("legacy", None),
    "dot": ("legacy", None),
    "xls": ("legacy", None),
    "xlt": ("legacy", None),
    "rtf": ("legacy", None),
    "odt": ("legacy", None),
    "odp": ("legacy", None),
    "ods": ("legacy", None),
}

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
#: How a Git LFS pointer begins (the first line of the pointer spec, and of its draft): a
#: repository checked out without its LFS objects holds such a pointer, under 1024 bytes of
#: text, in place of each document.
_LFS_VERSIONS = (b"version https://git-lfs.github.com/spec/",
                 b"version https://hawser.github.com/spec/")
_LFS_MAX_BYTES = 1024
LFS_POINTER_REASON = ("a Git LFS pointer, not the file itself: the repository was checked out "
                      "without its Git LFS objects")


def is_lfs_pointer(head: bytes) -> bool:
    """Whether a file's first bytes (up to 1024 of them) are a whole Git LFS pointer."""
    return len(head) < _LFS_MAX_BYTES and head.startswith(_LFS_VERSIONS)


#: An owner file ("lock file") is under 1 KB: Word writes 162 bytes, PowerPoint 165.
_OWNER_MAX_BYTES = 1024
#: How an AppleDouble file begins (RFC 1740): macOS's record of another file's attributes.
_APPLE_DOUBLE = b"\x00\x05\x16\x07"
#: How the documents' own bytes begin (an owner file starts with its user's name instead).
_DOCUMENT_MAGIC = (ZIP_MAGIC, OLE_MAGIC, b"%PDF-")


def side_file(member: Member) -> str | None:
    """What a file that takes a document's extension is when it is not a document but a
    program's file about one: ``owner``, the lock file Word, Excel or PowerPoint keeps beside
    a document while it is open (``~$`` and the document's name, its first letters replaced
    for Word; under 1 KB and not beginning as a document does), or ``apple-double``, the
    attributes macOS keeps of a file (``._`` and its name, in ``__MACOSX/`` of a zip made on a
    Mac; known by its first bytes). None for any other file."""
    name = member.name
    if not name.startswith(("~$", "._")) or format_of(name) not in FORMATS:
        return None
    try:
        if name.startswith("~$") and member.size() >= _OWNER_MAX_BYTES:
            return None
        with member.open() as fh:
            head = fh.read(8)
        if name.startswith("._"):
            return "apple-double" if head.startswith(_APPLE_DOUBLE) else None
        # a document's own bytes under such a name are read as the document they are
        return None if head.startswith(_DOCUMENT_MAGIC) else "owner"
    except Exception:  # not told apart: read as the document its name says, which says why
        return None


def renamed_reason(real: str, named: str, what: str) -> str:
    """The reason given for a file of format ``real`` (an extension) under the extension
    ``named``; ``plain.causes`` reads both extensions back from it."""
    return f"{what} (.{real}) named .{named}"


def format_of(name: str) -> str:
    """Return the lower-case extension of ``name`` ('' when it has none). Dots and spaces
    after it are dropped, as Windows drops them when the file is saved or extracted, so
    ``x.docm.`` and ``x.pptm `` are read as what Windows will open them as."""
    name = name.rstrip(". ")
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def is_document(name: str) -> bool:
    """Whether ``name`` is a document's, or that of an electronic signature file named after
    the document it carries (``Справка.docx.cms``: ``validator.discovery.signed``). A signature
    file named otherwise (``release.tar.gz.sig``) does not make its folder a package."""
    return format_of(unsigned_name(name)) in FORMATS


@dataclass(frozen=True, slots=True)
class Member:
    """A file of a package: its display path, and where its bytes are: a file on ``disk``,
    ``blob`` bytes in memory, or a member of a zip on disk (``archive``, and ``chain``, the
    member names from that zip inwards), whose declared size and SHA-256 the search took
    while streaming it. A zip member is inflated only by whoever opens it (the worker), never
    held whole by the search."""

    path: str
    name: str
    disk: Path | None = None
    blob: bytes | None = None
    #: A legacy or open document converted by LibreOffice (``validator.discovery.conversion``):
    #: ``blob`` holds the OOXML file, ``read_as`` its format, ``converted_from`` the original
    #: extension, ``origin`` the original's (size, sha256) for the report.
    read_as: str | None = None
    converted_from: str | None = None
    origin: tuple[int, str] | None = None
    #: Why a legacy document was not converted; ``converter_missing``: LibreOffice is not
    #: installed (needs-review), otherwise LibreOffice could not read it (unreadable).
    not_converted: str | None = None
    converter_missing: bool = False
    #: A document read out of an electronic signature file (``validator.discovery.signed``):
    #: ``signed`` is that file's extension (``cms``), ``name`` the document's own name, and
    #: ``origin`` the signature file's (size, sha256).
    signed: str | None = None
    #: What a signature file left as it is holds (``formats.cms.SignedContent``): its state
    #: (``detached``, or ``alone`` when the document it signs is not beside it; ``encrypted``,
    #: ``damaged``), the detail, and the name of the document it signs ('' when none), for
    #: FIL002.
    signature: tuple[str, str, str] | None = None
    archive: Path | None = None
    chain: tuple[str, ...] = ()
    declared: int | None = None
    digest: str | None = None

    def open(self) -> BinaryIO:
        if self.blob is not None:
            return io.BytesIO(self.blob)
        if self.archive is not None:
            from validator.formats.ziptree import open_member

            return open_member(self.archive, self.chain, self.declared or 0)
        if self.disk is None:
            raise UnreadableError("no data")
        return self.disk.open("rb")

    def size(self) -> int:
        if self.blob is not None:
            return len(self.blob)
        if self.archive is not None:
            return self.declared or 0
        assert self.disk is not None
        return self.disk.stat().st_size


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """Reading limits from the profile (``[rules.FIL003]``); None = the reader's own default."""

    archive: ArchiveLimits
    max_part_bytes: int
    max_part_elements: int | None = None
    pdf_max_stream_bytes: int | None = None
    ocr: OcrSettings = field(default_factory=OcrSettings)  # pages without text (FIL002's)
