"""Scanned PDFs read by OCR: language accuracy, stamps found, parity false alarms, time per page.

Run from the project root:  python bench/bench_ocr.py [pages-per-language]
Prints a Markdown report (paste under "## Scanned documents (OCR)" in docs/BENCHMARKS.md).

The scanned set, at 150 and 300 dpi:
- FLORES pages: Kazakh and Russian sentences of ../shared/corpus/text drawn on A4 pages
  (DejaVu Serif 11 pt), 1-2 degree skew, salt-and-pepper noise, every third page stamped
  (ДСП, «Для служебного пользования», «Қызмет бабында пайдалану үшін»); each page is one PDF.
- Sample scans: every document of samples/compliant-item rendered to PDF by LibreOffice,
  rasterised by pdftoppm, skewed and noised, and put back in the package in place of its
  original; the Russian reference is stamped ДСП. A parity false alarm is an LNG003 violation
  the scanned package has and the original package does not.
Every package is checked as a user would (worker processes, the shipped profile), one worker.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.ocr.scans import age, draw_page, image_pdf, rasterise_pdf  # noqa: E402
from validator.api import check  # noqa: E402
from validator.core.findings import Report, Status  # noqa: E402
from validator.settings.options import Settings  # noqa: E402

TEXTS = ROOT.parent / "shared" / "corpus" / "text"
SAMPLE = ROOT / "samples" / "compliant-item"
STAMPS = ("ДСП", "Для служебного пользования", "Қызмет бабында пайдалану үшін")
LANGS = {"kaz_Cyrl": "kk", "rus_Cyrl": "ru"}


def _flores_pages(folder: Path, dpi: int, per_lang: int) -> dict[str, tuple[str, bool]]:
    """Write one-page scans of FLORES sentences; return name -> (language, stamped)."""
    expected: dict[str, tuple[str, bool]] = {}
    for code, lang in LANGS.items():
        lines = (TEXTS / f"flores200-devtest.{code}.txt").read_text(encoding="utf-8").splitlines()
        for n in range(per_lang):
            stamp = STAMPS[n // 3 % len(STAMPS)] if n % 3 == 0 else None
            page = draw_page(lines[n * 9: n * 9 + 9], dpi, stamp=stamp)
            skew = (1.0 + (n % 3) * 0.5) * (1 if n % 2 else -1)
            page = age(page, skew=skew, noise=0.002 + 0.001 * (n % 3), seed=n)
            name = f"{lang}_{n:02d}.pdf"
            (folder / name).write_bytes(image_pdf([page], dpi))
            expected[name] = (lang, stamp is not None)
    return expected


def _render_samples(out: Path) -> dict[str, bytes]:
    """Each sample document as a PDF made by LibreOffice (one soffice run)."""
    sources = sorted(p for p in SAMPLE.iterdir() if p.suffix in (".docx", ".pptx"))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{out / 'lo-profile'}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(out),
                    *map(str, sources)], capture_output=True, check=True, timeout=600)
    return {p.name: (out / f"{p.stem}.pdf").read_bytes() for p in sources}


def _scanned_package(folder: Path, rendered: dict[str, bytes], dpi: int) -> tuple[int, int]:
    """The sample package with every document replaced by its scan; (pages, stamps put)."""
    shutil.copytree(SAMPLE, folder)
    pages = stamps = 0
    for n, (name, pdf) in enumerate(sorted(rendered.items())):
        images = rasterise_pdf(pdf, dpi)
        if name.startswith("Справка"):
            from PIL import ImageDraw

            from tests.ocr.scans import font

            draw = ImageDraw.Draw(images[0])
            draw.text((images[0].size[0] - 2 * dpi, dpi // 2), "ДСП",
                      font=font(round(12 * dpi / 72)), fill=0)
            stamps += 1
        aged = [age(im, skew=1.0 + 0.5 * (n % 3), noise=0.002, seed=n) for im in images]
        (folder / name).unlink()
        (folder / (Path(name).stem + ".pdf")).write_bytes(image_pdf(aged, dpi))
        pages += len(images)
    return pages, stamps


def _run(path: Path) -> tuple[Report, float]:
    started = time.perf_counter()
    report = check(path, settings=Settings(), jobs=1)
    return report, time.perf_counter() - started


def _parity(report: Report, status: Status = Status.VIOLATION) -> set[str]:
    return {f"{f.file.rsplit('/', 1)[-1]}:{f.message('en')[:60]}" for f in report.all_findings()
            if f.code == "LNG003" and f.status is status}


def main() -> None:
    per_lang = int(sys.argv[1]) if len(sys.argv) > 1 else 6
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        rendered = _render_samples(base)
        original, _ = _run(SAMPLE)
        original_parity = _parity(original)
        for dpi in (150, 300):
            folder = base / f"flores{dpi}"
            folder.mkdir()
            expected = _flores_pages(folder, dpi, per_lang)
            report, seconds = _run(folder)
            files = {f.path.rsplit("/", 1)[-1]: f for p in report.packages for f in p.files}
            right = sum(files[n].language == lang for n, (lang, _) in expected.items())
            wrong = [(n, files[n].language) for n, (lang, _) in expected.items()
                     if files[n].language != lang]
            stamped = [n for n, (_, s) in expected.items() if s]
            found = {f.file.rsplit("/", 1)[-1] for f in report.all_findings()
                     if f.code == "SEC001"}
            alarms = sorted(found - set(stamped))
            item = base / f"item{dpi}"
            pages, stamps = _scanned_package(item, rendered, dpi)
            scanned, item_seconds = _run(item)
            sample_files = [f for p in scanned.packages for f in p.files]
            sample_right = sum(
                f.language == ("kk" if "_қаз" in f.path else "ru") for f in sample_files)
            sample_stamps = sum(1 for f in scanned.all_findings() if f.code == "SEC001")
            false_parity = sorted(_parity(scanned) - original_parity)
            parity_review = sorted(_parity(scanned, Status.NEEDS_REVIEW) - original_parity)
            reviews = sorted({f.code for f in scanned.all_findings()
                              if f.status is Status.NEEDS_REVIEW})
            rows.append((dpi, right, len(expected), wrong, len(found & set(stamped)),
                         len(stamped), alarms, sample_right, len(sample_files),
                         sample_stamps, stamps, false_parity, parity_review, reviews,
                         seconds / len(expected), item_seconds / pages))
    print("| dpi | FLORES pages: language right | stamps found | stamps where none | "
          "sample scans: language right | stamps found | parity violations (false) | "
          "parity needs-review (false) | needs-review codes | s/page (FLORES) | "
          "s/page (samples) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for (dpi, right, total, wrong, found, stamped, alarms, s_right, s_total, s_found,
         s_stamps, parity, review, reviews, spp, spp2) in rows:
        print(f"| {dpi} | {right}/{total} ({100 * right / total:.1f}%) | {found}/{stamped} | "
              f"{len(alarms)} | {s_right}/{s_total} | {s_found}/{s_stamps} | {len(parity)} | "
              f"{len(review)} | {', '.join(reviews) or '-'} | {spp:.2f} | {spp2:.2f} |")
        for name, got in wrong:
            print(f"\n- {dpi} dpi: {name} read as {got}")
        for line in parity + review:
            print(f"\n- {dpi} dpi parity: {line}")


if __name__ == "__main__":
    main()
