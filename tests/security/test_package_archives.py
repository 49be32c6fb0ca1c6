"""Package archives: hostile member names and nesting beyond one level are refused (FIL003)
while the rest of the package is still checked; a bomb member is refused before inflating."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run as check
from tests.security import hostile as h
from validator.core.findings import Finding, Report

MIB = 1 << 20


def _all(report: Report) -> list[Finding]:
    return list(report.all_findings())


def test_zip_slip_member_is_refused_and_the_deck_is_checked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    item = h.zip_bytes({"Таныстырылым.pptx": h.pptx()},
                       extra=[("../../evil.pptx", h.pptx()), ("C:/x.docx", b"x")])
    path = tmp_path / "item.zip"
    path.write_bytes(item)
    report = check(Path(path.name), jobs=1)
    refused = sorted((f.file, f.measured) for f in _all(report) if f.code == "FIL003")
    assert refused == [("item.zip/../../evil.pptx", "../../evil.pptx"),
                       ("item.zip/C:/x.docx", "C:/x.docx")]
    files = [f for p in report.packages for f in p.files]
    assert [f.path for f in files] == ["item.zip/Таныстырылым.pptx"]
    assert not [f for f in files[0].findings if f.code[:3] in ("FIL", "SEC")]  # read fine


def test_nesting_beyond_one_level_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    inner = h.zip_bytes({"deep.pptx": h.pptx()})
    item = h.zip_bytes({"Таныстырылым.pptx": h.pptx(), "more.zip": inner})
    meeting = h.zip_bytes({"item1.zip": item})
    path = tmp_path / "meeting.zip"
    path.write_bytes(meeting)
    report = check(Path(path.name), jobs=1)
    nested = [f for f in _all(report) if f.code == "FIL003"]
    assert [(f.file, f.measured, f.threshold) for f in nested] == [
        ("meeting.zip/item1.zip/more.zip", 2, 1)]
    checked = [f.path for p in report.packages for f in p.files]
    assert checked == ["meeting.zip/item1.zip/Таныстырылым.pptx"]


def test_bomb_member_of_a_package_is_refused_before_inflating(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    entries = [h.RawEntry("Таныстырылым.pptx", h.pptx(), deflate=False),
               h.RawEntry("zeros.docx", b"\0" * (8 * MIB))]
    path = tmp_path / "item.zip"
    path.write_bytes(h.raw_zip(entries))
    report = check(Path(path.name), jobs=1)
    limits = [(f.file, f.threshold) for f in _all(report) if f.code == "FIL003"]
    assert limits == [("item.zip", 100.0)]
    bomb = next(f for f in _all(report) if f.code == "FIL003")
    assert isinstance(bomb.measured, float) and bomb.measured > 100
