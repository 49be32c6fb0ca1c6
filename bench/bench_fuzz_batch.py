"""Batch fuzzing figures: packages of many damaged files, each checked as ONE package through
the command line (worker processes), as submissions arrive.

Each batch is one item folder: the damaged files of ``tests/security/test_fuzz_batch.py``
(each generated .docx/.pptx damaged in one part the rules read, by a bad CRC-32 or cut XML;
three kk/ru pairs whose Russian side has a bad CRC in fontTable, styles or settings) and
``--mutants`` seeded mutants of small corpus files (read in place). Counted per run: exit
codes, internal errors, rules that could not finish, damaged-where-read files judged
compliant, seconds.

    python bench/bench_fuzz_batch.py --batches 10 --mutants 30 [--mutants-only]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.security.test_fuzz_batch import _corpus_mutants, _generated  # noqa: E402


def one_batch(seed: int, mutants: int, timeout: float,
              generated: bool = True) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        item = Path(tmp) / "meeting" / "item"
        item.mkdir(parents=True)
        scratch = Path(tmp) / "scratch"
        scratch.mkdir()
        must_fail = _generated(item, scratch) if generated else []
        _corpus_mutants(item, mutants, seed)
        started = time.monotonic()
        try:
            proc = subprocess.run(
                [sys.executable, "-m", "validator", "check", str(item), "--format", "json",
                 "--jobs", "2", "--no-cache"], capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            return {"exit": "hang", "seconds": timeout}
        seconds = time.monotonic() - started
        err = proc.stderr.decode("utf-8", "replace")
        out: dict[str, object] = {"exit": proc.returncode, "seconds": round(seconds, 1),
                                  "internal": "internal error" in err}
        if proc.returncode in (0, 1):
            data = json.loads(proc.stdout)
            files = {Path(f["path"]).name: f for p in data["packages"] for f in p["files"]}
            out["files"] = len(files)
            out["damaged_compliant"] = sum(files[n]["state"] == "compliant" for n in must_fail)
            out["unfinished"] = sum("could not" in f["evidence"] for p in data["packages"]
                                    for f in p["findings"]) + sum(
                "could not finish" in f["evidence"] for fr in files.values()
                for f in fr["findings"])
        return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--batches", type=int, default=10)
    parser.add_argument("--mutants", type=int, default=30)
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--mutants-only", action="store_true",
                        help="batches of corpus mutants alone, without the generated damage")
    args = parser.parse_args()
    os.environ["VALIDATOR_NO_CACHE"] = "1"
    rows = [one_batch(1000 + b, args.mutants, args.timeout, not args.mutants_only)
            for b in range(args.batches)]
    for row in rows:
        print(row)
    exits = Counter(str(r["exit"]) for r in rows)
    print(f"batches {len(rows)}, exit codes {dict(exits)}, internal errors "
          f"{sum(bool(r.get('internal')) for r in rows)}, unfinished "
          f"{sum(int(r.get('unfinished', 0)) for r in rows)}, damaged judged compliant "
          f"{sum(int(r.get('damaged_compliant', 0)) for r in rows)}, seconds per batch "
          f"{sum(float(r['seconds']) for r in rows) / len(rows):.1f}")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
