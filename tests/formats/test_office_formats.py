"""Every format Office or LibreOffice saves a material in is read: the slide shows (.pps,
.ppsm), the templates (.pot, .potm, .dot, .dotm, .xlt, .xltx, .xltm), as their siblings are.

A Russian presentation saved as a slide show (.pps) was a note "not a material": the deck was
never read, and its Kazakh partner's package had LNG001 "no Russian version"; a .ppsm with a
macro project passed with that note.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.conftest import run
from tests.formats.test_legacy import participant_lists
from tests.security import hostile as h
from validator.core.findings import Location, Report, Severity, Status
from validator.files.content import content_format
from validator.files.member import FORMATS
from validator.formats.families import FAMILY
from validator.settings.options import Settings

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
needs_lo = pytest.mark.skipif(shutil.which("soffice") is None or
                              not Path("/usr/bin/python3").exists(),
                              reason="LibreOffice is installed by .ci/run")

#: The main part's content type of each format, as Office writes it.
MAIN = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    "ppsm": "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
    "potm": "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "dotm": "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "xltx": "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    "xltm": "application/vnd.ms-excel.template.macroEnabled.main+xml",
}
#: LibreOffice's export filter of each 97-2003 format made here, and of the workbooks.
EXPORT = {"pps": "MS PowerPoint 97 AutoPlay", "pot": "MS PowerPoint 97 Vorlage",
          "dot": "MS Word 97 Vorlage", "xlt": "MS Excel 97 Vorlage/Template",
          "xlsx": "Calc MS Excel 2007 XML"}


def retyped(data: bytes, old: str, new: str) -> bytes:
    """An OOXML file with its main part's content type ``old`` changed to ``new`` (a .pptx
    made a .ppsm, as PowerPoint's "Save as" changes it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                assert MAIN[old].encode() in body
                body = body.replace(MAIN[old].encode(), MAIN[new].encode())
            dst.writestr(info.filename, body)
    return out.getvalue()


def _saved(source: Path, fmt: str, out: Path) -> Path:
    """``source`` saved by LibreOffice's command line as ``fmt`` with its own filter."""
    out.mkdir(exist_ok=True)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{out / 'lo-profile'}",
                    "--headless", "--convert-to", f"{fmt}:{EXPORT[fmt]}",
                    "--outdir", str(out), str(source)],
                   capture_output=True, check=True, timeout=300)
    made = out / f"{source.stem}.{fmt}"
    assert made.is_file(), f"LibreOffice did not save {made.name}"
    return made


def _facts(report: Report, ext: str) -> list[tuple[str, str, str | None, str | None, object]]:
    extra = ("converted_from", "read_as")
    return sorted((f.format, f.kind, f.role, f.language,
                   tuple(v for k, v in f.extra if k in extra))
                  for f in report.packages[0].files if f.path.endswith("." + ext))


@pytest.mark.parametrize(("name", "fmt", "kind", "role"), [
    ("Презентация_рус.pptx", "ppsm", "presentation", "presentation"),
    ("Презентация_рус.pptx", "potm", "presentation", "presentation"),
    ("Справка_рус.docx", "dotm", "document", "reference"),
])
def test_an_office_open_xml_twin_is_read_as_its_sibling(tmp_path: Path, name: str, fmt: str,
                                                       kind: str, role: str) -> None:
    package = tmp_path / "item"
    shutil.copytree(SAMPLES / "compliant-item", package)
    original = package / name
    old = original.suffix.lstrip(".")
    original.with_suffix("." + fmt).write_bytes(retyped(original.read_bytes(), old, fmt))
    original.unlink()
    report = run(package)
    # a macro-enabled format is SEC002 even without a macro in it, as a .pptm is
    assert [(f.code, f.message("en")) for f in report.all_findings()] == [
        ("SEC002", "the file is macro-enabled")]
    assert _facts(report, fmt) == [(fmt, kind, role, "ru", ())]


@needs_lo
@pytest.mark.parametrize(("name", "fmt", "kind", "role"), [
    ("Презентация_рус.pptx", "pps", "presentation", "presentation"),
    ("Презентация_рус.pptx", "pot", "presentation", "presentation"),
    ("Справка_рус.docx", "dot", "document", "reference"),
])
def test_a_97_2003_slide_show_or_template_is_read_through_its_conversion(
        tmp_path: Path, name: str, fmt: str, kind: str, role: str) -> None:
    package = tmp_path / "item"
    shutil.copytree(SAMPLES / "compliant-item", package)
    shutil.move(_saved(package / name, fmt, tmp_path / "lo"), package)
    (package / name).unlink()
    report = run(package)
    assert [(f.code, f.message("en")) for f in report.all_findings()] == []
    # read as what its name says: a .pps's bytes are a .ppt's, and it is not "converted from .ppt"
    assert _facts(report, fmt) == [(fmt, "legacy" if kind == "legacy" else kind, role, "ru",
                                    (fmt,))]


@needs_lo
@pytest.mark.parametrize("fmt", ["xlt", "xltx", "xltm"])
def test_participant_lists_kept_as_workbook_templates_are_read(tmp_path: Path,
                                                               fmt: str) -> None:
    package = tmp_path / "item"
    saved = "xlt" if fmt == "xlt" else "xlsx"
    for made in participant_lists(package, tmp_path, f"{saved}:{EXPORT[saved]}"):
        data = made.read_bytes() if fmt == "xlt" else retyped(made.read_bytes(), "xlsx", fmt)
        (package / f"{made.stem}.{fmt}").write_bytes(data)
    report = run(package)
    macro = [("SEC002", "the file is macro-enabled")] * 2 if fmt == "xltm" else []
    assert [(f.code, f.message("en")) for f in report.all_findings()] == macro
    converted = (fmt,) if fmt == "xlt" else ()
    assert _facts(report, fmt) == [(fmt, "spreadsheet", "participant-list", lang, converted)
                                   for lang in ("kk", "ru")]


VBA_TYPE = "application/vnd.ms-office.vbaProject"
VBA = h.cfb({"VBA/dir": b"\x01", "PROJECT": b"ID"})


@pytest.mark.parametrize(("fmt", "data", "main"), [
    ("ppsm", h.pptx(main_type=MAIN["ppsm"], parts={"ppt/vbaProject.bin": VBA},
                    types={"ppt/vbaProject.bin": VBA_TYPE}), "ppt/presentation.xml"),
    ("potm", h.pptx(main_type=MAIN["potm"], parts={"ppt/vbaProject.bin": VBA},
                    types={"ppt/vbaProject.bin": VBA_TYPE}), "ppt/presentation.xml"),
    ("dotm", h.docx(parts={"word/vbaProject.bin": VBA},
                    types={"word/document.xml": MAIN["dotm"], "word/vbaProject.bin": VBA_TYPE}),
     "word/document.xml"),
    ("xltm", h.xlsx(main_type=MAIN["xltm"], parts={"xl/vbaProject.bin": VBA},
                    types={"xl/vbaProject.bin": VBA_TYPE}), "xl/workbook.xml"),
])
@pytest.mark.parametrize("settings", [Settings(), Settings(select=("SEC002",))])
def test_a_macro_project_in_a_slide_show_or_template_is_sec002(
        tmp_path: Path, fmt: str, data: bytes, main: str, settings: Settings) -> None:
    path = tmp_path / f"Материал_рус.{fmt}"
    path.write_bytes(data)
    report = run(path, settings=settings)
    [f] = [f for f in report.all_findings() if f.code == "SEC002"]
    assert (f.severity, f.status) == (Severity.ERROR, Status.VIOLATION)
    vba = main.split("/")[0] + "/vbaProject.bin"
    assert f.places == (Location(part=vba), Location(part=main))
    assert f.message("en") == ("the file is macro-enabled and holds a macro project "
                               "(program code)")


@pytest.mark.parametrize(("fmt", "old"), [("ppsm", "pptx"), ("potm", "pptx"), ("dotm", "docx"),
                                          ("xltx", "xlsx"), ("xltm", "xlsx")])
def test_each_twin_is_told_by_its_content_type(fmt: str, old: str) -> None:
    base = {"pptx": h.pptx(), "docx": h.docx(), "xlsx": h.xlsx()}[old]
    assert content_format(base) == old
    assert content_format(retyped(base, old, fmt)) == fmt


def test_every_format_of_a_family_is_read() -> None:
    """The formats of the Office families are the formats read: none is left a note."""
    documents = {ext for ext, family in FAMILY.items()
                 if family in ("document", "presentation", "spreadsheet")}
    assert documents <= set(FORMATS)
    assert {"pps", "ppsm", "pot", "potm", "dot", "dotm", "xlt", "xltx", "xltm"} <= documents
