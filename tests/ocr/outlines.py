"""PDFs whose text is outlines: every glyph drawn as a filled path, no text layer and no picture.

This is what "convert text to curves" (a print driver, a layout program, a PDF editor's
"flatten") gives: the page shows text, yet no text can be taken from the file. The glyphs come
from a Cyrillic TrueType font through fontTools, as pdfwrite's ``-dNoOutputFonts`` draws them.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from fontTools.pens.basePen import BasePen
from fontTools.ttLib import TTFont

from tests.ocr.scans import FONTS

A4 = (595, 842)


class _PdfPen(BasePen):
    """Writes a glyph's contours as PDF path operators, scaled and moved to its place."""

    def __init__(self, glyphs: object, scale: float, x: float, y: float) -> None:
        super().__init__(glyphs)
        self.ops: list[str] = []
        self.scale, self.x, self.y = scale, x, y

    def _xy(self, pt: tuple[float, float]) -> str:
        return f"{self.x + pt[0] * self.scale:.2f} {self.y + pt[1] * self.scale:.2f}"

    def _moveTo(self, pt: tuple[float, float]) -> None:
        self.ops.append(f"{self._xy(pt)} m")

    def _lineTo(self, pt: tuple[float, float]) -> None:
        self.ops.append(f"{self._xy(pt)} l")

    def _curveToOne(self, p1: tuple[float, float], p2: tuple[float, float],
                    p3: tuple[float, float]) -> None:
        self.ops.append(f"{self._xy(p1)} {self._xy(p2)} {self._xy(p3)} c")

    def _closePath(self) -> None:
        self.ops.append("h")


def _page_ops(font: TTFont, paragraphs: list[str], size_pt: float, size: tuple[int, int],
              width_chars: int) -> bytes:
    glyphs = font.getGlyphSet()
    cmap = font.getBestCmap()
    scale = size_pt / font["head"].unitsPerEm
    ops: list[str] = []
    y = size[1] - 72.0
    for paragraph in paragraphs:
        for line in textwrap.wrap(paragraph, width_chars) or [""]:
            x = 72.0
            for char in line:
                name = cmap.get(ord(char), ".notdef")
                pen = _PdfPen(glyphs, scale, x, y)
                glyphs[name].draw(pen)
                ops.extend(pen.ops)
                x += glyphs[name].width * scale
            y -= size_pt * 1.4
        y -= size_pt * 0.6
    ops.append("f")
    return "\n".join(ops).encode()


def outlined_pdf(pages: list[list[str]], size_pt: float = 11.0,
                 size: tuple[int, int] = A4, width_chars: int = 75) -> bytes:
    """A PDF of ``pages`` (each a list of paragraphs, wrapped at ``width_chars``) on pages of
    ``size`` points, with every letter drawn as a path."""
    font = TTFont(next(f for f in FONTS if Path(f).exists()))
    count = len(pages)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
                   b" ".join(b"%d 0 R" % (3 + 2 * n) for n in range(count)), count)]
    for n, paragraphs in enumerate(pages):
        content = _page_ops(font, paragraphs, size_pt, size, width_chars)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
                       b"/Resources << >> >>" % (size[0], size[1], 4 + 2 * n))
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    return pdf_file(objects)


def pdf_file(objects: list[bytes]) -> bytes:
    """A PDF of ``objects`` (object 1 the catalogue), numbered in order, with its xref."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)
