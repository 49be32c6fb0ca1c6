"""Measure the file-report cache and start-up time; prints a Markdown table.

    python bench/bench_cache.py [--rounds 3]

First run: an empty cache directory (the run checks every file and fills the cache). Second
run: the same corpus and cache. Both in one process, through ``validator.api.check``, over the
shared corpus (office files and PDFs). ``validator --version`` is timed as a fresh process
(``python -m validator --version``), against a bare ``python -c pass`` on the same machine.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT))


def _time(fn: object) -> float:
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - start


def _startup(args: list[str], rounds: int) -> float:
    times = []
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run([sys.executable, *args], cwd=ROOT, env=env, check=True,
                       capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    opts = parser.parse_args()
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    from validator.api import check

    paths = [CORPUS / "office", CORPUS / "pdf"]
    files = sum(1 for p in paths for f in p.rglob("*") if f.is_file())
    check(paths)  # warm the interpreter's imports, so the first timed run is fair
    cold, warm, none = [], [], []
    for _ in range(opts.rounds):
        with tempfile.TemporaryDirectory() as tmp:
            cache = Path(tmp)
            cold.append(_time(lambda c=cache: check(paths, cache=c)))  # type: ignore[misc]
            for _ in range(3):
                warm.append(_time(lambda c=cache: check(paths, cache=c)))  # type: ignore[misc]
        none.append(_time(lambda: check(paths)))
    version = _startup(["-m", "validator", "--version"], 9)
    bare = _startup(["-c", "pass"], 9)
    c, w, n = statistics.median(cold), statistics.median(warm), statistics.median(none)
    print(f"corpus: {files} files; {opts.rounds} rounds; {os.cpu_count()} CPUs; "
          f"load average {os.getloadavg()[0]:.1f}")
    print()
    print("| measurement | median |")
    print("|---|---|")
    print(f"| check without cache | {n:.3f} s |")
    print(f"| first run, empty cache | {c:.3f} s |")
    print(f"| second run, cache filled | {w:.3f} s |")
    print(f"| speed-up of the second run | **{c / w:.1f}x** |")
    print(f"| `python -m validator --version` | {version:.3f} s |")
    print(f"| `python -c pass` (interpreter alone) | {bare:.3f} s |")


if __name__ == "__main__":
    main()
