"""Builders of damaged and scanned files for the fail-closed tests: a PDF whose pages are
pictures (no text layer), and an OOXML file with one member's stored bytes altered so that its
CRC-32 no longer matches."""

from __future__ import annotations

import io
import zipfile


def scanned_pdf(pages: int = 2) -> bytes:
    """A PDF whose pages are raster images of dark lines on white: a scan, with no text."""
    from PIL import Image, ImageDraw

    images = []
    for n in range(pages):
        image = Image.new("L", (600, 840), 255)
        draw = ImageDraw.Draw(image)
        for row in range(12):
            y = 80 + row * 50
            draw.rectangle((60, y, 540 - (row + n) % 4 * 60, y + 12), fill=20)
        images.append(image.convert("RGB"))
    buf = io.BytesIO()
    images[0].save(buf, "PDF", save_all=True, append_images=images[1:], resolution=72.0)
    return buf.getvalue()


def bad_crc(data: bytes, member: str) -> bytes:
    """``data`` (a zip) rewritten with stored members, and one byte of ``member`` flipped, so
    that the member's CRC-32 check fails when it is read (the directory stays intact)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        items = [(info.filename, zf.read(info)) for info in zf.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zw:
        for name, blob in items:
            zw.writestr(name, blob)
    raw = bytearray(out.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(raw))) as zf:
        info = zf.getinfo(member)
    start = info.header_offset + 30 + len(info.filename.encode("utf-8")) + len(info.extra)
    raw[start + min(10, info.file_size - 1)] ^= 0x20
    return bytes(raw)
