"""Every file of the real corpus gets a report: a state, and for unreadable files the reason."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from validator.api import check
from validator.core.findings import FileReport, FileState

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
FOLDERS = ("office", "pdf")

pytestmark = [pytest.mark.corpus, pytest.mark.slow,
              pytest.mark.skipif(not (CORPUS / "office").is_dir(),
                                 reason="shared corpus not present")]


@cache
def reports(folder: str) -> dict[str, FileReport]:
    report = check(CORPUS / folder, profile="oskemen-2025")
    return {Path(f.path).name: f for pkg in report.packages for f in pkg.files}


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_file_has_a_report_with_a_state(folder: str) -> None:
    names = {p.name for p in (CORPUS / folder).iterdir() if p.is_file()}
    got = reports(folder)
    assert set(got) == names
    for name, report in got.items():
        assert isinstance(report.state, FileState), name


@pytest.mark.parametrize("folder", FOLDERS)
def test_no_rule_failed_internally(folder: str) -> None:
    for name, report in reports(folder).items():
        for f in report.findings:
            # the engine reports an exception inside a rule as FIL001 "<CODE> could not finish"
            assert "could not finish" not in f.evidence, (name, f.evidence)


@pytest.mark.parametrize("folder", FOLDERS)
def test_unreadable_files_carry_fil001_or_fil003_with_a_reason(folder: str) -> None:
    unreadable = {n: r for n, r in reports(folder).items() if r.state == FileState.UNREADABLE}
    assert unreadable
    for name, report in unreadable.items():
        codes = {f.code for f in report.findings}
        assert codes & {"FIL001", "FIL003"}, name
        for f in report.findings:
            if f.code in ("FIL001", "FIL003"):
                assert f.evidence.strip(), name
                assert f.message("kk") and f.message("ru") and f.message("en")


def test_known_unreadable_files() -> None:
    office = reports("office")
    fuzz = "clusterfuzz-testcase-minimized-POIXSLFFuzzer-6254434927378432.pptx"
    (f,) = [f for f in office[fuzz].findings if f.code == "FIL001"]
    assert "not a zip file" in f.evidence.lower()
    (f,) = [f for f in office["Divino_Revelado.pptx"].findings if f.code == "FIL001"]
    assert "zip" in f.evidence
    pdf = reports("pdf")
    enc = "005-libreoffice-writer-password_libreoffice-writer-password.pdf"
    (f,) = [f for f in pdf[enc].findings if f.code == "SEC003"]  # encrypted: SEC003, not FIL001
    assert "password" in f.evidence
    assert not [f for f in pdf[enc].findings if f.code == "FIL001"]


def test_readable_presentations_are_checked_by_the_slide_rules() -> None:
    decks = {n: r for n, r in reports("office").items() if r.kind == "presentation"}
    assert len(decks) == 87
    refused = {"FIL001", "FIL003"}  # unreadable, or over a safety limit: nothing else is judged
    readable = [r for r in decks.values() if not refused & {f.code for f in r.findings}]
    assert len(readable) >= 75
    assert all(r.slides is not None and r.slides >= 0 for r in readable)
    # every readable deck was judged on its slide size (SLD001 fires on the 4:3 ones)
    four_three = [r for r in readable if any(f.code == "SLD001" for f in r.findings)]
    assert four_three and len(four_three) < len(readable)
