"""What the bytes of a legacy or open document are, when its name says another format.

Word opens a document by what its bytes are, whatever its extension: an RTF file named .doc (a
register that exports its letters as RTF under .doc), a .docx whose extension was shortened to
.doc, a Word 97-2003 file named .rtf. Offices send such files, and their recipients open them.
LibreOffice opens a file only with the filter of its extension
(``validator.paging.lo_bridge``), so they could not be read. ``content_format`` tells the
format from the first bytes (and, for an OLE or zip container, its directory), so that
``discovery.conversion`` reads the file as what it is: within the family its name says (a Word
document, a PowerPoint presentation, an Excel workbook); a file of another family under the
name (a workbook named .doc, a PDF named .ppt, a web page saved as .doc) is named as what it is
and not read.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from validator.core.errors import UnreadableError
from validator.files.member import OLE_MAGIC, ZIP_MAGIC

#: What a file of each format is, in the reason given when it is under another family's name.
WHAT: dict[str, str] = {
    "document": "a Word document", "presentation": "a PowerPoint presentation",
    "spreadsheet": "an Excel workbook", "pdf": "a PDF file", "web_page": "a web page",
}
#: The main part's content type in ``[Content_Types].xml`` -> the OOXML format; the
#: macro-enabled and template types before the plain ones they contain.
_OOXML_TYPES: tuple[tuple[bytes, str], ...] = (
    (b"ms-word.document.macroenabled.main", "docm"),
    (b"ms-word.template.macroenabledtemplate.main", "dotm"),
    (b"wordprocessingml.template.main", "dotx"),
    (b"wordprocessingml.document.main", "docx"),
    (b"ms-powerpoint.presentation.macroenabled.main", "pptm"),
    (b"ms-powerpoint.slideshow.macroenabled.main", "ppsm"),
    (b"ms-powerpoint.template.macroenabled.main", "potm"),
    (b"presentationml.slideshow.main", "ppsx"),
    (b"presentationml.template.main", "potx"),
    (b"presentationml.presentation.main", "pptx"),
    (b"ms-excel.sheet.macroenabled.main", "xlsm"),
    (b"ms-excel.template.macroenabled.main", "xltm"),
    (b"spreadsheetml.template.main", "xltx"),
    (b"spreadsheetml.sheet.main", "xlsx"),
)
#: An OpenDocument zip's ``mimetype`` -> its format.
_ODF_TYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.presentation": "odp",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}
#: How a web page begins (after a UTF-8 byte order mark and white space).
_HTML_STARTS = (b"<!doctype html", b"<html")
#: A ``[Content_Types].xml`` or ``mimetype`` larger than this is not looked into.
_MAX_INDEX_BYTES = 1 << 20


def content_format(data: bytes) -> str | None:
    """The format ``data`` is, as an extension (``rtf``, ``pdf``, ``html``, ``doc``/``ppt``/
    ``xls``, ``odt``/``odp``/``ods``, an OOXML format), or None when its first bytes and
    directory do not tell (it is then read as its name says, which says why it cannot be)."""
    if data.startswith(b"{\\rtf"):
        return "rtf"
    start = data[:1024].lstrip()
    if start.startswith(b"%PDF-"):
        return "pdf"
    if start.removeprefix(b"\xef\xbb\xbf").lstrip().lower().startswith(_HTML_STARTS):
        return "html"  # a page saved from Word or a browser, or a register's export
    if data.startswith(OLE_MAGIC):
        from validator.formats.ole import read_directory

        try:
            return read_directory(data).legacy_format
        except UnreadableError:
            return None
    if data.startswith(ZIP_MAGIC):
        return _zip_format(data)
    return None


def _zip_format(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            for index, table in (("[Content_Types].xml", _OOXML_TYPES), ("mimetype", None)):
                if index not in names or archive.getinfo(index).file_size > _MAX_INDEX_BYTES:
                    continue
                with archive.open(index) as fh:
                    text = fh.read(_MAX_INDEX_BYTES + 1).lower()
                if table is None:
                    return _ODF_TYPES.get(text.strip())
                return next((fmt for marker, fmt in table if marker in text), None)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError,
            ValueError, NotImplementedError, RuntimeError):
        return None  # a damaged index does not tell: the file is read as its name says
    return None
