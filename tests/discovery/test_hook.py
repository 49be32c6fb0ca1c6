"""The pre-commit hook: packages the staged changes touch, checked as committed, through
pre-commit itself on a scratch repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT
from validator.commands.hook import _Folder, touched_packages
from validator.run.engine import discovery_rules
from validator.settings.options import Settings
from validator.settings.profile import Profile

COMPLIANT = ROOT / "samples" / "compliant-item"


def _tree(*paths: str) -> _Folder:
    root = _Folder()
    for p in paths:
        root.add(p.split("/"))
    return root


def test_staged_paths_map_to_their_packages(profile: Profile) -> None:
    rules = discovery_rules(profile, Settings(exclude=("archive",)))
    index = _tree("README.md", ".github/workflows/ci.yml",
                  "meetings/2026-01-20/01-roads/Справка.docx",
                  "meetings/2026-01-20/01-roads/notes.txt",
                  "meetings/2026-01-20/02-schools/kk/Анықтама.docx",
                  "meetings/2026-01-20/02-schools/ru/Справка.docx",
                  "meetings/2026-01-20/03-parks.zip",
                  "meetings/archive/04/Справка.docx")
    staged = ["README.md", ".github/workflows/ci.yml",
              "meetings/2026-01-20/01-roads/notes.txt",                # changed, inside an item
              "meetings/2026-01-20/01-roads/Список участников.docx",   # deleted
              "meetings/2026-01-20/02-schools/ru/Справка.docx",
              "meetings/2026-01-20/03-parks.zip",
              "meetings/2026-01-20/gone/Справка.docx",                 # its item deleted whole
              "meetings/archive/04/Справка.docx"]                      # excluded
    assert touched_packages(staged, index, rules) == [
        "meetings/2026-01-20/01-roads", "meetings/2026-01-20/02-schools",
        "meetings/2026-01-20/03-parks.zip"]


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True,
                          check=False, timeout=600,
                          env={**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "pc-home"),
                               "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                               "GIT_COMMITTER_NAME": "t",
                               "GIT_COMMITTER_EMAIL": "t@example.org"})


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    # The shipped hook definition, run from this checkout's interpreter (no network).
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook.update(entry=f"{sys.executable} -m validator hook", language="system", verbose=True)
    config = {"repos": [{"repo": "local", "hooks": [hook]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (repo / "README.md").write_text("# materials\n", encoding="utf-8")
    shutil.copytree(COMPLIANT, repo / "meetings" / "item")
    done = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=repo,
                          capture_output=True, text=True, check=False,
                          env={**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pc-home")})
    assert done.returncode == 0, done.stderr
    return repo


def test_precommit_fails_a_commit_that_deletes_a_required_document(repo: Path) -> None:
    _git(repo, "add", "-A")
    first = _git(repo, "commit", "-qm", "materials")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Packages found: 1" in first.stdout + first.stderr

    _git(repo, "rm", "-q", "meetings/item/Қатысушылар_тізімі_қаз.docx")
    second = _git(repo, "commit", "-qm", "drop the participant list")
    output = second.stdout + second.stderr
    assert second.returncode != 0, output
    assert "PKG001" in output and "meetings/item" in output
    assert _git(repo, "rev-list", "--count", "HEAD").stdout.strip() == "1"
    # The staged copy is checked, not the work tree: the file is gone from both here, and
    # nothing of the check is left behind in the repository.
    status = _git(repo, "-c", "core.quotePath=false", "status", "--porcelain")
    assert status.stdout.splitlines() == ["D  meetings/item/Қатысушылар_тізімі_қаз.docx"]


def test_precommit_checks_documents_kept_in_git_lfs_not_their_pointers(repo: Path) -> None:
    """The index holds a pointer for each document kept in Git LFS; ``git checkout-index``
    writes the document itself through the LFS filter, and that is what is checked."""
    if shutil.which("git-lfs") is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("git-lfs is not installed, and .ci/run installs it")
        pytest.skip("git-lfs is installed by .ci/run")
    assert _git(repo, "lfs", "install", "--local").returncode == 0
    assert _git(repo, "lfs", "track", "*.pptx", "*.docx").returncode == 0
    _git(repo, "add", "-A")
    staged = _git(repo, "cat-file", "-p", ":meetings/item/Қатысушылар_тізімі_қаз.docx")
    assert staged.stdout.startswith("version https://git-lfs.github.com/spec/v1")
    done = _git(repo, "commit", "-qm", "materials")
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "Packages found: 1" in output and "FIL001" not in output


def test_precommit_passes_a_change_beside_the_packages(repo: Path) -> None:
    _git(repo, "add", "-A")
    assert _git(repo, "commit", "-qm", "materials").returncode == 0
    (repo / "README.md").write_text("# materials of 2026\n", encoding="utf-8")
    _git(repo, "add", "README.md")
    done = _git(repo, "commit", "-qm", "readme")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no package is touched" in done.stdout + done.stderr


def test_the_hook_filter_covers_every_format_the_toolkit_reads() -> None:
    import re

    from validator.files.member import FORMATS

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["pass_filenames"] is False and hook["always_run"] is True
    pattern = re.compile(hook["files"])
    from validator.formats.cms import SIGNATURE_EXTENSIONS
    from validator.formats.mail import MAIL_EXTENSIONS

    for ext in [*FORMATS, "zip", *SIGNATURE_EXTENSIONS, *MAIL_EXTENSIONS]:
        assert pattern.search(f"meetings/01/Справка.{ext}"), ext
        assert pattern.search(f"meetings/01/Справка.{ext.upper()}. "), ext
    assert pattern.search("meetings/01/manifest.toml")
    assert not pattern.search("README.md")
