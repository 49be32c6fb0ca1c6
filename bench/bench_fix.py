"""Benchmark of `validator fix` on the corpus decks.

* Seconds per deck of ``fix_document`` with every fix allowed (``--unsafe-fixes``), for the
  decks the checks read: median, 90th percentile and the slowest, plus the decks changed.
* SLD003 size reductions: every picture step forced (limit 0) at 220 ppi (the fix's target,
  PowerPoint's "Print" quality) and at 150 ppi (PowerPoint's "Screen"), on the decks that hold
  raster pictures: bytes before and after, in total and for the largest decks.

Run: ``python bench/bench_fix.py`` from the project root.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from validator.api import check  # noqa: E402
from validator.document import Document, Member  # noqa: E402
from validator.engine import read_limits  # noqa: E402
from validator.fix.package import Edits, write  # noqa: E402
from validator.fix.pictures import shrink_pictures  # noqa: E402
from validator.fix.run import fix_document  # noqa: E402
from validator.model import NOT_READ, has_code  # noqa: E402
from validator.profile import load_profile, resolve_profile_path  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "office"
SUFFIXES = (".pptx", ".pptm", ".ppsx", ".potx")


def main() -> int:
    profile = load_profile(resolve_profile_path("oskemen-2025"))
    limits = read_limits(profile)
    decks = sorted(p for p in CORPUS.glob("*") if p.suffix.lower() in SUFFIXES)
    report = check([str(p) for p in decks], profile=profile, isolate=False)
    reports = {fr.path: fr for pkg in report.packages for fr in pkg.files}
    readable = [p for p in decks if not has_code(reports[str(p)].findings, NOT_READ)]
    seconds: list[float] = []
    changed = 0
    for deck in readable:
        doc = Document(Member(str(deck), deck.name, disk=deck), limits)
        start = time.perf_counter()
        data, _, _ = fix_document(doc, reports[str(deck)], profile, unsafe=True)
        seconds.append(time.perf_counter() - start)
        changed += data is not None
        doc.close()
    ordered = sorted(seconds)
    print(f"decks read: {len(readable)} of {len(decks)}; changed: {changed}")
    print(f"fix seconds per deck: median {statistics.median(ordered):.3f}, "
          f"p90 {ordered[int(len(ordered) * 0.9)]:.3f}, max {ordered[-1]:.3f}, "
          f"total {sum(ordered):.2f}")
    totals = {220: [0, 0], 150: [0, 0]}
    rows = []
    for deck in readable:
        row = [deck.name, deck.stat().st_size]
        for ppi in (220, 150):
            doc = Document(Member(str(deck), deck.name, disk=deck), limits)
            edits = Edits()
            records, _ = shrink_pictures(doc, 0, edits, ppi=ppi)
            size = len(write(doc.ooxml, edits)) if records else deck.stat().st_size
            doc.close()
            totals[ppi][0] += deck.stat().st_size
            totals[ppi][1] += size
            row.append(size)
        rows.append(row)
    for ppi, (before, after) in totals.items():
        print(f"SLD003 at {ppi} ppi: {before} -> {after} bytes "
              f"({100 * (1 - after / before):.1f} % smaller)")
    print("largest decks (bytes: original, 220 ppi, 150 ppi):")
    for name, original, at220, at150 in sorted(rows, key=lambda r: -r[1])[:8]:
        print(f"  {name}: {original} {at220} {at150}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
