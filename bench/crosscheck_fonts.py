"""Cross-check of the effective font sizes against a LibreOffice rendering.

Renders decks to PDF with ONE ``soffice --convert-to pdf`` call per set (a private profile,
headless), reads every text span back with the project's PDF reader (size x text-matrix scale,
``validator.formats.pdf_fonts``), matches the text of each resolved run to the spans of its
page, and compares the sizes. LibreOffice exports visible slides only, so page N is the N-th
visible slide; a deck whose page count differs is reported, not compared.

A run agrees when a matching span is within ``TOLERANCE_PT``. A disagreement is *expected*
when it is one of the cases where LibreOffice is known to differ from PowerPoint's semantics
(the resolver's), listed in ``EXPECTED`` with the reason; every other one is *unexplained*.
A span containing the run's text is preferred; otherwise a span that is part of the run (a
wrapped line) of at least ``PART_MATCH`` characters. Runs whose text is shorter than
``MIN_MATCH`` characters, or that no span matches (fields
rendered with their value, text wrapped across runs), are *unmatched* and not counted.

Usage: ``python -m bench.crosscheck_fonts [corpus folder]`` (default ../shared/corpus/office).
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from validator.core.errors import LimitError, UnreadableError
from validator.files.document import Document
from validator.files.member import Member, ReadLimits
from validator.formats.archive import ArchiveLimits
from validator.formats.pdf_fonts import TextSpan, iter_spans
from validator.slides import ResolvedRun, resolved_runs

TOLERANCE_PT = 0.05
EMU_PER_PT = 12700
MIN_MATCH = 4
PART_MATCH = 8
DECK_SUFFIXES = (".pptx", ".pptm", ".ppsx", ".potx")
#: (deck, pages flagged, same pages?, only in the PDF, only in the deck)
PageVerdict = tuple[str, int, bool, list[int], list[int]]
LIMITS = ReadLimits(ArchiveLimits(10000, 536870912, 209715200, 100.0, 1048576, 1), 52428800)

#: The documented cases where LibreOffice 7.4 is expected to differ (spec section 8.4).
EXPECTED = {
    "autofit-scale": "stored normAutofit fontScale: PowerPoint draws nominal x scale on open; "
                     "LibreOffice ignores the stored scale and fits the text itself",
    "autofit-bare": "bare <a:normAutofit/>: PowerPoint keeps the nominal size until the text "
                    "is edited; LibreOffice shrinks overflowing text at once",
    "baseline": "superscript/subscript: LibreOffice draws 58 % of the nominal size "
                "(DFLT_ESC_PROP); the rule judges the nominal size",
    "footer": "slide footer placeholder: LibreOffice turns it into its own footer field, "
              "drawn at its own size",
    "chart": "chart text: LibreOffice's chart engine (auto titles, chart style parts, "
             "user shapes) differs from the chart model",
    "smartart": "SmartArt: LibreOffice lays the diagram out itself when it differs from the "
                "stored drawing",
    "object-preview": "text of an embedded object's preview picture: LibreOffice's own "
                      "conversion of the EMF/WMF differs by up to 1.5 % (both directions)",
}
#: Largest relative difference of a preview picture's text still counted as expected.
PREVIEW_SPREAD = 0.015


@dataclass(frozen=True, slots=True)
class Comparison:
    """One resolved run against the LibreOffice rendering."""

    deck: str
    slide: int
    shape: str
    text: str
    resolver: float
    libreoffice: float | None
    verdict: str  # agree | expected | unexplained | unmatched
    reason: str = ""


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def render(decks: Sequence[Path], workdir: Path, timeout: float = 1800) -> dict[Path, Path]:
    """Render ``decks`` to PDF in ONE soffice call; return deck -> PDF for those rendered."""
    soffice = find_soffice()
    if soffice is None:
        raise RuntimeError("soffice (LibreOffice) is not installed")
    stage, out = workdir / "in", workdir / "pdf"
    stage.mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    staged: dict[Path, Path] = {}
    for i, deck in enumerate(decks):
        name = stage / f"d{i:04d}{deck.suffix.lower()}"  # unique: a.pptx and a.pptm collide
        os.symlink(deck.resolve(), name)
        staged[deck] = name
    profile = (workdir / "profile").resolve().as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), *map(str, staged.values())],
                   check=False, capture_output=True, timeout=timeout)
    result = {}
    for deck, name in staged.items():
        pdf = out / (name.stem + ".pdf")
        if pdf.is_file():
            result[deck] = pdf
    return result


def norm(text: str) -> str:
    return "".join(text.split()).casefold()


def classify(run: ResolvedRun, lo_size: float) -> str:
    """The documented reason a disagreement is expected, or '' when it is unexplained.

    Autofit cases are expected only when LibreOffice drew at most the nominal size (it fits
    text by shrinking, never by growing): a larger size means the chain itself is wrong.
    """
    within_nominal = run.nominal_pt is not None and lo_size <= run.nominal_pt + TOLERANCE_PT
    if run.scale is not None and abs(run.scale - 1.0) > 1e-9 and within_nominal:
        return "autofit-scale"
    if run.autofit == "bare" and within_nominal:
        return "autofit-bare"
    if run.size_pt and abs(lo_size - 0.58 * run.size_pt) <= 0.1:
        return "baseline"
    if "ftr placeholder" in run.source or run.shape.lower().startswith("footer"):
        return "footer"
    if run.kind in ("chart", "smartart"):
        return run.kind
    if run.kind == "object" and run.size_pt and abs(lo_size - run.size_pt) <= (
            PREVIEW_SPREAD * run.size_pt):
        return "object-preview"
    return ""


def near(run: ResolvedRun, span: TextSpan, page_height_pt: float) -> bool:
    """True when the span starts inside the run's shape (any rotation about its centre)."""
    box = run.box
    if box is None:
        return True
    cx = (box.x + box.width / 2) / EMU_PER_PT
    cy = page_height_pt - (box.y + box.height / 2) / EMU_PER_PT
    reach = math.hypot(box.width, box.height) / 2 / EMU_PER_PT + span.size
    return math.hypot(span.x - cx, span.y - cy) <= reach


def compare_runs(deck: str, runs: Iterable[ResolvedRun],
                 pages: Sequence[Sequence[TextSpan]], visible: Sequence[int],
                 page_height_pt: float) -> list[Comparison]:
    """Compare resolved runs with the spans of the rendered pages (page N = N-th visible).

    A span matches a run when it contains the run's text (or, failing that, is a line of it at
    least ``PART_MATCH`` characters long) and starts inside the run's shape, so that the same
    words elsewhere on the slide are not taken for it.
    """
    page_of = {slide: n for n, slide in enumerate(visible)}
    out: list[Comparison] = []
    for run in runs:
        if run.size_pt is None or len(norm(run.text)) < MIN_MATCH:
            continue
        key = norm(run.text)
        index = page_of.get(run.slide)
        spans = pages[index] if index is not None and index < len(pages) else ()
        found = [s for s in spans if key in norm(s.text) and near(run, s, page_height_pt)]
        if not found:  # the run wrapped over lines: a line of it, long enough not to be chance
            least = max(MIN_MATCH, min(len(key), PART_MATCH))
            found = [s for s in spans if len(norm(s.text)) >= least and norm(s.text) in key
                     and near(run, s, page_height_pt)]
        if not found:
            out.append(Comparison(deck, run.slide, run.shape, run.text, run.size_pt, None,
                                  "unmatched"))
            continue
        best = min(found, key=lambda s: abs(s.size - (run.size_pt or 0.0)))
        if abs(best.size - run.size_pt) <= TOLERANCE_PT:
            verdict, reason = "agree", ""
        else:
            reason = classify(run, best.size)
            verdict = "expected" if reason else "unexplained"
        out.append(Comparison(deck, run.slide, run.shape, run.text, run.size_pt,
                              round(best.size, 3), verdict, reason))
    return out


def compare_deck(deck: Path, pdf: Path) -> list[Comparison] | str:
    """All comparisons of one deck, or why it could not be compared."""
    doc = Document(Member(deck.name, deck.name, disk=deck), LIMITS)
    try:
        ref = doc.deck
        runs = list(resolved_runs(doc.ooxml, ref))
        pages = list(iter_spans(pdf.read_bytes(), LIMITS.max_part_bytes))
    except (UnreadableError, LimitError) as exc:
        return f"not readable: {exc}"
    finally:
        doc.close()
    visible = [s.number for s in ref.slides if not s.hidden]
    if len(pages) != len(visible):
        return f"{len(pages)} PDF pages for {len(visible)} visible slides"
    return compare_runs(deck.name, runs, pages, visible, ref.height / EMU_PER_PT)


def flagged_pages(deck: Path, pdf: Path, min_pt: float = 20.0, tolerance: float = 0.01
                  ) -> tuple[set[int], set[int]] | None:
    """Pages (visible-slide positions) with text below ``min_pt``: by the resolver on the
    deck, and by the PDF reader on LibreOffice's rendering (what SLD002 does for each)."""
    doc = Document(Member(deck.name, deck.name, disk=deck), LIMITS)
    try:
        visible = [s.number for s in doc.deck.slides if not s.hidden]
        small = {r.slide for r in resolved_runs(doc.ooxml, doc.deck)
                 if r.size_pt is not None and r.size_pt < min_pt - tolerance}
        pages = list(iter_spans(pdf.read_bytes(), LIMITS.max_part_bytes))
    except (UnreadableError, LimitError):
        return None
    finally:
        doc.close()
    from_deck = {visible.index(n) + 1 for n in small if n in visible}
    from_pdf = {i for i, spans in enumerate(pages, 1)
                if any(s.size < min_pt - tolerance for s in spans)}
    return from_deck, from_pdf


def crosscheck(decks: Sequence[Path], workdir: Path
               ) -> tuple[list[Comparison], dict[str, str], list[PageVerdict]]:
    """Render and compare a set of decks; return the comparisons and the decks skipped
    (a deck compared with no run long enough to match is listed with the reason '')."""
    started = time.perf_counter()
    pdfs = render(decks, workdir)
    print(f"- one soffice call rendered {len(pdfs)} of {len(decks)} decks in "
          f"{time.perf_counter() - started:.1f} s", file=sys.stderr)
    pages = 0
    started = time.perf_counter()
    for pdf in pdfs.values():
        pages += sum(1 for _ in iter_spans(pdf.read_bytes(), LIMITS.max_part_bytes))
    print(f"- PDF span extraction: {pages} pages in {time.perf_counter() - started:.2f} s",
          file=sys.stderr)
    comparisons: list[Comparison] = []
    skipped: dict[str, str] = {}
    verdicts: list[PageVerdict] = []
    for deck in decks:
        pdf = pdfs.get(deck)
        if pdf is None:
            skipped[deck.name] = "LibreOffice produced no PDF"
            continue
        result = compare_deck(deck, pdf)
        pages = flagged_pages(deck, pdf) if not isinstance(result, str) else None
        if pages is not None:
            same = pages[0] == pages[1]
            verdicts.append((deck.name, len(pages[0] | pages[1]), same,
                                  sorted(pages[1] - pages[0]), sorted(pages[0] - pages[1])))
        if isinstance(result, str):
            skipped[deck.name] = result
        elif not result:
            skipped[deck.name] = ""
        else:
            comparisons.extend(result)
    return comparisons, skipped, verdicts


def summary(comparisons: Sequence[Comparison], skipped: dict[str, str],
            page_verdicts: Sequence[PageVerdict] = ()) -> str:
    """A Markdown summary: counts, the disagreement rate, and each unexplained case."""
    verdicts = Counter(c.verdict for c in comparisons)
    reasons = Counter(c.reason for c in comparisons if c.verdict == "expected")
    matched = verdicts["agree"] + verdicts["expected"] + verdicts["unexplained"]
    decks = len({c.deck for c in comparisons})
    empty = sum(1 for why in skipped.values() if not why)
    lines = [
        f"- decks compared: {decks}; rendered but without text to match: {empty}; "
        f"not compared: {len(skipped) - empty}",
        f"- runs matched to rendered text: {matched} (unmatched: {verdicts['unmatched']})",
        f"- agree within {TOLERANCE_PT} pt: {verdicts['agree']}"
        f" ({verdicts['agree'] / matched:.1%})" if matched else "- nothing matched",
        f"- expected disagreements: {verdicts['expected']}"
        + "".join(f"; {k}: {n}" for k, n in sorted(reasons.items())),
        f"- unexplained disagreements: {verdicts['unexplained']}"
        + (f" ({verdicts['unexplained'] / matched:.1%} of matched runs)" if matched else ""),
    ]
    for c in comparisons:
        if c.verdict == "unexplained":
            lines.append(f"  - {c.deck} slide {c.slide} '{c.shape}': resolver {c.resolver:g}"
                         f" pt, LibreOffice {c.libreoffice:g} pt: {c.text[:40]!r}")
    if page_verdicts:
        same = sum(1 for v in page_verdicts if v[2])
        lines.append(f"- pages below 20 pt, deck (resolver) vs its PDF (span reader): "
                     f"{same} of {len(page_verdicts)} decks flag the same pages")
        for name, _, ok, only_pdf, only_deck in page_verdicts:
            if not ok:
                lines.append(f"  - {name}: only in the PDF {only_pdf}, only in the deck "
                             f"{only_deck}")
    for name, why in sorted(skipped.items()):
        if why:
            lines.append(f"- not compared: {name}: {why}")
    return "\n".join(lines)


def main(argv: Sequence[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else \
        Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "office"
    decks = sorted(p for p in folder.iterdir() if p.suffix.lower() in DECK_SUFFIXES)
    with tempfile.TemporaryDirectory() as tmp:
        comparisons, skipped, verdicts = crosscheck(decks, Path(tmp))
    print(summary(comparisons, skipped, verdicts))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
