"""What a word-processing package claims about itself: ``docProps/app.xml`` Pages/Application.

The claim is never used as a count (python-docx always writes 1, LibreOffice writes back what
it imported, anyone can edit it). It is shown as information, and when Microsoft Word wrote
it and it disagrees with the measured count across a limit, the count goes to review.

The claim is read where the page count is made: for an exact count, in the main process after
LibreOffice. So it is read within fixed budgets, whatever the file: ``docProps/app.xml`` is
inflated only when it declares at most ``MAX_APP_BYTES`` (a real one is a few KB), parsed by
the project's safe parser with at most ``MAX_APP_ELEMENTS`` elements, and no other part is
read. A part over either budget gives no claim (the count stands alone).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from lxml import etree

from validator.core.errors import LimitError, UnreadableError
from validator.formats.archive import read_errors

#: Largest docProps/app.xml inflated (declared size), and most elements parsed in it.
MAX_APP_BYTES = 256 * 1024
MAX_APP_ELEMENTS = 5_000
APP_XML = "docProps/app.xml"

EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"


@dataclass(frozen=True)
class DeclaredPages:
    pages: int | None
    application: str

    @property
    def by_word(self) -> bool:
        """True when the application that saved the file is Microsoft Word itself."""
        app = self.application.casefold()
        return app.startswith("microsoft") and "word" in app


def read_declared(path: Path | BinaryIO) -> DeclaredPages | None:
    """Pages/Application from docProps/app.xml; None when absent, unreadable or over the
    budgets (``MAX_APP_BYTES``, ``MAX_APP_ELEMENTS``)."""
    root = _app_xml(path)
    if root is None:
        return None
    pages_el = root.find(f"{{{EXTENDED}}}Pages")
    app_el = root.find(f"{{{EXTENDED}}}Application")
    pages: int | None = None
    if pages_el is not None and (pages_el.text or "").strip().isdigit():
        pages = int((pages_el.text or "").strip())
    return DeclaredPages(pages, (app_el.text or "").strip() if app_el is not None else "")


def _app_xml(path: Path | BinaryIO) -> etree._Element | None:
    from validator.formats.safexml import parse_xml

    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.NameToInfo.get(APP_XML)
            if info is None or info.file_size > MAX_APP_BYTES or info.flag_bits & 0x1:
                return None
            with archive.open(info) as fh:
                data = fh.read(MAX_APP_BYTES + 1)
        if len(data) > MAX_APP_BYTES:
            return None
        return parse_xml(data, APP_XML, MAX_APP_ELEMENTS)
    except (UnreadableError, LimitError):
        return None
    except read_errors():
        return None
