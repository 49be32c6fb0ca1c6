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
    assert "reference (file name: 'Справка')" in text


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
