"""Cost of the classification step, the marking search, the reading-time estimate and the
working-day calendar, measured in one run. Prints a Markdown table for docs/BENCHMARKS.md.

Run: python bench/roles_dates.py
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from validator.calendar.workdays import WorkCalendar, _library_year
from validator.materials.markings import markings_in_line
from validator.materials.reading_time import SpeechRate, estimate_reading
from validator.materials.roles import classify_role

ROOT = Path(__file__).resolve().parents[1]
FLORES = ROOT.parent / "shared" / "corpus" / "text" / "flores200-devtest.rus_Cyrl.txt"


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Median seconds of `repeat` calls."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    lines = FLORES.read_text(encoding="utf-8").splitlines() if FLORES.exists() else \
        ["Уважаемые коллеги, разрешите доложить о ходе работ."] * 1012
    text = "\n".join(lines)
    rate = SpeechRate("syllables", {"kk": 280, "ru": 280, "default": 280}, 2.0, "bench")
    names = ["Справка к проекту постановления.docx", "spisok_uchastnikov.docx",
             "Приложение 1.docx", "Қаулы жобасына салыстырма кесте.xlsx"]
    rows = []
    rows.append(("classify_role, name only (4 names)",
                 timed(lambda: [classify_role(n) for n in names], 200) / 4))
    rows.append(("classify_role, name + 15 first lines",
                 timed(lambda: classify_role("x.docx", lines[:15]), 200)))
    rows.append((f"markings_in_line, per line ({len(lines)} lines)",
                 timed(lambda: [markings_in_line(x) for x in lines], 5) / len(lines)))
    rows.append((f"estimate_reading, {len(text)} chars",
                 timed(lambda: estimate_reading(text, "ru", rate), 20)))
    cal = WorkCalendar.from_file(ROOT / "rules" / "kz-calendar-overrides.toml")
    _library_year.cache_clear()
    rows.append(("calendar, first deadline in a new year (library cold)",
                 timed(lambda: (_library_year.cache_clear(),
                                cal.submission_deadline(dt.date(2026, 3, 12), 5)), 5)))
    rows.append(("calendar, deadline with the year cached",
                 timed(lambda: cal.submission_deadline(dt.date(2026, 3, 12), 5), 200)))
    rows.append(("calendar, load and validate the override file",
                 timed(lambda: WorkCalendar.from_file(
                     ROOT / "rules" / "kz-calendar-overrides.toml"), 50)))
    big_pdf = ROOT.parent / "shared" / "corpus" / "pdf" / \
        "009-pdflatex-geotopo_GeoTopo-komprimiert.pdf"
    if big_pdf.exists():
        data = big_pdf.read_bytes()
        rows.append(("role of a 117-page PDF (page 1 read)",
                     timed(lambda: _pdf_doc(data).role, 3)))
        rows.append(("full text of the same PDF (what the role step read before)",
                     timed(lambda: _pdf_doc(data).text_blocks, 1)))
    sample = _sample_docx(lines[:120])
    base = timed(lambda: _read_text(sample), 20)
    print(f"Baseline: reading the text blocks of a 120-paragraph .docx with the project's "
          f"reader, {base * 1e3:.1f} ms (median).\n")
    print("| operation | median time | ratio to the baseline |")
    print("|---|---|---|")
    for name, seconds in rows:
        print(f"| {name} | {seconds * 1e6:,.1f} µs | {seconds / base:.4f} |")


def _sample_docx(lines: list[str]) -> bytes:
    import io

    from docx import Document

    doc = Document()
    for line in lines:
        doc.add_paragraph(line)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _pdf_doc(data: bytes) -> Any:
    from validator.files.document import Document
    from validator.files.member import Member, ReadLimits
    from validator.formats.archive import ArchiveLimits

    limits = ReadLimits(ArchiveLimits(10000, 1 << 29, 200 << 20, 100.0, 1 << 20, 1), 50 << 20)
    return Document(Member("big.pdf", "big.pdf", blob=data), limits)


def _read_text(data: bytes) -> int:
    from validator.files.document import Document
    from validator.files.member import Member, ReadLimits
    from validator.formats.archive import ArchiveLimits

    limits = ReadLimits(ArchiveLimits(10000, 1 << 29, 200 << 20, 100.0, 1 << 20, 1), 50 << 20)
    doc = Document(Member("bench.docx", "bench.docx", blob=data), limits)
    return len(doc.text_blocks)


if __name__ == "__main__":
    main()
