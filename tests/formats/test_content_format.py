"""What a file's bytes are, whatever its name says (``validator.files.content``), and how a
legacy or open name is read by them: as Word opens an RTF file named .doc, or a .docx whose
extension was shortened to .doc.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from tests.checks.lang_docs import KK_TEXT, RU_TEXT, docx
from tests.conftest import build_docx, build_pdf, build_pptx, build_zip, only, run
from validator.core.findings import FileState
from validator.files.content import content_format

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "office"
LIBREOFFICE = pytest.mark.skipif(shutil.which("soffice") is None,
                                 reason="LibreOffice is installed by .ci/run")


def rtf(paragraphs: list[str]) -> bytes:
    """An RTF document as Word writes one: every letter beyond ASCII as ``\\uN?``."""
    def escaped(text: str) -> str:
        return "".join(ch if ord(ch) < 128 and ch not in "\\{}" else
                       f"\\u{ord(ch) if ord(ch) < 32768 else ord(ch) - 65536}?" for ch in text)

    body = "".join(f"{escaped(p)}\\par\n" for p in paragraphs)
    return ("{\\rtf1\\ansi\\ansicpg1251\\deff0{\\fonttbl{\\f0 Times New Roman;}}\n"
            f"\\f0\\fs28 {body}}}").encode("ascii")


@pytest.mark.parametrize(("data", "expected"), [
    (b"{\\rtf1\\ansi text}", "rtf"),
    (b"%PDF-1.7\n", "pdf"),
    (b"\n  %PDF-1.4\n", "pdf"),
    (b"<!DOCTYPE html><html><body>x</body></html>", "html"),
    (b"\xef\xbb\xbf\r\n<HTML xmlns:w=\"urn:schemas-microsoft-com:office:word\">", "html"),
    (b"just text", None),
    (b"", None),
    (b"PK\x03\x04broken", None),
    (build_zip({"mimetype": b"application/vnd.oasis.opendocument.text"}), "odt"),
    (build_zip({"mimetype": b"application/vnd.oasis.opendocument.presentation"}), "odp"),
    (build_zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}), "ods"),
    (build_zip({"mimetype": b"application/vnd.oasis.opendocument.graphics"}), None),
    (build_zip({"a.txt": b"x"}), None),
])
def test_formats_told_by_their_bytes(data: bytes, expected: str | None) -> None:
    assert content_format(data) == expected


def test_office_files_told_by_their_directory() -> None:
    assert content_format(build_docx(["Справка"])) == "docx"
    assert content_format(build_pptx()) == "pptx"
    assert content_format((CORPUS / "52117.doc").read_bytes()) == "doc"
    assert content_format((CORPUS / "keyframes.pptx").read_bytes()) == "pptm"
    assert content_format(build_pdf([(595, 842)])) == "pdf"


def test_an_index_too_large_is_not_looked_into() -> None:
    data = build_zip({"[Content_Types].xml": b" " * (1 << 20) + b"wordprocessingml.document.main"})
    assert content_format(data) is None


@LIBREOFFICE
def test_an_rtf_file_named_doc_is_converted_as_rtf(tmp_path: Path) -> None:
    """A register's export: RTF under .doc. Word opens it, and so it is read: paired with
    the Kazakh reference, its pages counted, its report saying it was converted from .rtf."""
    item = tmp_path / "item"
    docx(item / "Анықтама_қаз.docx", KK_TEXT)
    (item / "Справка_рус.doc").write_bytes(rtf(RU_TEXT))
    report = run(item)
    assert {f.code for f in report.all_findings()} == {"PKG001"}  # two materials of five
    files = {Path(f.path).name: f for f in report.packages[0].files}
    ru = files["Справка_рус.doc"]
    assert (ru.format, ru.language, ru.pages) == ("doc", "ru", 1)
    assert dict(ru.extra)["converted_from"] == "rtf"
    assert (item / "Справка_рус.doc").read_bytes() == rtf(RU_TEXT)


@LIBREOFFICE
def test_a_docx_named_doc_is_read_as_it_is(tmp_path: Path) -> None:
    """A .docx whose extension was shortened to .doc is read as the .docx it is, with no
    conversion; LibreOffice still counts its pages (under the extension of its bytes)."""
    item = tmp_path / "item"
    docx(item / "Анықтама_қаз.docx", KK_TEXT)
    docx(item / "Справка_рус.doc", RU_TEXT)
    report = run(item)
    assert {f.code for f in report.all_findings()} == {"PKG001"}  # two materials of five
    (ru,) = [f for f in report.packages[0].files if f.path.endswith(".doc")]
    assert (ru.format, ru.language, ru.pages, ru.pages_method) == ("doc", "ru", 1,
                                                                    "libreoffice")
    assert dict(ru.extra)["read_as"] == "docx"
    assert "converted_from" not in dict(ru.extra)
    from validator.reports.text import render

    (line,) = [x for x in render(report, "ru").splitlines() if "Справка_рус.doc [" in x]
    assert "прочитан как файл .docx, которым он является" in line
    import json

    import jsonschema

    from validator.reports.json import render as render_json

    data = json.loads(render_json(report, "en"))
    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    (ru_json,) = [f for f in data["packages"][0]["files"] if f["path"].endswith(".doc")]
    assert ru_json["read_as"] == "docx" and ru_json["format"] == "doc"


def test_a_pptx_named_ppt_needs_no_libreoffice(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Read as it is: without LibreOffice a .pptx named .ppt is still checked, rule by rule
    (a 4:3 deck: SLD001)."""
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    path = tmp_path / "Слайды.ppt"
    path.write_bytes(build_pptx(9144000, 6858000))
    report = run(path, isolate=False)
    assert [f.code for f in report.all_findings()] == ["SLD001"]
    assert report.all_findings()[0].measured == pytest.approx(1.3333, abs=1e-4)
    assert dict(report.packages[0].files[0].extra)["read_as"] == "pptx"


@pytest.mark.parametrize(("name", "data", "real", "what_ru"), [
    ("Справка.doc", build_pptx(), "pptx", "презентацией PowerPoint"),
    ("Слайды.ppt", build_docx(["Справка"]), "docx", "документом Word"),
    ("Справка.doc", build_pdf([(595, 842)]), "pdf", "файлом PDF"),
    ("Справка.rtf", b"<html><body>\xd0\xa1\xd0\xbf\xd1\x80\xd0\xb0\xd0\xb2\xd0\xba\xd0\xb0"
                    b"</body></html>", "html", "веб-страницей"),
    ("Справка.pdf", build_docx(["Справка"]), "docx", "документом Word"),
    ("Справка.pdf", b"{\\rtf1\\ansi Spravka}", "rtf", "документом Word"),
])
def test_a_file_of_another_family_is_named_as_what_it_is(tmp_path: Path, name: str,
                                                         data: bytes, real: str,
                                                         what_ru: str) -> None:
    """A presentation named .doc, a document named .ppt or .pdf, a web page named .rtf: not
    read as something else, and FIL001 says what the file is and what to do."""
    path = tmp_path / name
    path.write_bytes(data)
    report = run(path)
    assert [f.code for f in report.all_findings()] == ["FIL001"]
    hit = only(report, "FIL001")[0]
    ext = name.rsplit(".", 1)[1]
    assert hit.message("ru") == (f"файл является {what_ru} (.{real}), но имеет расширение "
                                 f".{ext}: верните ему расширение .{real} или сохраните его "
                                 f"заново в формате .{ext}")
    assert f"(.{real}) named .{ext}" in hit.evidence
    assert report.packages[0].files[0].state is FileState.UNREADABLE
    assert path.read_bytes() == data


def _damaged_index() -> bytes:
    """A zip whose ``[Content_Types].xml`` does not inflate (its deflate stream is broken)."""
    import zipfile as zf

    buf = io.BytesIO()
    with zf.ZipFile(buf, "w", zf.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b"wordprocessingml.document.main" * 200)
    data = bytearray(buf.getvalue())
    start = data.index(b"[Content_Types].xml") + len("[Content_Types].xml") + 5
    for k in range(start, start + 20):
        data[k] ^= 0xFF
    return bytes(data)


def test_a_damaged_index_does_not_tell_and_costs_only_its_file(tmp_path: Path) -> None:
    """A .doc whose bytes are a zip with an index that does not inflate is read as its name
    says (it is not read: not_read), and the package's other file is still checked."""
    from validator.core.outcome import not_read

    assert content_format(_damaged_index()) is None
    item = tmp_path / "item"
    docx(item / "Анықтама_қаз.docx", KK_TEXT)
    (item / "Справка_рус.doc").write_bytes(_damaged_index())
    report = run(item)
    files = {Path(f.path).name: f for f in report.packages[0].files}
    assert set(files) == {"Анықтама_қаз.docx", "Справка_рус.doc"}
    assert files["Анықтама_қаз.docx"].language == "kk"
    assert any(not_read(f) for f in files["Справка_рус.doc"].findings)


def test_a_failure_while_converting_costs_only_its_file(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever fails while a legacy file is looked at or converted, that file is FIL001 with
    the reason, and the other files of its package and PATH are read."""
    import validator.discovery.conversion as conversion

    def broken(data: bytes) -> str | None:
        raise RuntimeError("reader fault")

    monkeypatch.setattr(conversion, "content_format", broken)
    item = tmp_path / "item"
    docx(item / "Анықтама_қаз.docx", KK_TEXT)
    (item / "Справка_рус.doc").write_bytes(rtf(RU_TEXT))
    report = run(item, isolate=False)
    files = {Path(f.path).name: f for f in report.packages[0].files}
    assert files["Анықтама_қаз.docx"].language == "kk"
    (hit,) = [f for f in files["Справка_рус.doc"].findings if f.code == "FIL001"]
    assert "RuntimeError: reader fault" in hit.evidence
