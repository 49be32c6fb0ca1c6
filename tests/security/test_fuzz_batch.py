"""Batch fuzzing: many damaged files checked as ONE package, the way they arrive, through the
command line and its worker processes. One file's damage must cost only that file: the run
never exits 2 and never prints an internal error, every file comes back with a report, no
package rule stops, and a file damaged in a part the rules read is never "compliant".

The package holds files made by the project's own generators, each damaged in one part the
rules read (a CRC-32 that does not match, or XML cut short), Kazakh/Russian pairs whose
Russian side is damaged in a part only some views read (the pairing crash of a bad
``word/fontTable.xml``), and mutants of small corpus files (read in place, seeded, so CI
replays the same batch). Bounded to a few tens of seconds (``VALIDATOR_FUZZ_BATCH`` mutants
of the corpus, default 16).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from tests.checks.lang_docs import KK_TEXT, RU_TEXT, docx, pptx
from tests.checks.scans import bad_crc
from tests.conftest import ROOT, rewrite_part
from tests.security import fuzz

SCHEMA = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
CORPUS_MUTANTS = int(os.environ.get("VALIDATOR_FUZZ_BATCH", "16"))
#: A batch must finish well within this (seconds); it takes about 15 s on two cores.
BUDGET = 120.0

#: Parts every rule run reads (the package's own structure, the main text): damage in any of
#: them must make the file not compliant.
DOCX_PARTS = ("[Content_Types].xml", "_rels/.rels", "word/document.xml",
              "word/_rels/document.xml.rels")
PPTX_PARTS = ("[Content_Types].xml", "_rels/.rels", "ppt/presentation.xml",
              "ppt/_rels/presentation.xml.rels", "ppt/slides/slide1.xml")


def _cut_xml(body: bytes) -> bytes:
    """XML cut in the middle: not well formed."""
    return body[: max(1, len(body) // 2)]


Damage = Callable[[bytes, str], bytes]
DAMAGES: dict[str, Damage] = {
    "crc": bad_crc,
    "cut": lambda data, part: rewrite_part(data, part, _cut_xml),
}


def _generated(folder: Path, tmp: Path) -> list[str]:
    """Damaged files from the project's generators; returns the names that must not pass."""
    base_docx = docx(tmp / "base.docx", KK_TEXT).read_bytes()
    base_pptx = pptx(tmp / "base.pptx", [["Жол жөндеу 2026", "1. 4 589 731 теңге"]]).read_bytes()
    must_fail = []
    for kind, data, parts, ext in (("doc", base_docx, DOCX_PARTS, "docx"),
                                   ("deck", base_pptx, PPTX_PARTS, "pptx")):
        for n, part in enumerate(parts):
            for how, damage in DAMAGES.items():
                name = f"{kind}_{n}_{how}.{ext}"
                (folder / name).write_bytes(damage(data, part))
                must_fail.append(name)
    # Kazakh/Russian pairs whose Russian side is damaged where only some views look.
    for n, part in enumerate(("word/fontTable.xml", "word/styles.xml", "word/settings.xml")):
        docx(folder / f"Анықтама_{n}_каз.docx", KK_TEXT)
        ru = docx(folder / f"Справка_{n}_рус.docx", RU_TEXT)
        ru.write_bytes(bad_crc(ru.read_bytes(), part))
    return must_fail


def _corpus_mutants(folder: Path, count: int, seed: int = 18) -> list[str]:
    """Seeded mutants of small corpus files (flips, truncations, member swaps)."""
    seeds = fuzz.seeds()
    if not seeds:
        return []
    rng = random.Random(seed)
    names = []
    for i in range(count):
        seed = rng.choice(seeds)
        data = seed.read_bytes()
        kind = rng.choice(("flip", "truncate", "swap"))
        if kind == "flip":
            data = fuzz.flip(data, [(rng.randrange(1 << 24), rng.randrange(256))
                                    for _ in range(rng.randint(1, 8))])
        elif kind == "truncate":
            data = fuzz.truncate(data, rng.random())
        else:
            data = fuzz.swap_members(data, rng.randrange(200), rng.randrange(200))
        name = f"m{i:02d}_{seed.name}"
        (folder / name).write_bytes(data)
        names.append(name)
    return names


@pytest.mark.corpus
def test_a_package_of_damaged_files_is_checked_whole(tmp_path: Path) -> None:
    item = tmp_path / "meeting" / "item-1"
    item.mkdir(parents=True)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    must_fail = _generated(item, scratch)
    mutants = _corpus_mutants(item, CORPUS_MUTANTS)
    written = sorted(p.name for p in item.iterdir())
    started = time.monotonic()
    env = {**os.environ, "VALIDATOR_NO_CACHE": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "validator", "check", str(item), "--format", "json",
         "--jobs", "2"],
        capture_output=True, timeout=BUDGET, env=env, check=False)
    seconds = time.monotonic() - started
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 1, err  # damaged files fail the run; never exit 2
    assert "internal error" not in err and "Traceback" not in err
    data = json.loads(proc.stdout)
    jsonschema.validate(data, SCHEMA)
    (package,) = data["packages"]
    files = {Path(f["path"]).name: f for f in package["files"]}
    assert sorted(files) == written  # every file has its report
    # No package rule stopped (the parent's wrapper would say "could not be completed").
    assert [f for f in package["findings"] if f["code"] == "FIL001"] == []
    passed = [n for n in must_fail if files[n]["state"] == "compliant"]
    assert passed == [], passed  # damage in a part a rule reads is never compliant
    for n in must_fail:
        assert files[n]["state"] in ("unreadable", "non-compliant"), (n, files[n]["state"])
    # The pairs with a damaged Russian side: never compared, never a crash.
    for n in range(3):
        kk = files[f"Анықтама_{n}_каз.docx"]
        assert not [f for f in kk["findings"]
                    if f["code"] == "LNG003" and f["status"] == "violation"]
    unfinished = [(name, f["evidence"]) for name, fr in files.items() for f in fr["findings"]
                  if "could not finish" in f["evidence"]]
    assert unfinished == []  # no file rule stopped on an unexpected error either
    assert seconds < BUDGET
    assert len(mutants) == (CORPUS_MUTANTS if fuzz.seeds() else 0)
