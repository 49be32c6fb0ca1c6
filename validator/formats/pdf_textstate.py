"""Text state of the PDF interpreter: matrices, numbers, and fonts (name, decoder, scale).

Matrices are PDF's ``[a b c d e f]`` in the row-vector convention (``p' = p x M``). A font is
decoded with pypdf's encoding and ``/ToUnicode`` reader (``pypdf._cmap.get_encoding``); a
damaged font decodes as Latin-1 rather than stopping the size check. Type 3 fonts carry their
own ``/FontMatrix``, whose vertical scale relative to the usual 1/1000 multiplies the size.
"""

from __future__ import annotations

import math
from typing import Any

Matrix = tuple[float, float, float, float, float, float]

IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
#: Characters that are list bullets or decoration, never the author's text.
BULLETS = frozenset("•◦▪▫■□●○◆◇►▸▹▶▷➢➣➤✓✔✗✘–—-»«·∙⁃‣⦿⦾")


def mult(m: Matrix, n: Matrix) -> Matrix:
    """Return ``m x n`` for PDF matrices ``[a b c d e f]`` (row-vector convention)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s,
            e * p + f * r + t, e * q + f * s + u)


def num(value: Any, default: float = 0.0) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return default
    return number if math.isfinite(number) else default


def matrix_of(operands: list[Any]) -> Matrix | None:
    if len(operands) < 6:
        return None
    values = [num(v, math.nan) for v in operands[:6]]
    if any(math.isnan(v) for v in values):
        return None
    return (values[0], values[1], values[2], values[3], values[4], values[5])


def is_bullet_only(text: str) -> bool:
    chars = [c for c in text if not c.isspace()]
    return bool(chars) and all(c in BULLETS or 0xE000 <= ord(c) <= 0xF8FF for c in chars)


class PdfFont:
    """What the interpreter needs of a font: a name, a decoder, glyph widths (to place the
    text's box) and the Type 3 matrix scale."""

    def __init__(self, name: str, resource: Any) -> None:
        self.name = name
        self.encoding: str | dict[int, str] = "latin-1"
        self.cmap: dict[Any, Any] = {}
        self.scale = 1.0
        self.widths: dict[str, float] = {}
        self.default_width = 500.0
        try:
            from pypdf.generic._font import Font

            font = Font.from_font_resource(resource)
            self.widths = {k: float(v) for k, v in font.character_widths.items()}
            self.default_width = self.widths.get("default", 500.0) or 500.0
        except Exception:  # widths only place the box: an estimate will do
            pass
        try:
            from pypdf._cmap import get_encoding

            self.encoding, self.cmap = get_encoding(resource)
        except Exception:  # a damaged font must not stop the size check
            self.encoding, self.cmap = "latin-1", {}
        try:
            if resource.get("/Subtype") == "/Type3":
                fm = [num(v) for v in resource.get("/FontMatrix", [])]
                if len(fm) == 6:
                    self.scale = math.hypot(fm[2], fm[3]) / 0.001
        except (AttributeError, TypeError):
            pass

    def decode(self, raw: Any) -> tuple[str, float]:
        """The text of a string operand, and its advance in text space units (per 1 pt)."""
        original = getattr(raw, "get_original_bytes", None)
        if original is not None:  # pypdf parsed the string as PDFDocEncoding text
            raw = original()
        if isinstance(raw, str):
            return raw, len(raw) * self.default_width / 1000
        if not isinstance(raw, bytes):
            return "", 0.0
        if isinstance(self.encoding, str):
            try:
                text = raw.decode(self.encoding, "replace")
            except LookupError:
                text = raw.decode("latin-1")
        else:
            text = "".join(self.encoding.get(b, chr(b)) for b in raw)
        out = []
        advance = 0.0
        for ch in text:
            mapped = self.cmap.get(ch, ch)
            out.append(mapped if isinstance(mapped, str) else ch)
            advance += self.widths.get(ch, self.default_width)
        return "".join(out), advance / 1000


def xobject(resources: Any, name: Any) -> tuple[Any, Any] | None:
    """Return ``(key, object)`` of the XObject ``name`` in ``resources``; None if absent.

    The key (object number, else identity) lets callers refuse a form that draws itself.
    """
    try:
        ref = resources["/XObject"].get_object()[name]
        obj = ref.get_object()
    except (KeyError, TypeError, AttributeError):
        return None
    return getattr(ref, "idnum", id(obj)), obj
