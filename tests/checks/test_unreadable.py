"""FIL001 unreadable-file and FIL002 unsupported-format: never a crash, never a pass.

Legacy formats: tests/formats/test_legacy.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_docx, build_pdf, build_pptx, only, rewrite_part, run
from validator.core.findings import FileState, Verdict


def _case(name: str, data: bytes, reason: str) -> object:
    return pytest.param(name, data, reason, id=name)


CASES = [
    _case("truncated.docx", build_docx()[:3000], "zip"),
    _case("empty.pptx", b"", "empty"),
    _case("pdf-renamed.docx", build_pdf([(595, 842)]), "a PDF file (.pdf) named .docx"),
    _case("text.pptx", b"just some text, not a deck", "zip header"),
    _case("docx-as.pptx", build_docx(), "presentationml"),
    _case("doctype.docx", rewrite_part(build_docx(), "word/document.xml",
                                       lambda x: x.replace(b"?>", b"?><!DOCTYPE x []>", 1)),
          "DOCTYPE"),
    _case("malformed.pptx", rewrite_part(build_pptx(), "ppt/presentation.xml",
                                         lambda x: x[: len(x) // 2]),
          "the file is damaged (the main text)"),
    _case("no-content-types.docx", rewrite_part(build_docx(), "[Content_Types].xml",
                                                lambda x: b""), "not well-formed"),
    _case("broken.pdf", b"%PDF-1.7\n garbage without objects", "PDF"),
    _case("not-a.pdf", b"hello", "no %PDF-"),
]


@pytest.mark.parametrize(("name", "data", "reason"), CASES)
def test_unreadable_files_get_fil001(tmp_path: Path, name: str, data: bytes,
                                     reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    report = run(path)
    hits = only(report, "FIL001")
    assert len(hits) == 1, report
    # The reader's reason is kept (a damaged part is named in words in the message itself);
    # Kazakh and Russian say the cause in plain words, never the reader's English.
    assert reason in hits[0].message("en") + hits[0].evidence
    assert hits[0].evidence not in hits[0].message("ru") + hits[0].message("kk")
    assert hits[0].clause is None
    assert report.packages[0].files[0].state is FileState.UNREADABLE
    assert report.packages[0].verdict is Verdict.RETURN_FOR_CORRECTION


def test_unreadable_file_stops_other_rules(tmp_path: Path) -> None:
    path = tmp_path / "bad.pptx"
    path.write_bytes(rewrite_part(build_pptx(9144000, 6858000), "ppt/slides/slide1.xml",
                                  lambda x: b"<p:sld"))
    report = run(path)
    assert [f.code for f in report.all_findings()] == ["FIL001"]
    assert "slide" in report.all_findings()[0].message("en")


def test_input_file_is_not_modified(tmp_path: Path) -> None:
    path = tmp_path / "deck.pptx"
    data = build_pptx(9144000, 6858000)
    path.write_bytes(data)
    run(path)
    assert path.read_bytes() == data


def test_other_files_are_listed_not_checked(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    (tmp_path / "Справка.docx").write_bytes(build_docx())
    report = run(tmp_path)
    kinds = {f.path.rsplit("/", 1)[-1]: f.kind for f in report.packages[0].files}
    assert kinds == {"notes.txt": "other", "Справка.docx": "document"}
    # The text file is named as not a material (FIL002 info); the rest are package findings:
    # the Russian reference has no Kazakh version (LNG001), no draft, no participant list.
    assert sorted((f.code, f.file) for f in report.all_findings()) == [
        ("FIL002", report.packages[0].files[0].path),
        ("LNG001", report.packages[0].path),
        ("PKG001", report.packages[0].path),
        ("PKG001", report.packages[0].path),
    ]
