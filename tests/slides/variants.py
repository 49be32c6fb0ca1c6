"""Simple decks and their siblings .pptm, .ppsx, .ppsm, .potx, .potm (the main part's content
type changed)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from pptx import Presentation
from pptx.util import Emu

PPTX_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
MAIN_TYPES = {
    "pptx": PPTX_MAIN,
    "pptm": "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    "ppsx": "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
    "ppsm": "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
    "potx": "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
    "potm": "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
}


def simple_deck(width: int = 12192000, height: int = 6858000, title: str = "Title") -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(width), Emu(height)
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = title
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def retype(data: bytes, fmt: str, extra: dict[str, bytes] | None = None) -> bytes:
    """Return ``data`` with the main part's content type of ``fmt`` (and extra stored parts)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                body = body.replace(PPTX_MAIN.encode(), MAIN_TYPES[fmt].encode())
            dst.writestr(info.filename, body)
        for name, body in (extra or {}).items():
            dst.writestr(name, body, compress_type=zipfile.ZIP_STORED)
    return out.getvalue()


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
