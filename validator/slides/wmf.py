"""``read_wmf``: the text a Windows Metafile draws, with font heights as frame fractions.

The picture's frame is the placeable header's bounding box (logical units, ``inch`` of them per
inch); playback maps the metafile's window (``META_SETWINDOWEXT``) onto that frame, as
LibreOffice and Windows do. Followed records: map mode, window and viewport extents, saved
device contexts, the object table (every object created takes the lowest free slot, so every
kind of object is counted, not only fonts), font selection and the text records (TextOut,
ExtTextOut). A WMF without a placeable header takes its first window as the frame (texts drawn
before it have no readable size), with no physical unit (fixed map modes unreadable). Every length
is checked against the data; any inconsistency raises ``Unreadable``.
"""

from __future__ import annotations

import heapq
import struct

from validator.slides.metafile import (
    MAX_CHARS,
    MAX_RECORDS,
    MAX_SAVED,
    MM_ANISOTROPIC,
    Font,
    Mapping,
    MetaPicture,
    MetaText,
    Unreadable,
    add_text,
    scaled,
)

PLACEABLE_KEY = 0x9AC6CDD7
META_EOF, META_SETMAPMODE = 0x0000, 0x0103
META_SETWINDOWEXT, META_SETVIEWPORTEXT = 0x020C, 0x020E
META_SCALEWINDOWEXT, META_SCALEVIEWPORTEXT = 0x0410, 0x0412
META_SAVEDC, META_RESTOREDC = 0x001E, 0x0127
META_SELECTOBJECT, META_DELETEOBJECT = 0x012D, 0x01F0
META_CREATEFONTINDIRECT = 0x02FB
#: Records that create an object in the table (each takes the lowest free slot).
CREATES = frozenset({0x00F7, 0x01F9, 0x02FA, 0x02FB, 0x02FC, 0x0142, 0x06FF})
META_TEXTOUT, META_EXTTEXTOUT = 0x0521, 0x0A32
RASTER = frozenset({0x0940, 0x0B41, 0x0F43, 0x0922, 0x0B23, 0x0D33})
ETO_OPAQUE, ETO_CLIPPED = 0x0002, 0x0004
MAX_OBJECTS = 0xFFFF


class _Reader:
    """The state of one playback: device context, saved contexts, object table, texts."""

    def __init__(self, frame: tuple[int, int] | None, inch: int) -> None:
        size = (float(frame[0]), float(frame[1])) if frame is not None else (1.0, 1.0)
        self.dc = Mapping(MM_ANISOTROPIC, size, size)
        self.frame = size[1] if frame is not None else 0.0
        self.mm_per_device = 25.4 / inch if inch else None
        self.saved: list[tuple[Mapping, Font | None]] = []
        self.objects: dict[int, Font | None] = {}
        self.free: list[int] = []
        self.next = 0
        self.font: Font | None = None
        self.texts: list[MetaText] = []
        self.raster = False

    def record(self, kind: int, body: bytes) -> None:
        if kind in (META_SETWINDOWEXT, META_SETVIEWPORTEXT) and len(body) >= 4:
            y, x = struct.unpack_from("<2h", body)
            ext = (float(x), float(y))
            if kind == META_SETWINDOWEXT and not self.frame and y:
                self.frame = abs(ext[1])  # no placeable header: the first window is the frame
                self.dc = Mapping(self.dc.mode, ext, ext)
            elif kind == META_SETWINDOWEXT:
                self.dc = Mapping(self.dc.mode, ext, self.dc.viewport)
            else:
                self.dc = Mapping(self.dc.mode, self.dc.window, ext)
        elif kind in (META_SCALEWINDOWEXT, META_SCALEVIEWPORTEXT) and len(body) >= 8:
            y_den, y_num, x_den, x_num = struct.unpack_from("<4h", body)
            if kind == META_SCALEWINDOWEXT:
                window = scaled(self.dc.window, x_num, x_den, y_num, y_den)
                self.dc = Mapping(self.dc.mode, window, self.dc.viewport)
            else:
                viewport = scaled(self.dc.viewport, x_num, x_den, y_num, y_den)
                self.dc = Mapping(self.dc.mode, self.dc.window, viewport)
        elif kind == META_SETMAPMODE and len(body) >= 2:
            mode = struct.unpack_from("<H", body)[0]
            self.dc = Mapping(mode, self.dc.window, self.dc.viewport)
        elif kind == META_SAVEDC:
            if len(self.saved) >= MAX_SAVED:
                raise Unreadable("too many saved device contexts")
            self.saved.append((self.dc, self.font))
        elif kind == META_RESTOREDC and len(body) >= 2:
            which = struct.unpack_from("<h", body)[0]
            index = len(self.saved) + which if which < 0 else which - 1
            if not 0 <= index < len(self.saved):
                raise Unreadable("restores a device context never saved")
            self.dc, self.font = self.saved[index]
            del self.saved[index:]
        elif kind in CREATES:
            self._create(kind, body)
        elif kind == META_SELECTOBJECT and len(body) >= 2:
            handle = struct.unpack_from("<H", body)[0]
            obj = self.objects.get(handle)
            if obj is not None:
                self.font = obj
        elif kind == META_DELETEOBJECT and len(body) >= 2:
            handle = struct.unpack_from("<H", body)[0]
            if self.objects.pop(handle, "absent") != "absent":
                heapq.heappush(self.free, handle)
        elif kind == META_TEXTOUT:
            self._text(self._textout(body))
        elif kind == META_EXTTEXTOUT:
            self._text(self._ext_textout(body))
        elif kind in RASTER:
            self.raster = True

    def _create(self, kind: int, body: bytes) -> None:
        font = None
        if kind == META_CREATEFONTINDIRECT:
            if len(body) < 18:
                raise Unreadable("font record too short")
            height = struct.unpack_from("<h", body)[0]
            face = body[18:50].split(b"\0", 1)[0].decode("cp1252", errors="replace")
            font = Font(height, face, body[13])
        if self.free:
            slot = heapq.heappop(self.free)
        else:
            if self.next >= MAX_OBJECTS:
                raise Unreadable("too many objects")
            slot, self.next = self.next, self.next + 1
        self.objects[slot] = font

    def _decode(self, raw: bytes) -> str:
        return self.font.decode(raw) if self.font is not None else raw.decode("cp1252", "replace")

    def _textout(self, body: bytes) -> str:
        if len(body) < 2:
            raise Unreadable("text record too short")
        count = min(max(struct.unpack_from("<h", body)[0], 0), MAX_CHARS)
        if 2 + count > len(body):
            raise Unreadable("text outside its record")
        return self._decode(body[2:2 + count])

    def _ext_textout(self, body: bytes) -> str:
        if len(body) < 8:
            raise Unreadable("text record too short")
        count, options = struct.unpack_from("<hH", body, 4)
        count = min(max(count, 0), MAX_CHARS)
        start = 16 if options & (ETO_OPAQUE | ETO_CLIPPED) else 8
        if start + count > len(body):
            raise Unreadable("text outside its record")
        return self._decode(body[start:start + count])

    def _text(self, raw: str) -> None:
        add_text(self.texts, raw, self.font, self.dc, self.mm_per_device, self.frame)


def read_wmf(data: bytes) -> MetaPicture:
    """Play a placeable WMF's records that matter for text; raise ``Unreadable`` on any doubt."""
    if len(data) < 24:
        raise Unreadable("too short for a Windows Metafile")
    start = 0
    reader = _Reader(None, 0)
    if struct.unpack_from("<I", data)[0] == PLACEABLE_KEY:
        left, top, right, bottom, inch = struct.unpack_from("<4hH", data, 6)
        if right == left or bottom == top or inch == 0:
            raise Unreadable("the picture has an empty frame")
        reader = _Reader((abs(right - left), abs(bottom - top)), inch)
        start = 22
    if len(data) < start + 18:
        raise Unreadable("too short for a Windows Metafile")
    kind, header_words = struct.unpack_from("<HH", data, start)
    if kind not in (1, 2) or header_words != 9:
        raise Unreadable("not a Windows Metafile header")
    pos, count, size = start + 18, 0, len(data)
    while pos + 6 <= size:
        words, function = struct.unpack_from("<IH", data, pos)
        length = words * 2
        if length < 6 or pos + length > size:
            raise Unreadable(f"record {count} has an impossible length")
        count += 1
        if count > MAX_RECORDS:
            raise Unreadable("too many records")
        if function == META_EOF:
            break
        try:
            reader.record(function, data[pos + 6:pos + length])
        except (struct.error, OverflowError, ZeroDivisionError) as exc:
            raise Unreadable(f"record {count} is damaged") from exc
        pos += length
    else:
        raise Unreadable("the picture ends before its end record")
    return MetaPicture("WMF", tuple(reader.texts), reader.raster)
