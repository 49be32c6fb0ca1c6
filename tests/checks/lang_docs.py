"""Builders of small real DOCX/PPTX files for the language rules' tests."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx import Document as DocxDocument
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Emu, Inches

from tests.conftest import run as checked_run
from validator.core.findings import Finding, Report


def docx(path: Path, paragraphs: Sequence[str]) -> Path:
    """A DOCX with one paragraph per string."""
    d = DocxDocument()
    for text in paragraphs:
        d.add_paragraph(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))
    return path


def pptx(path: Path, slides: Sequence[Sequence[str]], chart_title: str | None = None) -> Path:
    """A 16:9 deck: each slide a title (first string) and one text box per further string;
    optionally a chart with a title on the last slide."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
    layout = prs.slide_layouts[5]  # title only
    for texts in slides:
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = texts[0] if texts else ""
        for n, text in enumerate(texts[1:]):
            box = slide.shapes.add_textbox(Inches(1), Inches(2 + n), Inches(8), Inches(1))
            box.text_frame.text = text
    if chart_title is not None:
        data = CategoryChartData()
        data.categories = ["2024", "2025"]
        data.add_series("s", (1.0, 2.0))
        frame = prs.slides[-1].shapes.add_chart(
            XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(3), Inches(6), Inches(3), data
        )
        frame.chart.has_title = True
        frame.chart.chart_title.text_frame.text = chart_title
    path.parent.mkdir(parents=True, exist_ok=True)
    prs.save(str(path))
    return path


def run(path: Path) -> Report:
    """Check with default settings; the JSON report is validated against the schema."""
    return checked_run(path)


def findings(report: Report, code: str) -> list[Finding]:
    return sorted(
        (f for f in report.all_findings() if f.code == code),
        key=lambda f: (f.file, f.location.sort_key()),
    )


def name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


KK_TEXT = [
    "Өскемен қаласы әкімдігінің 2025 жылғы 9 желтоқсандағы № 3904 қаулысы туралы анықтама",
    "1. Бағдарламаға 4 589 731 теңге бөлінді, бұл өткен жылғы көрсеткіштен 15% артық.",
    "2. Мемлекеттік қызмет көрсету сапасы жақсарды, өтініштер саны 120-ға азайды.",
    "3. Жұмыс 2026 жылы жалғасады және нәтижелері тоқсан сайын қаралады.",
]
RU_TEXT = [
    "Справка о постановлении акимата города Усть-Каменогорска от 09.12.2025 № 3904",
    "1. На программу выделено 4589731 тенге, что на 15 % больше показателя прошлого года.",
    "2. Качество оказания государственных услуг улучшилось, число обращений сократилось на 120.",
    "3. Работа продолжится в 2026 году, а её результаты будут рассматриваться ежеквартально.",
]


def xlsx(path: Path, rows: Sequence[Sequence[str | float]]) -> Path:
    """A minimal one-sheet workbook: strings as inline strings, numbers as numeric cells."""
    import zipfile
    from xml.sax.saxutils import escape

    cells = []
    for r, row in enumerate(rows, start=1):
        parts = []
        for c, value in enumerate(row):
            ref = f"{chr(65 + c)}{r}"
            if isinstance(value, str):
                parts.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>')
            else:
                parts.append(f'<c r="{ref}"><v>{value:g}</v></c>')
        cells.append(f'<row r="{r}">{"".join(parts)}</row>')
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    files = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package'
            '.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats'
            '-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            '</Relationships>'),
        "xl/workbook.xml": (
            f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
            '<sheet name="1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            '</Relationships>'),
        "xl/worksheets/sheet1.xml": (
            f'<worksheet xmlns="{main}"><sheetData>{"".join(cells)}</sheetData></worksheet>'),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in files.items():
            z.writestr(name, body)
    return path


def docx_with_table(path: Path, heading: str, rows: Sequence[Sequence[str]]) -> Path:
    """A DOCX with a heading paragraph and one table."""
    d = DocxDocument()
    d.add_paragraph(heading)
    table = d.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            table.cell(i, j).text = text
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(path))
    return path
