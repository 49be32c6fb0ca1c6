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


#: Modules only the text, language and page-count rules use; a run that selects none of those
#: rules does not import them.
TEXT_ONLY = ("validator.language.detect", "validator.language.quality",
             "validator.language.pairing", "validator.language.parity",
             "validator.paging.estimate", "validator.paging.libreoffice",
             "validator.materials.reading_time")


def _modules_after_check(*args: str) -> list[str]:
    code = ("import json, sys, runpy\n"
            f"sys.argv = ['validator', 'check', *{list(args)!r}, '--no-cache', "
            "'--no-isolation', '--format', 'json']\n"
            "try:\n    runpy.run_module('validator', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            f"print(json.dumps(sorted(m for m in sys.modules if m in {TEXT_ONLY!r})))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.strip().splitlines()
    names: list[str] = json.loads(out[-1])
    return names


def test_a_slide_check_does_not_import_the_text_rules_knowledge() -> None:
    """``--select SLD`` over a deck: the language detector, the pairing, the page estimator,
    LibreOffice's driver and the reading-time model are never loaded."""
    assert _modules_after_check("samples/non-compliant-item/Презентация_рус.pptx",
                                "--select", "SLD") == []


def test_the_text_rules_load_what_they_need_when_they_run() -> None:
    """The same deck with every rule: the language rules load the detector, the pairing and
    the comparison when they read its text (nothing was left out of the run by the above)."""
    loaded = _modules_after_check("samples/non-compliant-item")
    assert {"validator.language.detect", "validator.language.quality",
            "validator.language.pairing", "validator.language.parity"} <= set(loaded)
