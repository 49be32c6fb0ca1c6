"""A file that was not read is reported once, by its own finding (FIL001, FIL003, SEC003,
FIL002): no other rule adds a needs-review about it, no package rule blames its partner for
it, and a material that is there but unread is not called missing. The package still fails."""

from __future__ import annotations

import zipfile
from pathlib import Path

from tests.checks.lang_docs import KK_TEXT, RU_TEXT, docx, findings, name, run
from tests.checks.scans import scanned_pdf
from tests.security import hostile as h
from validator.core.findings import (
    FileReport,
    FileState,
    Finding,
    Location,
    Report,
    Severity,
    Status,
    Verdict,
)
from validator.core.outcome import exit_code
from validator.run.one_cause import one_cause

#: An OOXML file saved with "Encrypt with password": an OLE container, not a zip.
ENCRYPTED = h.cfb({"EncryptionInfo": b"\x04\x00\x04\x00\x40\x00\x00\x00",
                   "EncryptedPackage": b"\x10" * 64, "\x06DataSpaces/Version": b"\x3c"})


def _files(report: Report) -> dict[str, FileReport]:
    return {name(f.path): f for p in report.packages for f in p.files}


def _codes(file: FileReport) -> list[tuple[str, str]]:
    return [(f.code, f.status.value) for f in file.findings]


def _truncated(path: Path) -> Path:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def test_password_protected_notes_are_sec003_and_nothing_else(tmp_path: Path) -> None:
    """Information notes (DOC001 roles) in both languages, both locked: no DOC001 "pages not
    counted" with its advice to shorten a reference, no LNG003 "texts not compared"."""
    item = tmp_path / "item"
    item.mkdir()
    (item / "Ақпарат_қаз.docx").write_bytes(ENCRYPTED)
    (item / "Информация_рус.docx").write_bytes(ENCRYPTED)
    report = run(item)
    files = _files(report)
    for file_name in ("Ақпарат_қаз.docx", "Информация_рус.docx"):
        file = files[file_name]
        assert file.role == "information-note"  # from its name
        assert _codes(file) == [("SEC003", "violation")]
        (sec,) = file.findings
        assert sec.not_read and sec.severity is Severity.ERROR
        assert "паролем" in sec.message("ru")
    assert [f.code for f in report.all_findings()
            if f.code in ("DOC001", "LNG001", "LNG003")] == []
    assert report.packages[0].verdict is Verdict.RETURN_FOR_CORRECTION
    assert exit_code(report, Severity.INFO) == 1


def test_damaged_file_beside_a_good_one_is_fil001_alone(tmp_path: Path) -> None:
    """A damaged file whose name marks no language: it may be the Russian version of the
    Kazakh reference, so neither file gets LNG001 (its language, the missing counterpart);
    FIL001 on the damaged file says what to mend."""
    item = tmp_path / "item"
    docx(item / "Анықтама_қаз.docx", KK_TEXT)
    _truncated(docx(item / "Материал.docx", RU_TEXT))
    report = run(item)
    files = _files(report)
    assert _codes(files["Материал.docx"]) == [("FIL001", "violation")]
    assert files["Анықтама_қаз.docx"].findings == ()
    assert findings(report, "LNG001") == findings(report, "LNG003") == []
    assert report.packages[0].verdict is Verdict.RETURN_FOR_CORRECTION


def test_damaged_file_of_the_same_language_leaves_the_missing_version_reported(
        tmp_path: Path) -> None:
    """An unread file named Kazakh cannot be the Russian version of a Kazakh reference: the
    missing Russian versions are still a violation (by the names), not a question."""
    item = tmp_path / "item"
    docx(item / "Анықтама_қаз.docx", KK_TEXT)
    _truncated(docx(item / "Баяндама_қаз.docx", KK_TEXT))
    report = run(item)
    files = _files(report)
    assert _codes(files["Баяндама_қаз.docx"]) == [("FIL001", "violation")]
    (lng001,) = findings(report, "LNG001")
    assert (lng001.file, lng001.status) == (report.packages[0].path, Status.VIOLATION)
    assert lng001.message("en").startswith("the package is in Kazakh only: none of its "
                                           "documents (2) has a Russian version")


def test_unread_partner_is_not_blamed_on_the_file_that_was_read(tmp_path: Path) -> None:
    """The Russian side of a pair cannot be read: the Kazakh side, read and fine, gets no
    LNG003 "not compared" finding; the Russian file's FIL001 is the one cause."""
    item = tmp_path / "item"
    docx(item / "Анықтама_қаз.docx", KK_TEXT)
    _truncated(docx(item / "Справка_рус.docx", RU_TEXT))
    report = run(item)
    files = _files(report)
    assert files["Анықтама_қаз.docx"].findings == ()
    assert _codes(files["Справка_рус.docx"]) == [("FIL001", "violation")]
    assert findings(report, "LNG003") == findings(report, "LNG001") == []


def test_unread_participant_list_is_not_called_missing(tmp_path: Path) -> None:
    """A Kazakh participant list over a reading limit (a member named ../../outside.xml) is
    FIL003; it is still the Kazakh participant list by its name, so PKG001 does not say the
    package lacks one."""
    item = tmp_path / "item"
    docx(item / "Список_участников_рус.docx", ["Список участников", "1. Иванов И. И."])
    hostile = docx(item / "Қатысушылар_тізімі_қаз.docx", ["Қатысушылар тізімі"])
    with zipfile.ZipFile(hostile, "a") as z:
        z.writestr("../../outside.xml", b"<x/>")
    docx(item / "Қаулы_жобасы_қаз.docx", ["Қаулы жобасы"])
    docx(item / "Проект_постановления_рус.docx", ["Проект постановления"])
    report = run(item)
    unread = _files(report)["Қатысушылар_тізімі_қаз.docx"]
    assert unread.role == "participant-list"
    assert _codes(unread) == [("FIL003", "violation")]
    assert findings(report, "PKG001") == []
    assert report.packages[0].verdict is Verdict.RETURN_FOR_CORRECTION


def test_unread_list_without_a_language_marker_leaves_the_language_unjudged(
        tmp_path: Path) -> None:
    """A damaged participant list whose name marks no language may be the Kazakh one: no
    PKG001 claim that the Kazakh list is missing; its FIL001 fails the package."""
    item = tmp_path / "item"
    docx(item / "Список_участников_рус.docx", ["Список участников", "1. Иванов И. И."])
    _truncated(docx(item / "Қатысушылар_тізімі.docx", ["Қатысушылар тізімі"]))
    report = run(item)
    assert _files(report)["Қатысушылар_тізімі.docx"].role == "participant-list"
    assert not any("participants" in f.message("en") for f in findings(report, "PKG001"))
    assert report.packages[0].verdict is Verdict.RETURN_FOR_CORRECTION


def test_read_participant_list_in_one_language_is_still_reported(tmp_path: Path) -> None:
    """Fail closed: the language judgement is left only for a file that was not read."""
    item = tmp_path / "item"
    docx(item / "Список_участников_рус.docx", ["Список участников", "1. Иванов И. И."])
    messages = [f.message("en") for f in findings(run(item), "PKG001")]
    assert "the package has no «list of participants» in Kazakh" in messages


def test_scan_without_text_layer_is_one_question(tmp_path: Path) -> None:
    """A scanned reference: FIL001 needs-review (the text was not read) says why; LNG003 does
    not add "not compared". SEC001's question stays: a restricted marking on the pages is for
    a person to look for, which the FIL001 does not say."""
    item = tmp_path / "item"
    item.mkdir()
    (item / "Анықтама_каз.pdf").write_bytes(scanned_pdf())
    docx(item / "Справка_рус.docx", RU_TEXT)
    report = run(item)
    scan = _files(report)["Анықтама_каз.pdf"]
    assert _codes(scan) == [("FIL001", "needs-review"), ("SEC001", "needs-review")]
    assert findings(report, "LNG003") == findings(report, "LNG001") == []
    assert scan.state is FileState.UNREADABLE
    assert exit_code(report, Severity.ERROR) == 1


def _finding(code: str, status: Status, severity: Severity = Severity.ERROR,
             not_read: bool = False) -> Finding:
    return Finding(code=code, name=code.lower(), severity=severity, status=status,
                   clause=None, package="p", file="p/f.docx", location=Location(),
                   messages=(("en", code),), not_read=not_read)


def test_one_cause_drops_only_questions_beside_a_decisive_unread_finding() -> None:
    fil = _finding("FIL001", Status.VIOLATION)
    question = _finding("DOC001", Status.NEEDS_REVIEW)
    violation = _finding("LNG001", Status.VIOLATION)
    assert one_cause([fil, question, violation]) == (fil, violation)
    scan = _finding("FIL002", Status.NEEDS_REVIEW, not_read=True)
    assert one_cause([scan, question]) == (scan,)
    marking = _finding("SEC001", Status.NEEDS_REVIEW)  # a security question is its own
    assert one_cause([scan, marking, question]) == (scan, marking)
    # A file that was read, and an unread finding too mild to keep the file from passing:
    # nothing is dropped (fail closed).
    restricted = _finding("SEC003", Status.VIOLATION, Severity.INFO)
    assert one_cause([restricted, question]) == (restricted, question)
    mild = _finding("FIL002", Status.VIOLATION, Severity.INFO, not_read=True)
    assert one_cause([mild, question]) == (mild, question)
