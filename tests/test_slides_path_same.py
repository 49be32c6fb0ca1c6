"""The fast presentation path gives the same findings as the full one.

``validator check <decks> --select SLD --format json --jobs 1 --no-cache`` leaves each file's
language out (no selected rule reads it: ``language_reason`` says so) and keeps the XML trees
it verified when it opened a deck; the findings, states, slide pictures and everything else in
the report must be exactly what the run with the language detected gives.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.conftest import CORPUS, _schema_validator
from tests.slides.parse_counts import count_parses
from validator.commands.main import main
from validator.files.document import Document
from validator.files.member import Member
from validator.run import filecheck

OFFICE = CORPUS / "office"
#: A deck that cannot be read (FIL001), and decks with SLD001, SLD002, SLD004 and SLD005
#: findings, charts, SmartArt and grouped shapes.
DECKS = ("clusterfuzz-testcase-minimized-POIXSLFFuzzer-6254434927378432.pptx",
         "49386-null_dates.pptx", "bug60499.pptx", "smartart-rotated-text.pptx",
         "bar-chart.pptx", "customGeo.pptx", "testPPT.pptm")
LANGUAGE_FIELDS = ("language", "language_shares", "script", "language_reason")

pytestmark = pytest.mark.skipif(not OFFICE.is_dir(), reason="shared corpus not present")


def _check(args: list[str]) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["check", *[str(OFFICE / d) for d in DECKS], *args])
    assert result.exit_code == 1, result.output  # the decks have findings
    report: dict[str, Any] = json.loads(result.output)
    _schema_validator().validate(report)  # type: ignore[attr-defined]
    return report


def _files(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {Path(f["path"]).name: f for p in report["packages"] for f in p["files"]}


def _without_language(report: dict[str, Any]) -> dict[str, Any]:
    out = json.loads(json.dumps(report))
    for pkg in out["packages"]:
        for f in pkg["files"]:
            for key in LANGUAGE_FIELDS:
                f.pop(key, None)
    return out


COMMAND = ["--select", "SLD", "--format", "json", "--jobs", "1", "--no-cache"]


def test_select_sld_gives_the_findings_of_the_run_that_detects_the_language(
        monkeypatch: pytest.MonkeyPatch) -> None:
    fast = _check(COMMAND)  # isolated reader processes, as users run it
    monkeypatch.setattr(filecheck, "needs_language", lambda stamper: True)
    full = _check([*COMMAND, "--no-isolation"])  # the same run, detecting the language

    assert _without_language(fast) == _without_language(full)
    assert sum(len(f["findings"]) for f in _files(fast).values()) > 20
    fast_files, full_files = _files(fast), _files(full)
    unreadable = DECKS[0]
    assert [x["code"] for x in fast_files[unreadable]["findings"]] == ["FIL001"]
    assert "language_reason" not in fast_files[unreadable]  # not read: null, as it always was
    for name in DECKS[1:]:
        assert fast_files[name]["language"] is None
        assert fast_files[name]["language_shares"] is None
        assert fast_files[name]["language_reason"] == "not-needed"
        assert full_files[name]["language"] in ("en", "undetermined")
        assert "language_reason" not in full_files[name]
    assert full_files["bar-chart.pptx"]["language"] == "en"


def test_rules_that_read_the_language_say_so_and_have_it_detected() -> None:
    from validator.checks import ALL_RULES

    assert {r.code for r in ALL_RULES if r.reads_language} == {
        "LNG001", "LNG002", "LNG003", "PKG001"}
    files = _files(_check(["--select", "SLD,LNG002", "--format", "json", "--no-cache"]))
    assert files["bar-chart.pptx"]["language"] == "en"
    assert files["bar-chart.pptx"]["script"] == "latin"
    assert all("language_reason" not in f for f in files.values())


def test_each_xml_part_is_parsed_once(monkeypatch: pytest.MonkeyPatch,
                                      profile: Any) -> None:
    """Opening a deck verifies every XML part; the checks then read the trees it kept."""
    from validator.checks import RULES_BY_CODE
    from validator.run.filecheck import read_limits

    parsed = count_parses(monkeypatch)
    path = OFFICE / "bar-chart.pptx"
    doc = Document(Member(path.name, path.name, disk=path), read_limits(profile))
    hits = 0
    for code in ("FIL001", "SLD001", "SLD002", "SLD003", "SLD004", "SLD005"):
        hits += len(list(RULES_BY_CODE[code].check(doc, profile.rules[code].params)))
    doc.text_blocks  # noqa: B018
    doc.close()
    assert hits >= 2
    assert parsed["part /ppt/slides/slide1.xml"] == 1
    assert parsed["part /ppt/charts/chart1.xml"] == 1
    assert max(parsed.values()) == 1, [k for k, n in parsed.items() if n > 1]
