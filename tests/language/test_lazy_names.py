"""The language package's names load on first use and are the objects their modules define,
whichever module was imported first (a submodule import binds its own name on the package)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

_CHECK = """
import importlib, json, sys
first = sys.argv[1]
if first:
    importlib.import_module(first)
import validator.language as lang
from validator.language import (LanguageResult, MixedScriptWord, detect_document,
                                 language_from_filename, mixed_script_words)
from validator.language.detect import LanguageResult as R, detect_document as D
from validator.language.quality import MixedScriptWord as W, mixed_script_words as M
try:
    lang.no_such_name
    missing = "found"
except AttributeError as exc:
    missing = str(exc)
print(json.dumps({
    "same": [LanguageResult is R, detect_document is D, MixedScriptWord is W,
             mixed_script_words is M],
    "filename": language_from_filename("Анықтама_қаз.docx"),
    "missing": missing,
    "listed": sorted(set(lang.__all__) - set(dir(lang))),
}))
"""


@pytest.mark.parametrize("first", ["", "validator.language.detect", "validator.language.quality",
                                   "validator.checks"])
def test_each_name_is_its_modules_object(first: str) -> None:
    out = subprocess.run([sys.executable, "-c", _CHECK, first], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    got = json.loads(out)
    assert got["same"] == [True, True, True, True]
    assert got["filename"] == "kk"
    assert got["missing"] == "module 'validator.language' has no attribute 'no_such_name'"
    assert got["listed"] == []
