"""False alarms of SLD004 colour-slides on the real corpus, against a LibreOffice rendering.

Each readable corpus presentation is judged twice: by SLD004 on the deck itself (theme-resolved
colours, table styles, charts, sampled pictures), and by the PDF colour survey on LibreOffice's
rendering of the same deck (one soffice call for the set), which sees the colours as drawn.
A *false alarm* is a deck SLD004 reports as greyscale (violation) while the rendering shows
colour; a *miss* is a deck judged colourful while the rendering is grey. The same rule is then
run on the rendered PDFs as PDF slide decks.

Usage: ``python -m bench.colour_corpus [corpus folder]`` (default ../shared/corpus/office).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from bench.crosscheck_fonts import DECK_SUFFIXES, LIMITS, render
from validator.checks.colour import colour_limits, colour_slides
from validator.core.errors import LimitError, UnreadableError
from validator.files.document import Document
from validator.files.member import Member
from validator.formats.pdf_colour import survey_pdf
from validator.settings.profile import load_profile, resolve_profile_path


def verdict(path: Path, params: object) -> str:
    doc = Document(Member(path.name, path.name, disk=path), LIMITS)
    try:
        hits = list(colour_slides.check(doc, params))  # type: ignore[arg-type]
    except (UnreadableError, LimitError):
        return "unreadable"
    finally:
        doc.close()
    return hits[0].status.value if hits else "colour"


def main(argv: Sequence[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else \
        Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "office"
    params = load_profile(resolve_profile_path("oskemen-2025")).rules["SLD004"].params
    decks = sorted(p for p in folder.iterdir() if p.suffix.lower() in DECK_SUFFIXES)
    started = time.perf_counter()
    own = {d: verdict(d, params) for d in decks}
    own_seconds = time.perf_counter() - started
    readable = [d for d, v in own.items() if v != "unreadable"]
    with tempfile.TemporaryDirectory() as tmp:
        pdfs = render(readable, Path(tmp))
        drawn: dict[Path, str] = {}
        as_pdf: dict[Path, str] = {}
        for deck, pdf in pdfs.items():
            survey = survey_pdf(pdf.read_bytes(), colour_limits(params), LIMITS.max_part_bytes)
            drawn[deck] = "grey" if survey.colourful is None else "colour"
            as_pdf[deck] = verdict(pdf, params)
    table = Counter((own[d], drawn[d]) for d in drawn)
    print(f"- decks: {len(decks)}; readable: {len(readable)}; rendered: {len(drawn)}")
    print(f"- SLD004 on the decks: {dict(Counter(own.values()))} in {own_seconds:.2f} s")
    print(f"- SLD004 verdict x rendering: {dict(sorted(table.items()))}")
    false_alarms = [d.name for d in drawn if own[d] == "violation" and drawn[d] == "colour"]
    misses = [d.name for d in drawn if own[d] == "colour" and drawn[d] == "grey"]
    print(f"- false alarms (violation, rendering in colour): {len(false_alarms)} {false_alarms}")
    print(f"- misses (judged colour, rendering grey): {len(misses)} {misses}")
    print(f"- SLD004 on the rendered PDFs: {dict(Counter(as_pdf.values()))}")
    disagree = [d.name for d in as_pdf if (as_pdf[d] == "violation") != (own[d] == "violation")]
    print(f"- PDF verdict differs from the deck verdict: {len(disagree)} {disagree}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
