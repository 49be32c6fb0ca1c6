"""Varied .docx documents for page-count tests and benchmarks, made with python-docx.

Documents vary the way real references do: font (Times New Roman, Arial, Calibri), size,
line and paragraph spacing, margins, paper, language (Russian or Kazakh sentences from the
FLORES-200 corpus), headings, lists, tables, explicit breaks, images, landscape sections,
headers and two-column sections. A seed fixes every choice.
"""

from __future__ import annotations

import random
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

CORPUS_TEXT = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "text"

MARGINS = {  # top, bottom, left, right in mm
    "kz": (20, 20, 30, 15),
    "word": (25.4, 25.4, 31.75, 31.75),
    "narrow": (12.7, 12.7, 12.7, 12.7),
}


def png_bytes(width: int, height: int, seed: int) -> bytes:
    """A small solid-colour PNG (no imaging library needed)."""
    color = bytes([(seed * 37) % 256, (seed * 91) % 256, (seed * 53) % 256])
    raw = b"".join(b"\x00" + color * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


@dataclass(frozen=True)
class Sentences:
    ru: list[str]
    kk: list[str]

    @classmethod
    def load(cls, root: Path = CORPUS_TEXT) -> Sentences:
        def read(name: str) -> list[str]:
            text = (root / f"flores200-devtest.{name}.txt").read_text(encoding="utf-8")
            return [s for s in text.splitlines() if s.strip()]

        return cls(read("rus_Cyrl"), read("kaz_Cyrl"))


def _columns(section: docx.section.Section, num: int) -> None:
    sect = section._sectPr
    cols = sect.find(qn("w:cols"))
    if cols is None:
        cols = OxmlElement("w:cols")
        sect.append(cols)
    cols.set(qn("w:num"), str(num))
    cols.set(qn("w:space"), "708")


def _font(document: docx.document.Document, name: str, size: float) -> None:
    style = document.styles["Normal"]
    style.font.name = name
    style.font.size = Pt(size)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), name)


def make_document(
    seed: int, sentences: Sentences, path: Path, image_dir: Path
) -> dict[str, object]:
    """Write one random document to ``path``; returns the choices made."""
    rng = random.Random(seed)
    doc = docx.Document()
    font = rng.choices(["Times New Roman", "Arial", "Calibri"], [6, 2, 2])[0]
    size = rng.choice([11, 12, 13, 14])
    spacing = rng.choice([1.0, 1.15, 1.5])
    after = rng.choice([0, 0, 3, 6, 10])
    margins = rng.choice(list(MARGINS))
    letter = rng.random() < 0.1
    lang = "kk" if rng.random() < 0.2 else "ru"
    pool = sentences.kk if lang == "kk" else sentences.ru
    blocks = rng.randint(3, 40)
    features = {f for f in ("headings", "lists", "tables", "breaks", "images", "landscape",
                            "header", "columns") if rng.random() < 0.15}
    _font(doc, font, size)
    normal = doc.styles["Normal"].paragraph_format
    normal.line_spacing = spacing
    normal.space_after = Pt(after)
    normal.first_line_indent = Cm(1.25)
    sec = doc.sections[0]
    sec.page_width, sec.page_height = (Mm(215.9), Mm(279.4)) if letter else (Mm(210), Mm(297))
    top, bottom, left, right = MARGINS[margins]
    sec.top_margin, sec.bottom_margin = Mm(top), Mm(bottom)
    sec.left_margin, sec.right_margin = Mm(left), Mm(right)
    if "header" in features:
        sec.header.paragraphs[0].text = rng.choice(pool)[:80]
        sec.footer.paragraphs[0].text = "1"
    if "columns" in features:
        _columns(sec, 2)
    for n in range(blocks):
        roll = rng.random()
        if "headings" in features and roll < 0.12:
            doc.add_heading(rng.choice(pool)[:70], level=rng.choice([1, 2]))
        elif "lists" in features and roll < 0.25:
            style = rng.choice(["List Bullet", "List Number"])
            for _ in range(rng.randint(2, 5)):
                doc.add_paragraph(rng.choice(pool), style=style)
        elif "tables" in features and roll < 0.35:
            rows, cols = rng.randint(2, 12), rng.randint(2, 5)
            table = doc.add_table(rows=rows, cols=cols)
            table.style = "Table Grid"
            for row in table.rows:
                for cell in row.cells:
                    cell.text = rng.choice(pool)[: rng.randint(5, 90)]
        elif "breaks" in features and roll < 0.42:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif "images" in features and roll < 0.5:
            img = image_dir / f"img{seed}_{n}.png"
            img.write_bytes(png_bytes(rng.randint(20, 80), rng.randint(10, 60), seed + n))
            doc.add_picture(str(img), width=Cm(rng.uniform(3, 15)))
        elif "landscape" in features and roll < 0.55 and n > 2:
            new = doc.add_section(WD_SECTION.NEW_PAGE)
            new.orientation = (WD_ORIENT.PORTRAIT if new.orientation == WD_ORIENT.LANDSCAPE
                               else WD_ORIENT.LANDSCAPE)
            new.page_width, new.page_height = new.page_height, new.page_width
        else:
            text = " ".join(rng.choice(pool) for _ in range(rng.randint(1, 6)))
            para = doc.add_paragraph(text)
            para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    doc.save(str(path))
    return {"font": font, "size": size, "spacing": spacing, "after": after,
            "margins": margins, "letter": letter, "lang": lang, "blocks": blocks,
            "features": sorted(features)}
