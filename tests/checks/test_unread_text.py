"""Rules that need text never compare against text that was not read: a scan without a text
layer, or a file with a damaged member, is reported once, by its own finding (FIL001), never by
a violation that claims the text is missing, never by other rules' questions about it (LNG003,
LNG001, SEC001), and never by a crash."""

from __future__ import annotations

from pathlib import Path

from tests.checks.lang_docs import KK_TEXT, RU_TEXT, docx, findings, name, run
from tests.checks.scans import bad_crc, scanned_pdf
from tests.conftest import build_pdf
from validator.core.findings import FileState, Status


def _by_name(report, file_name: str):  # type: ignore[no-untyped-def]
    return next(f for p in report.packages for f in p.files if name(f.path) == file_name)


def test_scanned_kazakh_pdf_beside_its_russian_text_is_not_compared(tmp_path: Path) -> None:
    item = tmp_path / "item"
    item.mkdir()
    (item / "Анықтама_каз.pdf").write_bytes(scanned_pdf())
    docx(item / "Справка_рус.docx", RU_TEXT)
    report = run(item)
    # The pair is not compared, and no claim that items are missing from the scan: its
    # FIL001 below is the one cause.
    assert findings(report, "LNG003") == []
    scan = _by_name(report, "Анықтама_каз.pdf")
    assert scan.state is FileState.UNREADABLE
    fil = [f for f in scan.findings if f.code == "FIL001"]
    assert len(fil) == 1 and fil[0].status is Status.NEEDS_REVIEW and fil[0].not_read
    assert "text layer" in fil[0].evidence
    assert scan.pages == 2  # what could be counted still is
    # SEC001 did not see a stamp because there was nothing to see: a question of its own (a
    # person looks at the pages for a restricted marking), needs-review, page 1.
    sec = [f for f in scan.findings if f.code == "SEC001"]
    assert len(sec) == 1 and sec[0].status is Status.NEEDS_REVIEW
    assert sec[0].location.page == 1
    assert [f.code for f in scan.findings] == ["FIL001", "SEC001"]
    # The pair itself was found: no "missing language version".
    assert findings(report, "LNG001") == []
    # A PDF of empty pages draws no picture of a page: nothing unread, no question.
    blank = tmp_path / "Справка.pdf"
    blank.write_bytes(build_pdf([(595, 842)]))
    assert [f.code for f in run(blank).all_findings() if f.code in ("FIL001", "SEC001")] == []


def test_unread_file_without_language_marker_leaves_a_missing_version_unjudged(
        tmp_path: Path) -> None:
    item = tmp_path / "item"
    item.mkdir()
    (item / "Анықтама.pdf").write_bytes(scanned_pdf(1))  # no language marker in the name
    docx(item / "Справка_рус.docx", RU_TEXT)
    report = run(item)
    # The Russian reference may have its Kazakh version in the scan: not an error, and not a
    # question blamed on the reference either; the scan's own FIL001 is the one cause (and
    # SEC001 asks a person to look at its pages for a marking).
    assert findings(report, "LNG001") == []
    scan = _by_name(report, "Анықтама.pdf")
    assert [(f.code, f.status) for f in scan.findings] == [
        ("FIL001", Status.NEEDS_REVIEW), ("SEC001", Status.NEEDS_REVIEW)]
    assert _by_name(report, "Справка_рус.docx").findings == ()


def test_damaged_member_of_a_pair_is_a_finding_not_the_end_of_the_run(tmp_path: Path) -> None:
    """The worker ships some views of a file it found unreadable; pairing must not read the
    rest of them in the parent (it ended the run with exit 2)."""
    item = tmp_path / "item"
    docx(item / "Анықтама_каз.docx", KK_TEXT)
    ru = docx(item / "Справка_рус.docx", RU_TEXT)
    ru.write_bytes(bad_crc(ru.read_bytes(), "word/fontTable.xml"))
    report = run(item)
    ru_report = _by_name(report, "Справка_рус.docx")
    assert ru_report.state is FileState.UNREADABLE
    assert any("fontTable" in f.evidence for f in ru_report.findings if f.code == "FIL001")
    # Not compared, and the Kazakh file that was read is not blamed for it.
    assert findings(report, "LNG003") == []
    # Paired by name: no "missing version", and no rule stopped.
    assert findings(report, "LNG001") == []
    assert not any("could not" in f.evidence for f in report.all_findings()
                   if f.code == "FIL001" and f.file.endswith("item"))


def test_text_before_the_first_item_on_one_side_is_named_not_left_blank(
        tmp_path: Path) -> None:
    """An unnumbered opening that only the Russian text has: named as such in every language
    (it was printed "item  is in ..." with an empty label)."""
    item = tmp_path / "item"
    docx(item / "Анықтама_каз.docx", KK_TEXT[1:])
    docx(item / "Справка_рус.docx", RU_TEXT)
    (hit,) = [f for f in findings(run(item), "LNG003") if "length" not in f.evidence]
    assert name(hit.file) == "Анықтама_каз.docx"
    assert hit.message("en").startswith("the text before the first numbered item is in the "
                                        "Russian text")
    assert "перед первым пронумерованным пунктом" in hit.message("ru")
    assert "бірінші нөмірленген тармаққа дейінгі" in hit.message("kk")
    assert "item  " not in hit.message("en")
