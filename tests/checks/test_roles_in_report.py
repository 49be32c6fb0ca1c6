"""Every file report carries its role and the reason for it (the classification step)."""

from __future__ import annotations

import json
from pathlib import Path

from validator.api import check
from validator.reports.json import render as render_json
from validator.reports.text import render as render_text

from .docbuild import build_docx, write


def test_roles_and_reasons_in_json_and_text(tmp_path: Path) -> None:
    folder = tmp_path / "item"
    write(folder, "Справка.docx", build_docx(["СПРАВКА"]))
    write(folder, "document-2.docx", build_docx(["Жоба", "ӨСКЕМЕН ҚАЛАСЫ ӘКІМДІГІНІҢ ҚАУЛЫСЫ"]))
    write(folder, "x.docx", build_docx(["текст"], title="Список участников заседания"))
    write(folder, "broken.docx", b"not a zip")
    report = check(folder)
    data = json.loads(render_json(report, "en"))
    roles = {Path(f["path"]).name: (f["role"], f["role_reason"])
             for f in data["packages"][0]["files"]}
    assert roles == {
        "Справка.docx": ("reference", "file name: 'Справка'"),
        "document-2.docx": ("draft-resolution", "line 2: 'ӨСКЕМЕН ҚАЛАСЫ ӘКІМДІГІНІҢ ҚАУЛЫСЫ'"),
        "x.docx": ("participant-list", "document title: 'Список участников заседания'"),
        "broken.docx": ("other", "no role named in the file name, title or first lines"),
    }
    text = render_text(report, "ru")
    assert "справка (имя файла: «Справка»)" in text  # the role and its reason in words


def test_a_portrait_pdf_named_as_a_presentation_is_a_deck(tmp_path: Path) -> None:
    from tests.conftest import build_pdf

    portrait = build_pdf([(595, 842), (595, 842)])
    deck = write(tmp_path, "Презентация_рус.pdf", portrait)
    plain = write(tmp_path, "Справка_рус.pdf", portrait)
    (deck_file,) = check(deck).packages[0].files
    (plain_file,) = check(plain).packages[0].files
    assert (deck_file.kind, deck_file.role, deck_file.slides) == ("presentation",
                                                                  "presentation", 2)
    assert [f.code for f in deck_file.findings] == ["SLD001"]
    assert (plain_file.kind, plain_file.role, plain_file.pages) == ("document", "reference", 2)


def _xlsx(cells: list[str]) -> bytes:
    """A minimal workbook with inline strings in column A (no spreadsheet library needed)."""
    import io
    import zipfile

    rows = "".join(f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>{text}</t></is></c></row>'
                   for i, text in enumerate(cells, 1))
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml":
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
            'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels":
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        "xl/workbook.xml":
            f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="Лист1" '
            'sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels":
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            "</Relationships>",
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}"><sheetData>{rows}'
                                    "</sheetData></worksheet>",
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in parts.items():
            z.writestr(name, text.encode("utf-8"))
    return buf.getvalue()


def test_a_spreadsheet_titled_in_its_first_cell(tmp_path: Path) -> None:
    path = write(tmp_path, "Приложение 2.xlsx",
                 _xlsx(["Сравнительная таблица", "Действующая редакция"]))
    (f,) = check(path).packages[0].files
    assert (f.role, f.role_reason) == ("comparison-table",
                                       "first heading: 'Сравнительная таблица'")
    assert f.findings == ()
