"""Measure the file-report cache and start-up time; prints a Markdown table.

    python bench/bench_cache.py [--rounds 3]

First run: an empty cache directory (the run checks every file and fills the cache). Second
run: the same corpus and cache. Both in one process, through ``validator.api.check``, over the
shared corpus (office files and PDFs). ``validator --version`` is timed as a fresh process
(``python -m validator --version``), against a bare ``python -c pass`` on the same machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import resource
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


def _startup(args: list[str], rounds: int) -> tuple[float, float, float]:
    """(median wall time, fastest wall time, median CPU time) of a fresh process. CPU time
    (user + system) does not count waiting for a busy CPU, so it is the stable number on a
    shared machine."""
    walls, cpus = [], []
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(rounds):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([sys.executable, *args], cwd=ROOT, env=env, check=True,
                       capture_output=True)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), min(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    opts = parser.parse_args()
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    from validator.api import check
    from validator.checks.base import RunContext

    paths = [CORPUS / "office", CORPUS / "pdf"]
    files = sum(1 for p in paths for f in p.rglob("*") if f.is_file())
    check(paths)  # warm the interpreter's imports, so the first timed run is fair
    cold, warm, files_only, none = [], [], [], []
    for _ in range(opts.rounds):
        with tempfile.TemporaryDirectory() as tmp:
            cache = Path(tmp)
            cold.append(_time(lambda c=cache: check(paths, cache=c)))  # type: ignore[misc]
            for _ in range(3):
                warm.append(_time(lambda c=cache: check(paths, cache=c)))  # type: ignore[misc]
            for day in range(1, 4):
                # another day: package rules run again, the files come from the cache
                ctx = RunContext(today=dt.date.today() + dt.timedelta(days=day))
                files_only.append(_time(
                    lambda c=cache, x=ctx: check(paths, cache=c, context=x)))  # type: ignore[misc]
        none.append(_time(lambda: check(paths)))
    version = _startup(["-m", "validator", "--version"], 15)
    bare = _startup(["-c", "pass"], 15)
    c, w, n = statistics.median(cold), statistics.median(warm), statistics.median(none)
    f = statistics.median(files_only)
    print(f"corpus: {files} files; {opts.rounds} rounds; {os.cpu_count()} CPUs; "
          f"load average {os.getloadavg()[0]:.1f}")
    print()
    print("| measurement | median |")
    print("|---|---|")
    print(f"| check without cache | {n:.3f} s |")
    print(f"| first run, empty cache | {c:.3f} s |")
    print(f"| second run, cache filled | {w:.3f} s |")
    print(f"| speed-up of the second run | **{c / w:.1f}x** |")
    print(f"| second run on another day (package rules again, files cached) | {f:.3f} s |")
    print(f"| speed-up of that run | **{c / f:.1f}x** |")
    print()
    print("| start-up (15 runs) | wall, median | wall, fastest | CPU, median |")
    print("|---|---|---|---|")
    for label, (med, low, cpu) in (("`python -m validator --version`", version),
                                   ("`python -c pass` (interpreter alone)", bare)):
        print(f"| {label} | {med:.3f} s | {low:.3f} s | {cpu:.3f} s |")


if __name__ == "__main__":
    main()
