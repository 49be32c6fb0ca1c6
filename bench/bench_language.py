"""Quality and speed of language identification and kk/ru parity, against the issue's bars.

Run from the project root:  python bench/bench_language.py
Prints a Markdown report (paste under "## Language identification" in docs/BENCHMARKS.md).
The langdetect column is measured only when langdetect is installed (it is not a dependency).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from language_data import (
    damaged_kazakh,
    genuine_pairs_with_figures,
    mixed_paragraphs,
    planted_pairs,
    sentences,
    short_strings,
    single_language_paragraphs,
)

from validator.language.backend import default_backend
from validator.language.detect import detect
from validator.language.parity import compare_units

Detector = Callable[[str], str]


def ours(text: str) -> str:
    return detect(text).language


def lingua_only(text: str) -> str:
    """lingua restricted to kk/ru/en, nothing in front: the design without its front-end."""
    conf = default_backend().confidences(text)
    best = max(conf, key=lambda k: conf[k])
    return best if conf[best] > 0 else "undetermined"


def langdetect_detector() -> Detector | None:
    try:
        from langdetect import DetectorFactory, LangDetectException
        from langdetect import detect as ld_detect
    except ImportError:
        return None
    DetectorFactory.seed = 0

    def run(text: str) -> str:
        try:
            return str(ld_detect(text))
        except LangDetectException:
            return "undetermined"

    return run


def accuracy(detector: Detector, items: Sequence[str], gold: str) -> tuple[float, float, int]:
    """(accuracy over decided items, undetermined rate, n)."""
    right = undecided = 0
    for text in items:
        label = detector(text)
        if label == "undetermined":
            undecided += 1
        elif label == gold:
            right += 1
    decided = len(items) - undecided
    return (right / decided if decided else 0.0, undecided / len(items), len(items))


def pct(x: float) -> str:
    return f"{100 * x:.1f}"


def main() -> None:
    t0 = time.process_time()
    default_backend()
    startup = time.process_time() - t0
    ld = langdetect_detector()
    systems: list[tuple[str, Detector]] = [("chosen design", ours),
                                           ("lingua kk/ru/en alone", lingua_only)]
    if ld is not None:
        systems.append(("langdetect 1.0.9", ld))

    rows: list[list[str]] = []
    bars: list[str] = []
    sent = {lang: sentences(lang) for lang in ("kk", "ru", "en")}
    for name, det in systems:
        row = [name]
        for lang in ("kk", "ru", "en"):
            acc, und, _ = accuracy(det, sent[lang], lang)
            row.append(pct(acc))
        for lang in ("kk", "ru"):
            for n in (1, 2, 3):
                acc, und, _ = accuracy(det, short_strings(lang, n), lang)
                row.append(f"{pct(acc)} ({pct(und)})")
        rows.append(row)

    print("### Side by side (FLORES-200 devtest, 1,012 sentences per language)\n")
    print("Accuracy in % of decided items; short strings show (undetermined %) beside it.\n")
    print("| system | kk sent | ru sent | en sent | kk 1w | kk 2w | kk 3w | ru 1w | ru 2w "
          "| ru 3w |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()

    print("### Robustness: FLORES kk sentences with real defects, % still detected as kk\n")
    names = [n for n, _ in systems]
    print("| defect | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for defect, items in damaged_kazakh().items():
        cells = []
        for _, det in systems:
            cells.append(pct(sum(det(t) == "kk" for t in items) / len(items)))
        print(f"| {defect} | " + " | ".join(cells) + " |")
    print()

    # Bars for the chosen design.
    for lang in ("kk", "ru"):
        acc, _, n = accuracy(ours, sent[lang], lang)
        bars.append(f"| sentences {lang} | >= 99.5 % | {pct(acc)} % (n={n}) | "
                    f"{'met' if acc >= 0.995 else 'NOT met'} |")
    for lang in ("kk", "ru"):
        items = [s for n in (1, 2, 3) for s in short_strings(lang, n)]
        acc, und, n = accuracy(ours, items, lang)
        bars.append(f"| short strings 1-3 words {lang} | >= 95 % | {pct(acc)} %, undetermined "
                    f"{pct(und)} % (n={n}) | {'met' if acc >= 0.95 else 'NOT met'} |")
    mixed = [text for text, gold in mixed_paragraphs() if gold]
    unbalanced = [text for text, gold in mixed_paragraphs() if not gold]
    found = sum(detect(text).language == "mixed" for text in mixed) / len(mixed)
    bars.append(f"| mixed kk+ru paragraphs found | >= 98 % | {pct(found)} % (n={len(mixed)}) | "
                f"{'met' if found >= 0.98 else 'NOT met'} |")
    lopsided = sum(detect(text).language in ("kk", "ru") for text in unbalanced)
    bars.append(f"| kk+ru paragraphs with < 20 % minority, reported as kk/ru | definition | "
                f"{lopsided}/{len(unbalanced)} | info |")
    mono = [p for lang in ("kk", "ru") for p in single_language_paragraphs(lang)]
    mono += [s for lang in ("kk", "ru") for s in sent[lang]]
    n_mixed = sum(detect(p).language == "mixed" for p in mono)
    false_mixed = n_mixed / len(mono)
    bars.append(f"| false \"mixed\" on single-language text | < 1 % | {100 * false_mixed:.2f} % "
                f"({n_mixed} of {len(mono)}) | {'met' if false_mixed < 0.01 else 'NOT met'} |")

    planted = planted_pairs()
    caught = sum(not compare_units(p.kk, p.ru).equal for p in planted) / len(planted)
    bars.append(f"| planted number/date changes found | >= 99 % | {pct(caught)} % "
                f"(n={len(planted)}) | {'met' if caught >= 0.99 else 'NOT met'} |")
    genuine = genuine_pairs_with_figures()
    alarms = sum(not compare_units(k, r).equal for k, r in genuine) / len(genuine)
    bars.append(f"| false alarms on genuine pairs with figures | reported | {pct(alarms)} % "
                f"(n={len(genuine)}) | reported |")

    pool = sent["kk"] + sent["ru"]
    for s in pool[:200]:
        detect(s)
    rounds = 5
    t1, c1 = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        for s in pool:
            detect(s)
    wall = rounds * len(pool) / (time.perf_counter() - t1)
    rate = rounds * len(pool) / (time.process_time() - c1)  # CPU time of this one thread
    bars.append(f"| throughput, kk+ru sentences, one core (CPU time) | >= 10,000/s | "
                f"{rate:,.0f}/s (wall clock {wall:,.0f}/s) | "
                f"{'met' if rate >= 10_000 else 'NOT met'} |")
    short_pool = [s for lang in ("kk", "ru") for n in (1, 2, 3) for s in short_strings(lang, n)]
    c2 = time.process_time()
    for s in short_pool:
        detect(s)
    short_rate = len(short_pool) / (time.process_time() - c2)
    bars.append(f"| throughput, 1-3 word strings, one core (CPU time) | info | "
                f"{short_rate:,.0f}/s | info |")
    bars.append(f"| start-up: detector build, CPU time, paid once per process | once | "
                f"{startup:.2f} s | met |")

    print("### Quality bars (chosen design)\n")
    print("| bar | target | measured | |")
    print("|---|---|---|---|")
    print("\n".join(bars))


if __name__ == "__main__":
    main()
