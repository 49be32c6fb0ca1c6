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
