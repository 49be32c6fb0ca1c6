"""Time and peak memory of checking each hostile file (the cases of
tests/security/test_hostile_files.py).

For each case a fresh interpreter checks the file in-process and reports its wall time and
peak resident memory (VmHWM: the reading itself plus the interpreter and libraries);
then the same file is checked through the default isolated path (a worker process, as
``validator check`` does), timed from the caller, worker start-up included. Usage:

    python bench/bench_hostile.py            # prints a markdown table
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def peak_mib() -> float:
    """Peak resident memory of this process: VmHWM (ru_maxrss survives exec on Linux and
    would report the parent's peak)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one(path: str) -> None:
    """Child mode: check one file in-process, print seconds, peak MiB and the codes."""
    import logging

    from validator.api import check

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    start = time.perf_counter()
    report = check(Path(path), isolate=False)
    seconds = time.perf_counter() - start
    peak = peak_mib()
    codes = sorted({f.code for f in report.all_findings()})
    print(json.dumps({"seconds": seconds, "peak_mib": peak, "codes": codes}))


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from tests.security import hostile as h
    from tests.security.test_hostile_files import CASES
    from validator.api import check

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        baseline = Path(tmp) / "baseline.pptx"
        baseline.write_bytes(h.pptx())
        cases = [("baseline (a clean one-slide deck)", baseline, "-")]
        for case in CASES:
            path = Path(tmp) / case.name
            path.write_bytes(case.build())
            cases.append((case.id, path, case.code))
        for name, path, expected in cases:
            out = subprocess.run([sys.executable, __file__, "--one", str(path)], cwd=ROOT,
                                 capture_output=True, text=True, check=True)
            facts = json.loads(out.stdout.strip().splitlines()[-1])
            start = time.perf_counter()
            report = check(path)
            isolated = time.perf_counter() - start
            iso_codes = sorted({f.code for f in report.all_findings()})
            rows.append((name, expected, ",".join(facts["codes"]) or "-", path.stat().st_size,
                         facts["seconds"], facts["peak_mib"], isolated,
                         iso_codes == facts["codes"]))
    print("| case | expected | codes | file bytes | in-process s | peak MiB | isolated s "
          "| same codes isolated |")
    print("|---|---|---|---:|---:|---:|---:|---|")
    for name, expected, codes, size, seconds, peak, isolated, same in rows:
        print(f"| {name} | {expected} | {codes} | {size:,} | {seconds:.2f} | {peak:.0f} | "
              f"{isolated:.2f} | {'yes' if same else 'NO'} |")
    worst_t = max(r[4] for r in rows)
    worst_iso = max(r[6] for r in rows)
    worst_m = max(r[5] for r in rows)
    print(f"\nworst: in-process {worst_t:.2f} s, isolated {worst_iso:.2f} s, "
          f"peak {worst_m:.0f} MiB")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        sys.path.insert(0, str(ROOT))
        one(sys.argv[2])
    else:
        main()
