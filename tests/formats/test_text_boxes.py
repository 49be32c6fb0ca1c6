"""Text in a Word text box is read once.

Word writes a text box twice, as DrawingML (``mc:Choice``) and as a VML fallback
(``mc:Fallback``), inside a run of the paragraph it is anchored to. Every paragraph of a text box
was read four times: glued twice to the text of its anchor paragraph and listed twice on its own.
A Russian reference laid out in a text box was "0.26 times as long" as its Kazakh version, with
each of its figures "only in the Russian text" three times over (two LNG003 findings, one an
error).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
from lxml import etree

from tests.conftest import run
from tests.slides.helpers import open_doc
from validator.core.findings import Verdict

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "v": "urn:schemas-microsoft-com:vml",
}


def _box_run(paragraphs: list[str]) -> etree._Element:
    """A run holding a text box as Word saves it: DrawingML, and VML as its fallback."""
    content = "".join(f"<w:p><w:pPr><w:tabs><w:tab w:val='left' w:pos='720'/></w:tabs></w:pPr>"
                      f"<w:r><w:t>{text}</w:t></w:r></w:p>" for text in paragraphs)
    declarations = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NAMESPACES.items())
    return etree.fromstring(
        f"<w:r {declarations}><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing>"
        f"<wp:anchor><wp:extent cx='5400000' cy='3000000'/><wp:docPr id='1' name='Надпись 1'/>"
        f"<a:graphic><a:graphicData uri='{NAMESPACES['wps']}'><wps:wsp><wps:txbx>"
        f"<w:txbxContent>{content}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData>"
        f"</a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape>"
        f"<v:textbox><w:txbxContent>{content}</w:txbxContent></v:textbox></v:shape></w:pict>"
        f"</mc:Fallback></mc:AlternateContent></w:r>")


def boxed(path: Path, title: str, paragraphs: list[str]) -> Path:
    """A document of ``title`` and a text box holding ``paragraphs``."""
    document = docx.Document()
    document.add_paragraph(title)
    document.add_paragraph()._p.append(_box_run(paragraphs))
    document.save(str(path))
    return path


def test_each_paragraph_of_a_text_box_is_one_block(tmp_path: Path) -> None:
    path = boxed(tmp_path / "Справка_рус.docx", "СПРАВКА",
                 ["В 2026 году отремонтировано 42 улицы.", "Стоимость работ 3 250 млн тенге."])
    assert [b.text for b in open_doc(path).text_blocks] == [
        "СПРАВКА", "В 2026 году отремонтировано 42 улицы.", "Стоимость работ 3 250 млн тенге."]


def test_a_reference_laid_out_in_a_text_box_is_compared_as_it_reads(tmp_path: Path) -> None:
    item = tmp_path / "item"
    shutil.copytree(SAMPLES / "compliant-item", item)
    reference = item / "Справка_рус.docx"
    title, *paragraphs = [p.text for p in docx.Document(str(reference)).paragraphs
                          if p.text.strip()]
    boxed(reference, title, paragraphs)
    report = run(item)
    assert report.all_findings() == ()
    assert report.packages[0].verdict is Verdict.ACCEPT


def boxed_workbook(path: Path, paragraphs: list[str]) -> Path:
    """A workbook whose only content is a text box holding ``paragraphs`` over its sheet."""
    import zipfile

    import openpyxl
    from openpyxl.drawing.image import Image as SheetPicture

    from tests.formats.test_pasted_scan import _page

    book = openpyxl.Workbook()
    book.active.add_image(SheetPicture(_page()), "A1")  # makes the sheet's drawing part
    book.save(str(path))
    a, xdr = NAMESPACES["a"], "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
    body = "".join(f"<a:p><a:r><a:t>{text}</a:t></a:r></a:p>" for text in paragraphs)
    box = (f'<xdr:twoCellAnchor xmlns:xdr="{xdr}" xmlns:a="{a}"><xdr:from><xdr:col>0</xdr:col>'
           f"<xdr:colOff>0</xdr:colOff><xdr:row>0</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>"
           f"<xdr:to><xdr:col>8</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>20</xdr:row>"
           f'<xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:sp><xdr:nvSpPr><xdr:cNvPr id="9" '
           f'name="Надпись 1"/><xdr:cNvSpPr txBox="1"/></xdr:nvSpPr><xdr:spPr/><xdr:txBody>'
           f"<a:bodyPr/>{body}</xdr:txBody></xdr:sp><xdr:clientData/></xdr:twoCellAnchor>")
    with zipfile.ZipFile(path) as source:
        members = {name: source.read(name) for name in source.namelist()}
    drawing = etree.fromstring(members["xl/drawings/drawing1.xml"])
    for anchor in list(drawing):
        drawing.remove(anchor)  # the picture goes: the text box is all the sheet shows
    drawing.append(etree.fromstring(box))
    members["xl/drawings/drawing1.xml"] = etree.tostring(drawing)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members.items():
            target.writestr(name, data)
    return path


def test_a_text_box_over_a_sheet_is_read(tmp_path: Path) -> None:
    """A participant list typed into a text box over an empty sheet was a workbook with no
    text: its language undetermined, and PKG001 said the package had no Russian list."""
    item = tmp_path / "item"
    shutil.copytree(SAMPLES / "compliant-item", item)
    source = item / "Список_участников_рус.docx"
    lines = [p.text for p in docx.Document(str(source)).paragraphs if p.text.strip()]
    lines += [" ".join(c.text for c in row.cells) for table in docx.Document(str(source)).tables
              for row in table.rows]
    source.unlink()
    path = boxed_workbook(item / "Список_участников_рус.xlsx", lines)
    blocks = open_doc(path).text_blocks
    assert [b.text for b in blocks] == lines
    assert {(b.location.sheet, b.location.shape, b.kind) for b in blocks} == {
        ("Sheet", "Надпись 1", "shape")}
    report = run(item)
    [listed] = [f for f in report.packages[0].files if f.path.endswith(".xlsx")]
    assert listed.language == "ru"
    assert report.all_findings() == ()
