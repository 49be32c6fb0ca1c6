"""What a word-processing package claims about itself: ``docProps/app.xml`` Pages/Application.

The claim is never used as a count (python-docx always writes 1, LibreOffice writes back what
it imported, anyone can edit it). It is shown as information, and when Microsoft Word wrote
it and it disagrees with the measured count across a limit, the count goes to review.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from validator.pages.model import PageCountUnavailable
from validator.pages.ooxml import DocxParts

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
    """Pages/Application from docProps/app.xml; None when absent or unreadable."""
    try:
        parts = DocxParts(path)
    except PageCountUnavailable:
        return None
    try:
        root = parts.read("docProps/app.xml")
    except PageCountUnavailable:
        return None
    finally:
        parts.close()
    if root is None:
        return None
    pages_el = root.find(f"{{{EXTENDED}}}Pages")
    app_el = root.find(f"{{{EXTENDED}}}Application")
    pages: int | None = None
    if pages_el is not None and (pages_el.text or "").strip().isdigit():
        pages = int((pages_el.text or "").strip())
    return DeclaredPages(pages, (app_el.text or "").strip() if app_el is not None else "")
