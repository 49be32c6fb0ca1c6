"""Benchmark of the presentation checks (SLD001, SLD002, SLD003, SLD005) on the real corpus.

Three timings over the same readable corpus presentations, in one run, reported as ratios:

* floor: unzip and lxml-parse each deck's slide, layout, master, chart and diagram XML;
* checks: open each deck through the project's reader and run the presentation rules, plus the
  slide pictures for flagged slides (what ``validator check`` does for a deck);
* python-pptx: open each deck with ``Presentation()`` and walk every shape, paragraph and run
  of every slide (groups included), reading ``font.size``.

Then peak memory (VmHWM, the resident high-water mark of a fresh process) of the checks on a
small deck and on the same deck carrying a 200 MB picture: media is never decompressed, so the
two should match.

Run: ``python bench/bench_slides.py [--repeat N]`` from the project root.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from validator.checks import RULES_BY_CODE  # noqa: E402
from validator.files.document import Document  # noqa: E402
from validator.files.member import Member, ReadLimits  # noqa: E402
from validator.formats.archive import ArchiveLimits  # noqa: E402
from validator.settings.profile import load_profile, shipped_profiles_dir  # noqa: E402
from validator.slides.picture import slide_shapes  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "office"
SUFFIXES = (".pptx", ".pptm", ".ppsx", ".potx")
PARSED = ("ppt/slides/", "ppt/slideLayouts/", "ppt/slideMasters/", "ppt/charts/chart",
          "ppt/diagrams/")
RULES = ("SLD001", "SLD002", "SLD003", "SLD005")


def _profile() -> tuple[ReadLimits, dict[str, object]]:
    profile = load_profile(shipped_profiles_dir() / "oskemen-2025.toml")
    p = profile.rules["FIL003"].params
    limits = ReadLimits(ArchiveLimits(p["max_members"], p["max_total_bytes"],
                                      p["max_member_bytes"], p["max_ratio"],
                                      p["ratio_min_bytes"], p["max_nesting"]),
                        p["max_part_bytes"])
    return limits, {code: profile.rules[code].params for code in RULES}


def floor(path: Path) -> int:
    count = 0
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith(".xml") and name.startswith(PARSED) and "/_rels/" not in name:
                etree.fromstring(z.read(name))
                count += 1
    return count


def checks(path: Path, limits: ReadLimits, params: dict[str, object]) -> int:
    doc = Document(Member(path.name, path.name, disk=path), limits)
    slides: set[int] = set()
    count = 0
    try:
        for code in RULES:
            for hit in RULES_BY_CODE[code].check(doc, params[code]):  # type: ignore[arg-type]
                count += 1
                if hit.location.slide is not None:
                    slides.add(hit.location.slide)
        if slides:
            slide_shapes(doc.slide_runs, doc.deck, slides)
    finally:
        doc.close()
    return count


def _walk(shapes: object) -> Iterator[object]:
    for shape in shapes:  # type: ignore[attr-defined]
        if shape.shape_type == 6:  # MSO_SHAPE_TYPE.GROUP
            yield from _walk(shape.shapes)
        else:
            yield shape


def python_pptx(path: Path) -> tuple[int, int]:
    from pptx import Presentation

    prs = Presentation(str(path))
    runs = none = 0
    for slide in prs.slides:
        for shape in _walk(slide.shapes):
            if getattr(shape, "has_text_frame", False) and shape.has_text_frame:
                for para in shape.text_frame.paragraphs:
                    for run in para.runs:
                        runs += 1
                        none += run.font.size is None
    return runs, none


def readable(paths: list[Path], limits: ReadLimits) -> list[Path]:
    """Decks that the project's reader and python-pptx both open (the comparison's population)."""
    from pptx import Presentation

    out = []
    for path in paths:
        doc = Document(Member(path.name, path.name, disk=path), limits)
        try:
            doc.deck  # noqa: B018
            Presentation(str(path))
            with zipfile.ZipFile(path) as z:
                z.testzip()
        except Exception:  # the unreadable ones are FIL001/FIL003 cases, not timed
            continue
        finally:
            doc.close()
        out.append(path)
    return out


def timed(fns: list[Callable[[Path], object]], paths: list[Path], repeat: int) -> list[float]:
    """Best total time of each function over ``paths``; interleaved deck by deck, so that a
    change in machine load affects every contender alike."""
    best = [float("inf")] * len(fns)
    for _ in range(repeat):
        totals = [0.0] * len(fns)
        for path in paths:
            for i, fn in enumerate(fns):
                start = time.perf_counter()
                fn(path)
                totals[i] += time.perf_counter() - start
        best = [min(b, t) for b, t in zip(best, totals, strict=True)]
    return best


def big_deck(folder: Path, picture_bytes: int) -> Path:
    """A one-slide deck whose picture part holds ``picture_bytes`` (stored, not deflated)."""
    from pptx import Presentation
    from pptx.util import Emu

    png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02"
           b"\x00\x00\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00"
           b"\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "Quarterly report"
    slide.placeholders[1].text = "Small print"
    slide.shapes.add_picture(io.BytesIO(png), 0, 0)
    buf = io.BytesIO()
    prs.save(buf)
    out = folder / f"deck-{picture_bytes}.pptx"
    chunk = os.urandom(1 << 20)
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.startswith("ppt/media/") and picture_bytes:
                with dst.open(zipfile.ZipInfo(info.filename), "w", force_zip64=True) as fh:
                    fh.write(png)
                    left = picture_bytes - len(png)
                    while left > 0:
                        fh.write(chunk[:left])
                        left -= len(chunk)
            else:
                dst.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return out


PROBE = """
import sys
from pathlib import Path
sys.path.insert(0, {root!r})
import bench.bench_slides as b

def hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])

limits, params = b._profile()
before = hwm()
hits = b.checks(Path({path!r}), limits, params)
print(before, hwm(), hits)
"""


def peak_rss(path: Path) -> tuple[int, int, int]:
    code = PROBE.format(root=str(ROOT), path=str(path))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout.split()
    return int(out[0]), int(out[1]), int(out[2])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--big-mb", type=int, default=200)
    args = parser.parse_args()
    limits, params = _profile()
    decks = readable(sorted(p for p in CORPUS.glob("*") if p.suffix.lower() in SUFFIXES),
                     limits)
    t_floor, t_checks, t_pptx = timed(
        [floor, lambda p: checks(p, limits, params), python_pptx], decks, args.repeat)
    runs = none = 0
    for path in decks:
        r, n = python_pptx(path)
        runs, none = runs + r, none + n
    result: dict[str, object] = {
        "decks": len(decks),
        "floor_s": round(t_floor, 3),
        "checks_s": round(t_checks, 3),
        "python_pptx_s": round(t_pptx, 3),
        "checks_over_floor": round(t_checks / t_floor, 2),
        "checks_over_python_pptx": round(t_checks / t_pptx, 2),
        "python_pptx_runs": runs,
        "python_pptx_size_none": none,
    }
    with tempfile.TemporaryDirectory() as tmp:
        small = big_deck(Path(tmp), 0)
        big = big_deck(Path(tmp), args.big_mb * 1000 * 1000)
        for label, path in (("small", small), ("big", big)):
            before, after, hits = peak_rss(path)
            result[f"{label}_file_bytes"] = path.stat().st_size
            result[f"{label}_rss_after_imports_kib"] = before
            result[f"{label}_peak_rss_kib"] = after
            result[f"{label}_hits"] = hits
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
