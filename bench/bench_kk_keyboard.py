"""LNG004's lost-Kazakh-letter and stray-letter checks, measured on FLORES-200 Kazakh.

False alarms: the 1,012 Kazakh devtest sentences and their 3-7 word segments (one seeded
window per sentence and length), which are correct Kazakh (the few words they genuinely
misspell count as false alarms too), and the 1,012 Russian sentences.  Found: the same Kazakh
sentences typed on a Russian keyboard (every Kazakh letter replaced by its Russian-keyboard
letter), with one Kazakh letter lost throughout a sentence, and with ``ө`` written as the
pseudo-Unicode ``ӛ``; a planted word counts as found when it is flagged with its correct
spelling among the suggestions.  "Before" is the sentence-level rule this replaces, read
from git (``--before REV``, default the parent of the commit that introduced the word list).

Usage: ``python bench/bench_kk_keyboard.py [--before REV]``
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.language_data import sentences
from validator.language import wordlist
from validator.language.quality import (
    FOREIGN_LETTER,
    NO_KAZAKH_LETTERS,
    MixedScriptWord,
    mixed_script_words,
)

KEYBOARD = str.maketrans("әқңөұүіғһӘҚҢӨҰҮІҒҺ", "акноууигхАКНОУУИГХ")
_TOKEN_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_WORD_RE = re.compile(r"[^\W\d_]+")
Finder = Callable[[str], Iterable[MixedScriptWord]]


def segments(seed: int = 5) -> list[str]:
    """One random window of 3, 4, 5, 6 and 7 word tokens per Kazakh sentence."""
    rng = random.Random(seed)
    out = []
    for s in sentences("kk"):
        tokens = _TOKEN_RE.findall(s)
        for n in range(3, 8):
            if len(tokens) >= n:
                start = rng.randrange(len(tokens) - n + 1)
                out.append(" ".join(tokens[start : start + n]))
    return out


def old_finder(rev: str) -> Finder:
    """The quality module as it was at ``rev``."""
    source = subprocess.run(["git", "show", f"{rev}:validator/language/quality.py"],
                            capture_output=True, text=True, check=True).stdout
    path = Path(tempfile.mkdtemp()) / "old_quality.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("old_quality", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["old_quality"] = module
    spec.loader.exec_module(module)
    return module.mixed_script_words  # type: ignore[no-any-return]


def alarms(finder: Finder, texts: list[str], kind: str = NO_KAZAKH_LETTERS) -> tuple[int, int]:
    """(texts with a finding of ``kind``, findings of ``kind``)."""
    fired = found = 0
    for t in texts:
        n = sum(1 for f in finder(t) if f.kind == kind)
        fired += n > 0
        found += n
    return fired, found


def planted(finder: Finder, pairs: list[tuple[str, str]], kind: str) -> tuple[int, int, int]:
    """(planted words, found with the right spelling, sentences with any finding)."""
    total = right = fired = 0
    for original, damaged in pairs:
        truth = {}
        for a, b in zip(_WORD_RE.finditer(original), _WORD_RE.finditer(damaged), strict=True):
            if a.group() != b.group():
                truth[b.start()] = a.group().lower()
        hits = [f for f in finder(damaged) if f.kind == kind]
        total += len(truth)
        fired += bool(hits)
        for f in hits:
            options = {o.lower() for o in (f.fix or "").split(" / ")}
            right += f.offset in truth and truth[f.offset] in options
    return total, right, fired


def one_letter_lost(seed: int = 3) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    out = []
    for s in sentences("kk"):
        present = sorted(set(s) & set("әқңөұүіғһ"))
        if present:
            k = rng.choice(present)
            out.append((s, s.translate(str.maketrans(k + k.upper(), (k + k.upper()).translate(
                KEYBOARD)))))
    return out


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f} % ({a} of {b})" if b else "n/a"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", default=None)
    args = ap.parse_args()
    if args.before is None:  # the parent of the commit that added the word list
        added = subprocess.run(
            ["git", "log", "--diff-filter=A", "--format=%H", "--",
             "validator/language/wordlist.py"],
            capture_output=True, text=True, check=True).stdout.split()
        args.before = f"{added[-1]}~1"
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    wordlist._data()
    load = time.perf_counter() - t0
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    size = (Path(wordlist.__file__).parent / wordlist.RESOURCE).stat().st_size
    print(f"word list: {size / 1e6:.1f} MB on disk, {len(wordlist._data()) / 1e6:.1f} MB in "
          f"memory, first load {load:.2f} s, peak RSS +{(rss1 - rss0) / 1024:.0f} MB")

    kk, ru, segs = sentences("kk"), sentences("ru"), segments()
    finders = {"before": old_finder(args.before), "after": mixed_script_words}
    print("\n| false alarms (lost Kazakh letters) | before | after |\n|---|---|---|")
    for name, texts in (("kk sentences", kk), ("kk 3-7 word segments", segs),
                        ("ru sentences", ru)):
        row = []
        for finder in finders.values():
            fired, words = alarms(finder, texts)
            row.append(f"{pct(fired, len(texts))}, {words} findings")
        print(f"| {name} | {row[0]} | {row[1]} |")

    typed = [(s, s.translate(KEYBOARD)) for s in kk]
    one = one_letter_lost()
    stray = [(s, s.replace("ө", "ӛ").replace("Ө", "Ӛ")) for s in kk if "ө" in s.lower()]
    print("\n| planted | words found with the right spelling (after) | sentences flagged "
          "before | after |\n|---|---|---|---|")
    for name, pairs, kind in (("whole sentence typed on a Russian keyboard", typed,
                               NO_KAZAKH_LETTERS),
                              ("one Kazakh letter lost throughout a sentence", one,
                               NO_KAZAKH_LETTERS),
                              ("ө written as pseudo-Unicode ӛ", stray, FOREIGN_LETTER)):
        total, right, fired = planted(mixed_script_words, pairs, kind)
        _, _, before = planted(finders["before"], pairs, kind)
        print(f"| {name} | {pct(right, total)} | {pct(before, len(pairs))} | "
              f"{pct(fired, len(pairs))} |")

    print("\n| time per sentence | before | after |\n|---|---|---|")
    for name, texts in (("correct Kazakh", kk), ("Russian", ru),
                        ("Kazakh typed on a Russian keyboard", [d for _, d in typed])):
        row = []
        for finder in finders.values():
            t0 = time.process_time()
            for t in texts:
                list(finder(t))
            row.append(f"{(time.process_time() - t0) / len(texts) * 1e3:.2f} ms")
        print(f"| {name} | {row[0]} | {row[1]} |")


if __name__ == "__main__":
    main()
