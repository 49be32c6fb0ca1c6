"""FIL001 names what a file is when it is not what its name says: a Git LFS pointer left in a
document's place (a repository checked out without its LFS objects), a binary Office file
(97-2003) or a PDF under an OOXML extension. Each is still a file that was not read: exit 1
whatever rules are chosen.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import build_pdf, build_pptx, only, run
from validator.core.findings import FileState, Verdict
from validator.settings.options import Settings

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "office"

#: A pointer as ``git lfs`` writes it (spec v1): three lines of text in the document's place.
POINTER = (b"version https://git-lfs.github.com/spec/v1\n"
           b"oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
           b"size 48213\n")

LFS_WORDS = {
    "en": "the file is a Git LFS pointer, not the document",
    "ru": "файл — указатель Git LFS, а не сам документ",
    "kk": "файл құжаттың өзі емес, Git LFS нұсқағышы",
}

#: The user's choices of rules: none of them may let a pointer pass.
CHOICES = [Settings(), Settings(select=("SLD",)), Settings(select=("LNG001",), ignore=("FIL",))]


@pytest.mark.parametrize("settings", CHOICES, ids=["all", "select-SLD", "ignore-FIL"])
@pytest.mark.parametrize("name", ["Слайды.pptx", "Справка.docx", "Тізім.xlsx", "Справка.pdf",
                                  "Доклад.doc", "Слайды.ppt"])
def test_a_git_lfs_pointer_is_named_as_one(tmp_path: Path, name: str,
                                           settings: Settings) -> None:
    path = tmp_path / name
    path.write_bytes(POINTER)
    report = run(path, settings=settings)
    hits = only(report, "FIL001")
    assert len(hits) == 1, report.all_findings()
    for lang, words in LFS_WORDS.items():
        assert hits[0].message(lang).startswith(words), hits[0].message(lang)
    assert "git lfs pull" in hits[0].message("ru")
    assert "Git LFS pointer" in hits[0].evidence
    assert report.packages[0].files[0].state is FileState.UNREADABLE
    assert report.packages[0].verdict is Verdict.RETURN_FOR_CORRECTION
    assert path.read_bytes() == POINTER


def test_text_that_only_starts_like_a_pointer_is_not_one(tmp_path: Path) -> None:
    """A pointer is under 1024 bytes: longer text that begins the same way is not one."""
    path = tmp_path / "Слайды.pptx"
    path.write_bytes(POINTER + b"x" * 2000)
    hits = only(run(path), "FIL001")
    assert "Git LFS" not in hits[0].message("en")
    assert hits[0].message("en") == "the file is damaged or is not a PowerPoint presentation"


def test_a_legacy_pointer_is_not_given_to_libreoffice(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Without LibreOffice a legacy file needs review (FIL002); a pointer is still named as
    a pointer: no conversion would read it."""
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    path = tmp_path / "Доклад.ppt"
    path.write_bytes(POINTER)
    report = run(path, isolate=False)
    assert [f.code for f in report.all_findings()] == ["FIL001"]
    assert report.all_findings()[0].message("en").startswith(LFS_WORDS["en"])


@pytest.mark.parametrize(("source", "named", "real"), [
    ("52117.doc", "Слайды.pptx", "doc"),
    ("52117.doc", "Справка.docx", "doc"),
])
def test_a_binary_office_file_under_an_ooxml_name(tmp_path: Path, source: str, named: str,
                                                   real: str) -> None:
    """A Word 97-2003 file renamed .pptx is not said to be password-protected (it is not):
    the message names the format it is and both extensions."""
    path = tmp_path / named
    path.write_bytes((CORPUS / source).read_bytes())
    report = run(path)
    assert [f.code for f in report.all_findings()] == ["FIL001"]
    hit = report.all_findings()[0]
    ext = named.rsplit(".", 1)[1]
    assert hit.message("en") == (f"the file is a Word document (.{real}) with the extension "
                                 f".{ext}: give it back its extension .{real}, or save it "
                                 f"again as .{ext}")
    assert hit.message("ru").startswith(f"файл является документом Word (.{real}), но имеет "
                                        f"расширение .{ext}")
    assert hit.message("kk").startswith(f"файл — Word құжаты (.{real}), бірақ оның кеңейтімі "
                                        f".{ext}")
    assert "password" not in hit.message("en") + hit.evidence


def test_an_ole_file_of_no_office_format_is_not_called_password_protected(
        tmp_path: Path) -> None:
    path = tmp_path / "Слайды.pptx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000))
    hit = only(run(path), "FIL001")[0]
    assert hit.message("en") == "the file is damaged or is not a PowerPoint presentation"
    assert hit.evidence == "an OLE compound file, not a .pptx package"


def test_a_pdf_under_a_pptx_name(tmp_path: Path) -> None:
    path = tmp_path / "Слайды.pptx"
    path.write_bytes(build_pdf([(842, 595)]))
    hit = only(run(path), "FIL001")[0]
    assert hit.message("ru") == ("файл является файлом PDF (.pdf), но имеет расширение .pptx: "
                                 "верните ему расширение .pdf или сохраните его заново в "
                                 "формате .pptx")


def test_a_checkout_without_lfs_objects_fails_the_cli(tmp_path: Path) -> None:
    """As CI runs it on a repository cloned without ``git lfs``: every pointer is named, in
    the report's language, and the run exits 1."""
    item = tmp_path / "meetings" / "2026-03-12" / "01-roads"
    item.mkdir(parents=True)
    (item / "Слайды_рус.pptx").write_bytes(POINTER)
    (item / "Слайды_каз.pptx").write_bytes(build_pptx(12192000, 6858000))
    done = subprocess.run([sys.executable, "-m", "validator", "check", "meetings",
                           "--lang", "kk", "--meeting-date", "2026-03-12",
                           "--submitted", "2026-03-02"],
                          cwd=tmp_path, capture_output=True, text=True, check=False,
                          env=_env())
    assert done.returncode == 1, done.stderr
    lines = [line for line in done.stdout.splitlines() if "FIL001 қате" in line]
    assert len(lines) == 1 and LFS_WORDS["kk"] in lines[0], done.stdout


def _env() -> dict[str, str]:
    import os

    return dict(os.environ, PYTHONPATH=str(ROOT))


def test_a_real_doc_saved_under_docm_in_the_corpus() -> None:
    """A file from the wild: a Word 97-2003 document published as ``hello_world.docm``."""
    path = CORPUS / "cpansearch.perl.org_src_tobyink_acme-rundoc-0.001_word-lib_hello_world.docm"
    hit = only(run(path), "FIL001")[0]
    assert hit.evidence == "a binary Office 97-2003 file (.doc) named .docm"
    assert hit.message("kk").startswith("файл — Word құжаты (.doc), бірақ оның кеңейтімі .docm")
