"""PDFs that show Cyrillic text but whose text layer reads as mojibake (``Ñïðàâêà``).

Old PDF printers and converters embed a "Cyr" TrueType font under the Windows Latin encoding
(WinAnsiEncoding) with no map to Unicode: the page shows Russian, drawn by glyphs placed at the
Latin-1 codes, and every reader takes the text as Windows-1251 bytes read as Windows-1252. Made
here the same way: the font's Cyrillic glyphs are mapped to the Latin-1 code points whose
Windows-1252 bytes are their Windows-1251 ones, and the font is embedded, subset, without a
ToUnicode map.
"""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from tests.ocr.outlines import A4, pdf_file
from tests.ocr.scans import FONTS


def _cyr_font() -> tuple[bytes, list[int], int]:
    """The font file (its Latin-1 codes drawing Cyrillic letters), the widths of codes 32-255
    in thousandths of an em, and its units per em."""
    font = TTFont(next(f for f in FONTS if Path(f).exists()))
    best = font.getBestCmap()
    remapped: dict[int, str] = {}
    for code in range(0x80, 0x100):
        byte = bytes([code])
        cyrillic = byte.decode("cp1251", errors="ignore")
        latin = byte.decode("cp1252", errors="ignore")
        if cyrillic and latin and ord(cyrillic) in best:
            remapped[ord(latin)] = best[ord(cyrillic)]
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap.update(remapped)
    options = subset.Options()
    options.notdef_outline = True
    options.drop_tables += ["FFTM"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=list(range(32, 127)) + list(remapped))
    subsetter.subset(font)
    em = font["head"].unitsPerEm
    cmap = font.getBestCmap()
    widths = []
    for code in range(32, 256):
        latin = bytes([code]).decode("cp1252", errors="ignore")
        name = cmap.get(ord(latin)) if latin else None
        widths.append(round(font["hmtx"][name][0] * 1000 / em) if name else 0)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue(), widths, em


def _escaped(line: str) -> bytes:
    raw = line.encode("cp1251")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def garbled_pdf(paragraphs: list[str], size_pt: float = 11.0,
                size: tuple[int, int] = A4) -> bytes:
    """A one-page PDF showing ``paragraphs`` in Cyrillic, its text layer mojibake."""
    data, widths, _ = _cyr_font()
    lines = [b"BT /F1 %.1f Tf %.1f TL 72 %d Td" % (size_pt, size_pt * 1.4, size[1] - 72)]
    for paragraph in paragraphs:
        for line in textwrap.wrap(paragraph, 75) or [""]:
            lines.append(b"(" + _escaped(line) + b") Tj T*")
        lines.append(b"T*")
    lines.append(b"ET")
    content = b"\n".join(lines)
    return pdf_file([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>" % size,
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /TrueType /BaseFont /CyrSerif /FirstChar 32 /LastChar 255 "
        b"/Widths [%s] /Encoding /WinAnsiEncoding /FontDescriptor 6 0 R >>"
        % b" ".join(b"%d" % w for w in widths),
        b"<< /Type /FontDescriptor /FontName /CyrSerif /Flags 32 /FontBBox [-600 -300 2000 "
        b"1000] /ItalicAngle 0 /Ascent 900 /Descent -250 /CapHeight 700 /StemV 80 "
        b"/FontFile2 7 0 R >>",
        b"<< /Length %d /Length1 %d >>\nstream\n%s\nendstream" % (len(data), len(data), data),
    ])
