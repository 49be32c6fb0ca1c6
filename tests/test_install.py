"""The toolkit installs and runs wherever a team keeps its documents: from a checkout without
symbolic links (Windows), typed for mypy, quiet in a closed pipe, and with a clear error when a
script calls it without the main-module guard."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from click.testing import CliRunner

from validator.commands.main import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
GOOD, BAD = SAMPLES / "compliant-item", SAMPLES / "non-compliant-item"


def _needs_samples() -> None:
    if not GOOD.is_dir() or not BAD.is_dir():
        pytest.skip("no samples/ folder in this checkout")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed project, cloned with ``core.symlinks=false`` (as on Windows) and installed
    (not editable) into a fresh venv; its dependencies come from this venv through a ``.pth``
    file, so nothing is fetched."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of the project")
    base = tmp_path_factory.mktemp("install")
    clone = base / "clone"
    subprocess.run(["git", "clone", "-q", "-c", "core.symlinks=false", str(ROOT), str(clone)],
                   check=True, timeout=120)
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True,
                   timeout=120)
    python = venv / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; "
                              "print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    Path(purelib, "dev-venv.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    res = subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps",
                          "--no-build-isolation", "--no-index", str(clone)],
                         capture_output=True, text=True, timeout=300, cwd=base)
    assert res.returncode == 0, res.stderr
    return venv


def _run(venv: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run([str(venv / "bin" / "validator"), *args], capture_output=True,
                          text=True, timeout=300, cwd=venv.parent, env=env)


def test_no_symbolic_link_is_tracked_in_the_package() -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of the project")
    staged = subprocess.run(["git", "ls-files", "-s", "validator", "rules"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.splitlines()
    assert staged and not [line for line in staged if line.startswith("120000")]


def test_checkout_without_symlinks_ships_the_profiles(installed: Path) -> None:
    _needs_samples()
    where = subprocess.run([str(installed / "bin" / "python"), "-c",
                            "import validator, pathlib; print(pathlib.Path(validator.__file__)"
                            ".parent)"], capture_output=True, text=True, check=True,
                           cwd=installed.parent).stdout.strip()
    package = Path(where)
    assert package.is_relative_to(installed)  # the installed copy, not this checkout
    profile = package / "rules" / "oskemen-2025.toml"
    assert profile.is_file() and not profile.is_symlink()
    assert (package / "py.typed").is_file()
    res = _run(installed, "profiles")
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("oskemen-2025\t")
    res = _run(installed, "check", str(GOOD), "--no-cache")
    assert res.returncode == 0, res.stdout + res.stderr
    assert ": accept" in res.stdout
    res = _run(installed, "check", str(BAD), "--no-cache", "--format", "github")
    assert res.returncode == 1
    assert "::error file=" in res.stdout and "title=SLD002 min-font-size" in res.stdout


def test_mypy_strict_finds_the_types(installed: Path, tmp_path: Path) -> None:
    mypy = shutil.which("mypy", path=str(Path(sys.executable).parent)) or shutil.which("mypy")
    if mypy is None:
        pytest.skip("mypy is not installed")
    prog = tmp_path / "prog.py"
    prog.write_text("from pathlib import Path\n\nimport validator\n\n\n"
                    "def verdicts(folder: Path) -> list[str]:\n"
                    "    report = validator.check(folder)\n"
                    "    return [p.verdict.value for p in report.packages]\n\n\n"
                    "def wrong(folder: Path) -> int:\n"
                    "    return validator.check(folder)\n", encoding="utf-8")
    res = subprocess.run([mypy, "--strict", "--no-incremental", "--python-executable",
                          str(installed / "bin" / "python"), str(prog)],
                         capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert "missing library stubs" not in res.stdout
    # The types are read: the one wrong return is caught, nothing else.
    assert res.stdout.count("error:") == 1, res.stdout
    assert 'Incompatible return value type (got "Report", expected "int")' in res.stdout


def test_unguarded_script_gets_a_clear_error_not_unreadable_files(tmp_path: Path) -> None:
    _needs_samples()
    script = tmp_path / "unguarded.py"
    script.write_text("import sys\nimport validator\n\n"
                      "report = validator.check(sys.argv[1], jobs=1)\n"
                      "print('verdict', report.packages[0].verdict.value)\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    res = subprocess.run([sys.executable, str(script), str(GOOD)], capture_output=True,
                         text=True, timeout=300, cwd=tmp_path, env=env)
    assert res.returncode == 1
    assert "UnguardedMainError" in res.stderr
    assert 'if __name__ == "__main__":' in res.stderr and "isolate=False" in res.stderr
    assert str(script) in res.stderr
    assert "verdict" not in res.stdout  # no report of unreadable files
    guarded = tmp_path / "guarded.py"
    guarded.write_text("import sys\nimport validator\n\nif __name__ == '__main__':\n"
                       "    report = validator.check(sys.argv[1], jobs=1)\n"
                       "    print('verdict', report.packages[0].verdict.value)\n",
                       encoding="utf-8")
    res = subprocess.run([sys.executable, str(guarded), str(GOOD)], capture_output=True,
                         text=True, timeout=300, cwd=tmp_path, env=env)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "verdict accept"


@pytest.mark.parametrize("args", [["--statistics"], ["--format", "json"]])
def test_closed_pipe_ends_quietly_with_the_verdicts_exit_code(args: list[str]) -> None:
    _needs_samples()
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before anything is written (`| head` done)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    try:
        res = subprocess.run([sys.executable, "-m", "validator", "check", str(BAD),
                              "--no-cache", *args], stdout=write_end, stderr=subprocess.PIPE,
                             text=True, timeout=300, env=env)
    finally:
        os.close(write_end)
    assert res.stderr == ""
    assert res.returncode == 1  # the verdict's code (return for correction), not 2


def test_rules_are_listed_by_code() -> None:
    res = CliRunner().invoke(main, ["rules"])
    assert res.exit_code == 0
    codes = [line.split()[0] for line in res.output.splitlines()]
    assert len(codes) > 10 and codes == sorted(codes)
    json_res = CliRunner().invoke(main, ["rules", "--format", "json"])
    import json

    assert [r["code"] for r in json.loads(json_res.output)] == sorted(codes)
