"""Small python-docx document builders shared by the page-count tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Mm, Pt

from bench.docgen import png_bytes

RU = ("Акимат города рассматривает вопросы развития инфраструктуры, образования и "
      "здравоохранения, а также исполнения бюджета за отчётный период. ")
KK = ("Қала әкімдігі инфрақұрылымды, білім беру мен денсаулық сақтауды дамыту мәселелерін, "
      "сондай-ақ есепті кезеңдегі бюджеттің атқарылуын қарайды. ")

Builder = Callable[[Document, Path], None]


def kz_page(doc: Document, font: str = "Times New Roman", size: float = 14,
            spacing: float = 1.0) -> None:
    """A4, 20/20/30/15 mm margins, justified text with a 1.25 cm first-line indent."""
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(20), Mm(20)
    sec.left_margin, sec.right_margin = Mm(30), Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(size)
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(docx.oxml.ns.qn(attr), font)
    fmt = normal.paragraph_format
    fmt.line_spacing = spacing
    fmt.space_after = Pt(0)
    fmt.first_line_indent = Cm(1.25)


def prose(doc: Document, paragraphs: int, text: str = RU, repeat: int = 4) -> None:
    for _ in range(paragraphs):
        doc.add_paragraph(text * repeat).alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def page_breaks(doc: Document, _: Path) -> None:
    kz_page(doc)
    for n in range(3):
        if n:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        doc.add_paragraph(RU)


def sections_landscape(doc: Document, _: Path) -> None:
    kz_page(doc)
    prose(doc, 2)
    sec = doc.add_section(WD_SECTION.NEW_PAGE)
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = sec.page_height, sec.page_width
    prose(doc, 2)
    sec = doc.add_section(WD_SECTION.NEW_PAGE)
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = sec.page_height, sec.page_width
    prose(doc, 1)


def pictures(doc: Document, tmp: Path) -> None:
    img = tmp / "pic.png"
    img.write_bytes(png_bytes(40, 40, 3))
    doc.styles["Normal"].paragraph_format.space_after = 0
    for _ in range(12):
        doc.add_picture(str(img), width=Cm(6))


def big_table(doc: Document, _: Path) -> None:
    kz_page(doc, size=12)
    prose(doc, 1)
    table = doc.add_table(rows=45, cols=4)
    table.style = "Table Grid"
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = (RU[: 30 + 17 * ((r + c) % 5)]).strip()
    prose(doc, 2)


def headings_lists(doc: Document, _: Path) -> None:
    kz_page(doc, spacing=1.15)
    for n in range(4):
        doc.add_heading(f"Раздел {n + 1}. Исполнение поручений", level=1)
        prose(doc, 2, repeat=3)
        for _ in range(4):
            doc.add_paragraph(RU, style="List Bullet")


def kazakh_15(doc: Document, _: Path) -> None:
    kz_page(doc, spacing=1.5)
    prose(doc, 14, text=KK)


def arial_12(doc: Document, _: Path) -> None:
    kz_page(doc, font="Arial", size=12, spacing=1.15)
    doc.styles["Normal"].paragraph_format.space_after = Pt(6)
    prose(doc, 16)


def calibri_default_template(doc: Document, _: Path) -> None:
    prose(doc, 18)


def header_footer(doc: Document, _: Path) -> None:
    kz_page(doc)
    sec = doc.sections[0]
    for _ in range(4):
        sec.header.add_paragraph("Проект. Для обсуждения на заседании акимата")
    sec.footer.paragraphs[0].text = "Страница"
    prose(doc, 12)


def mixed_sizes_spacers(doc: Document, _: Path) -> None:
    kz_page(doc)
    for n in range(14):
        para = doc.add_paragraph()
        run = para.add_run(RU * 3)
        run.font.size = Pt(10 + 2 * (n % 4))
        run.bold = n % 3 == 0
        doc.add_paragraph()


def page_break_before(doc: Document, _: Path) -> None:
    kz_page(doc)
    for n in range(5):
        para = doc.add_paragraph(RU * 2)
        para.paragraph_format.page_break_before = n > 0
    prose(doc, 3)


def exact_spacing(doc: Document, _: Path) -> None:
    kz_page(doc)
    fmt = doc.styles["Normal"].paragraph_format
    fmt.line_spacing = Pt(18)
    fmt.space_before = Pt(6)
    prose(doc, 15)


BUILDERS: dict[str, Builder] = {
    "page_breaks": page_breaks,
    "sections_landscape": sections_landscape,
    "pictures": pictures,
    "big_table": big_table,
    "headings_lists": headings_lists,
    "kazakh_15": kazakh_15,
    "arial_12": arial_12,
    "calibri_default_template": calibri_default_template,
    "header_footer": header_footer,
    "mixed_sizes_spacers": mixed_sizes_spacers,
    "page_break_before": page_break_before,
    "exact_spacing": exact_spacing,
}


def build(name: str, tmp: Path, builder: Builder | None = None) -> Path:
    doc = docx.Document()
    (builder or BUILDERS[name])(doc, tmp)
    path = tmp / f"{name}.docx"
    doc.save(str(path))
    return path


def prose_doc(tmp: Path, name: str, paragraphs: int, **page: object) -> Path:
    doc = docx.Document()
    kz_page(doc, **page)  # type: ignore[arg-type]
    prose(doc, paragraphs)
    path = tmp / f"{name}.docx"
    doc.save(str(path))
    return path
