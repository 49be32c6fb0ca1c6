"""Damaged members for the integrity tests: a bad CRC-32 or a part that is not well formed,
put into real files the project's builders make (python-docx, python-pptx)."""

from __future__ import annotations

import io
import struct
import zipfile


def rewrite(data: bytes, member: str, body: bytes) -> bytes:
    """The same zip with ``member``'s content replaced (a fresh, correct CRC)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = [i.filename for i in src.infolist()]
        assert member in names, (member, names)
        for name in names:
            dst.writestr(name, body if name == member else src.read(name))
    return out.getvalue()


def malformed(data: bytes, member: str) -> bytes:
    """``member`` cut before its last closing tag: no longer well-formed XML."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        body = zf.read(member)
    return rewrite(data, member, body[: body.rindex(b"</")])


def bad_crc(data: bytes, member: str) -> bytes:
    """``member``'s stored CRC-32 changed (central directory and local header): the bytes
    inflate, but their checksum does not match, as after a flipped bit on a disk or line."""
    buf = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.getinfo(member)
    wrong = struct.pack("<I", info.CRC ^ 0x5A5A5A5A)
    local = info.header_offset
    assert buf[local:local + 4] == b"PK\x03\x04"
    buf[local + 14:local + 18] = wrong
    name = member.encode()
    pos = data.index(b"PK\x01\x02", local)
    while True:
        name_len = struct.unpack("<H", buf[pos + 28:pos + 30])[0]
        if bytes(buf[pos + 46:pos + 46 + name_len]) == name:
            buf[pos + 16:pos + 20] = wrong
            return bytes(buf)
        pos = data.index(b"PK\x01\x02", pos + 46)


def build_deck(slides: int = 1) -> bytes:
    """A python-pptx deck from its default template (11 layouts, one used)."""
    from pptx import Presentation
    from pptx.util import Pt

    prs = Presentation()
    for i in range(slides):
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = f"Слайд {i + 1}"
        body = slide.placeholders[1].text_frame
        body.text = "Мәтін"
        body.paragraphs[0].runs[0].font.size = Pt(24)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()
