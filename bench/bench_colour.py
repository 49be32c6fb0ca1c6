"""Cost of SLD004 colour-slides on the real corpus, against the parse floor.

Over the readable corpus presentations, interleaved deck by deck, best of N:

* floor: unzip and lxml-parse the slide, layout, master, chart and diagram XML
  (``bench_slides.floor``);
* checks: SLD001, SLD002, SLD003, SLD005 as ``bench_slides.checks`` runs them;
* checks + SLD004: the same, then SLD004 on the same opened document (the engine shares the
  parsed parts between rules, so this is SLD004's real added cost).

Then peak memory (VmHWM of a fresh process) of SLD004 on a grey deck whose only picture is a
200 MB stored part: over ``max_picture_bytes`` it is never read, so memory stays flat.

Run: ``python bench/bench_colour.py [--repeat N]`` from the project root.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_slides import RULES, SUFFIXES, _profile, floor, readable, timed  # noqa: E402
from validator.checks import RULES_BY_CODE  # noqa: E402
from validator.files.document import Document  # noqa: E402
from validator.files.member import Member, ReadLimits  # noqa: E402
from validator.settings.profile import load_profile, shipped_profiles_dir  # noqa: E402

COLOUR = load_profile(shipped_profiles_dir() / "oskemen-2025.toml").rules["SLD004"].params


def checks(path: Path, limits: ReadLimits, params: dict[str, object],
           colour: bool) -> int:
    doc = Document(Member(path.name, path.name, disk=path), limits)
    count = 0
    try:
        for code in RULES:
            count += sum(1 for _ in RULES_BY_CODE[code].check(doc, params[code]))  # type: ignore[arg-type]
        if colour:
            count += sum(1 for _ in RULES_BY_CODE["SLD004"].check(doc, COLOUR))
    finally:
        doc.close()
    return count


MEMORY_SCRIPT = """
import sys
from pathlib import Path
sys.path.insert(0, {root!r})
from bench.bench_colour import COLOUR
from bench.bench_slides import _profile
from validator.checks import RULES_BY_CODE
from validator.files.document import Document, Member
limits, _ = _profile()
path = Path({path!r})
doc = Document(Member(path.name, path.name, disk=path), limits)
hits = list(RULES_BY_CODE["SLD004"].check(doc, COLOUR))
status = hits[0].status.value if hits else "colour"
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM")][0].split()[1]
print(status, hwm)
"""


def grey_deck(folder: Path, picture_bytes: int) -> Path:
    """A grey deck with one stored picture part of ``picture_bytes`` (random, a .png name)."""
    import io
    import os
    import zipfile

    from PIL import Image
    from pptx import Presentation

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    png = io.BytesIO()
    Image.new("L", (8, 8), 128).save(png, format="PNG")
    slide.shapes.add_picture(io.BytesIO(png.getvalue()), 0, 0)
    small = io.BytesIO()
    prs.save(small)
    path = folder / f"grey-{picture_bytes}.pptx"
    with zipfile.ZipFile(io.BytesIO(small.getvalue())) as src, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename.startswith("ppt/media/") and picture_bytes:
                dst.writestr(info.filename, body + os.urandom(picture_bytes),
                             compress_type=zipfile.ZIP_STORED)
            else:
                dst.writestr(info.filename, body)
    return path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    limits, params = _profile()
    corpus = ROOT / ".." / "shared" / "corpus" / "office"
    decks = readable(sorted(p for p in corpus.iterdir() if p.suffix.lower() in SUFFIXES),
                     limits)
    base, plain, coloured = timed(
        [floor, lambda p: checks(p, limits, params, False),
         lambda p: checks(p, limits, params, True)], decks, args.repeat)
    print(f"decks: {len(decks)}; best of {args.repeat}")
    print(f"| floor | {base:.3f} | 1.00 |")
    print(f"| checks without SLD004 | {plain:.3f} | {plain / base:.2f} x floor |")
    print(f"| checks with SLD004 | {coloured:.3f} | {coloured / base:.2f} x floor |")
    print(f"SLD004 adds {coloured - plain:.3f} s ({(coloured - plain) / base:.2f} x floor)")
    with tempfile.TemporaryDirectory() as tmp:
        for size in (0, 200_000_000):
            path = grey_deck(Path(tmp), size)
            out = subprocess.run([sys.executable, "-c", MEMORY_SCRIPT.format(
                root=str(ROOT), path=str(path))], capture_output=True, text=True, check=True)
            status, hwm = out.stdout.split()
            print(f"| grey deck, picture +{size} bytes | {path.stat().st_size} bytes | "
                  f"{status} | {hwm} KiB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
