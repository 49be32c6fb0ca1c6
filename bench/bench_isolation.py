"""Cost of isolation: the whole corpus (../shared/corpus office + pdf) checked in-process,
and through worker processes with --jobs 1 and 2. Usage: python bench/bench_isolation.py"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / ".." / "shared" / "corpus"


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from validator.api import check

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    files = sorted(p for d in ("office", "pdf") for p in (CORPUS / d).iterdir() if p.is_file())
    size = sum(p.stat().st_size for p in files)
    print(f"{len(files)} files, {size / 2**20:.1f} MiB")
    runs: list[tuple[str, dict[str, object]]] = [
        ("in-process", {"isolate": False}), ("isolated --jobs 1", {"jobs": 1}),
        ("isolated --jobs 2", {"jobs": 2})]
    base = None
    for name, kwargs in runs:
        start = time.perf_counter()
        report = check(files, **kwargs)  # type: ignore[arg-type]
        seconds = time.perf_counter() - start
        codes = sorted((f.file, f.code, f.evidence) for f in report.all_findings())
        base = base or codes
        print(f"| {name} | {seconds:.1f} s | {seconds / len(files) * 1000:.0f} ms/file | "
              f"same findings: {'yes' if codes == base else 'NO'} |")


if __name__ == "__main__":
    main()
