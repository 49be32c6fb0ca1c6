"""The formats CI systems read natively, checked against what their consumers accept:
GitHub workflow commands (the toolkit's escaping rules), GitLab Code Quality (the fields
GitLab reads) and JUnit (Jenkins' junit-10.xsd, with lxml)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner

from tests.reports.sample import HOSTILE, sample_report
from validator.commands.main import main
from validator.core.catalogue import rule_text
from validator.core.findings import Severity, Status
from validator.reports import github, gitlab, junit

ROOT = Path(__file__).resolve().parents[2]
XSD = ROOT.parent / "shared" / "schemas" / "junit-10.xsd"
SAMPLES = ROOT / "samples"
COMMAND = re.compile(
    r"^::(error|warning|notice)(?: ((?:[a-z]+=[^,:]*)(?:,[a-z]+=[^,:]*)*))?::(.*)$")


def _commands(text: str) -> list[tuple[str, dict[str, str], str]]:
    """Parse workflow commands as the runner does: properties split at ',' and the first '=',
    values and message percent-decoded."""
    out = []
    for line in text.splitlines():
        m = COMMAND.match(line)
        assert m, f"not a workflow command: {line!r}"
        props = dict(p.split("=", 1) for p in m.group(2).split(",")) if m.group(2) else {}
        out.append((m.group(1), {k: unquote(v) for k, v in props.items()}, unquote(m.group(3))))
    return out


def test_github_commands_one_per_counted_finding_worst_first() -> None:
    report = sample_report()
    cmds = _commands(github.render(report, "en"))
    counted = [f for f in report.all_findings() if f.status is not Status.WAIVED]
    assert len(cmds) == len(counted) == 5  # the waived DOC001 is left out
    assert [c[0] for c in cmds] == ["error"] * 4 + ["warning"]
    titles = [c[1]["title"] for c in cmds]
    assert "DOC001 page-limit" not in titles
    # SLD002 at slide 3 of the hostile file: file property, title, place and clause.
    sld = [c for c in cmds if c[1]["title"] == "SLD002 min-font-size"]
    assert [c[1]["file"] for c in sld] == [f"item1/{HOSTILE}"] * 2
    assert sld[0][2].startswith("slide 3, text box «Body <b>2</b>»: en: text of 14 pt")
    said, advice = sld[0][2].split("\n")
    assert said.endswith("(clause 15.3)")
    assert advice == f"How to fix: {rule_text('SLD002', 'en').how_to_fix}"
    # A needs-review warning inside a zip: a warning at the zip, the member in the message.
    review = cmds[-1]
    assert review[1] == {"file": "item2.zip",
                         "title": "SLD003 presentation-file-size (needs review)"}
    assert review[2].startswith("deck.pptx: en: size needs review")


def test_github_escapes_what_would_end_or_start_a_command() -> None:
    rep = sample_report()
    fr = rep.packages[0].files[3]  # FIL001 on broken.docx
    evil = "item1/a,b:c%d\n::set-env name=X::1\r.docx"
    f = replace(fr.findings[0], file=evil,
                messages=(("en", "50% done\n::error::forged"),))
    pkg = replace(rep.packages[0], files=(replace(fr, path=evil, findings=(f,)),), findings=())
    text = github.render(replace(rep, packages=(pkg,)), "en")
    assert text.count("\n") == 1  # one command, one line: nothing forged
    assert "file=item1/a%2Cb%3Ac%25d%0A%3A%3Aset-env name=X%3A%3A1%0D.docx," in text
    advice = github.escape_data(f"How to fix: {rule_text('FIL001', 'en').how_to_fix}")
    assert text.rstrip("\n").endswith(f"::50%25 done%0A::error::forged (tool finding)%0A{advice}")
    assert github.escape_property("a:b,c") == "a%3Ab%2Cc"
    assert github.escape_data("a:b,c") == "a:b,c"
    assert _commands(text)[0][1]["file"] == evil


def test_github_notice_for_info_and_nothing_when_clean() -> None:
    rep = sample_report()
    f = rep.packages[0].findings[0]
    pkg = replace(rep.packages[0], files=(), findings=(replace(f, severity=Severity.INFO),))
    assert _commands(github.render(replace(rep, packages=(pkg,))))[0][0] == "notice"
    assert github.render(replace(rep, packages=())) == ""


def test_gitlab_code_quality_fields() -> None:
    report = sample_report()
    issues = json.loads(gitlab.render(report, "ru"))
    assert isinstance(issues, list) and len(issues) == 5  # the waived finding is left out
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity",
                              "location"}
        assert isinstance(issue["description"], str) and issue["description"]
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert isinstance(issue["location"]["path"], str)
        assert issue["location"]["lines"]["begin"] == 1
    prints = [i["fingerprint"] for i in issues]
    assert len(set(prints)) == len(prints)  # GitLab keys issues by fingerprint
    by = {(i["check_name"], i["location"]["path"]): i for i in issues}
    assert by[("FIL001", "item1/broken.docx")]["severity"] == "blocker"
    assert by[("PKG001", "item1")]["severity"] == "major"
    assert by[("SLD003", "item2.zip")]["severity"] == "major"  # needs review, in a zip
    assert "deck.pptx" in by[("SLD003", "item2.zip")]["description"]
    assert "ru: no participant list" in by[("PKG001", "item1")]["description"]
    # Stable across runs and languages: the fingerprint is the place, not the wording.
    assert prints == [i["fingerprint"] for i in json.loads(gitlab.render(report, "kk"))]


def test_gitlab_severity_mapping() -> None:
    f = sample_report().packages[0].findings[0]
    assert gitlab.severity(replace(f, severity=Severity.INFO)) == "info"
    assert gitlab.severity(replace(f, severity=Severity.WARNING)) == "minor"
    assert gitlab.severity(f) == "major"
    assert gitlab.severity(replace(f, code="SEC002")) == "critical"
    assert gitlab.severity(replace(f, code="FIL003", severity=Severity.WARNING)) == "blocker"
    assert gitlab.severity(replace(f, severity=Severity.INFO,
                                   status=Status.NEEDS_REVIEW)) == "major"


def _xsd() -> object:
    from lxml import etree

    if not XSD.is_file():
        pytest.skip("junit-10.xsd is not present beside the project (../shared/schemas)")
    return etree.XMLSchema(etree.parse(str(XSD)))


def _assert_jenkins_valid(text: str) -> object:
    from lxml import etree

    schema = _xsd()
    doc = etree.fromstring(text.encode("utf-8"))
    assert schema.validate(doc), schema.error_log  # type: ignore[attr-defined]
    return doc


def test_junit_is_valid_for_jenkins_and_classnames_do_not_split() -> None:
    doc = _assert_jenkins_valid(junit.render(sample_report(), "kk"))
    suites = doc.findall("testsuite")  # type: ignore[attr-defined]
    assert [s.get("name") for s in suites] == ["item1", "item2.zip"]
    for case in doc.iter("testcase"):  # type: ignore[attr-defined]
        classname = case.get("classname")
        assert "." not in classname  # Jenkins shows the part after the last dot as the class
        assert classname == case.get("file").replace(".", "\u2024")
    files = {c.get("file") for c in doc.iter("testcase")}  # type: ignore[attr-defined]
    assert {"item1/Анықтама.docx", "item2.zip/deck.pptx", "item1"} <= files
    assert doc.get("skipped") is None and doc.get("tests") == "7"  # type: ignore[attr-defined]


def test_junit_of_empty_and_clean_reports_is_valid() -> None:
    rep = sample_report()
    _assert_jenkins_valid(junit.render(replace(rep, packages=())))
    clean = replace(rep.packages[0], files=(rep.packages[0].files[1],), findings=())
    _assert_jenkins_valid(junit.render(replace(rep, packages=(clean,))))


@pytest.mark.parametrize("sample", ["compliant-item", "non-compliant-item"])
def test_cli_formats_on_the_samples(sample: str, tmp_path: Path) -> None:
    if not (SAMPLES / sample).is_dir():
        pytest.skip("no samples/ folder in this checkout")
    out = tmp_path / "junit.xml"
    quality = tmp_path / "gl-code-quality-report.json"
    notes = tmp_path / "annotations.github"
    res = CliRunner().invoke(main, ["check", str(SAMPLES / sample), "--no-cache",
                                    "-o", str(out), "-o", str(quality), "-o", str(notes)])
    _assert_jenkins_valid(out.read_text(encoding="utf-8"))
    quality_items = json.loads(quality.read_text(encoding="utf-8"))
    issues = [i for i in quality_items if i["check_name"] != "validator"]  # the run's notices
    assert len(quality_items) - len(issues) == (0 if (SAMPLES / sample / "manifest.toml")
                                                .is_file() else 1)
    commands = _commands(notes.read_text(encoding="utf-8"))
    cmds = [c for c in commands if c[1]]  # the findings; the run's notices have no file
    notices = [c for c in commands if not c[1]]
    dated = (SAMPLES / sample / "manifest.toml").is_file()
    assert [(level, text.split(",")[0]) for level, _, text in notices] == (
        [] if dated else [("warning", "1 package(s) have no meeting date")])
    assert len(issues) == len(cmds)
    assert sorted(i["check_name"] for i in issues) == sorted(c[1]["title"].split()[0]
                                                             for c in cmds)
    if sample == "compliant-item":
        assert res.exit_code == 0 and issues == []
    else:
        assert res.exit_code == 1
        codes = {i["check_name"] for i in issues}
        assert {"PKG001", "SLD002", "FIL001"} <= codes
        stdout = CliRunner().invoke(main, ["check", str(SAMPLES / sample), "--no-cache",
                                           "--output-format", "gitlab"]).output
        assert json.loads(stdout) == quality_items
