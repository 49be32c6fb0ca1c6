"""Time and peak memory of checking each hostile file: the cases of
tests/security/test_hostile_files.py (``hostile``), the active content of
tests/security/test_active_content.py (``active``: fields, altChunk, DDE, data connections,
slide actions) and damaged members of tests/security/test_damaged_parts.py (``damaged``: a bad
CRC and malformed XML in parts no rule reads).

For each case a fresh interpreter checks the file in-process and reports its wall time and
peak resident memory (VmHWM: the reading itself plus the interpreter and libraries);
then the same file is checked through the default isolated path (a worker process, as
``validator check`` does), timed from the caller, worker start-up included. Usage:

    python bench/bench_hostile.py                      # every class: a markdown table
    python bench/bench_hostile.py --classes active,damaged
    python bench/bench_hostile.py --integrity          # cost of verifying every member of
                                                       # each corpus OOXML file
"""

from __future__ import annotations

import functools
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def peak_mib() -> float:
    """Peak resident memory of this process: VmHWM (ru_maxrss survives exec on Linux and
    would report the parent's peak)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one(path: str) -> None:
    """Child mode: check one file in-process, print seconds, peak MiB and the codes."""
    import logging

    from validator.api import check

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    start = time.perf_counter()
    report = check(Path(path), isolate=False)
    seconds = time.perf_counter() - start
    peak = peak_mib()
    codes = sorted({f.code for f in report.all_findings()})
    print(json.dumps({"seconds": seconds, "peak_mib": peak, "codes": codes}))


def _cases(classes: set[str]) -> list[tuple[str, str, Callable[[], bytes], str]]:
    """(id, file name, builder, expected code) of the chosen classes."""
    out: list[tuple[str, str, Callable[[], bytes], str]] = []
    if "hostile" in classes:
        from tests.security.test_hostile_files import CASES

        out += [(c.id, c.name, c.build, c.code) for c in CASES]
    if "active" in classes:
        from tests.security import active
        from tests.security.test_active_content import CASES as ACTIVE

        out.append(("baseline (a clean document of the same builder)", "clean.docx",
                    functools.partial(active.word_doc, "<w:p/>"), "-"))
        out += [(f"active: {c.id}", c.name, c.build, c.code) for c in ACTIVE]
    if "damaged" in classes:
        from tests.security import damage
        from tests.security.test_damaged_parts import PARTS

        for name, build, member, _, _ in PARTS:
            for how, damage_of in (("bad CRC", damage.bad_crc),
                                   ("malformed", damage.malformed)):
                out.append((f"damaged: {how} {member} ({name.rsplit('.', 1)[-1]})",
                            f"{how.replace(' ', '-')}-{name}",
                            functools.partial(damage_of, build(), member), "FIL001"))
    return out


def integrity() -> None:
    """Time ``OoxmlPackage.verify()`` (every member's CRC, every XML part parsed without a
    tree) on each OOXML file of the corpus that opens, and report the damaged ones."""
    from validator.core.errors import LimitError, UnreadableError
    from validator.formats.ooxml import OoxmlPackage
    from validator.run.filecheck import read_limits
    from validator.settings.profile import load_profile, resolve_profile_path

    limits = read_limits(load_profile(resolve_profile_path("oskemen-2025")))
    corpus = ROOT / ".." / "shared" / "corpus" / "office"
    times: list[tuple[float, str, int]] = []
    damaged: list[str] = []
    for path in sorted(corpus.iterdir()):
        if path.suffix.lower() not in (".docx", ".docm", ".dotx", ".pptx", ".pptm", ".ppsx",
                                       ".potx", ".xlsx", ".xlsm"):
            continue
        try:
            pkg = OoxmlPackage(path.read_bytes(), limits.archive, limits.max_part_bytes,
                               limits.max_part_elements, verify=False)
            pkg.content_types  # noqa: B018 - parsed by every run before verify()
        except (UnreadableError, LimitError):
            continue
        start = time.process_time()  # CPU time: the machine's load does not count
        try:
            pkg.verify()
        except (UnreadableError, LimitError) as exc:
            damaged.append(f"{path.name}: {exc}")
        times.append((time.process_time() - start, path.name, path.stat().st_size))
    total = sum(t for t, _, _ in times)
    worst = max(times)
    ordered = sorted(t for t, _, _ in times)
    print(f"{len(times)} files, {sum(b for _, _, b in times) / 2**20:.1f} MiB: verify() CPU "
          f"{total:.2f} s in all, mean {total / len(times) * 1000:.1f} ms, median "
          f"{ordered[len(ordered) // 2] * 1000:.1f} ms, worst {worst[0] * 1000:.0f} ms "
          f"({worst[1]}, {worst[2]:,} bytes)")
    for line in damaged:
        print("damaged:", line)


def main(classes: set[str]) -> None:
    sys.path.insert(0, str(ROOT))
    from tests.security import hostile as h
    from validator.api import check

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        baseline = Path(tmp) / "baseline.pptx"
        baseline.write_bytes(h.pptx())
        cases = [("baseline (a clean one-slide deck)", baseline, "-")]
        for case_id, name, build, code in _cases(classes):
            path = Path(tmp) / name
            path.write_bytes(build())
            cases.append((case_id, path, code))
        for name, path, expected in cases:
            out = subprocess.run([sys.executable, __file__, "--one", str(path)], cwd=ROOT,
                                 capture_output=True, text=True, check=True)
            facts = json.loads(out.stdout.strip().splitlines()[-1])
            start = time.perf_counter()
            report = check(path)
            isolated = time.perf_counter() - start
            iso_codes = sorted({f.code for f in report.all_findings()})
            rows.append((name, expected, ",".join(facts["codes"]) or "-", path.stat().st_size,
                         facts["seconds"], facts["peak_mib"], isolated,
                         iso_codes == facts["codes"]))
    print("| case | expected | codes | file bytes | in-process s | peak MiB | isolated s "
          "| same codes isolated |")
    print("|---|---|---|---:|---:|---:|---:|---|")
    for name, expected, codes, size, seconds, peak, isolated, same in rows:
        print(f"| {name} | {expected} | {codes} | {size:,} | {seconds:.2f} | {peak:.0f} | "
              f"{isolated:.2f} | {'yes' if same else 'NO'} |")
    worst_t = max(r[4] for r in rows)
    worst_iso = max(r[6] for r in rows)
    worst_m = max(r[5] for r in rows)
    print(f"\nworst: in-process {worst_t:.2f} s, isolated {worst_iso:.2f} s, "
          f"peak {worst_m:.0f} MiB")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        sys.path.insert(0, str(ROOT))
        one(sys.argv[2])
    elif sys.argv[1:] == ["--integrity"]:
        sys.path.insert(0, str(ROOT))
        integrity()
    elif len(sys.argv) == 3 and sys.argv[1] == "--classes":
        main(set(sys.argv[2].split(",")))
    else:
        main({"hostile", "active", "damaged"})
