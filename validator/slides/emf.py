"""``read_emf``: the text an Enhanced Metafile draws, with font heights as frame fractions.

Only the records that decide where text goes and how tall it is are followed: the header
(frame in 0.01 mm, reference device in pixels and millimetres), the map mode, window and
viewport extents, the world transform, saved device contexts, fonts created, selected and
deleted, and the text records (ExtTextOutW/A, SmallTextOut). EMF+ records (GDI+ drawing kept in
comments) are not decoded: a dual file is read through its GDI records, which draw the same
text; an EMF+-only file has no GDI text and is unreadable here. Every length is checked against
the data; any inconsistency raises ``Unreadable``.
"""

from __future__ import annotations

import math
import struct
from dataclasses import replace

from validator.slides.metafile import (
    MAX_CHARS,
    MAX_RECORDS,
    MAX_SAVED,
    Font,
    Mapping,
    MetaPicture,
    MetaText,
    Unreadable,
    add_text,
    scaled,
)

EMR_HEADER, EMR_EOF, EMR_COMMENT = 1, 14, 70
EMR_SETWINDOWEXTEX, EMR_SETVIEWPORTEXTEX, EMR_SETMAPMODE = 9, 11, 17
EMR_SCALEVIEWPORTEXTEX, EMR_SCALEWINDOWEXTEX = 31, 32
EMR_SAVEDC, EMR_RESTOREDC = 33, 34
#: Text records this reader does not decode: a picture holding them is unreadable.
UNREAD_TEXT = frozenset({96, 97})  # EMR_POLYTEXTOUTA, EMR_POLYTEXTOUTW
EMR_SETWORLDTRANSFORM, EMR_MODIFYWORLDTRANSFORM = 35, 36
EMR_SELECTOBJECT, EMR_DELETEOBJECT = 37, 40
EMR_EXTCREATEFONTINDIRECTW = 82
#: Records that create an object other than a font: its handle no longer names a font.
CREATES_OTHER = frozenset({38, 39, 49, 93, 94, 95, 99, 122})
EMR_EXTTEXTOUTA, EMR_EXTTEXTOUTW, EMR_SMALLTEXTOUT = 83, 84, 108
#: Records that draw a bitmap (text inside it has no readable size).
RASTER = frozenset({76, 77, 78, 79, 80, 81, 114, 115, 116})
SIGNATURE = 0x464D4520  # " EMF"
EMFPLUS = 0x2B464D45  # "EMF+"
EMFPLUS_HEADER, EMFPLUS_DUAL = 0x4001, 0x0001
ETO_NO_RECT, ETO_SMALL_CHARS = 0x100, 0x200


def _xform(body: bytes) -> tuple[float, ...]:
    values = struct.unpack_from("<6f", body, 8)
    if not all(math.isfinite(v) for v in values):
        raise Unreadable("world transform is not finite")
    return values


class _Reader:
    """The state of one playback: device context, saved contexts, font table, texts."""

    def __init__(self) -> None:
        self.dc = Mapping()
        self.saved: list[tuple[Mapping, tuple[float, ...], Font | None]] = []
        self.fonts: dict[int, Font] = {}
        self.font: Font | None = None
        self.world: tuple[float, ...] = (1.0, 0.0, 0.0, 1.0)
        self.texts: list[MetaText] = []
        self.raster = False
        self.plus_only = False
        self.frame_device = 0.0  # frame height in device pixels
        self.mm_per_device: float | None = None

    def header(self, body: bytes) -> None:
        if len(body) < 88 or struct.unpack_from("<I", body, 40)[0] != SIGNATURE:
            raise Unreadable("not an enhanced metafile header")
        _, top, _, bottom = struct.unpack_from("<4i", body, 24)  # frame, 0.01 mm
        _, dev_cy, _, mm_cy = struct.unpack_from("<4i", body, 72)  # device px, mm
        if bottom <= top or dev_cy <= 0 or mm_cy <= 0:
            raise Unreadable("the picture has no frame or no reference device")
        self.mm_per_device = mm_cy / dev_cy
        self.frame_device = (bottom - top) / 100 / self.mm_per_device

    def record(self, kind: int, body: bytes) -> None:
        if kind in (EMR_SETWINDOWEXTEX, EMR_SETVIEWPORTEXTEX) and len(body) >= 16:
            cx, cy = struct.unpack_from("<2i", body, 8)
            ext = (float(cx), float(cy))
            if kind == EMR_SETWINDOWEXTEX:
                self.dc = replace(self.dc, window=ext)
            else:
                self.dc = replace(self.dc, viewport=ext)
        elif kind in (EMR_SCALEVIEWPORTEXTEX, EMR_SCALEWINDOWEXTEX) and len(body) >= 24:
            factors = struct.unpack_from("<4i", body, 8)
            if kind == EMR_SCALEWINDOWEXTEX:
                self.dc = replace(self.dc, window=scaled(self.dc.window, *factors))
            else:
                self.dc = replace(self.dc, viewport=scaled(self.dc.viewport, *factors))
        elif kind in UNREAD_TEXT:
            raise Unreadable("text drawn by PolyTextOut records, which are not read")
        elif kind == EMR_SETMAPMODE and len(body) >= 12:
            self.dc = replace(self.dc, mode=struct.unpack_from("<I", body, 8)[0])
        elif kind == EMR_SAVEDC:
            if len(self.saved) >= MAX_SAVED:
                raise Unreadable("too many saved device contexts")
            self.saved.append((self.dc, self.world, self.font))
        elif kind == EMR_RESTOREDC and len(body) >= 12:
            self._restore(struct.unpack_from("<i", body, 8)[0])
        elif kind in (EMR_SETWORLDTRANSFORM, EMR_MODIFYWORLDTRANSFORM) and len(body) >= 32:
            self._transform(kind, body)
        elif kind == EMR_EXTCREATEFONTINDIRECTW and len(body) >= 104:
            handle, height = struct.unpack_from("<Ii", body, 8)
            charset = body[12 + 23]
            face = body[40:104].decode("utf-16-le", errors="replace").split("\0", 1)[0]
            if len(self.fonts) >= MAX_RECORDS // 10 and handle not in self.fonts:
                raise Unreadable("too many fonts")
            self.fonts[handle] = Font(height, face, charset)
        elif kind == EMR_SELECTOBJECT and len(body) >= 12:
            handle = struct.unpack_from("<I", body, 8)[0]
            if handle in self.fonts:
                self.font = self.fonts[handle]
            elif handle & 0x80000000 and (handle & 0x7FFFFFFF) in range(10, 18):
                self.font = None  # a stock font: its height is the system's
        elif kind in (EMR_DELETEOBJECT, *CREATES_OTHER) and len(body) >= 12:
            self.fonts.pop(struct.unpack_from("<I", body, 8)[0], None)
        elif kind in (EMR_EXTTEXTOUTA, EMR_EXTTEXTOUTW):
            self._text(self._ext_text(kind, body))
        elif kind == EMR_SMALLTEXTOUT:
            self._text(self._small_text(body))
        elif kind == EMR_COMMENT:
            self._comment(body)
        elif kind in RASTER:
            self.raster = True

    def _restore(self, which: int) -> None:
        index = len(self.saved) + which if which < 0 else which - 1
        if not 0 <= index < len(self.saved):
            raise Unreadable("restores a device context never saved")
        self.dc, self.world, self.font = self.saved[index]
        del self.saved[index:]

    def _transform(self, kind: int, body: bytes) -> None:
        m = _xform(body)[:4]
        mode = 4 if kind == EMR_SETWORLDTRANSFORM else (
            struct.unpack_from("<I", body, 32)[0] if len(body) >= 36 else 0)
        a11, a12, a21, a22 = self.world
        if mode == 1:
            new = (1.0, 0.0, 0.0, 1.0)
        elif mode == 2:  # left multiply: the new matrix first, then the current one
            new = (m[0] * a11 + m[1] * a21, m[0] * a12 + m[1] * a22,
                   m[2] * a11 + m[3] * a21, m[2] * a12 + m[3] * a22)
        elif mode == 3:  # right multiply
            new = (a11 * m[0] + a12 * m[2], a11 * m[1] + a12 * m[3],
                   a21 * m[0] + a22 * m[2], a21 * m[1] + a22 * m[3])
        elif mode == 4:
            new = (m[0], m[1], m[2], m[3])
        else:
            return
        self.world = new
        self.dc = replace(self.dc, world=math.hypot(new[2], new[3]))

    def _ext_text(self, kind: int, body: bytes) -> str:
        if len(body) < 76:
            raise Unreadable("text record too short")
        count, offset = struct.unpack_from("<II", body, 44)
        count = min(count, MAX_CHARS)
        width = 2 if kind == EMR_EXTTEXTOUTW else 1
        end = offset + count * width
        if count and (offset < 76 or end > len(body)):
            raise Unreadable("text outside its record")
        raw = body[offset:end]
        if width == 2:
            return raw.decode("utf-16-le", errors="replace")
        return self.font.decode(raw) if self.font is not None else raw.decode("cp1252", "replace")

    def _small_text(self, body: bytes) -> str:
        if len(body) < 36:
            raise Unreadable("text record too short")
        count, options = struct.unpack_from("<II", body, 16)
        count = min(count, MAX_CHARS)
        start = 36 if options & ETO_NO_RECT else 52
        width = 1 if options & ETO_SMALL_CHARS else 2
        raw = body[start:start + count * width]
        if len(raw) != count * width:
            raise Unreadable("text outside its record")
        return raw.decode("latin-1") if width == 1 else raw.decode("utf-16-le", "replace")

    def _text(self, raw: str) -> None:
        add_text(self.texts, raw, self.font, self.dc, self.mm_per_device, self.frame_device)

    def _comment(self, body: bytes) -> None:
        if len(body) < 16 or struct.unpack_from("<I", body, 12)[0] != EMFPLUS:
            return
        if len(body) >= 28 and struct.unpack_from("<H", body, 16)[0] == EMFPLUS_HEADER:
            flags = struct.unpack_from("<H", body, 18)[0]
            self.plus_only = not flags & EMFPLUS_DUAL


def read_emf(data: bytes) -> MetaPicture:
    """Play an EMF's records that matter for text; raise ``Unreadable`` on any doubt."""
    reader = _Reader()
    pos, count, size = 0, 0, len(data)
    while pos + 8 <= size:
        kind, length = struct.unpack_from("<II", data, pos)
        if length < 8 or length % 4 or pos + length > size:
            raise Unreadable(f"record {count} has an impossible length")
        count += 1
        if count > MAX_RECORDS:
            raise Unreadable("too many records")
        body = data[pos:pos + length]
        if count == 1:
            if kind != EMR_HEADER:
                raise Unreadable("does not start with an EMF header")
            reader.header(body)
        elif kind == EMR_EOF:
            break
        else:
            try:
                reader.record(kind, body)
            except (struct.error, OverflowError, ZeroDivisionError) as exc:
                raise Unreadable(f"record {count} is damaged") from exc
        pos += length
    else:
        if count == 0:
            raise Unreadable("empty picture")
        raise Unreadable("the picture ends before its end record")
    if reader.plus_only:
        raise Unreadable("EMF+ only: the text is drawn by GDI+ records")
    return MetaPicture("EMF", tuple(reader.texts), reader.raster)
