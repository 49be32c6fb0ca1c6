from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.reports.conftest import ROOT
from tests.reports.sample import HOSTILE, sample_report
from validator.core.findings import Report
from validator.reports.sarif import render

SCHEMA = json.loads((ROOT.parent / "shared" / "schemas" / "sarif-2.1.0-rtm.5.json")
                    .read_text(encoding="utf-8"))


def _valid(report: Report, lang: str) -> dict[str, Any]:
    """Render, validate against the schema, and check what the schema cannot express."""
    doc: dict[str, Any] = json.loads(render(report, lang))
    jsonschema.Draft4Validator(SCHEMA).validate(doc)
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    for r in rules:
        for key in ("shortDescription", "fullDescription", "help"):
            assert r[key]["text"].strip(), (r["id"], key)
        assert len(r["fullDescription"]["text"]) <= 1024
        assert r["helpUri"].startswith("https://")
        assert r["defaultConfiguration"]["level"] in ("error", "warning", "note")
    prints = set()
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        loc = res["locations"][0]["physicalLocation"]
        assert loc["region"]["startLine"] == 1
        uri = loc["artifactLocation"]["uri"]
        assert uri.startswith("file:///") or not uri.startswith("/")
        assert res["message"]["text"].strip()
        fp = res["partialFingerprints"]["primaryLocationLineHash"]
        assert fp not in prints, "two results share a fingerprint"
        prints.add(fp)
    return doc


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_hand_built_report_is_valid_sarif(lang: str) -> None:
    doc = _valid(sample_report(), lang)
    run = doc["runs"][0]
    results = run["results"]
    sld = [r for r in results if r["ruleId"] == "SLD002"]
    assert len(sld) == 2
    # Findings on different slides keep apart: distinct fingerprints and logical locations.
    assert {r["locations"][0]["logicalLocations"][0]["name"] for r in sld} == {
        "slide[3]/shape[Body <b>2</b>]", "slide[5]/shape[Footnote 7]"}
    first = sld[0]
    assert first["properties"]["clause"] == "15.3"
    assert first["properties"]["clauseText"] == sample_report().clauses["15.3"][lang]
    assert first["properties"]["slide"] == 3 and first["properties"]["measured"] == 14.0
    assert first["level"] == "error"
    # Percent-encoded, relative to the checkout.
    art = first["locations"][0]["physicalLocation"]["artifactLocation"]
    assert art == {"uri": "item1/%3Cimg%20src%3Dx%20onerror%3Dalert%281%29%3E.pptx",
                   "uriBaseId": "%SRCROOT%"}
    assert HOSTILE in first["locations"][0]["logicalLocations"][0]["fullyQualifiedName"]
    # A member of a zip points at the zip; the member is named in properties.
    sld003 = next(r for r in results if r["ruleId"] == "SLD003")
    assert sld003["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "item2.zip"
    assert sld003["properties"]["member"] == "deck.pptx"
    assert sld003["level"] == "warning"
    assert sld003["properties"]["status"] == "needs-review"
    # Waived: kept, with an accepted external suppression and the reason.
    waived = next(r for r in results if r["ruleId"] == "DOC001")
    assert waived["suppressions"] == [{"kind": "external", "status": "accepted",
                                       "justification": "annex agreed by the apparatus"}]
    # Rules that fired but the report does not list are described too; active ones listed.
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert ids[:3] == ["FIL001", "SLD002", "SLD003"]
    assert {"DOC001", "PKG001"} <= set(ids)
    sld_rule = run["tool"]["driver"]["rules"][1]
    assert sample_report().clauses["15.3"][lang] in sld_rule["help"]["text"]


def test_absolute_path_becomes_file_uri() -> None:
    from dataclasses import replace

    rep = sample_report()
    f = rep.packages[0].files[0]
    moved = replace(f, findings=tuple(replace(x, file="/srv/in/а б.pptx") for x in f.findings))
    pkg = replace(rep.packages[0], files=(moved,), findings=())
    doc = _valid(replace(rep, packages=(pkg,)), "en")
    art = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert art == {"uri": "file:///srv/in/%D0%B0%20%D0%B1.pptx"}


def test_empty_report_still_has_results() -> None:
    from dataclasses import replace

    doc = _valid(replace(sample_report(), packages=()), "en")
    assert doc["runs"][0]["results"] == []


@pytest.mark.corpus
def test_corpus_run_is_valid_sarif(corpus_report: Report) -> None:
    doc = _valid(corpus_report, "ru")
    results = doc["runs"][0]["results"]
    assert len(results) == len(corpus_report.all_findings()) > 0
    assert {r["ruleId"] for r in results} >= {"FIL001", "SLD001"}


def test_every_sample_is_valid_sarif(sample_run: Report) -> None:
    doc = _valid(sample_run, "kk")
    assert len(doc["runs"][0]["results"]) == len(sample_run.all_findings())


def test_writes_through_cli(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from validator.commands.main import main

    src = (ROOT.parent / "shared" / "corpus" / "pdf"
           / "005-libreoffice-writer-password_libreoffice-writer-password.pdf")
    if not src.is_file():
        pytest.skip("the shared corpus is not present")
    out = tmp_path / "out.sarif"
    res = CliRunner().invoke(main, ["check", str(src), "--output", str(out)])
    assert res.exit_code == 1, res.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(SCHEMA).validate(doc)
    assert [r["ruleId"] for r in doc["runs"][0]["results"]] == ["SEC003"]  # encrypted


def test_hand_built_report_matches_the_json_contract() -> None:
    from tests.conftest import assert_valid_json

    assert_valid_json(sample_report())


def test_results_are_capped_for_code_scanning(monkeypatch: pytest.MonkeyPatch) -> None:
    from validator.reports import sarif

    monkeypatch.setattr(sarif, "MAX_RESULTS", 3)
    doc = _valid(sample_report(), "en")
    run = doc["runs"][0]
    levels = [r["level"] for r in run["results"]]
    assert len(levels) == 3 and "warning" not in levels  # the worst are kept
    notes = [n["message"]["text"] for n in run["invocations"][0]["toolExecutionNotifications"]]
    assert notes == ["… and 3 more finding(s): see the full report"]


def test_findings_sharing_a_fingerprint_get_occurrence_numbers() -> None:
    from dataclasses import replace

    from validator.core.findings import Location

    rep = sample_report()
    f = rep.packages[0].files[1]
    base = rep.packages[0].files[0].findings[0]
    paragraphs = tuple(replace(base, file=f.path, location=Location(paragraph=n),
                               fingerprint="0123456789abcdef") for n in (4, 9, 12))
    pkg = replace(rep.packages[0], files=(replace(f, findings=paragraphs),), findings=())
    doc = _valid(replace(rep, packages=(pkg,)), "en")
    assert [r["partialFingerprints"]["primaryLocationLineHash"]
            for r in doc["runs"][0]["results"]] == [
        "0123456789abcdef:1", "0123456789abcdef:2", "0123456789abcdef:3"]
