"""``validator --version`` stays fast: the command line imports no heavy library up front
(the time itself is measured in bench/bench_cache.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("lxml", "pypdf", "pptx", "docx", "lingua", "jinja2", "rich", "platformdirs",
         "holidays", "cryptography", "validator.run.engine", "validator.reports.html")


def test_version_imports_nothing_heavy() -> None:
    code = ("import sys, runpy\n"
            "sys.argv = ['validator', '--version']\n"
            "try:\n    runpy.run_module('validator', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            f"heavy = {HEAVY!r}\n"
            "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.strip().splitlines()
    assert out[0] == "validator 0.1.0"
    assert out[-1] == "[]"
