"""``validator --version`` stays fast: the command line imports no heavy library up front
(the time itself is measured in bench/bench_cache.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("lxml", "pypdf", "pptx", "docx", "lingua", "jinja2", "rich", "platformdirs",
         "holidays", "cryptography", "validator.run.engine", "validator.reports.html")


def _run_and_list(argv: list[str], names: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """Run ``validator *argv`` in a fresh interpreter, as the command line does; its output
    lines, and the modules it imported whose names start with one of ``names``."""
    code = ("import json, sys, runpy\n"
            f"sys.argv = ['validator', *{argv!r}]\n"
            "try:\n    runpy.run_module('validator', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            f"print(json.dumps(sorted(m for m in sys.modules if m.startswith({names!r}))))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.strip().splitlines()
    modules: list[str] = json.loads(out[-1])
    return out[:-1], modules


def test_version_imports_nothing_heavy() -> None:
    out, heavy = _run_and_list(["--version"], HEAVY)
    assert out[0] == "validator 0.1.0"
    assert heavy == []


#: Modules only the text, language and page-count rules use; a run that selects none of those
#: rules does not import them.
TEXT_ONLY = ("validator.language.detect", "validator.language.quality",
             "validator.language.pairing", "validator.language.parity",
             "validator.paging.estimate", "validator.paging.libreoffice",
             "validator.materials.reading_time")


def _modules_after_check(*args: str) -> list[str]:
    argv = ["check", *args, "--no-cache", "--no-isolation", "--format", "json"]
    return _run_and_list(argv, TEXT_ONLY)[1]


def test_a_slide_check_does_not_import_the_text_rules_knowledge() -> None:
    """``--select SLD`` over a deck: the language detector, the pairing, the page estimator,
    LibreOffice's driver and the reading-time model are never loaded."""
    assert _modules_after_check("samples/non-compliant-item/Презентация_рус.pptx",
                                "--select", "SLD") == []


def test_the_text_rules_load_what_they_need_when_they_run() -> None:
    """The package that holds that deck, with every rule: the language rules load the
    detector, the pairing and the comparison when they read its texts (so the modules the
    above leaves out are loaded when a rule needs them)."""
    loaded = _modules_after_check("samples/non-compliant-item")
    assert {"validator.language.detect", "validator.language.quality",
            "validator.language.pairing", "validator.language.parity"} <= set(loaded)
