"""One file of a package, opened lazily: its bytes, its format and the views checks ask for.

A ``Member`` says where a file's bytes are (a path on disk, or bytes read from a zip) and how it
is shown in reports. A ``Document`` wraps it for one run: it parses a view (the OOXML package,
the deck, the PDF page boxes, the text) the first time a check asks, and keeps it for the other
checks. Whatever cannot be parsed raises ``UnreadableError``, which the engine turns into FIL001.
"""

from __future__ import annotations

import hashlib
import io
from functools import cached_property
from typing import TYPE_CHECKING, BinaryIO

from validator.core.errors import EncryptedError, LimitError, UnreadableError
from validator.files.content import WHAT, content_format
from validator.files.member import (
    FORMATS,
    LFS_POINTER_REASON,
    OLE_MAGIC,
    ZIP_MAGIC,
    Member,
    ReadLimits,
    format_of,
    is_lfs_pointer,
    renamed_reason,
    side_file,
)
from validator.files.views import VIEW_NAMES, DocumentViews, parsed_view
from validator.formats.families import FAMILY

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from validator.formats.ole import OleDirectory
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

class Document:
    """A member opened for one run; views are parsed once, on first use."""

    #: A sealed document (held by the main process of an isolated run) serves only the parsed
    #: views it was given (``files.views``); its page count falls back on the worker's
    #: estimate.
    sealed = False
    #: Why a sealed document's file could not be read, when it could not.
    failure: str | None = None

    def __init__(self, member: Member, limits: ReadLimits,
                 page_counter: PageCounter | None = None) -> None:
        self.member = member
        self.limits = limits
        self.page_counter = page_counter
        self.path = member.path
        self.name = member.name
        self.format = member.read_as or format_of(member.name)
        kind, container = FORMATS.get(self.format, ("other", None))
        #: ``files.member.side_file``: a program's file about a document, not a material
        self.side_file = side_file(member)
        if self.side_file is not None:
            kind, container = "other", None
        self.declared_kind = kind
        self.container = container

    def has_view(self, name: str) -> bool:
        """Whether the view ``name`` is computed (or was handed over) already."""
        return name in self.__dict__

    def views(self, names: tuple[str, ...] = VIEW_NAMES) -> DocumentViews:
        """The views of ``names`` computed so far, as a record to hand on."""
        return DocumentViews(**{n: self.__dict__[n] for n in names if n in self.__dict__})

    def adopt(self, views: DocumentViews) -> None:
        """Take views computed elsewhere (a reader process, the cache) as computed here."""
        self.__dict__.update(views.items())

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

    @parsed_view
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
        """Raise ``UnreadableError`` when the bytes are not what the extension says, naming
        what they are when that can be told: a Git LFS pointer, a binary Office file (97-2003)
        or a PDF under another name."""
        head = self.head
        if not head:
            raise UnreadableError("the file is empty")
        if is_lfs_pointer(head):
            raise UnreadableError(LFS_POINTER_REASON)
        if self.container == "zip" and not head.startswith(ZIP_MAGIC):
            if head.startswith(OLE_MAGIC):
                directory = self.ole_directory
                if directory is not None and directory.encrypted_package:
                    raise EncryptedError(
                        f"a password-protected .{self.format} (an OLE container holding "
                        "EncryptionInfo and EncryptedPackage): it cannot be checked, and the "
                        "recipients cannot open it without the password either")
                real = directory.legacy_format if directory is not None else None
                if real is not None:
                    raise UnreadableError(renamed_reason(real, self.format,
                                                         "a binary Office 97-2003 file"))
                raise UnreadableError(f"an OLE compound file, not a .{self.format} package")
            self._raise_renamed(content_format(head))
            raise UnreadableError(f"not a .{self.format} file: it does not start with a zip header")
        if self.container == "pdf" and b"%PDF-" not in head:
            whole = head.startswith((ZIP_MAGIC, OLE_MAGIC))  # their directory says what they are
            self._raise_renamed(content_format(self._whole() if whole else head))
            raise UnreadableError("not a PDF: no %PDF- header in the first 1024 bytes")

    def _raise_renamed(self, real: str | None) -> None:
        """Raise the reason that names what the file is when its bytes are a document of
        another format than its extension (``files.content``)."""
        if real is not None and real != self.format:
            family = FAMILY.get(real)
            raise UnreadableError(renamed_reason(real, self.format,
                                                 WHAT.get(family or "", "a document")))

    def _whole(self) -> bytes:
        """The file's bytes, when its size is within the limit of an archive's."""
        if self.size > self.limits.archive.max_total_bytes:
            raise LimitError("max_total_bytes", self.size, self.limits.archive.max_total_bytes,
                             "size of a file read whole")
        with self.member.open() as fh:
            return fh.read()

    @parsed_view
    def ole_directory(self) -> OleDirectory | None:
        """The OLE directory of a file that is an OLE container (None for any other file, or
        one whose directory cannot be read)."""
        from validator.formats.ole import read_directory

        if not self.head.startswith(OLE_MAGIC):
            return None
        try:
            return read_directory(self._whole())
        except UnreadableError:
            return None

    @cached_property
    def _stream(self) -> BinaryIO:
        if self.member.blob is not None:
            return io.BytesIO(self.member.blob)
        if self.member.archive is not None:
            return io.BytesIO(self._inflated)
        return self.member.open()

    @parsed_view
    def _inflated(self) -> bytes:
        """A zip member's bytes, inflated whole (in the worker, under its memory limit; the
        size was bounded by the archive's limits when it was searched)."""
        with self.member.open() as fh:
            return fh.read()

    @parsed_view
    def ooxml(self) -> OoxmlPackage:
        from validator.formats.ooxml import OoxmlPackage

        self.sniff()
        return OoxmlPackage(self._stream, self.limits.archive, self.limits.max_part_bytes,
                            self.limits.max_part_elements)

    @parsed_view
    def deck(self) -> Deck:
        from validator.formats.pptx import read_deck

        return read_deck(self.ooxml)

    @parsed_view
    def slide_runs(self) -> tuple[ResolvedRun, ...]:
        """Every run of text the deck's visible slides show, with its effective size.

        Resolved once per file and shared by the slide text rules and the report's slide
        pictures (``validator.slides``).
        """
        from validator.slides import resolved_runs

        return tuple(resolved_runs(self.ooxml, self.deck))

    @parsed_view
    def pdf(self) -> PdfInfo:
        from validator.formats.pdf import read_pdf

        self.sniff()
        with self.member.open() as fh:
            return read_pdf(fh.read(), self.limits.pdf_max_stream_bytes)

    @parsed_view
    def pdf_text(self) -> PdfText:
        """A PDF's text page by page: the text layer, or OCR for pages that are pictures."""
        from validator.formats.pdf_text import read_pdf_text
        from validator.language.mojibake import mojibake

        self.sniff()
        return read_pdf_text(self, self.limits.ocr, mojibake)

    @parsed_view
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
        estimate = self.__dict__.get("quick_page_count")  # only if already computed
        key = self.count_key()
        return self.page_counter.count_source(self.source_name, *self.count_input(),
                                              estimate, not self.sealed, key)

    def count_input(self) -> tuple[Path | None, bytes | None, Callable[[], BinaryIO] | None]:
        """How the page counter gets the bytes (``disk``, ``blob``, ``opener``): the file on
        disk when it is read under its own name; else a stream copied under ``source_name``
        (a zip member, never held whole; a file read as another format than its name says,
        which LibreOffice opens with the filter of its extension)."""
        member = self.member
        if member.blob is not None:
            return None, member.blob, None
        if member.archive is not None or self.source_name != self.name:
            return None, None, member.open
        return member.disk, None, None

    def count_key(self) -> str:
        """What identifies this file's exact page count: its content and extension."""
        return f"{self.sha256}.{self.format}"

    @parsed_view
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

    @parsed_view
    def text_blocks(self) -> tuple[TextBlock, ...]:
        from validator.formats.textblocks import extract_text

        return extract_text(self)

    @parsed_view
    def text_marks(self) -> TextMarks:
        """Numbered markers and figures of the whole text: what pairing kk with ru compares."""
        from validator.language.parity import text_marks

        return text_marks("\n".join(b.text for b in self.text_blocks))

    @parsed_view
    def table_shapes(self) -> tuple[TableShape, ...]:
        """Rows and columns of each table (DOCX body, deck slides), in reading order."""
        from validator.formats.textblocks import extract_tables

        return extract_tables(self)

    @parsed_view
    def role(self) -> RoleResult:
        """The file's role and why (the classification step), computed once per run."""
        from validator.files.classify import document_role

        return document_role(self)

    @parsed_view
    def language(self) -> LanguageResult:
        """Language of the text shown to readers (hidden slides left out), by sentence vote."""
        from validator.language import detect_document

        return detect_document([b.text for b in self.text_blocks if not b.hidden])

    def close(self) -> None:
        stream = self.__dict__.get("_stream")
        if stream is not None:
            stream.close()
