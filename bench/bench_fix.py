"""Benchmark of `validator fix` on the corpus decks.

* Seconds per deck of ``fix_document`` with every fix allowed (``--unsafe-fixes``), for the
  decks the checks read: median, 90th percentile and the slowest, plus the decks changed.
* SLD003 size reductions: every picture step forced (limit 0) at 220 ppi (the fix's target,
  PowerPoint's "Print" quality) and at 150 ppi (PowerPoint's "Screen"), on the decks that hold
  raster pictures: bytes before and after, in total and for the largest decks.

* ``--render``: LibreOffice renders every changed deck and its corrected copy (one soffice
  call): pages before and after, and the smallest text size of each rendering (the project's
  cross-check reader of PDF text), counted apart for decks whose corrected copy still holds
  text other programs draw (SmartArt, embedded objects); the decks whose charts the fix
  raised are named, with the smallest text of their rendering.

Run: ``python bench/bench_fix.py [--render]`` from the project root.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from validator.api import check  # noqa: E402
from validator.core.findings import NOT_READ, has_code  # noqa: E402
from validator.files.document import Document  # noqa: E402
from validator.files.member import Member  # noqa: E402
from validator.fix.package import Edits, write  # noqa: E402
from validator.fix.pictures import shrink_pictures  # noqa: E402
from validator.fix.run import fix_document  # noqa: E402
from validator.run.filecheck import read_limits  # noqa: E402
from validator.settings.profile import load_profile, resolve_profile_path  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "office"
SUFFIXES = (".pptx", ".pptm", ".ppsx", ".potx")


def render_check(pairs: list[tuple[Path, bytes, bool]], charted: set[Path]) -> None:
    """Pages and smallest rendered text of each original and corrected deck."""
    import tempfile

    from bench.crosscheck_fonts import render
    from validator.formats.pdf_fonts import iter_spans

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        fixed_paths = []
        for i, (deck, data, _) in enumerate(pairs):
            out = work / "fixed" / f"{i:03d}{deck.suffix.lower()}"
            out.parent.mkdir(exist_ok=True)
            out.write_bytes(data)
            fixed_paths.append(out)
        pdfs = render([p for p, _, _ in pairs] + fixed_paths, work / "render")
        same = differ = clean = small = 0
        for (deck, _, others), fixed in zip(pairs, fixed_paths, strict=True):
            a, b = pdfs.get(deck), pdfs.get(fixed)
            if a is None or b is None:
                continue
            pages_a = list(iter_spans(a.read_bytes(), 200_000_000))
            pages_b = list(iter_spans(b.read_bytes(), 200_000_000))
            if len(pages_a) == len(pages_b):
                same += 1
            else:
                differ += 1
                print(f"  pages differ: {deck.name}: {len(pages_a)} -> {len(pages_b)}")
            sizes = [s.size for page in pages_b for s in page if s.text.strip()]
            if deck in charted and sizes:
                before = [s.size for page in pages_a for s in page if s.text.strip()]
                print(f"  chart text raised: {deck.name}: smallest rendered "
                      f"{min(before):.2f} -> {min(sizes):.2f} pt")
            if not others and sizes and min(sizes) < 19.95:
                small += 1
                print(f"  text under 20 pt rendered: {deck.name}: {min(sizes):.2f} pt")
            elif not others:
                clean += 1
        print(f"rendered pairs: same pages {same}, different {differ}; corrected copies "
              f"without other programs' text: {clean} with no text under 20 pt, {small} with")


def main() -> int:
    profile = load_profile(resolve_profile_path("oskemen-2025"))
    limits = read_limits(profile)
    decks = sorted(p for p in CORPUS.glob("*") if p.suffix.lower() in SUFFIXES)
    report = check([str(p) for p in decks], profile=profile, isolate=False)
    reports = {fr.path: fr for pkg in report.packages for fr in pkg.files}
    readable = [p for p in decks if not has_code(reports[str(p)].findings, NOT_READ)]
    seconds: list[float] = []
    changed = 0
    pairs: list[tuple[Path, bytes, bool]] = []
    charted: set[Path] = set()
    for deck in readable:
        doc = Document(Member(str(deck), deck.name, disk=deck), limits)
        start = time.perf_counter()
        data, name, done = fix_document(doc, reports[str(deck)], profile, unsafe=True)
        seconds.append(time.perf_counter() - start)
        changed += data is not None
        doc.close()
        if data is not None:
            copy = Document(Member(name, name, blob=data), limits)
            others = any(r.kind in ("smartart", "object") for r in copy.slide_runs
                         if r.size_pt is not None and r.size_pt < 19.99)
            if any(r.kind.startswith("chart") for r in done.records):
                charted.add(deck)
            copy.close()
            pairs.append((deck, data, others))
    ordered = sorted(seconds)
    print(f"decks read: {len(readable)} of {len(decks)}; changed: {changed}; "
          f"charts raised in {len(charted)}")
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
    if "--render" in sys.argv:
        render_check(pairs, charted)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
