"""The GitHub Action's check step and the pre-commit hook, run for real with bash."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
DECK = CORPUS / "office" / "2411-Performance_Up.pptx"  # SLD001


def _step_script(step_id: str) -> str:
    """The ``run: |`` block of the step with ``id: step_id`` in action.yml."""
    lines = (ROOT / "action.yml").read_text(encoding="utf-8").splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.strip() == f"id: {step_id}")
    run = next(i for i in range(start, len(lines)) if lines[i].strip() == "run: |")
    indent = len(lines[run + 1]) - len(lines[run + 1].lstrip())
    body = []
    for ln in lines[run + 1:]:
        if ln.strip() and len(ln) - len(ln.lstrip()) < indent:
            break
        body.append(ln[indent:])
    return "\n".join(body) + "\n"


@pytest.fixture
def validator_on_path(tmp_path: Path) -> dict[str, str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    launcher = bin_dir / "validator"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m validator "$@"\n')
    launcher.chmod(0o755)
    return {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
            "PYTHONPATH": str(ROOT)}


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_action_check_step_writes_sarif_summary_and_exit_code(
        tmp_path: Path, validator_on_path: dict[str, str]) -> None:
    if not DECK.is_file():
        pytest.skip("the shared corpus is not present")
    work = tmp_path / "repo"
    (work / "item 1").mkdir(parents=True)
    shutil.copy(DECK, work / "item 1" / "Таныстырылым.pptx")
    output, summary = tmp_path / "gh_output", tmp_path / "gh_summary"
    reports = tmp_path / "runner-temp" / "validator"
    env = {**validator_on_path, "PATHS": "item 1\n", "LANG_CODE": "ru", "FAIL_LEVEL": "",
           "SARIF_FILE": "", "REPORT_DIR": str(reports), "ANNOTATIONS": "true",
           "VALIDATOR": "validator", "GITHUB_OUTPUT": str(output),
           "GITHUB_STEP_SUMMARY": str(summary)}
    res = subprocess.run(["bash", "-c", _step_script("check")], cwd=work, env=env,
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr  # the step itself passes; a later step fails
    assert output.read_text().splitlines() == [
        "rc=1", f"dir={reports}", f"sarif={reports / 'validator.sarif'}"]
    assert sorted(p.name for p in work.rglob("*") if p.is_file()) == ["Таныстырылым.pptx"]
    sarif = json.loads((reports / "validator.sarif").read_text(encoding="utf-8"))
    results = sarif["runs"][0]["results"]
    assert [r["ruleId"] for r in results].count("SLD001") == 1
    prints = {r["partialFingerprints"]["primaryLocationLineHash"] for r in results}
    assert len(prints) == len(results) > 1  # slide findings stay apart
    sld001 = next(r for r in results if r["ruleId"] == "SLD001")
    uri = sld001["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "item%201/" + quote("Таныстырылым.pptx")
    assert "вернуть на доработку" in summary.read_text(encoding="utf-8")
    # The text report is printed with workflow commands off; the annotations after it.
    lines = res.stdout.splitlines()
    stop = next(i for i, ln in enumerate(lines) if ln.startswith("::stop-commands::"))
    token = lines[stop].split("::")[2]
    resume = lines.index(f"::{token}::")
    assert len(token) == 32 and "SLD001" in "\n".join(lines[stop:resume])
    assert any(ln.startswith("::error file=item 1/") and "title=SLD001" in ln
               for ln in lines[resume:])


def test_pre_commit_hook_checks_packages_not_file_names() -> None:
    """The hook runs on every commit and reads the staged changes itself (deleted files
    included, which pre-commit never passes); tests/discovery/test_hook.py runs it through
    pre-commit on a scratch repository."""
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    pattern = re.search(r"files: '([^']+)'", text)
    assert pattern is not None
    files = re.compile(pattern.group(1))
    for name in ("a.pptx", "B.DOCX", "c.pdf", "d.xlsx", "e.zip", "f.pptm", "dir/g.docm",
                 "h.ppt", "i.doc", "j.xls", "k.rtf", "l.odt", "m.odp", "item/manifest.toml"):
        assert files.search(name), name
    for name in ("a.txt", "b.md", "pptx", "c.pptx.bak", "d.json"):
        assert not files.search(name), name
    entry = re.search(r"entry: (.+)", text)
    assert entry is not None and entry.group(1).split() == ["validator", "hook"]
    assert "pass_filenames: false" in text and "always_run: true" in text
