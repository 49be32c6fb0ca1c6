"""Page-count accuracy and cost: estimator and persistent LibreOffice against LibreOffice PDFs.

Ground truth is LibreOffice's own rendering (``soffice --convert-to pdf``, batched, with the
metric-compatible fonts installed), counted from the PDF page tree. Measured:

* the estimator: exact, within +-1 page, and wrong ">limit pages" decisions;
* the persistent LibreOffice counter (UNO PageCount): agreement with the PDF rendering;
* median and p95 cost per document of both.

Run: ``python bench/bench_pages.py --count 200 --seed 99`` (needs LibreOffice).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from docgen import Sentences, make_document  # noqa: E402

from validator.paging.counts import BorderlinePolicy, PageCountUnavailable  # noqa: E402
from validator.paging.estimate import estimate_docx_pages  # noqa: E402
from validator.paging.fontcheck import probe_times_new_roman  # noqa: E402
from validator.paging.libreoffice import LibreOfficeCounter, find_libreoffice  # noqa: E402
from validator.paging.metrics import FontBook  # noqa: E402

CORPUS = ROOT / ".." / "shared" / "corpus" / "office"
LIMIT = 5


def _policy() -> BorderlinePolicy:
    """DOC001's borderline parameters, read from the shipped profile."""
    params = tomllib.loads((ROOT / "rules" / "oskemen-2025.toml").read_text("utf-8"))
    doc001 = params["rules"]["DOC001"]
    assert doc001["max_pages"] == LIMIT
    return BorderlinePolicy(doc001["full_last_page"], doc001["empty_last_page"],
                            doc001["estimate_margin"])


def render_reference(files: list[Path], outdir: Path, soffice: str) -> dict[Path, int]:
    """Batched CLI conversion to PDF (one soffice call per 50 files), then PDF page counts."""
    profile = "file://" + str(outdir / "profile")
    for start in range(0, len(files), 50):
        chunk = files[start:start + 50]
        subprocess.run(
            [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile}",
             "--convert-to", "pdf", "--outdir", str(outdir), *map(str, chunk)],
            capture_output=True, timeout=1800, check=False,
        )
    out: dict[Path, int] = {}
    for f in files:
        pdf = outdir / (f.stem + ".pdf")
        if pdf.exists():
            out[f] = len(PdfReader(str(pdf)).pages)
    return out


def pct(num: int, den: int) -> str:
    return f"{100.0 * num / den:.1f} %" if den else "n/a"


def evaluate(name: str, files: list[Path], reference: dict[Path, int], args: argparse.Namespace,
             counter: LibreOfficeCounter | None, verbose: bool) -> list[str]:
    fonts = FontBook(use_fonts=not args.no_fonts)
    check = probe_times_new_roman()
    est_times: list[float] = []
    lo_times: list[float] = []
    policy = _policy()
    exact = within = wrong = lo_match = lo_done = n = failed = review = wrong_decided = 0
    frac_errors: list[float] = []
    misses: list[str] = []
    for f in files:
        if f not in reference:
            continue
        truth = reference[f]
        t0 = time.perf_counter()
        try:
            est = estimate_docx_pages(f, fonts, check)
        except PageCountUnavailable as exc:
            failed += 1
            misses.append(f"{f.name}: estimator failed ({exc})")
            continue
        finally:
            est_times.append(time.perf_counter() - t0)
        n += 1
        exact += est.pages == truth
        within += abs(est.pages - truth) <= 1
        wrong += (est.pages > LIMIT) != (truth > LIMIT)
        if est.borderline(LIMIT, policy):
            review += 1
        else:
            wrong_decided += (est.pages > LIMIT) != (truth > LIMIT)
        if abs(est.pages - truth) > 1 or (est.pages > LIMIT) != (truth > LIMIT):
            misses.append(f"{f.name}: truth {truth}, estimate {est.pages} "
                          f"(fill {est.last_page_fill:.2f})")
        if counter is not None:
            t0 = time.perf_counter()
            try:
                lo = counter.count(f)
                lo_done += 1
                lo_match += lo.pages == truth
                if lo.fractional_pages is not None and est.fractional_pages is not None:
                    frac_errors.append(abs(lo.fractional_pages - est.fractional_pages))
                if lo.pages != truth:
                    misses.append(f"{f.name}: truth {truth}, LibreOffice counter {lo.pages}")
            except PageCountUnavailable as exc:
                misses.append(f"{f.name}: LibreOffice counter failed ({exc})")
            lo_times.append(time.perf_counter() - t0)
    if verbose:
        for line in misses:
            print("   ", line, file=sys.stderr)

    def ms(xs: list[float]) -> str:
        if not xs:
            return "n/a"
        xs = sorted(xs)
        return (f"{1000 * statistics.median(xs):.0f} ms median, "
                f"{1000 * xs[int(0.95 * (len(xs) - 1))]:.0f} ms p95")

    frac = sorted(frac_errors)
    frac_text = (f"{statistics.median(frac):.3f} / {frac[int(0.9 * (len(frac) - 1))]:.2f}"
                 if frac else "n/a")
    return [
        f"| {name} | {n} | {pct(exact, n)} | {pct(within, n)} | {pct(wrong, n)} ({wrong}) "
        f"| {pct(review, n)} | {wrong_decided} | {failed} | {frac_text} "
        f"| {pct(lo_match, lo_done)} of {lo_done} | {ms(est_times)} | {ms(lo_times)} |"
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=99)
    parser.add_argument("--no-corpus", action="store_true")
    parser.add_argument("--no-fonts", action="store_true", help="estimator without font files")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    setup = find_libreoffice()
    if setup is None:
        print("LibreOffice with python3-uno is required for the reference renderings",
              file=sys.stderr)
        return 2
    check = probe_times_new_roman()
    print(f"fonts: {check.evidence}")
    rows = ["| set | docs | estimate exact | within +-1 | wrong \">5\" | estimate sent to review "
            "| wrong \">5\" outside review | estimator failed "
            "| fractional error, median / p90 (pages) | LibreOffice counter = rendering "
            "| estimator cost | LibreOffice cost |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as tmp, LibreOfficeCounter(setup, check) as counter:
        work = Path(tmp)
        sentences = Sentences.load()
        generated = []
        for i in range(args.count):
            path = work / f"gen{args.seed}_{i:04d}.docx"
            make_document(args.seed * 100_000 + i, sentences, path, work)
            generated.append(path)
        ref_dir = work / "ref"
        ref_dir.mkdir()
        t0 = time.perf_counter()
        reference = render_reference(generated, ref_dir, setup.soffice)
        batch = (time.perf_counter() - t0) / max(1, len(generated))
        rows += evaluate(f"generated (seed {args.seed})", generated, reference, args, counter,
                         args.verbose)
        if not args.no_corpus:
            corpus = sorted(p for p in CORPUS.iterdir()
                            if p.suffix.lower() in (".docx", ".docm", ".dotx"))
            corpus_ref = work / "corpus_ref"
            corpus_ref.mkdir()
            reference = render_reference(corpus, corpus_ref, setup.soffice)
            print(f"corpus: {len(corpus)} files, {len(reference)} rendered by LibreOffice")
            rows += evaluate("corpus DOCX", corpus, reference, args, counter, args.verbose)
        print(f"LibreOffice processes started: {counter.starts}")
    print(f"batched CLI rendering: {1000 * batch:.0f} ms per document")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
