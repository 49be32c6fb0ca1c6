"""The CI formats say what concerns the whole run: with ``--exit-zero`` the exit code is 0
although a file was not read, and the report says so in GitHub annotations, GitLab Code
Quality and JUnit as in the others; a finding of a file not read is a GitLab blocker whatever
its rule."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner
from lxml import etree

from tests.reports.test_ci_formats import XSD, _commands
from validator.commands.main import main
from validator.core.catalogue import ui
from validator.core.findings import Finding, Location, Severity, Status
from validator.reports import gitlab

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "compliant-item"


def _exit_zero_run(tmp_path: Path, fmt: str, lang: str) -> str:
    item = tmp_path / "item"
    shutil.copytree(SAMPLE, item)
    (item / "Справка_рус.docx").write_bytes(b"")  # FIL001: not read
    result = CliRunner().invoke(main, ["check", str(item), "--no-cache", "--exit-zero",
                                       "--select", "SLD", "--format", fmt, "--lang", lang])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_github_says_the_exit_code_was_forced(tmp_path: Path, lang: str) -> None:
    lines = _exit_zero_run(tmp_path, "github", lang).splitlines()
    notices = [unquote(line.removeprefix("::warning::")) for line in lines
               if line.startswith("::warning::")]
    assert ui(lang, "run.exit_zero", count="1") in notices
    cmds = _commands("\n".join(line for line in lines if not line.startswith("::warning::")))
    assert [c for c, p, _ in cmds if p["file"].endswith("Справка_рус.docx")] == ["error"]
    assert lines.index(next(x for x in lines if "--exit-zero" in x)) < len(notices)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_gitlab_says_the_exit_code_was_forced(tmp_path: Path, lang: str) -> None:
    issues = json.loads(_exit_zero_run(tmp_path, "gitlab", lang))
    notes = [i for i in issues if i["check_name"] == "validator"]
    assert ui(lang, "run.exit_zero", count="1") in [i["description"] for i in notes]
    assert {i["severity"] for i in notes} == {"info"}
    assert all(i["location"]["path"].endswith("item") for i in notes)
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert [i["severity"] for i in issues if i["check_name"] == "FIL001"] == ["blocker"]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_junit_says_the_exit_code_was_forced(tmp_path: Path, lang: str) -> None:
    text = _exit_zero_run(tmp_path, "junit", lang)
    root = etree.fromstring(text.encode("utf-8"))
    if XSD.exists():
        schema = etree.XMLSchema(etree.parse(str(XSD)))
        assert schema.validate(root), schema.error_log
    out = root.find("testsuite/system-out")
    assert out is not None and ui(lang, "run.exit_zero", count="1") in (out.text or "")


def test_a_finding_of_a_text_not_read_is_a_blocker_whatever_its_rule() -> None:
    unconverted = Finding(code="FIL002", name="unsupported-format", severity=Severity.WARNING,
                          status=Status.NEEDS_REVIEW, clause=None, package="item",
                          file="item/Доклад.ppt", location=Location(), messages=(),
                          not_read=True)
    assert gitlab.severity(unconverted) == "blocker"
    read = Finding(code="FIL002", name="unsupported-format", severity=Severity.INFO,
                   status=Status.VIOLATION, clause=None, package="item",
                   file="item/notes.txt", location=Location(), messages=())
    assert gitlab.severity(read) == "info"
