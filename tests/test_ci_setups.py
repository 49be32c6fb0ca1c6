"""The Action and the CI setups docs/CI.md documents, run on a sample repository.

No hosted runner is needed: the test runs the action's shell steps and the documented job
scripts with bash on a scratch git repository that holds the samples as
``meetings/2026-01-20/<item>``, with the validator of this checkout standing in for the
install (the documented ``python -m venv`` and ``pip install`` lines need the network and are
not run; tests/test_install.py installs the project). The workflow files are validated with
action-validator and zizmor (under CI both must be installed; locally a missing one skips with
the reason), the GitLab Code Quality file by its fields, the JUnit file by Jenkins' xsd.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from validator.reports.github import escape_property

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLES = ROOT / "samples"
XSD = SHARED / "schemas" / "junit-10.xsd"
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
BAD_DECK = "meetings/2026-01-20/02-schools/Таныстырылым_қаз.pptx"
#: zizmor's unpinned-uses policy for the documented workflows: the project's pins file has no
#: commit for actions/checkout, and the action's own commit is the user's release; docs/CI.md
#: says to pin both. Every other action must be pinned to a commit.
ZIZMOR_DOCS_CONFIG = """\
rules:
  unpinned-uses:
    config:
      policies:
        "actions/checkout": ref-pin
        "akimat-validator/*": ref-pin
        "*": hash-pin
"""


def _blocks() -> dict[str, list[str]]:
    """docs/CI.md's code blocks by their first line (``# .gitlab-ci.yml``, ...)."""
    text = (ROOT / "docs" / "CI.md").read_text(encoding="utf-8")
    out: dict[str, list[str]] = {}
    for body in re.findall(r"^```[a-z]*\n(.*?)^```", text, flags=re.S | re.M):
        first = body.splitlines()[0].lstrip("#/ ").strip()
        out.setdefault(first, []).append(body)
    return out


def _tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    found = str(here) if here.is_file() else shutil.which(name)
    if found is None:
        reason = (f"{name} is not installed (pip install zizmor; "
                  "npm install -g @action-validator/cli)")
        if os.environ.get("CI") == "true":
            pytest.fail(f"under CI {reason}")
        pytest.skip(reason)
    return found


def _step(step_id: str) -> dict[str, Any]:
    steps: list[dict[str, Any]] = ACTION["runs"]["steps"]
    return next(s for s in steps if s.get("id") == step_id)


def _outputs(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text().splitlines() if line)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository of meeting materials: one compliant and one non-compliant item."""
    if not (SAMPLES / "compliant-item").is_dir():
        pytest.skip("no samples/ folder in this checkout")
    if shutil.which("git") is None or shutil.which("bash") is None:
        pytest.skip("needs git and bash")
    work = tmp_path / "repo"
    day = work / "meetings" / "2026-01-20"
    shutil.copytree(SAMPLES / "compliant-item", day / "01-roads")
    shutil.copytree(SAMPLES / "non-compliant-item", day / "02-schools")
    (work / "README.md").write_text("# Materials\n", encoding="utf-8")
    return work


def _commit(work: Path) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "materials"]):
        subprocess.run(["git", *args], cwd=work, env=env, check=True, timeout=60)


def _clean(work: Path) -> bool:
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"],
                            cwd=work, capture_output=True, text=True, check=True).stdout
    return status == ""


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A ``validator`` command of this checkout on PATH, standing in for the install."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    launcher = bin_dir / "validator"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m validator "$@"\n')
    launcher.chmod(0o755)
    return {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
            "PYTHONPATH": str(ROOT)}


def test_action_uses_are_pinned_to_the_recorded_commits() -> None:
    pins_file = SHARED / "data" / "action-pins.toml"
    if not pins_file.is_file():
        pytest.skip("../shared/data/action-pins.toml is not present")
    pins = tomllib.loads(pins_file.read_text(encoding="utf-8"))["actions"]
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    uses = [s["uses"] for s in ACTION["runs"]["steps"] if "uses" in s]
    assert len(uses) == 2
    for ref in uses:
        name, sha = ref.split("@")
        assert sha == pins[name]["sha"], ref
        assert f"uses: {ref}  # {pins[name]['tag']}\n" in text  # the tag kept in a comment


def test_action_keeps_the_callers_python_and_workspace() -> None:
    python = next(s for s in ACTION["runs"]["steps"]
                  if str(s.get("uses", "")).startswith("actions/setup-python@"))
    assert python["with"]["update-environment"] is False
    assert python["with"]["cache"] == "${{ steps.plan.outputs.cache }}"
    install = _step("install")["run"]
    assert '"$PYTHON" -m venv "$VENV"' in install
    assert '"$bin/python" -m pip install' in install
    assert "${{" not in install + _step("check")["run"] + _step("plan")["run"]
    upload = next(s for s in ACTION["runs"]["steps"]
                  if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif@"))
    assert "hashFiles" not in upload["if"]  # the SARIF file lives outside the workspace
    assert upload["with"]["sarif_file"] == "${{ steps.check.outputs.sarif }}"


@pytest.mark.parametrize("inputs, event, expected", [
    ({}, {"REPO_PRIVATE": "false", "FROM_FORK": ""}, ("true", "false")),
    ({}, {"REPO_PRIVATE": "true", "FROM_FORK": ""}, ("false", "true")),
    ({}, {"REPO_PRIVATE": "false", "FROM_FORK": "true"}, ("false", "true")),
    ({}, {"REPO_PRIVATE": "", "FROM_FORK": ""}, ("false", "true")),  # no repository in event
    ({"UPLOAD": "true"}, {"REPO_PRIVATE": "true", "FROM_FORK": ""}, ("true", "false")),
    ({"ANNOTATIONS": "true"}, {"REPO_PRIVATE": "false", "FROM_FORK": ""}, ("true", "true")),
    ({"UPLOAD": "false", "ANNOTATIONS": "false"}, {"REPO_PRIVATE": "false", "FROM_FORK": ""},
     ("false", "false")),
])
def test_action_plan_uploads_only_where_code_scanning_can_receive(
        tmp_path: Path, inputs: dict[str, str], event: dict[str, str],
        expected: tuple[str, str]) -> None:
    if shutil.which("bash") is None:
        pytest.skip("needs bash")
    workspace = tmp_path / "ws"
    (workspace / ".github" / "workflows").mkdir(parents=True)
    (workspace / ".github" / "workflows" / "m.yml").write_text("on: push\n")
    out = tmp_path / "out"
    step_env = {**os.environ, "UPLOAD": "auto", "ANNOTATIONS": "auto", "CACHE": "true",
                **inputs, **event, "GITHUB_OUTPUT": str(out),
                "GITHUB_WORKSPACE": str(workspace), "RUNNER_TEMP": str(tmp_path / "temp"),
                "GITHUB_WORKFLOW_REF": "org/materials/.github/workflows/m.yml@refs/heads/main"}
    res = subprocess.run(["bash", "-c", _step("plan")["run"]], env=step_env,
                         capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stdout + res.stderr
    got = _outputs(out)
    assert (got["upload"], got["annotations"]) == expected
    assert got["cache"] == "pip"
    assert got["cache-key-file"] == str(workspace / ".github" / "workflows" / "m.yml")
    assert got["dir"] == str(tmp_path / "temp" / "validator")
    # No checked-out workflow file: no cache (setup-python would fail on a missing key file).
    (workspace / ".github" / "workflows" / "m.yml").unlink()
    out.unlink()
    subprocess.run(["bash", "-c", _step("plan")["run"]], env=step_env, check=True, timeout=60)
    assert _outputs(out)["cache"] == ""
    bad = subprocess.run(["bash", "-c", _step("plan")["run"]],
                         env={**step_env, "UPLOAD": "yes"}, capture_output=True, text=True)
    assert bad.returncode == 2 and "upload-sarif must be auto, true or false" in bad.stdout


def test_action_and_documented_workflows_pass_action_validator_and_zizmor(
        tmp_path: Path) -> None:
    validator_cli, zizmor = _tool("action-validator"), _tool("zizmor")
    workflows = _blocks()[".github/workflows/materials.yml"]
    assert len(workflows) == 2  # public and private
    files = [ROOT / "action.yml"]
    for i, text in enumerate(workflows):
        path = tmp_path / ".github" / "workflows" / f"materials-{i}.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        files.append(path)
    for path in files:
        res = subprocess.run([validator_cli, str(path)], capture_output=True, text=True,
                             timeout=120)
        assert res.returncode == 0, f"{path.name}: {res.stdout}{res.stderr}"
    res = subprocess.run([zizmor, "--offline", "--persona", "auditor", str(ROOT / "action.yml")],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stdout + res.stderr
    config = tmp_path / "zizmor.yml"
    config.write_text(ZIZMOR_DOCS_CONFIG, encoding="utf-8")
    res = subprocess.run([zizmor, "--offline", "--config", str(config), *map(str, files[1:])],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stdout + res.stderr


@pytest.mark.parametrize("visibility", ["public", "private"])
def test_github_setup_on_a_sample_repository(visibility: str, repo: Path, tmp_path: Path,
                                             env: dict[str, str]) -> None:
    workflow_text = _blocks()[".github/workflows/materials.yml"][
        0 if visibility == "public" else 1]
    workflow = yaml.safe_load(workflow_text)
    job = workflow["jobs"]["check"]
    wanted = {"contents": "read"} | ({"security-events": "write", "actions": "read"}
                                     if visibility == "public" else {})
    assert job["permissions"] == wanted
    step = next(s for s in job["steps"] if s["uses"].startswith("akimat-validator/validator@"))
    inputs = {name: spec.get("default", "") for name, spec in ACTION["inputs"].items()}
    inputs.update(step["with"])
    wf_path = repo / ".github" / "workflows" / "materials.yml"
    wf_path.parent.mkdir(parents=True)
    wf_path.write_text(workflow_text, encoding="utf-8")
    _commit(repo)
    temp, out = tmp_path / "runner-temp", tmp_path / "gh_output"
    base = {**env, "GITHUB_WORKSPACE": str(repo), "RUNNER_TEMP": str(temp),
            "GITHUB_OUTPUT": str(out), "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
            "GITHUB_WORKFLOW_REF": "org/materials/.github/workflows/materials.yml@refs/heads/main"}
    plan_env = {**base, "UPLOAD": str(inputs["upload-sarif"]),
                "ANNOTATIONS": str(inputs["annotations"]), "CACHE": str(inputs["cache"]),
                "REPO_PRIVATE": "false" if visibility == "public" else "true", "FROM_FORK": ""}
    subprocess.run(["bash", "-c", _step("plan")["run"]], cwd=repo, env=plan_env, check=True,
                   timeout=60)
    plan = _outputs(out)
    assert plan["upload"] == ("true" if visibility == "public" else "false")
    assert plan["cache"] == "pip" and plan["cache-key-file"] == str(wf_path)
    out.unlink()
    check_env = {**base, "VALIDATOR": "validator", "PATHS": str(inputs["paths"]),
                 "LANG_CODE": str(inputs["lang"]), "FAIL_LEVEL": str(inputs["fail-level"]),
                 "REPORT_DIR": plan["dir"], "SARIF_FILE": str(inputs["sarif-file"]),
                 "ANNOTATIONS": plan["annotations"]}
    res = subprocess.run(["bash", "-c", _step("check")["run"]], cwd=repo, env=check_env,
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 0, res.stderr
    got = _outputs(out)
    assert got["rc"] == "1" and got["sarif"] == str(temp / "validator" / "validator.sarif")
    assert _clean(repo)  # every report went under RUNNER_TEMP
    sarif = json.loads(Path(got["sarif"]).read_text(encoding="utf-8"))
    uris = {(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
            for r in sarif["runs"][0]["results"]}
    from urllib.parse import quote

    assert ("SLD002", quote(BAD_DECK)) in uris
    annotations = [ln for ln in res.stdout.splitlines() if ln.startswith("::error file=")]
    if visibility == "public":
        assert annotations == []  # code scanning shows them
    else:
        # the workflow asks for Russian: the rule by its code and its Russian title
        title = escape_property("SLD002 Текст на слайдах меньше минимального размера шрифта")
        assert any(ln.startswith(f"::error file={BAD_DECK},title={title}::")
                   for ln in annotations)
    assert "вернуть на доработку" in (tmp_path / "summary.md").read_text(encoding="utf-8")
    fail = subprocess.run(["bash", "-c", ACTION["runs"]["steps"][-1]["run"]],
                          env={**base, "RC": got["rc"]}, timeout=60)
    assert fail.returncode == 1


def _documented_script(lines: list[str]) -> str:
    """The documented job script without its install lines (venv and pip need the network)."""
    kept = [ln for ln in lines if "-m venv" not in ln and "pip install" not in ln
            and "pip\" install" not in ln]
    assert any(ln.lstrip().startswith("validator check") for ln in kept)
    return "set -e\n" + "\n".join(kept) + "\n"


def _assert_jenkins_junit(path: Path) -> None:
    from lxml import etree

    if not XSD.is_file():
        pytest.skip("junit-10.xsd is not present (../shared/schemas)")
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    doc = etree.parse(str(path))
    assert schema.validate(doc), schema.error_log
    files = {c.get("file"): c.get("classname") for c in doc.iter("testcase")}
    assert files[BAD_DECK] == BAD_DECK.replace(".", "\u2024")


def test_gitlab_setup_on_a_sample_repository(repo: Path, env: dict[str, str]) -> None:
    config = yaml.safe_load(_blocks()[".gitlab-ci.yml"][0])
    job = config["materials"]
    (repo / ".gitlab-ci.yml").write_text(_blocks()[".gitlab-ci.yml"][0], encoding="utf-8")
    _commit(repo)
    res = subprocess.run(["bash", "-c", _documented_script(job["script"])], cwd=repo,
                         env={**env, "CI_PROJECT_DIR": str(repo)}, capture_output=True,
                         text=True, timeout=300)
    assert res.returncode == 1, res.stderr  # the job fails on findings ...
    assert job["artifacts"]["when"] == "always"  # ... and the reports are kept
    reports = job["artifacts"]["reports"]
    issues = json.loads((repo / reports["codequality"]).read_text(encoding="utf-8"))
    assert issues, "the non-compliant item has findings"
    for issue in issues:
        assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert (repo / issue["location"]["path"]).exists()
        assert issue["location"]["lines"]["begin"] == 1
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert any(i["check_name"] == "SLD002" and i["location"]["path"] == BAD_DECK
               for i in issues)
    _assert_jenkins_junit(repo / reports["junit"])
    for path in job["artifacts"]["paths"]:
        assert (repo / path).is_file()


def test_jenkins_setup_on_a_sample_repository(repo: Path, tmp_path: Path,
                                              env: dict[str, str]) -> None:
    jenkinsfile = _blocks()["Jenkinsfile"][0]
    script = re.search(r"sh '''\n(.*?)'''", jenkinsfile, flags=re.S)
    assert script is not None
    junit = re.search(r"junit testResults: '([^']+)'", jenkinsfile)
    archived = re.search(r"archiveArtifacts artifacts: '([^']+)'", jenkinsfile)
    assert junit is not None and archived is not None
    (repo / "Jenkinsfile").write_text(jenkinsfile, encoding="utf-8")
    _commit(repo)
    res = subprocess.run(["bash", "-c", _documented_script(script.group(1).splitlines())],
                         cwd=repo, env={**env, "WORKSPACE_TMP": str(tmp_path / "ws-tmp")},
                         capture_output=True, text=True, timeout=300)
    assert res.returncode == 1, res.stderr  # the sh step fails the build on findings
    _assert_jenkins_junit(repo / junit.group(1))
    assert (repo / archived.group(1)).is_file()
