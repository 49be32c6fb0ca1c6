"""Glyph advance widths and line heights of the fonts a document names.

Fonts are found the way LibreOffice finds them: by asking fontconfig (``fc-match``), whose
metric aliases map Times New Roman to Liberation Serif, Arial to Liberation Sans, Calibri to
Carlito and so on. Advance widths come from the font's ``hmtx`` table through fontTools;
glyphs a font lacks (Cyrillic in Caladea, say) take the widths of the font fontconfig picks
for that script. Line height is hhea ascender + descender + line gap, as LibreOffice lays out
Word documents (external leading included).

Without fontTools or without font files, a documented fallback is used: an average advance
of 0.47 em for serif faces and 0.53 em for sans faces, and a line height of 1.15 em. Its
results carry a larger uncertainty.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from dataclasses import dataclass, field

SANS_HINTS = ("arial", "sans", "calibri", "carlito", "verdana", "tahoma", "helvetica", "segoe")
FALLBACK_SERIF_EM = 0.47
FALLBACK_SANS_EM = 0.53
FALLBACK_LINE_EM = 1.15


@dataclass(frozen=True)
class FaceMetrics:
    """Per-em metrics of one face: advance per code point, default advance, line height."""

    advances: dict[int, float]
    default_advance: float
    line_em: float
    exact: bool
    fallback: FaceMetrics | None = None

    def advance(self, char: str) -> float:
        """Advance of ``char`` in em."""
        cp = ord(char)
        value = self.advances.get(cp)
        if value is not None:
            return value
        if self.fallback is not None:
            return self.fallback.advance(char)
        return self.default_advance


def _approximate(family: str) -> FaceMetrics:
    sans = any(h in family.casefold() for h in SANS_HINTS)
    avg = FALLBACK_SANS_EM if sans else FALLBACK_SERIF_EM
    return FaceMetrics({32: 0.25}, avg, FALLBACK_LINE_EM, exact=False)


def _load_face(path: str) -> tuple[dict[int, float], float, float] | None:
    try:
        from fontTools.ttLib import TTFont, TTLibError
    except ImportError:
        return None
    # fontTools logs harmless warnings (e.g. odd 'created' timestamps) for some fonts.
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    try:
        font = TTFont(path, lazy=True, fontNumber=0)
        upm = float(font["head"].unitsPerEm)
        hmtx = font["hmtx"].metrics
        cmap = font.getBestCmap() or {}
        advances = {cp: hmtx[g][0] / upm for cp, g in cmap.items() if g in hmtx}
        hhea = font["hhea"]
        line = (hhea.ascent - hhea.descent + hhea.lineGap) / upm
        if line <= 0:
            os2 = font["OS/2"]
            line = (os2.usWinAscent + os2.usWinDescent) / upm
        default = hmtx[".notdef"][0] / upm if ".notdef" in hmtx else 0.5
        font.close()
    except (OSError, KeyError, TTLibError, AttributeError, ValueError):
        return None
    return advances, default, line


@dataclass
class FontBook:
    """Explicit cache of face metrics for one run (fontconfig is asked once per face)."""

    use_fonts: bool = True
    fc_match: str | None = field(default_factory=lambda: shutil.which("fc-match"))
    _faces: dict[tuple[str, bool], FaceMetrics] = field(default_factory=dict)
    _files: dict[tuple[str, bool, str], FaceMetrics | None] = field(default_factory=dict)

    @property
    def exact(self) -> bool:
        """Whether real font files can be measured here."""
        if not self.use_fonts or self.fc_match is None:
            return False
        try:
            import fontTools  # noqa: F401
        except ImportError:
            return False
        return True

    def face(self, family: str, bold: bool) -> FaceMetrics:
        key = (family.casefold(), bold)
        cached = self._faces.get(key)
        if cached is None:
            cached = self._resolve(family, bold)
            self._faces[key] = cached
        return cached

    def _resolve(self, family: str, bold: bool) -> FaceMetrics:
        if not self.exact:
            return _approximate(family)
        main = self._from_pattern(family, bold, "")
        if main is None:
            return _approximate(family)
        # Glyphs missing from the face come from the face fontconfig picks for Cyrillic.
        backup = self._from_pattern(family, bold, ":charset=0430 0456 049b")
        return FaceMetrics(main.advances, main.default_advance, main.line_em, True, backup)

    def _from_pattern(self, family: str, bold: bool, extra: str) -> FaceMetrics | None:
        key = (family.casefold(), bold, extra)
        if key in self._files:
            return self._files[key]
        result: FaceMetrics | None = None
        pattern = family.replace(":", " ") + (":bold" if bold else "") + extra
        assert self.fc_match is not None
        try:
            done = subprocess.run(
                [self.fc_match, "-f", "%{file}", pattern],
                capture_output=True, text=True, timeout=10, check=False,
            )
            path = done.stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            path = ""
        loaded = _load_face(path) if path else None
        if loaded is not None:
            result = FaceMetrics(loaded[0], loaded[1], loaded[2], True)
        self._files[key] = result
        return result
