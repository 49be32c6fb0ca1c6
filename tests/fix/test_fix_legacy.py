"""`validator fix --convert-legacy`: a .ppt or .doc saved as .pptx/.docx through LibreOffice,
then fixed like any other file; without the option, or where LibreOffice cannot convert it,
the file is copied as it is."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from pptx import Presentation

from validator.commands.main import main

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
SAMPLE_DECK = Path("samples/non-compliant-item/Таныстырылым_қаз.pptx")


def _soffice() -> str:
    found = shutil.which("soffice")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) is missing (CI=true: .ci/run installs it)")
        pytest.skip("LibreOffice (soffice) is not installed")
    return found


def _as_ppt(tmp: Path) -> Path:
    """The sample's 4:3 Kazakh deck (14 pt text on slide 2) saved as .ppt by LibreOffice."""
    soffice = _soffice()
    work = tmp / "convert"
    work.mkdir()
    shutil.copyfile(SAMPLE_DECK, work / "deck.pptx")
    subprocess.run([soffice, f"-env:UserInstallation={(tmp / 'lo').as_uri()}", "--headless",
                    "--convert-to", "ppt", "--outdir", str(work), str(work / "deck.pptx")],
                   check=True, capture_output=True, timeout=180)
    item = tmp / "item"
    item.mkdir()
    ppt = item / "Таныстырылым_қаз.ppt"
    shutil.copyfile(work / "deck.ppt", ppt)
    return ppt


def test_a_ppt_is_saved_as_pptx_and_fixed(tmp_path: Path) -> None:
    ppt = _as_ppt(tmp_path)
    before = ppt.read_bytes()
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["fix", str(ppt.parent), "--output", str(out),
                                       "--convert-legacy", "--format", "json",
                                       "--no-isolation"])
    assert result.exit_code in (0, 1), result.output
    doc = json.loads(result.output)
    [fix] = doc["fixes"]
    kinds = [r["kind"] for r in fix["fixes"]]
    assert kinds[0] == "converted" and fix["fixes"][0]["after"] == ".pptx"
    assert any(r["code"] == "SLD002" for r in fix["fixes"])  # fixed after the conversion
    copy = out / "item" / "Таныстырылым_қаз.pptx"
    assert copy.is_file() and not (out / "item" / "Таныстырылым_қаз.ppt").exists()
    assert len(Presentation(str(copy)).slides) == 3
    slide2 = etree.fromstring(zipfile.ZipFile(copy).read("ppt/slides/slide2.xml"))
    sizes = [int(r.get("sz")) for r in slide2.iter(f"{A}rPr") if r.get("sz")]
    assert sizes and min(sizes) >= 2000  # runs, not the paragraph-end marks that size nothing
    assert ppt.read_bytes() == before  # the input is only read
    files = {Path(f["path"]).name: f for p in doc["report"]["packages"] for f in p["files"]}
    assert "SLD002" not in {x["code"] for x in files["Таныстырылым_қаз.pptx"]["findings"]}


def test_without_the_option_the_legacy_file_is_copied_as_it_is(tmp_path: Path) -> None:
    ppt = _as_ppt(tmp_path)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["fix", str(ppt.parent), "--output", str(out),
                                       "--format", "json", "--no-isolation"])
    assert result.exit_code in (0, 1), result.output
    assert (out / "item" / ppt.name).read_bytes() == ppt.read_bytes()
    assert not (out / "item" / "Таныстырылым_қаз.pptx").exists()


def test_a_pptx_named_ppt_is_fixed_as_it_is_and_given_its_extension(tmp_path: Path) -> None:
    """A .pptx whose extension was shortened to .ppt is read, and fixed, as the .pptx it
    is: without ``--convert-legacy`` under its own name; with it, under .pptx, its bytes as
    they are (no LibreOffice), and the record says so."""
    item = tmp_path / "item"
    item.mkdir()
    ppt = item / "Таныстырылым_қаз.ppt"
    shutil.copyfile(SAMPLE_DECK, ppt)
    before = ppt.read_bytes()
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["fix", str(item), "--output", str(out), "--format",
                                       "json", "--no-isolation"])
    assert result.exit_code in (0, 1), result.output
    [fix] = json.loads(result.output)["fixes"]
    assert {r["code"] for r in fix["fixes"]} == {"SLD002"}
    copy = out / "item" / ppt.name
    slide2 = etree.fromstring(zipfile.ZipFile(copy).read("ppt/slides/slide2.xml"))
    sizes = [int(r.get("sz")) for r in slide2.iter(f"{A}rPr") if r.get("sz")]
    assert sizes and min(sizes) >= 2000

    out = tmp_path / "out2"
    result = CliRunner().invoke(main, ["--lang", "ru", "fix", str(item), "--output", str(out),
                                       "--convert-legacy", "--no-isolation"])
    assert result.exit_code in (0, 1), result.output
    assert ("FIL002 файл целиком: получил расширение того, чем он является, — .pptx "
            "(назывался .ppt; содержимое не изменено)") in result.output
    assert (out / "item" / "Таныстырылым_қаз.pptx").is_file()
    assert not (out / "item" / ppt.name).exists()
    assert ppt.read_bytes() == before


def test_an_rtf_named_doc_is_converted_as_rtf(tmp_path: Path) -> None:
    """``--convert-legacy`` saves an RTF file named .doc as .docx through LibreOffice's RTF
    filter (the .doc one cannot open it), and says it was converted from .rtf."""
    from tests.formats.test_content_format import rtf

    _soffice()
    item = tmp_path / "item"
    item.mkdir()
    (item / "Справка_рус.doc").write_bytes(rtf(["Справка о ходе работ", "Текст справки."]))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["fix", str(item), "--output", str(out),
                                       "--convert-legacy", "--format", "json",
                                       "--no-isolation"])
    assert result.exit_code in (0, 1), result.output
    [fix] = json.loads(result.output)["fixes"]
    [record] = fix["fixes"]
    assert (record["kind"], record["before"], record["after"]) == ("converted", ".doc", ".docx")
    copy = out / "item" / "Справка_рус.docx"
    assert zipfile.ZipFile(copy).read("word/document.xml").decode().count("Справка о ходе") == 1


def test_a_workbook_named_xls_is_copied_as_it_is(tmp_path: Path) -> None:
    """An .xlsx named .xls is read as the workbook it is; ``--convert-legacy`` has nothing to
    save for it (workbooks are not converted) and copies it byte for byte."""
    import io

    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"in_memory": True})
    book.add_worksheet().write(0, 0, "Кесте")
    book.close()
    item = tmp_path / "item"
    item.mkdir()
    (item / "Кесте_қаз.xls").write_bytes(buf.getvalue())
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["fix", str(item), "--output", str(out),
                                       "--convert-legacy", "--format", "json",
                                       "--no-isolation"])
    assert result.exit_code in (0, 1), result.output
    assert json.loads(result.output)["fixes"] == []
    assert (out / "item" / "Кесте_қаз.xls").read_bytes() == buf.getvalue()
