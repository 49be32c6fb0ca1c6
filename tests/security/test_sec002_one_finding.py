"""SEC002: a file with macros is one problem with one fix, so one finding: its places are
every macro part, then the macro-enabled main part; its message names both facts. A
macro-enabled format without any macro part stays a finding of its own."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run as check
from tests.security import hostile as h
from validator.core.findings import Finding, Location, Severity

VBA_TYPE = "application/vnd.ms-office.vbaProject"
VBA = h.cfb({"VBA/dir": b"\x01", "PROJECT": b"ID"})
MACRO_SHEET = {"xl/macrosheets/sheet1.xml": b"<xm:macrosheet "
               b'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"/>'}


def _sec002(tmp_path: Path, name: str, data: bytes) -> list[Finding]:
    path = tmp_path / name
    path.write_bytes(data)
    return [f for f in check(path, isolate=False).all_findings() if f.code == "SEC002"]


def test_macro_enabled_deck_with_a_vba_project_is_one_finding(tmp_path: Path) -> None:
    deck = h.pptx(main_type=h.PPTM_MAIN, parts={"ppt/vbaProject.bin": VBA},
                  types={"ppt/vbaProject.bin": VBA_TYPE})
    [f] = _sec002(tmp_path, "d.pptm", deck)
    assert f.severity is Severity.ERROR
    assert f.location == Location(part="ppt/vbaProject.bin")
    assert f.places == (Location(part="ppt/vbaProject.bin"),
                        Location(part="ppt/presentation.xml"))
    assert f.message("en") == ("the file is macro-enabled and holds a macro project "
                               "(program code)")
    assert f.message("ru") == ("файл с поддержкой макросов, и в нём есть проект макросов "
                               "(программный код)")
    assert f.message("kk") == ("файл макростарды қолдайды және онда макростар жобасы "
                               "(бағдарлама коды) бар")
    assert "macroEnabled" in f.evidence and "/ppt/vbaProject.bin" in f.evidence


def test_renamed_macro_deck_says_its_name_and_its_code_once(tmp_path: Path) -> None:
    deck = h.pptx(main_type=h.PPTM_MAIN, parts={"ppt/vbaProject.bin": VBA},
                  types={"ppt/vbaProject.bin": VBA_TYPE})
    [f] = _sec002(tmp_path, "renamed.pptx", deck)
    assert f.measured == h.PPTM_MAIN
    assert f.message("en") == ("the file is macro-enabled but named .pptx, and holds a macro "
                               "project (program code)")


def test_macro_enabled_workbook_with_a_macro_sheet_is_one_finding(tmp_path: Path) -> None:
    book = h.xlsx(main_type=h.XLSM_MAIN, parts=MACRO_SHEET,
                  types={"xl/macrosheets/sheet1.xml": "application/vnd.ms-excel.macrosheet+xml"})
    [f] = _sec002(tmp_path, "b.xlsm", book)
    assert f.places == (Location(part="xl/macrosheets/sheet1.xml"),
                        Location(part="xl/workbook.xml"))
    assert f.message("en") == ("the file is macro-enabled and holds an Excel 4 macro sheet "
                               "(program code)")


def test_macro_enabled_format_without_macros_is_still_named(tmp_path: Path) -> None:
    [f] = _sec002(tmp_path, "d.pptm", h.pptx(main_type=h.PPTM_MAIN))
    assert (f.location, f.locations) == (Location(part="ppt/presentation.xml"), ())
    assert f.message("en") == "the file is macro-enabled"


def test_macro_project_in_an_ordinary_type_is_one_finding(tmp_path: Path) -> None:
    doc = h.docx(parts={"word/vbaProject.bin": VBA}, types={"word/vbaProject.bin": VBA_TYPE})
    [f] = _sec002(tmp_path, "d.docx", doc)
    assert (f.location, f.locations) == (Location(part="word/vbaProject.bin"), ())
    assert f.message("en") == "the file holds a macro project (program code)"
