"""What the EMF and WMF readers share: their result, their limits, and font arithmetic.

A preview picture of an embedded object is read only for the text it draws: each text record
with the height of the font it was drawn in, as a fraction of the picture's frame height. The
caller multiplies that fraction by the displayed height of the object on the slide. Everything
is bounded (record count, text count, string length) and nothing in the file is trusted: any
inconsistency raises ``Unreadable``, which the caller turns into "needs review".
"""

from __future__ import annotations

import math
from dataclasses import dataclass

#: Records read at most before the picture is declared unreadable (a hostile record count).
MAX_RECORDS = 200_000
#: Text records kept at most; more are read as "cannot read" too.
MAX_TEXTS = 2_000
#: Characters kept from one text record.
MAX_CHARS = 4_096
#: Saved device contexts kept at most (SaveDC without RestoreDC).
MAX_SAVED = 64


class Unreadable(ValueError):
    """The picture is damaged, truncated, hostile or of a kind the readers do not decode."""


@dataclass(frozen=True, slots=True)
class MetaText:
    """One text record: its text and its font's em height as a fraction of the frame height.

    ``fraction`` is None when the font's height cannot be decided (no font selected, a zero
    height that lets the system choose).
    """

    text: str
    fraction: float | None


@dataclass(frozen=True, slots=True)
class MetaPicture:
    """What a preview picture draws as text. ``raster`` is True when it also draws bitmaps
    (text inside a bitmap has no readable size); ``kind`` is ``EMF`` or ``WMF``."""

    kind: str
    texts: tuple[MetaText, ...]
    raster: bool


#: Em height over cell height (ascent + descent) of common fonts, from their hhea/OS2 tables:
#: a positive ``lfHeight`` is a cell height, and the size a renderer draws is the em height.
EM_PER_CELL = {
    "arial": 0.8951, "helvetica": 0.8951, "liberation sans": 0.8951,
    "times new roman": 0.9030, "liberation serif": 0.9030,
    "courier new": 0.8828, "liberation mono": 0.8828, "calibri": 0.8192, "carlito": 0.8192,
    "verdana": 0.8228, "tahoma": 0.8285, "segoe ui": 0.7518, "georgia": 0.8801,
}
#: For a face not in the table: the smallest ratio above, so that a size is never overstated.
EM_PER_CELL_UNKNOWN = min(EM_PER_CELL.values())

#: Windows character sets to the code page their 8-bit text is written in.
CODEPAGES = {
    0: "cp1252", 1: "cp1252", 2: "latin-1", 77: "mac_roman", 128: "cp932", 129: "cp949",
    130: "johab", 134: "gbk", 136: "cp950", 161: "cp1253", 162: "cp1254", 163: "cp1258",
    177: "cp1255", 178: "cp1256", 186: "cp1257", 204: "cp1251", 222: "cp874", 238: "cp1250",
    255: "cp437",
}


@dataclass(frozen=True, slots=True)
class Font:
    """A logical font as created: height in logical units (GDI sign convention), face, set."""

    height: int
    face: str
    charset: int

    def em(self) -> float | None:
        """The em height in logical units (negative height: em; positive: cell height)."""
        if self.height == 0:
            return None
        if self.height < 0:
            return float(-self.height)
        ratio = EM_PER_CELL.get(self.face.strip().lower(), EM_PER_CELL_UNKNOWN)
        return self.height * ratio

    def decode(self, raw: bytes) -> str:
        """8-bit text in the font's character set."""
        return raw.decode(CODEPAGES.get(self.charset, "cp1252"), errors="replace")


#: Map modes with a fixed unit: millimetres per logical unit (MM_TEXT is one device pixel).
FIXED_MM = {2: 0.1, 3: 0.01, 4: 0.254, 5: 0.0254, 6: 25.4 / 1440}
MM_TEXT, MM_ISOTROPIC, MM_ANISOTROPIC = 1, 7, 8


@dataclass(frozen=True, slots=True)
class Mapping:
    """The part of a device context that maps logical units to device units."""

    mode: int = MM_TEXT
    window: tuple[float, float] = (1.0, 1.0)
    viewport: tuple[float, float] = (1.0, 1.0)
    world: float = 1.0  # vertical scale of the world transform (EMF)

    def vertical(self, mm_per_device: float | None) -> float | None:
        """Device units per logical unit, vertically; None when it cannot be decided."""
        if self.mode in (MM_ISOTROPIC, MM_ANISOTROPIC):
            if self.window[1] == 0 or (self.mode == MM_ISOTROPIC and self.window[0] == 0):
                return None
            factor = abs(self.viewport[1] / self.window[1])
            if self.mode == MM_ISOTROPIC:  # one scale for both axes: the smaller one
                factor = min(factor, abs(self.viewport[0] / self.window[0]))
        elif self.mode in FIXED_MM:
            if not mm_per_device:
                return None
            factor = FIXED_MM[self.mode] / mm_per_device
        else:
            factor = 1.0
        return factor * self.world


def scaled(ext: tuple[float, float], x_num: int, x_den: int, y_num: int, y_den: int
           ) -> tuple[float, float]:
    """An extent scaled by ScaleWindowExt/ScaleViewportExt; a zero denominator is damage."""
    if x_den == 0 or y_den == 0:
        raise Unreadable("an extent scaled by a zero denominator")
    return ext[0] * x_num / x_den, ext[1] * y_num / y_den


def fraction(em: float | None, factor: float | None, frame: float) -> float | None:
    """Em height over frame height, or None when any part is unknown, zero or not finite."""
    if em is None or factor is None or frame <= 0:
        return None
    value = em * factor / frame
    return value if math.isfinite(value) and value > 0 else None


#: Faces whose glyphs are pictures (bullets, arrows, check marks), not letters: a text record
#: drawn in one is a symbol, as PowerPoint's own bullets are, and is neither quoted nor sized.
#: Symbol itself is not among them: its Greek letters are text.
PICTURE_FACES = frozenset({"wingdings", "wingdings 2", "wingdings 3", "webdings", "marlett",
                           "zapf dingbats", "itc zapf dingbats", "zapfdingbats", "monotype sorts",
                           "ms outlook", "bookshelf symbol 7", "ms reference specialty",
                           "opensymbol"})


def add_text(texts: list[MetaText], raw: str, font: Font | None, dc: Mapping,
             mm_per_device: float | None, frame: float) -> None:
    """Record one text record's text and its em height over the frame (EMF and WMF alike);
    blank text and text in a picture font (``PICTURE_FACES``) are skipped, and more than
    ``MAX_TEXTS`` records is damage."""
    text = text_of(raw)
    if not text.strip():
        return
    if font is not None and font.face.strip().lower() in PICTURE_FACES:
        return
    if len(texts) >= MAX_TEXTS:
        raise Unreadable("too many text records")
    em = font.em() if font is not None else None
    texts.append(MetaText(text, fraction(em, dc.vertical(mm_per_device), frame)))


def text_of(raw: str) -> str:
    """Text as drawn, without NULs and control characters, at most ``MAX_CHARS`` long."""
    return "".join(ch for ch in raw[:MAX_CHARS] if ch >= " " or ch == "\t")
