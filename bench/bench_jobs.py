"""Parallel reading: `validator check --jobs 1` against `--jobs 2` over the whole corpus.

    python bench/bench_jobs.py [--rounds 3]

Each run is a fresh process of the command line, as a user starts it, with ``--no-cache``
over ``../shared/corpus/office`` and ``../shared/corpus/pdf`` (two packages, 279 files), the
JSON report written to a temporary file. The runs alternate (1, 2, 1, 2, ...) so that a change
in the machine's load falls on both; each round's ratio is taken from its own pair. The
findings of every run must be identical.

Each round also measures the machine's own ceiling: a pure-Python loop run twice in one
process, then once in each of two processes at the same time. On a virtual machine whose two
CPUs share a physical core or a busy host, that ratio is well under 2, and no program can do
better than it. Prints a Markdown table and the load average.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def _run(jobs: int, out: Path) -> tuple[float, list[tuple[str, str, str]]]:
    """Wall time of one run and its findings (file, code, fingerprint), sorted."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "validator", "check", "--no-cache", "--jobs", str(jobs),
           "--format", "json", "--output", str(out),
           str(CORPUS / "office"), str(CORPUS / "pdf")]
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"validator exited {proc.returncode}: {proc.stderr[-2000:]}")
    data = json.loads(out.read_text(encoding="utf-8"))
    findings = sorted((f["file"], f["code"], f["fingerprint"])
                      for p in data["packages"] for fr in p["files"] for f in fr["findings"])
    return seconds, findings


def _spin(n: int = 20_000_000) -> int:
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def _ceiling() -> float:
    """Speed-up of two processes over one on a loop that shares nothing: the machine's best."""
    start = time.perf_counter()
    _spin()
    _spin()
    serial = time.perf_counter() - start
    ctx = multiprocessing.get_context("fork")  # no start-up cost in the timing
    procs = [ctx.Process(target=_spin) for _ in range(2)]
    start = time.perf_counter()
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    return serial / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    opts = parser.parse_args()
    print(f"cores: {os.cpu_count()}, load average before: {os.getloadavg()[0]:.2f}")
    times: dict[int, list[float]] = {1: [], 2: []}
    ratios: list[float] = []
    ceilings: list[float] = []
    reference = None
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(opts.rounds):
            pair = {}
            for jobs in (1, 2):
                seconds, findings = _run(jobs, Path(tmp) / f"jobs{jobs}.json")
                reference = reference if reference is not None else findings
                if findings != reference:
                    raise SystemExit(f"--jobs {jobs} gave different findings")
                times[jobs].append(seconds)
                pair[jobs] = seconds
            ratios.append(pair[1] / pair[2])
            ceilings.append(_ceiling())
    print(f"findings: {len(reference or [])}, identical in every run")
    print("| run | median wall time | runs |")
    print("|---|---:|---|")
    for jobs in (1, 2):
        runs = ", ".join(f"{t:.1f}" for t in times[jobs])
        print(f"| `--jobs {jobs}` | {statistics.median(times[jobs]):.1f} s | {runs} |")
    print(f"ratio per round (jobs 1 / jobs 2): {', '.join(f'{r:.2f}' for r in ratios)}; "
          f"median {statistics.median(ratios):.2f}x")
    print(f"machine ceiling per round (two processes of a pure loop / one): "
          f"{', '.join(f'{r:.2f}' for r in ceilings)}; median {statistics.median(ceilings):.2f}x")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
