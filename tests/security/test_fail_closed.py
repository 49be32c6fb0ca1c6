"""Every failure is a finding, never the run's end: a package rule that stops, a file whose
views the parent cannot have, a package that cannot be judged, a path that cannot be searched,
a file the in-process reader trips on, and a reporter that fails all leave a report of what was
checked; the rest of the run goes on."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.checks.lang_docs import KK_TEXT, RU_TEXT, docx
from tests.conftest import build_pptx, run
from validator.checks import RULES_BY_CODE
from validator.checks.base import RunContext
from validator.commands.main import main
from validator.core.findings import FileReport, FileState, Status, Verdict
from validator.discovery.packages import Package
from validator.files.member import Member
from validator.reader.sealed import SealedDocument
from validator.run import engine, packagecheck
from validator.run.filecheck import read_limits
from validator.run.packagecheck import check_package
from validator.run.stamping import Stamper
from validator.settings.options import Settings
from validator.settings.profile import load_profile, resolve_profile_path


def _meeting(tmp_path: Path) -> Path:
    meeting = tmp_path / "meeting"
    for item in ("item-1", "item-2"):
        docx(meeting / item / "Анықтама_каз.docx", KK_TEXT)
        docx(meeting / item / "Справка_рус.docx", RU_TEXT)
    return meeting


def _breaking(monkeypatch: pytest.MonkeyPatch, code: str, where: str) -> None:
    """Make package rule ``code`` raise on packages whose path ends with ``where``."""
    rule = RULES_BY_CODE[code]

    def boom(ctx: Any, params: Any) -> Iterator[Any]:
        if ctx.path.endswith(where):
            raise RuntimeError("a bug in the rule")
        yield from rule.check(ctx, params)

    rules = tuple(dataclasses.replace(r, check=boom) if r.code == code else r
                  for r in packagecheck.ALL_RULES)
    monkeypatch.setattr(packagecheck, "ALL_RULES", rules)


def test_a_package_rule_that_stops_is_a_finding_and_the_run_goes_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _breaking(monkeypatch, "PKG001", "item-1")
    out = tmp_path / "r.json"
    result = CliRunner().invoke(main, ["check", "--isolated", str(_meeting(tmp_path)),
                                       "--output", str(out)])
    assert result.exit_code == 1, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    by_path = {Path(p["path"]).name: p for p in data["packages"]}
    broken = by_path["item-1"]["findings"]
    assert [(f["code"], f["status"]) for f in broken] == [("FIL001", "needs-review")]
    assert "PKG001" in broken[0]["message"] and "RuntimeError: a bug in the rule" in \
        broken[0]["evidence"]
    # The other package's PKG001 ran as usual; the broken package's files were still judged.
    assert {f["code"] for f in by_path["item-2"]["findings"]} == {"PKG001"}
    assert all(f["state"] == "compliant" for f in by_path["item-1"]["files"])
    assert by_path["item-1"]["verdict"] == "needs-review"


def test_the_failure_message_exists_in_every_language(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _breaking(monkeypatch, "LNG003", "item-2")
    report = run(_meeting(tmp_path), isolate=False)
    (finding,) = [f for p in report.packages for f in p.findings if f.code == "FIL001"]
    assert finding.status is Status.NEEDS_REVIEW and finding.not_read
    assert "LNG003" in finding.message("kk") and "тексерісін" in finding.message("kk")
    assert "LNG003" in finding.message("ru") and "проверку" in finding.message("ru")
    assert "RuntimeError" not in finding.message("kk") + finding.message("ru")


def test_a_file_whose_views_the_parent_cannot_have_is_fil001(tmp_path: Path) -> None:
    """A worker's report that says "readable" but comes without the text package rules read
    (a view lost on the way) is FIL001 for that file, never a file judged on no text."""
    profile = load_profile(resolve_profile_path("oskemen-2025"))
    stamper = Stamper(profile, Settings())
    limits = read_limits(profile)
    kk = docx(tmp_path / "item" / "Анықтама_каз.docx", KK_TEXT)
    member = Member(path=str(kk), name=kk.name, disk=kk)
    sealed = SealedDocument(member, limits, None, kind="document")  # no views at all
    report = FileReport(path=str(kk), format="docx", kind="document", size=kk.stat().st_size,
                        sha256="0" * 64, findings=())
    pkg = Package(path=str(kk.parent), members=(member,))
    result = check_package(pkg, stamper, limits, RunContext(), checked=[(sealed, report)])
    (file,) = result.files
    assert file.state is FileState.UNREADABLE
    (fil,) = [f for f in file.findings if f.code == "FIL001"]
    assert "text_blocks" in fil.evidence and fil.not_read


def test_a_package_that_cannot_be_judged_keeps_what_was_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = engine.check_package

    def failing(pkg: Package, *args: Any, **kwargs: Any) -> Any:
        if pkg.path.endswith("item-1"):
            raise KeyError("a bug outside the rules")
        return real(pkg, *args, **kwargs)

    monkeypatch.setattr(engine, "check_package", failing)
    report = run(_meeting(tmp_path), isolate=False)
    by_path = {Path(p.path).name: p for p in report.packages}
    assert sorted(by_path) == ["item-1", "item-2"]
    broken = by_path["item-1"]
    assert len(broken.files) == 2  # the files' reports, as the reader gave them
    assert [(f.code, f.status) for f in broken.findings] == [("FIL001", Status.NEEDS_REVIEW)]
    assert "KeyError" in broken.findings[0].evidence
    assert broken.verdict is Verdict.NEEDS_REVIEW


def test_a_file_the_in_process_reader_trips_on_is_fil001(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from validator.run.filejob import FileJob

    real = FileJob.inspect

    def tripping(job: FileJob, member: Member, *args: Any, **kwargs: Any) -> Any:
        if member.path.endswith("Справка_рус.docx"):
            raise AttributeError("a bug while reading")
        return real(job, member, *args, **kwargs)

    monkeypatch.setattr(FileJob, "inspect", tripping)
    item = _meeting(tmp_path) / "item-1"
    report = run(item, isolate=False)
    files = {Path(f.path).name: f for f in report.packages[0].files}
    assert files["Справка_рус.docx"].state is FileState.UNREADABLE
    assert "AttributeError: a bug while reading" in \
        files["Справка_рус.docx"].findings[0].evidence
    # Its Kazakh partner was read and judged; the pair was not compared, and the partner is
    # not blamed for it: the unreadable file's FIL001 is the one cause.
    assert files["Анықтама_каз.docx"].findings == ()
    assert report.packages[0].verdict is not Verdict.ACCEPT


def test_a_path_that_cannot_be_searched_is_a_finding(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = engine.find_packages
    deck = tmp_path / "good" / "deck.pptx"
    deck.parent.mkdir()
    deck.write_bytes(build_pptx())
    bad = tmp_path / "bad"
    bad.mkdir()

    def discovering(path: Path, *args: Any) -> Any:
        if path.name == "bad":
            raise RecursionError("maximum recursion depth exceeded")
        return real(path, *args)

    monkeypatch.setattr(engine, "find_packages", discovering)
    report = run([deck.parent, bad], isolate=False)
    by_path = {Path(p.path).name: p for p in report.packages}
    assert by_path["bad"].verdict is Verdict.NEEDS_REVIEW
    assert "RecursionError" in by_path["bad"].findings[0].evidence
    assert [f.path for f in by_path["good"].files] == [str(deck)]


def test_a_failing_reporter_costs_only_its_own_report(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from validator import reports

    real = reports.renderer

    def renderer(fmt: str) -> Any:
        if fmt == "json":
            def broken(report: Any, lang: str) -> str:
                raise ValueError("surrogates not allowed")
            return broken
        return real(fmt)

    monkeypatch.setattr(reports, "renderer", renderer)
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(build_pptx(9144000, 6858000))
    j, t = tmp_path / "r.json", tmp_path / "r.txt"
    result = CliRunner().invoke(main, ["check", "--isolated", str(deck), "-o", str(j),
                                       "-o", str(t)])
    assert result.exit_code == 2
    assert "internal error writing the json report: ValueError" in result.stderr
    assert not j.exists()
    assert "SLD001 error" in t.read_text(encoding="utf-8")
