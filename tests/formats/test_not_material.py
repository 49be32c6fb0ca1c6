"""FIL002: every file of a package that is not a document is named, never silently dropped."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import assert_valid_json, build_docx, only, run
from validator.core.findings import Severity, Verdict
from validator.settings.options import Settings

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "compliant-item"

EXECUTABLES = [
    ("setup.exe", b"MZ\x90\x00\x03" + bytes(60), "Windows program (MZ)"),
    ("tool", b"\x7fELF\x02\x01\x01" + bytes(60), "Linux program (ELF)"),
    ("app.bin", b"\xcf\xfa\xed\xfe" + bytes(60), "macOS program (Mach-O)"),
    ("install.sh", b"#!/bin/sh\nrm -rf ~\n", "script (#!)"),
    ("Справка.lnk", b"L\x00\x00\x00\x01\x14\x02\x00" + bytes(60), "Windows shortcut (.lnk)"),
    ("run.bat", b"@echo off\r\ndel *.*\r\n", "script (.bat)"),
    ("open.vbs", b"MsgBox 1\r\n", "script (.vbs)"),
    ("x.js", b"WScript.Echo(1)", "script (.js)"),
    ("p.ps1", b"Remove-Item *", "script (.ps1)"),
    ("s.scr", b"\x00\x01", "script (.scr)"),
    ("c.cmd", b"dir", "script (.cmd)"),
]


@pytest.mark.parametrize(("name", "data", "what"), EXECUTABLES, ids=[e[0] for e in EXECUTABLES])
def test_executables_and_scripts_are_errors(tmp_path: Path, name: str, data: bytes,
                                            what: str) -> None:
    package = tmp_path / "item"
    shutil.copytree(SAMPLE, package)
    (package / name).write_bytes(data)
    report = run(package)
    hits = only(report, "FIL002")
    assert [(h.file, h.severity, h.evidence) for h in hits] == [
        (f"{package.as_posix()}/{name}", Severity.ERROR, what)]
    assert "remove it from the package" in hits[0].message("en")
    assert "удалите файл из пакета" in hits[0].message("ru")
    assert "пакеттен алып тастаңыз" in hits[0].message("kk")
    # A compliant package with a program in it is never accepted.
    assert report.packages[0].verdict is Verdict.RETURN_FOR_CORRECTION
    assert_valid_json(report)


@pytest.mark.parametrize("name", ["скан_страницы.jpg", "page.png", "notes.txt", "data.csv"])
def test_other_files_are_named_as_info(tmp_path: Path, name: str) -> None:
    package = tmp_path / "item"
    shutil.copytree(SAMPLE, package)
    (package / name).write_bytes(b"\x89PNG\r\n\x1a\n" if name.endswith("png") else b"hello")
    report = run(package)
    hits = only(report, "FIL002")
    assert [(h.file, h.severity) for h in hits] == [(f"{package.as_posix()}/{name}",
                                                      Severity.INFO)]
    assert "not a material of the package" in hits[0].message("en")
    assert "не является материалом пакета" in hits[0].message("ru")
    assert "пакеттің материалы емес" in hits[0].message("kk")
    assert report.packages[0].verdict is Verdict.ACCEPT_WITH_NOTES


def test_a_file_that_is_not_a_material_follows_the_users_choice(tmp_path: Path) -> None:
    """FIL002 runs whatever is chosen, for the files it says were not read; what it says of a
    file that was read (not a material) is left out when the user did not choose it."""
    package = tmp_path / "item"
    shutil.copytree(SAMPLE, package)
    (package / "notes.txt").write_bytes(b"hello")
    for settings in (Settings(select=("SLD",)), Settings(ignore=("FIL002",))):
        report = run(package, settings=settings)
        assert only(report, "FIL002") == []
        assert report.packages[0].verdict is Verdict.ACCEPT


def test_manifest_is_exempt(tmp_path: Path) -> None:
    package = tmp_path / "item"
    shutil.copytree(SAMPLE, package)
    (package / "manifest.toml").write_text('extraordinary = false\n', encoding="utf-8")
    report = run(package)
    assert only(report, "FIL002") == []


def test_a_picture_sent_alone_is_named(tmp_path: Path) -> None:
    path = tmp_path / "скан.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + bytes(100))
    report = run(path)
    hits = only(report, "FIL002")
    assert [(h.severity, h.measured) for h in hits] == [(Severity.INFO, ".jpg")]


def test_a_document_named_like_a_script_is_still_a_document(tmp_path: Path) -> None:
    path = tmp_path / "Справка_рус.docx"
    path.write_bytes(build_docx(["Справка о ходе работ по городу."]))
    assert only(run(path), "FIL002") == []


#: The owner file Word writes beside an open document: 162 bytes, the user's name first.
OWNER = b"\x0bAdministrator" + bytes(162 - 14)


@pytest.mark.parametrize("name", ["~$равка_рус.docx", "~$Презентация_рус.pptx", "~$Тізім.xlsx",
                                  "~$клад.doc"])
def test_an_open_documents_lock_file_is_not_a_material(tmp_path: Path, name: str) -> None:
    """Word, Excel and PowerPoint keep ``~$`` + the document's name beside a document while it
    is open; synced or committed with the folder, it is not a damaged document (FIL001) nor a
    material without its other language (LNG001): a note that says what it is."""
    package = tmp_path / "item"
    shutil.copytree(SAMPLE, package)
    (package / name).write_bytes(OWNER)
    report = run(package)
    assert [(f.code, f.severity, f.file.rsplit("/", 1)[-1]) for f in report.all_findings()] == [
        ("FIL002", Severity.INFO, name)]
    hit = report.all_findings()[0]
    assert hit.message("ru").startswith(f"«{name}» — файл блокировки, который Word, Excel или "
                                        "PowerPoint держит, пока документ открыт")
    assert hit.message("kk").startswith(f"«{name}» — құжат ашық тұрғанда")
    assert report.packages[0].verdict is Verdict.ACCEPT_WITH_NOTES


def test_a_document_whose_name_starts_with_the_lock_prefix_is_still_read(
        tmp_path: Path) -> None:
    """Only a file under 1 KB is taken for a lock file: a whole document named ``~$...`` is
    read and checked as any other."""
    path = tmp_path / "~$Справка.docx"
    path.write_bytes(build_docx(["Справка о ходе работ"]))
    report = run(path)
    assert only(report, "FIL002") == []
    assert report.packages[0].files[0].kind == "document"


def _apple_double() -> bytes:
    """An AppleDouble file as macOS writes it beside each file of an archive it compresses
    (RFC 1740: magic 0x00051607, version 2, filler, no entries)."""
    import struct

    return struct.pack(">II", 0x00051607, 0x00020000) + b"Mac OS X        " + bytes(4066)


def test_a_zip_compressed_on_a_mac_is_judged_on_its_documents(tmp_path: Path) -> None:
    """macOS's Compress puts ``__MACOSX/._<name>`` beside every file: each takes the name and
    extension of a document and is not one. The package stays compliant, each such file a
    note that says what it is (it was a damaged document, FIL001, returning the package)."""
    import io
    import zipfile

    names = sorted(p.name for p in SAMPLE.iterdir())
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name in names:
            z.writestr(name, (SAMPLE / name).read_bytes())
            z.writestr(f"__MACOSX/._{name}", _apple_double())
    path = tmp_path / "item.zip"
    path.write_bytes(buf.getvalue())
    report = run(path)
    assert {f.code for f in report.all_findings()} == {"FIL002"}
    notes = only(report, "FIL002")
    assert sorted(f.file.rsplit("/", 1)[-1] for f in notes) == [f"._{n}" for n in names]
    assert all(f.severity is Severity.INFO for f in notes)
    assert notes[0].message("ru").startswith(f"«{notes[0].file.rsplit('/', 1)[-1]}» — "
                                             "служебный файл macOS")
    assert report.packages[0].verdict is Verdict.ACCEPT_WITH_NOTES


def test_a_document_named_like_mac_metadata_is_still_read(tmp_path: Path) -> None:
    """Only the AppleDouble bytes make a ``._`` file macOS's: a document so named is read."""
    path = tmp_path / "._Справка.docx"
    path.write_bytes(build_docx(["Справка о ходе работ"]))
    report = run(path)
    assert only(report, "FIL002") == [] and only(report, "FIL001") == []
    assert report.packages[0].files[0].kind == "document"


@pytest.mark.parametrize("head", [b"PK\x03\x04", b"%PDF-1.7\n",
                                  b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"])
def test_a_small_file_that_begins_as_a_document_is_not_taken_for_a_lock_file(
        tmp_path: Path, head: bytes) -> None:
    """Under 1 KB and named ``~$...``, a file whose bytes begin as a document's is read as
    one (here: unreadable, FIL001), so no document hides behind the lock files' name."""
    path = tmp_path / "~$Справка.docx"
    path.write_bytes(head + bytes(300))
    report = run(path)
    assert [f.code for f in report.all_findings()] == ["FIL001"]


ARCHIVES = [
    ("Материалы.rar", b"Rar!\x1a\x07\x01\x00" + bytes(100), "RAR archive"),
    ("Материалы.7z", b"7z\xbc\xaf\x27\x1c\x00\x04" + bytes(100), "7-Zip archive"),
    ("Материалы.tar.gz", b"\x1f\x8b\x08\x00" + bytes(100), "gzip archive"),
    ("Материалы.tar", bytes(257) + b"ustar\x0000" + bytes(100), "tar archive"),
    ("Материалы.bin", b"\xfd7zXZ\x00" + bytes(100), "xz archive"),  # by its bytes alone
    ("Материалы.rar", b"not quite", "archive (.rar)"),  # by its name: a damaged one
]


@pytest.mark.parametrize(("name", "data", "what"), ARCHIVES,
                         ids=[f"{a[0]}-{a[2]}" for a in ARCHIVES])
def test_an_archive_the_toolkit_does_not_open_is_not_a_pass(tmp_path: Path, name: str,
                                                            data: bytes, what: str) -> None:
    """A package sent as .rar (or one material in a .7z inside it) may hold the materials:
    the files in it were not read, which needs a person, fails the run and is not hidden by
    any choice of rules; never "accept with notes"."""
    from validator.core.findings import Status
    from validator.core.outcome import exit_code, not_read

    alone = tmp_path / name
    alone.write_bytes(data)
    package = tmp_path / "item"
    shutil.copytree(SAMPLE, package)
    (package / name).write_bytes(data)
    for path in (alone, package):
        for settings in (Settings(), Settings(select=("SLD",)), Settings(ignore=("FIL",))):
            report = run(path, settings=settings)
            hits = only(report, "FIL002")
            assert [(h.file.rsplit("/", 1)[-1], h.severity, h.status) for h in hits] == [
                (name, Severity.WARNING, Status.NEEDS_REVIEW)], report.all_findings()
            assert hits[0].evidence == f"{what}: the files in it were not read"
            assert not_read(hits[0])
            assert report.packages[0].verdict is Verdict.NEEDS_REVIEW
            assert exit_code(report, Severity.ERROR) == 1  # whatever the failing level
    assert hits[0].message("ru").endswith("распакуйте его в пакет или представьте пакет в виде "
                                          ".zip или папки")
    assert "ондағы файлдар тексерілмеді" in hits[0].message("kk")
    assert_valid_json(report)


def test_every_report_gives_a_program_and_an_archive_their_state(tmp_path: Path) -> None:
    """A picture is "not checked"; a program is non-compliant and an archive whose files
    were not read needs review, in the text, JSON and HTML reports alike."""
    import json

    from validator.reports import html, text
    from validator.reports import json as json_report

    package = tmp_path / "item"
    shutil.copytree(SAMPLE, package)
    (package / "скан.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(100))
    (package / "setup.exe").write_bytes(b"MZ\x90\x00" + bytes(60))
    (package / "Приложения.rar").write_bytes(b"Rar!\x1a\x07\x01\x00" + bytes(100))
    report = run(package)
    states = {f["path"].rsplit("/", 1)[-1]: f["state"]
              for f in json.loads(json_report.render(report, "en"))["packages"][0]["files"]}
    assert (states["скан.jpg"], states["setup.exe"], states["Приложения.rar"]) == (
        "not-checked", "non-compliant", "needs-review")
    lines = text.render(report, "ru").splitlines()
    assert next(x for x in lines if "Приложения.rar [" in x).endswith(": требует проверки")
    assert next(x for x in lines if "setup.exe [" in x).endswith(": не соответствует")
    assert next(x for x in lines if "скан.jpg [" in x).endswith(": не проверяется")
    page = html.render(report, "kk")
    assert page.count('<span class="state s-needs-review">') >= 2  # the row and the heading


@pytest.mark.parametrize(("name", "data", "ru"), [
    (".DS_Store", b"\x00\x00\x00\x01Bud1" + bytes(100), "служебный файл macOS с настройками вида"),
    ("Thumbs.db", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "с эскизами рисунков папки"),
    ("desktop.ini", b"[.ShellClassInfo]\r\n", "служебный файл Windows с настройками вида"),
    ("THUMBS.DB", b"x", "с эскизами рисунков папки"),
])
def test_the_files_windows_and_macos_keep_in_a_folder_say_what_they_are(
        tmp_path: Path, name: str, data: bytes, ru: str) -> None:
    """Copied with the folder, they are named for what they are, not as a format to save in."""
    package = tmp_path / "item"
    shutil.copytree(SAMPLE, package)
    (package / name).write_bytes(data)
    report = run(package)
    assert [(f.code, f.severity, f.file.rsplit("/", 1)[-1]) for f in report.all_findings()] == [
        ("FIL002", Severity.INFO, name)]
    hit = report.all_findings()[0]
    assert hit.message("ru").startswith(f"«{name}» — ") and ru in hit.message("ru")
    assert hit.message("ru").endswith("удалите его") and "PDF" not in hit.message("ru")
    assert hit.message("kk").endswith("оны жойыңыз")
    assert report.packages[0].verdict is Verdict.ACCEPT_WITH_NOTES


@pytest.mark.parametrize(("name", "data"), [
    ("Справка_рус.jpg", b"\xff\xd8\xff\xe0" + bytes(100)),
    ("Справка_рус_скан.png", b"\x89PNG\r\n\x1a\n" + bytes(100)),
    ("Справка рус.tif", b"II*\x00" + bytes(100)),
    ("Справка_рус.jpeg", b"not even a picture"),  # known by its extension
])
def test_a_picture_named_as_a_material_is_not_a_pass(tmp_path: Path, name: str,
                                                     data: bytes) -> None:
    """The Russian reference sent as a photograph or a scan in a picture: its text was not
    read. It was a note "not a material", and the Kazakh reference had LNG001 "no Russian
    version" (one cause named twice, the second untrue); now it needs review, whatever rules
    are chosen, and the version it may be is not judged missing."""
    from validator.core.findings import Status
    from validator.core.outcome import exit_code

    package = tmp_path / "item"
    shutil.copytree(SAMPLE, package)
    (package / "Справка_рус.docx").unlink()
    (package / name).write_bytes(data)
    for settings in (Settings(), Settings(select=("LNG001",)), Settings(ignore=("FIL",))):
        report = run(package, settings=settings)
        assert [(f.code, f.file.rsplit("/", 1)[-1], f.status) for f in report.all_findings()
                ] == [("FIL002", name, Status.NEEDS_REVIEW)]
        assert report.packages[0].verdict is Verdict.NEEDS_REVIEW
        assert exit_code(report, Severity.ERROR) == 1
    (hit,) = report.all_findings()
    assert hit.message("ru") == (f"«{name}» — рисунок, названный как материал: если это скан "
                                 "документа, его текст не прочитан; сохраните скан в формате "
                                 "PDF, где его прочитает Tesseract, и проверьте пакет снова")
    assert "материал атауымен аталған сурет" in hit.message("kk")
    assert hit.message("en").startswith(f"«{name}» is a picture named as a material")
