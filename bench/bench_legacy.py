"""Legacy formats checked through conversion: the same findings as the OOXML originals?

Run from the project root:  python bench/bench_legacy.py [files-per-format]
Prints a Markdown report (paste under "## Legacy formats through LibreOffice" in
docs/BENCHMARKS.md).

The set: the samples' .docx/.pptx and the smallest readable .docx/.pptx of
../shared/corpus/office, saved as .doc/.ppt by LibreOffice's command line. Each original and
its legacy twin are checked alone (the shipped profile, worker processes); a difference is a
finding (code, slide, paragraph, status) one has and the other has not. Seconds per file: the
check of the legacy file, conversion included, minus nothing (LibreOffice already running).
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

from validator.api import Checker  # noqa: E402
from validator.core.findings import Report  # noqa: E402
from validator.settings.options import Settings  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "office"
SAMPLES = ROOT / "samples"


def _sources(per_format: int) -> list[Path]:
    samples = sorted(p for d in ("compliant-item", "non-compliant-item")
                     for p in (SAMPLES / d).glob("*.[dp][op][ct]x")
                     if not p.name.startswith("Справка_рус") or d == "compliant-item")
    corpus: list[Path] = []
    for ext in ("docx", "pptx"):
        files = sorted(CORPUS.glob(f"*.{ext}"), key=lambda p: p.stat().st_size)
        corpus.extend([p for p in files if 5000 < p.stat().st_size < 400_000][:per_format])
    return samples + corpus


def _key(report: Report) -> list[tuple[str, str, int | None, int | None]]:
    return sorted((f.code, f.status.value, f.location.slide, f.location.paragraph)
                  for f in report.all_findings())


def main() -> None:
    per_format = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    rows: list[tuple[str, str, list[str], float]] = []
    with tempfile.TemporaryDirectory() as tmp, Checker(settings=Settings(), jobs=1) as checker:
        work = Path(tmp)
        for n, source in enumerate(_sources(per_format)):
            folder = work / str(n)
            folder.mkdir()
            original = folder / source.name
            shutil.copyfile(source, original)
            to = "ppt" if source.suffix == ".pptx" else "doc"
            subprocess.run(["soffice", f"-env:UserInstallation=file://{work / 'lo'}",
                            "--headless", "--convert-to", to, "--outdir", str(folder / "out"),
                            str(original)], capture_output=True, timeout=300, check=False)
            legacy = folder / "out" / f"{source.stem}.{to}"
            if not legacy.exists():
                rows.append((source.name, to, ["LibreOffice did not save it"], 0.0))
                continue
            before = checker.check(original)
            started = time.perf_counter()
            after = checker.check(legacy)
            seconds = time.perf_counter() - started
            a, b = _key(before), _key(after)
            diff = [f"only original: {x}" for x in a if x not in b]
            diff += [f"only {to}: {x}" for x in b if x not in a]
            rows.append((source.name, to, diff, seconds))
    same = sum(1 for r in rows if not r[2])
    print(f"{same} of {len(rows)} files: the same findings as the original\n")
    print("| file | as | differences | s (check of the legacy file) |")
    print("|---|---|---|---|")
    for name, to, diff, seconds in rows:
        print(f"| {name[:50]} | .{to} | {'; '.join(diff) or '-'} | {seconds:.1f} |")


if __name__ == "__main__":
    main()
