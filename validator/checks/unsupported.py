"""FIL002 unsupported-format: files in a package that are not materials, or cannot be read as one.

Every file of an item's package that is not a document format is named, never silently dropped
(DECISIONS.md, "What a PATH is"):

- executables and scripts are an error (case ``executable``): recognised by their signature
  where they have one (MZ, ELF, Mach-O, ``#!``, a Windows shortcut), by extension where a
  script has none (``executable_extensions`` in the profile: .bat, .cmd, .vbs, .js, .ps1...);
- an archive the toolkit does not open (.rar, .7z, .tar, .gz...: by its signature, else its
  extension) may hold the materials: the files in it were not read, which is needs-review
  (case ``not-read``) and fails the run whatever rules are chosen, as any file not read;
- a picture (JPEG, PNG, TIFF...: by its signature, else its extension) named as a material
  (``Справка_рус.jpg``: a scan or a photograph of the reference, by its name's role) was not
  read: needs-review (case ``not-read``), so the material it may be is never judged missing;
- any other file (a logo, a text file) is info (case ``not-material``): it is not a material
  of the package and is not checked;
- the files Windows and macOS keep in a folder (``Thumbs.db``, ``desktop.ini``,
  ``.DS_Store``) say what they are (info, case ``not-material``), as do
  the lock file Word, Excel or PowerPoint keeps beside an open document (``~$равка.docx``,
  under 1 KB) and the attributes macOS keeps of a file (``__MACOSX/._Справка.docx``,
  AppleDouble) take a document's extension but are not materials either, and say what they
  are (info, case ``not-material``);
- ``manifest.toml`` (the package's dates, ``validator.discovery.manifest``) is exempt;
- an e-mail message (``.eml``, Outlook's ``.msg``) is info (``not-material``) when no document
  is attached to it; the documents attached to one were not read (needs-review, ``not-read``,
  naming them), nor those of a message that cannot be looked into;
- an electronic signature file (``.cms``, ``.p7m``, ``.p7s``, ``.sig``) that carries its
  document is read as that document (``validator.discovery.signed``); one that is only a
  signature (detached) is info (case ``not-material``), and one whose document could not be
  read out of it (damaged, encrypted, over the reading limit) is needs-review (``not-read``).

A legacy or open document (.ppt, .pps, .pot, .doc, .dot, .xls, .xlt, .rtf, .odt, .odp, .ods) is
checked through its conversion by LibreOffice (``validator.discovery.conversion``). Without
LibreOffice the file gets FIL002 needs-review (case ``not-converted``) naming the format to save
it as (``conversions`` in the profile); a file LibreOffice cannot read is FIL001.

A presentation most of whose visible slides show a picture and no text of their own (a picture
presentation: ``validator.slides.pictured``) is needs-review (case ``not-read``): the text in
the pictures is neither measured nor read, so its pair is not compared.

A Word document whose body, or a workbook whose sheets, show a picture and hold fewer than
``ocr_min_text_chars`` letters of text (a signed page scanned and pasted into Word or Excel) is
needs-review (case ``not-read``) too.

A document most of whose text is in a wrong encoding (``Ñïðàâêà``: Windows-1251 text read as
Windows-1252, UTF-8 read as Windows-1251...) is an error whose text was not read (case
``garbled``): no word of it can be read, by people or by the checks.

A PDF whose pages are pictures is read by OCR (``validator.formats.pdf_text``); pages that
could not be read (Tesseract missing, a failure, more than ``ocr_max_pages``) and OCR text read
with a confidence under ``ocr_min_confidence`` are needs-review (case ``not-read``). Both are
findings of a text not read: they stand whatever rules are chosen or ignored, and fail the run.

Parameters: ``conversions`` (extension -> format to save as), ``executable_extensions``, the
``ocr_*`` settings.
Fails: ``setup.exe``, ``run.bat``, ``Материалы.rar`` (needs-review), ``Справка_рус.jpg``
(needs-review), ``логотип.png`` (info),
``Справка.docx.p7s`` holding only a signature (info).
Passes: ``Доклад.pptx``, ``manifest.toml``, ``Доклад.pptx.cms`` carrying the deck.
"""

from __future__ import annotations

from collections.abc import Iterator
from email.errors import MessageError

from validator.checks._unread_text import garbled_text, pasted_scan, picture_slides_hit, scanned
from validator.checks.base import Hit, Param, Params, rule
from validator.core.errors import UnreadableError
from validator.core.findings import Status
from validator.discovery.manifest import MANIFEST_NAME
from validator.files.classify import document_role
from validator.files.document import Document
from validator.formats.cms import SIGNATURE_EXTENSIONS
from validator.formats.mail import MAIL_EXTENSIONS, attached_documents

#: How pages without a text layer are read (``validator.formats.ocr.OcrSettings``).
OCR_PARAMS = {
    "ocr_languages": Param("str", "Tesseract languages, e.g. kaz+rus+eng"),
    "ocr_dpi": Param("int", "resolution a page is rasterised at for OCR", positive=True),
    "ocr_min_text_chars": Param("int", "a page whose text layer has fewer is read by OCR"),
    "ocr_min_confidence": Param("float", "lower OCR confidence: findings are needs-review"),
    "ocr_max_pages": Param("int", "scanned pages read by OCR per file"),
    "ocr_page_seconds": Param("float", "wall clock for rasterising or reading one page",
                              positive=True),
    "ocr_max_pixels": Param("int", "a larger page is rasterised at a lower resolution",
                            positive=True),
}

#: Leading bytes of executable files: (signature, offset, what it is).
SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"MZ", 0, "Windows program (MZ)"),
    (b"\x7fELF", 0, "Linux program (ELF)"),
    (b"\xfe\xed\xfa\xce", 0, "macOS program (Mach-O)"),
    (b"\xfe\xed\xfa\xcf", 0, "macOS program (Mach-O)"),
    (b"\xce\xfa\xed\xfe", 0, "macOS program (Mach-O)"),
    (b"\xcf\xfa\xed\xfe", 0, "macOS program (Mach-O)"),
    (b"\xca\xfe\xba\xbe", 0, "macOS universal program (Mach-O)"),
    (b"#!", 0, "script (#!)"),
    (b"L\x00\x00\x00\x01\x14\x02\x00", 0, "Windows shortcut (.lnk)"),
)


#: Archives the toolkit does not open (it reads .zip): (signature, offset, what it is).
ARCHIVES: tuple[tuple[bytes, int, str], ...] = (
    (b"Rar!\x1a\x07", 0, "RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", 0, "7-Zip archive"),
    (b"\x1f\x8b", 0, "gzip archive"),
    (b"BZh", 0, "bzip2 archive"),
    (b"\xfd7zXZ\x00", 0, "xz archive"),
    (b"\x28\xb5\x2f\xfd", 0, "Zstandard archive"),
    (b"MSCF\x00\x00\x00\x00", 0, "Windows cabinet (.cab)"),
    (b"\x60\xea", 0, "ARJ archive"),
    (b"ustar", 257, "tar archive"),
)
#: Their extensions, for one whose bytes do not say it (a damaged or partial archive).
ARCHIVE_EXTENSIONS = frozenset({"rar", "7z", "gz", "tgz", "bz2", "tbz", "tbz2", "xz", "txz",
                                "zst", "tar", "cab", "arj", "lzh", "lha", "z", "zipx"})

#: Pictures (a scan or a photograph of a page may be sent as one): (signature, offset, what).
PICTURES: tuple[tuple[bytes, int, str], ...] = (
    (b"\xff\xd8\xff", 0, "JPEG picture"),
    (b"\x89PNG\r\n\x1a\n", 0, "PNG picture"),
    (b"II*\x00", 0, "TIFF picture"),
    (b"MM\x00*", 0, "TIFF picture"),
    (b"GIF8", 0, "GIF picture"),
    (b"ftypheic", 4, "HEIC picture"),
    (b"ftypmif1", 4, "HEIF picture"),
    (b"WEBP", 8, "WebP picture"),
)
PICTURE_EXTENSIONS = frozenset({"jpg", "jpeg", "jpe", "png", "tif", "tiff", "gif", "bmp", "heic",
                                "heif", "webp"})

#: Files Windows and macOS keep in a folder of their own accord (a folder's view settings, its
#: pictures' thumbnails), by name letter case aside: (message, what it is).
SYSTEM_FILES = {
    ".ds_store": ("ds-store", "macOS's record of how a folder is shown (.DS_Store)"),
    "thumbs.db": ("thumbs", "Windows's cache of a folder's picture thumbnails (Thumbs.db)"),
    "ehthumbs.db": ("thumbs", "Windows's cache of a folder's picture thumbnails (ehthumbs.db)"),
    "ehthumbs_vista.db": ("thumbs", "Windows's cache of a folder's picture thumbnails"),
    "desktop.ini": ("desktop-ini", "Windows's settings of how a folder is shown (desktop.ini)"),
}

#: What the program's files about a document are (``files.member.side_file``).
_SIDE_FILES = {"owner": "an Office lock file (owner file) of an open document",
               "apple-double": "an AppleDouble file: macOS's record of another file's attributes"}


def _signature(head: bytes, table: tuple[tuple[bytes, int, str], ...]) -> str | None:
    """What ``head`` (a file's first bytes) is by the first signature of ``table`` it carries
    (magic bytes, their offset, what they say), or None."""
    for magic, offset, what in table:
        if head[offset:offset + len(magic)] == magic:
            return what
    return None


def _what(doc: Document, table: tuple[tuple[bytes, int, str], ...],
          extensions: frozenset[str], named: str) -> str | None:
    """What ``doc`` is by its signature in ``table``, else by its extension (``named``, the
    words for it, then the extension), or None."""
    what = _signature(doc.head, table)
    if what is not None:
        return what
    if doc.format in extensions:
        return f"{named} (.{doc.format})"
    return None


def _signature_hit(doc: Document, shown: str) -> Hit:
    """A signature file whose document was not read out of it (``discovery.signed``): a
    detached signature is a note (naming the document it signs, or saying it is not there);
    the document in any other was not read (needs-review)."""
    state, detail, document = doc.member.signature or ("damaged", "not looked into", "")
    if state == "detached":
        return Hit(measured=shown, evidence=f"a detached electronic signature of {document}: "
                                            f"{detail}",
                   case="not-material", message="signature-file",
                   args={"name": doc.name, "document": document})
    if state == "alone":
        return Hit(measured=shown, evidence=f"a detached electronic signature whose document "
                                            f"is not beside it: {detail}",
                   case="not-material", message="signature-alone", args={"name": doc.name})
    return Hit(measured=shown, evidence=f"electronic signature file, its document not read: "
                                        f"{detail}",
               status=Status.NEEDS_REVIEW, case="not-read", not_read=True,
               message="signature-encrypted" if state == "encrypted" else "signature-damaged",
               args={"name": doc.name})


def _mail_hit(doc: Document, shown: str) -> Hit:
    """An e-mail message (.eml, .msg) is no material; the documents attached to it were not
    read (needs-review, naming them), and a message that cannot be looked into may hold some."""
    most = doc.limits.archive.max_member_bytes
    try:
        if doc.size > most:
            raise ValueError(f"larger than {most} bytes")
        with doc.member.open() as fh:
            attached = attached_documents(fh.read(most + 1))
    except (ValueError, LookupError, TypeError, EOFError, MessageError) as exc:
        return Hit(measured=shown, evidence=f"e-mail message not read: {exc}",
                   status=Status.NEEDS_REVIEW, case="not-read", not_read=True,
                   message="mail-not-read", args={"name": doc.name})
    if not attached:
        return Hit(measured=shown, evidence="an e-mail message with no document attached",
                   case="not-material", message="mail-file", args={"name": doc.name})
    files = ", ".join(f"«{n}»" for n in attached[:5]) + (", ..." if len(attached) > 5 else "")
    return Hit(measured=len(attached), unit="files",
               evidence=f"an e-mail message with documents attached, not read: "
                        f"{', '.join(attached)}",
               status=Status.NEEDS_REVIEW, case="not-read", not_read=True,
               message="mail-attachments", args={"name": doc.name, "files": files})


@rule(
    code="FIL002",
    name="unsupported-format",
    kinds={"legacy", "other", "document", "presentation", "spreadsheet"},
    params={"conversions": Param("str-map", "extension -> the format to save it as"),
            "executable_extensions": Param("str-list",
                                           "extensions of scripts that carry no signature"),
            **OCR_PARAMS},
    cases=("executable", "not-material", "not-read", "not-converted", "garbled"),
)
def unsupported_format(doc: Document, params: Params) -> Iterator[Hit]:
    if doc.format == "pdf":
        yield from scanned(doc, params["ocr_min_confidence"])
        return
    if doc.declared_kind in ("document", "presentation", "spreadsheet") \
            and doc.container == "zip":
        found = list(garbled_text(doc))
        if found:
            yield from found
            return
    if doc.declared_kind == "presentation" and doc.container == "zip":
        yield from picture_slides_hit(doc)
        return
    if doc.declared_kind in ("document", "spreadsheet") and doc.container == "zip":
        yield from pasted_scan(doc, params["ocr_min_text_chars"])
        return
    if doc.declared_kind in ("document", "presentation", "spreadsheet") \
            or doc.name == MANIFEST_NAME:
        return
    shown = f".{doc.format}" if doc.format else doc.name
    if doc.declared_kind == "legacy":
        member = doc.member
        if member.not_converted is not None and not member.converter_missing:
            raise UnreadableError(f"not a readable .{doc.format} file: {member.not_converted}")
        target = params["conversions"].get(doc.format, "pptx, docx or pdf")
        reason = member.not_converted or "not converted"
        yield Hit(measured=doc.format, evidence=f"extension .{doc.format}: {reason}",
                  status=Status.NEEDS_REVIEW, case="not-converted", message="not-converted",
                  not_read=True,
                  args={"format": doc.format, "target": target})
        return
    if doc.format in SIGNATURE_EXTENSIONS:
        yield _signature_hit(doc, shown)
        return
    if doc.format in MAIL_EXTENSIONS:
        yield _mail_hit(doc, shown)
        return
    system = SYSTEM_FILES.get(doc.name.casefold())
    if system is not None:
        yield Hit(measured=shown, evidence=system[1], case="not-material",
                  message=f"{system[0]}-file", args={"name": doc.name})
        return
    if doc.side_file is not None:
        yield Hit(measured=shown, evidence=_SIDE_FILES[doc.side_file], case="not-material",
                  message=f"{doc.side_file}-file", args={"name": doc.name})
        return
    what = _what(doc, SIGNATURES, frozenset(params["executable_extensions"]), "script")
    if what is not None:
        yield Hit(measured=shown, evidence=what, case="executable", message="executable",
                  args={"format": shown, "what": what})
        return
    archive = _what(doc, ARCHIVES, ARCHIVE_EXTENSIONS, "archive")
    if archive is not None:  # it may hold the materials: not read, never a pass
        yield Hit(measured=shown, evidence=f"{archive}: the files in it were not read",
                  status=Status.NEEDS_REVIEW, case="not-read", message="archive",
                  not_read=True, args={"format": shown})
        return
    picture = _what(doc, PICTURES, PICTURE_EXTENSIONS, "picture")
    role = document_role(doc) if picture is not None else None
    if role is not None and role.role != "other":
        # a scan of a material sent as a picture: its text is not read here, never a pass
        yield Hit(measured=shown, evidence=f"{picture} named as a material ({role.role}, "
                                           f"{role.reason}): its text was not read",
                  status=Status.NEEDS_REVIEW, case="not-read", message="picture-material",
                  not_read=True, args={"name": doc.name})
        return
    yield Hit(measured=shown, evidence=f"not a document format ({shown})", case="not-material",
              message="not-material", args={"format": shown})
