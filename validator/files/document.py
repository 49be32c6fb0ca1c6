"""One file of a package, opened lazily: its bytes, its format and the views checks ask for.

A ``Member`` says where a file's bytes are (a path on disk, or bytes read from a zip) and how it
is shown in reports. A ``Document`` wraps it for one run: it parses a view (the OOXML package,
the deck, the PDF page boxes, the text) the first time a check asks, and keeps it for the other
checks. Whatever cannot be parsed raises ``UnreadableError``, which the engine turns into FIL001.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from validator.core.errors import EncryptedError, LimitError, UnreadableError
from validator.formats.archive import ArchiveLimits
from validator.formats.ocr import OcrSettings

if TYPE_CHECKING:
    from validator.formats.ooxml import OoxmlPackage
    from validator.formats.parts import OlePart
    from validator.formats.pdf import PdfInfo
    from validator.formats.pdf_text import PdfText
    from validator.formats.pptx import Deck
    from validator.formats.textblocks import TableShape, TextBlock
    from validator.language import LanguageResult
    from validator.language.parity import TextMarks
    from validator.materials.roles import RoleResult
    from validator.paging import PageCount, PageCounter
    from validator.slides import ResolvedRun

#: Extension -> (kind, container). Container is how the bytes must look: ``zip`` (OOXML),
#: ``pdf``, or None when the toolkit does not read the format.
FORMATS: dict[str, tuple[str, str | None]] = {
    "pptx": ("presentation", "zip"),
    "pptm": ("presentation", "zip"),
    "ppsx": ("presentation", "zip"),
    "potx": ("presentation", "zip"),
    "docx": ("document", "zip"),
    "docm": ("document", "zip"),
    "dotx": ("document", "zip"),
    "xlsx": ("spreadsheet", "zip"),
    "xlsm": ("spreadsheet", "zip"),
    "pdf": ("document", "pdf"),
    "ppt": ("legacy", None),
    "doc": ("legacy", None),
    "xls": ("legacy", None),
    "rtf": ("legacy", None),
    "odt": ("legacy", None),
    "odp": ("legacy", None),
}

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"


def format_of(name: str) -> str:
    """Return the lower-case extension of ``name`` ('' when it has none). Dots and spaces
    after it are dropped, as Windows drops them when the file is saved or extracted, so
    ``x.docm.`` and ``x.pptm `` are read as what Windows will open them as."""
    name = name.rstrip(". ")
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def is_document(name: str) -> bool:
    return format_of(name) in FORMATS


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


class Document:
    """A member opened for one run; views are parsed once, on first use."""

    #: Whether this process may parse the file (a sealed document, held by the main process
    #: of an isolated run, may not: its page count falls back on the worker's estimate).
    parses = True

    def __init__(self, member: Member, limits: ReadLimits,
                 page_counter: PageCounter | None = None) -> None:
        self.member = member
        self.limits = limits
        self.page_counter = page_counter
        self.path = member.path
        self.name = member.name
        self.format = member.read_as or format_of(member.name)
        kind, container = FORMATS.get(self.format, ("other", None))
        self.declared_kind = kind
        self.container = container

    @cached_property
    def size(self) -> int:
        if self.member.origin is not None:
            return self.member.origin[0]
        return self.member.size()

    @cached_property
    def sha256(self) -> str:
        if self.member.origin is not None:
            return self.member.origin[1]
        if self.member.digest is not None:
            return self.member.digest  # taken while the search streamed the zip member
        digest = hashlib.sha256()
        with self.member.open() as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
        return digest.hexdigest()

    def adopt_digest(self, sha256: str) -> None:
        """Use a content hash already known (the cache's index of unchanged files) instead of
        reading the whole file again."""
        self.__dict__["sha256"] = sha256

    @cached_property
    def head(self) -> bytes:
        with self.member.open() as fh:
            return fh.read(1024)

    @cached_property
    def kind(self) -> str:
        """presentation, document, spreadsheet, legacy or other.

        A PDF is a deck when all its pages are landscape or its role is presentation (its
        name or first heading says so).
        """
        if self.format == "pdf":
            try:
                if self.pdf.all_landscape:
                    return "presentation"
            except (UnreadableError, LimitError):
                return "document"
            return "presentation" if self.role.role == "presentation" else "document"
        return self.declared_kind

    def sniff(self) -> None:
        """Raise ``UnreadableError`` when the bytes are not what the extension says."""
        head = self.head
        if not head:
            raise UnreadableError("the file is empty")
        if self.container == "zip" and not head.startswith(ZIP_MAGIC):
            if head.startswith(OLE_MAGIC):
                if self.ole_encrypted:
                    raise EncryptedError(
                        f"a password-protected .{self.format} (an OLE container holding "
                        "EncryptionInfo and EncryptedPackage): it cannot be checked, and the "
                        "recipients cannot open it without the password either")
                raise UnreadableError(
                    f"an OLE compound file, not a .{self.format} package "
                    "(a password-protected file, or a legacy binary file renamed)"
                )
            if head.startswith(b"%PDF-"):
                raise UnreadableError(f"a PDF file named .{self.format}")
            raise UnreadableError(f"not a .{self.format} file: it does not start with a zip header")
        if self.container == "pdf" and b"%PDF-" not in head:
            raise UnreadableError("not a PDF: no %PDF- header in the first 1024 bytes")

    @cached_property
    def ole_encrypted(self) -> bool:
        """Whether the file is an OLE container holding an encrypted OOXML package."""
        from validator.formats.ole import read_directory

        if not self.head.startswith(OLE_MAGIC):
            return False
        if self.size > self.limits.archive.max_total_bytes:
            raise LimitError("max_total_bytes", self.size, self.limits.archive.max_total_bytes,
                             "size of an OLE container")
        with self.member.open() as fh:
            data = fh.read()
        try:
            return read_directory(data).encrypted_package
        except UnreadableError:
            return False

    @cached_property
    def _stream(self) -> BinaryIO:
        if self.member.blob is not None:
            return io.BytesIO(self.member.blob)
        if self.member.archive is not None:
            return io.BytesIO(self._inflated)
        return self.member.open()

    @cached_property
    def _inflated(self) -> bytes:
        """A zip member's bytes, inflated whole (in the worker, under its memory limit; the
        size was bounded by the archive's limits when it was searched)."""
        with self.member.open() as fh:
            return fh.read()

    @cached_property
    def ooxml(self) -> OoxmlPackage:
        from validator.formats.ooxml import OoxmlPackage

        self.sniff()
        return OoxmlPackage(self._stream, self.limits.archive, self.limits.max_part_bytes,
                            self.limits.max_part_elements)

    @cached_property
    def deck(self) -> Deck:
        from validator.formats.pptx import read_deck

        return read_deck(self.ooxml)

    @cached_property
    def slide_runs(self) -> tuple[ResolvedRun, ...]:
        """Every run of text the deck's visible slides show, with its effective size.

        Resolved once per file and shared by the slide text rules and the report's slide
        pictures (``validator.slides``).
        """
        from validator.slides import resolved_runs

        return tuple(resolved_runs(self.ooxml, self.deck))

    @cached_property
    def pdf(self) -> PdfInfo:
        from validator.formats.pdf import read_pdf

        self.sniff()
        with self.member.open() as fh:
            return read_pdf(fh.read(), self.limits.pdf_max_stream_bytes)

    @cached_property
    def pdf_text(self) -> PdfText:
        """A PDF's text page by page: the text layer, or OCR for pages that are pictures."""
        from validator.formats.pdf_text import read_pdf_text

        self.sniff()
        return read_pdf_text(self, self.limits.ocr)

    @cached_property
    def ole_parts(self) -> tuple[OlePart, ...]:
        """The OOXML parts that are OLE containers (macros, embedded objects); () for others."""
        from validator.formats.parts import ole_parts

        if self.container != "zip":
            return ()
        return ole_parts(self.ooxml, self.limits.max_part_bytes)

    @cached_property
    def page_count(self) -> PageCount:
        """Pages by the best method of the run: the PDF page tree, or the run's page counter
        (LibreOffice's layout, else the estimate) for word-processing files. Raises
        ``PageCountUnavailable`` when nothing can count them, ``UnreadableError`` when the
        file is not what its extension says."""
        from validator.paging import PageCountUnavailable

        if self.format == "pdf":
            return self.quick_page_count
        if self.page_counter is None:
            raise PageCountUnavailable("this run counts no pages of word-processing files")
        self.sniff()
        estimate = self.__dict__.get("quick_page_count")
        key = self.count_key()
        if self.member.archive is not None:  # streamed to LibreOffice's file, never held
            return self.page_counter.count_source(self.source_name, None, None,
                                                  self.member.open,
                                                  estimate, self.parses, key)
        return self.page_counter.count_source(self.source_name, self.member.disk,
                                              self.member.blob,
                                              None, estimate, self.parses, key)

    def count_key(self) -> str:
        """What identifies this file's exact page count: its content and extension."""
        return f"{self.sha256}.{self.format}"

    @cached_property
    def quick_page_count(self) -> PageCount:
        """Pages without starting LibreOffice: the PDF page tree, or the layout estimate of a
        WordprocessingML file (what reports show for files no rule needs measured)."""
        from validator.paging import PageCountUnavailable
        from validator.paging.pdf import pdf_page_count

        if self.format == "pdf":
            return pdf_page_count(len(self.pdf.pages))
        if self.page_counter is None:
            raise PageCountUnavailable("this run counts no pages of word-processing files")
        self.sniff()
        blob = self._inflated if self.member.archive is not None else self.member.blob
        return self.page_counter.estimate_source(self.source_name, self.member.disk, blob)

    @property
    def source_name(self) -> str:
        """The name the bytes are read under (a converted file: its OOXML extension)."""
        if self.member.read_as is None:
            return self.name
        return f"{self.name.rsplit('.', 1)[0]}.{self.member.read_as}"

    def best_page_count(self) -> PageCount | None:
        """The best count made so far (None when no count was asked for or it failed)."""
        for name in ("page_count", "quick_page_count"):
            value = self.__dict__.get(name)
            if value is not None:
                return value  # type: ignore[no-any-return]
        return None

    @cached_property
    def text_blocks(self) -> tuple[TextBlock, ...]:
        from validator.formats.textblocks import extract_text

        return extract_text(self)

    @cached_property
    def text_marks(self) -> TextMarks:
        """Numbered markers and figures of the whole text: what pairing kk with ru compares."""
        from validator.language.parity import text_marks

        return text_marks("\n".join(b.text for b in self.text_blocks))

    @cached_property
    def table_shapes(self) -> tuple[TableShape, ...]:
        """Rows and columns of each table (DOCX body, deck slides), in reading order."""
        from validator.formats.textblocks import extract_tables

        return extract_tables(self)

    @cached_property
    def role(self) -> RoleResult:
        """The file's role and why (the classification step), computed once per run."""
        from validator.files.classify import document_role

        return document_role(self)

    @cached_property
    def language(self) -> LanguageResult:
        """Language of the text shown to readers (hidden slides left out), by sentence vote."""
        from validator.language import detect_document

        return detect_document([b.text for b in self.text_blocks if not b.hidden])

    def close(self) -> None:
        stream = self.__dict__.get("_stream")
        if stream is not None:
            stream.close()
