"""Benchmark of the presentation path as users run it, from the command line.

In one run, alternating round by round (the machine is shared: only ratios taken in the same
run mean anything), these measurements over the 87 corpus decks (``../shared/corpus/office``,
.pptx/.pptm/.ppsx/.potx):

* floor: in this process, unzip each deck and lxml-parse its slide, layout, master, chart and
  diagram XML (``bench_slides.floor``; a deck that cannot be unzipped counts what it parsed);
* verified floor: in this process, what the command's guarantees need done by compiled code at
  the least, with as little Python as can be: each deck read and hashed (SHA-256), every member
  inflated and its CRC compared (``zipfile``), every XML part (``.xml``, ``.rels``) parsed into
  a tree (``verified_floor``). The pictures the colour rule samples are not decoded;
* cli: ``validator check <decks> --select SLD --format json --jobs 1 --no-cache`` as a fresh
  process, its report written to /dev/null;
* fixed: the same command with ``--select FIL001`` instead: every deck discovered, read and
  verified (hash, CRC of every member, every XML part well formed), its text taken (as every
  readable file's is) and the report written, but no presentation rule run. What it costs is
  the command's price before any presentation rule; ``cli - fixed`` is the rules' share;
* breakdown: a fresh process that runs the same command in-process (``--no-isolation``) with
  timers wrapped around the functions of each stage, each timer exclusive of the timers nested
  in it (so a rule's parsing counts as reading, not as the rule):

  - start-up: from ``Popen`` to the first statement of the process (the interpreter);
  - imports: the modules the ``check`` command imports before it reads a file;
  - language: ``Document.language`` (the detector's model built on first use included);
  - reading: opening a package (``OoxmlPackage.__init__``: central directory, CRC of every
    member, well-formedness of every XML part), ``OoxmlPackage.xml`` (a part inflated and
    parsed), the file's hash;
  - rules: the file rules (``filecheck._run_file_rules``), the slide pictures of flagged
    slides, the package rules;
  - views: the text views (``Document.text_blocks``, ``text_marks``, ``table_shapes``),
    whether the role classification or a package rule asks first;
  - writing: ``reports.json.render``;
  - other: the rest of the in-process run (discovery, profile, report assembly, exit);
  - isolation: the cli's time minus the in-process run's, both fresh processes: the reader
    process's start and the transfer of its results.

The project's modules are byte-compiled first (``compileall``), as ``pip install`` does for an
installed copy: an editable checkout run with ``PYTHONDONTWRITEBYTECODE`` set would otherwise
compile every module from source in every run (0.12 s of the command's imports, and again in
its reader processes), which users of an installed copy never pay.

Run: ``python bench/bench_slides_path.py [--rounds N] [--before CHECKOUT]`` from the project
root. The ratio printed is the cli's best time over the floor's best, and the median of the
per-round ratios. ``--before`` times the same command of another checkout (e.g. a ``git
worktree`` of the commit before a change) in the same rounds, as ``python -m validator`` with
that checkout first on ``PYTHONPATH``.
"""

from __future__ import annotations

import argparse
import compileall
import functools
import hashlib
import io
import json
import os
import statistics
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "office"
SUFFIXES = (".pptx", ".pptm", ".ppsx", ".potx")
PARSED = ("ppt/slides/", "ppt/slideLayouts/", "ppt/slideMasters/", "ppt/charts/chart",
          "ppt/diagrams/")
#: What both timed commands are given besides the rules they select.
COMMON = ["--format", "json", "--jobs", "1", "--no-cache"]
OPTIONS = ["--select", "SLD", *COMMON]
#: The same command with no presentation rule: what reading and reporting cost on their own.
FIXED_OPTIONS = ["--select", "FIL001", *COMMON]
STAGES = ("startup", "imports", "language", "reading", "rules", "views", "writing", "other",
          "isolation")


def decks() -> list[Path]:
    """The corpus decks, in name order."""
    return sorted(p for p in CORPUS.iterdir() if p.suffix.lower() in SUFFIXES)


def floor(paths: list[Path]) -> int:
    """Unzip every deck and parse its slide, layout, master, chart and diagram XML."""
    count = 0
    for path in paths:
        try:
            with zipfile.ZipFile(path) as z:
                for name in z.namelist():
                    if (name.endswith(".xml") and name.startswith(PARSED)
                            and "/_rels/" not in name):
                        etree.fromstring(z.read(name))
                        count += 1
        except (zipfile.BadZipFile, etree.XMLSyntaxError, OSError, ValueError):
            continue
    return count


def verified_floor(paths: list[Path]) -> int:
    """Hash every deck, inflate every member (CRC compared) and parse every XML part; the
    parts parsed. A member or part that fails is passed over, as the floor does."""
    count = 0
    for path in paths:
        data = path.read_bytes()
        hashlib.sha256(data).hexdigest()
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                for info in z.infolist():
                    if info.is_dir():
                        continue
                    try:
                        member = z.read(info)
                        if info.filename.endswith((".xml", ".rels")):
                            etree.fromstring(member)
                            count += 1
                    except (zipfile.BadZipFile, etree.XMLSyntaxError, OSError, ValueError,
                            EOFError, NotImplementedError, RuntimeError):
                        continue
        except (zipfile.BadZipFile, OSError, ValueError):
            continue
    return count


def in_process(measure: Callable[[list[Path]], int], paths: list[Path],
               times: list[tuple[float, float]]) -> int:
    """Run a floor in this process, add its wall and CPU seconds to ``times``; the parts it
    parsed."""
    start, cpu = time.perf_counter(), time.process_time()
    parsed = measure(paths)
    times.append((time.perf_counter() - start, time.process_time() - cpu))
    return parsed


def command(tree: Path | None) -> tuple[list[str], dict[str, str] | None]:
    """The command line users type: the installed ``validator`` script beside this Python;
    for another checkout of the project (``--before``), ``python -m validator`` with that
    checkout first on the path."""
    script = Path(sys.executable).with_name("validator")
    if tree is None and script.exists():
        return [str(script), "check"], None
    env = dict(os.environ, PYTHONPATH=str(tree or ROOT))
    return [sys.executable, "-m", "validator", "check"], env


def _subreaper() -> bool:
    """Make this process adopt its descendants when their parent ends (Linux), so that the
    CPU time of the command's reader processes is counted: they are forked from the command
    (a checkout given with ``--before`` may start them from a forkserver, which outlives the
    command and reaps them)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(36, 1, 0, 0, 0) == 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        return False


def _reap_orphans(deadline: float = 10.0) -> None:
    """Wait for the descendants this process adopted (a forkserver, and the readers it
    started)."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.01)


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cli(paths: list[Path], tree: Path | None = None,
        options: list[str] = OPTIONS) -> tuple[float, float]:
    """Wall and CPU seconds of the command (its reader processes included)."""
    argv, env = command(tree)
    cpu = _children_cpu()
    start = time.perf_counter()
    # Run from the checkout: ``python -m`` puts the current folder first on the path.
    done = subprocess.run([*argv, *map(str, paths), *options], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, check=False, env=env, cwd=tree or ROOT)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"the command failed ({done.returncode}): {done.stderr.decode()}")
    _reap_orphans()
    return elapsed, _children_cpu() - cpu


class Stages:
    """Exclusive CPU time per stage: a timed call's time minus that of the timed calls
    inside it (CPU time of this process: the in-process run has one thread)."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = {}
        self._stack: list[list[Any]] = []

    def wrap(self, stage: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def timed(*args: Any, **kwargs: Any) -> Any:
            self._stack.append([stage, 0.0])
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                elapsed = time.process_time() - start
                frame = self._stack.pop()
                self.totals[stage] = self.totals.get(stage, 0.0) + elapsed - frame[1]
                if self._stack:
                    self._stack[-1][1] += elapsed

        return timed

    def patch(self, stage: str, owner: Any, name: str) -> None:
        value = owner.__dict__[name] if isinstance(owner, type) else getattr(owner, name)
        if isinstance(value, functools.cached_property):
            value.func = self.wrap(stage, value.func)
        else:
            setattr(owner, name, self.wrap(stage, value))


def child(paths: list[str]) -> None:
    """The in-process run with stage timers; prints the stages (CPU seconds) as JSON."""
    startup = time.process_time()  # the interpreter's start, before this line
    import validator.api
    import validator.commands.main
    import validator.commands.progress
    import validator.core.outcome
    import validator.reader.readers
    import validator.reports.json
    import validator.reports.text
    imports = time.process_time() - startup

    from validator.files.document import Document
    from validator.formats.ooxml import OoxmlPackage
    from validator.reader.process import tune_allocator
    from validator.run import failsafe as guard
    from validator.run import filecheck

    # The files are read in this process, so it sets the allocator as the command's reader
    # processes do: untuned, freeing the decks' trees costs this run 0.1-0.16 s more than the
    # command, and the difference would show as a negative isolation.
    tune_allocator()
    stages = Stages()
    stages.patch("language", Document, "language")
    stages.patch("reading", OoxmlPackage, "__init__")
    stages.patch("reading", OoxmlPackage, "xml")
    stages.patch("reading", Document, "sha256")
    stages.patch("rules", filecheck, "_run_file_rules")
    stages.patch("rules", filecheck, "_slide_pictures")
    for view in ("text_blocks", "text_marks", "table_shapes"):
        stages.patch("views", Document, view)
    stages.patch("rules", guard, "run_package_rule")
    stages.patch("writing", validator.reports.json, "render")
    out = sys.stdout
    with open(os.devnull, "w") as sink:
        sys.stdout = sink
        try:
            validator.commands.main.main(["check", *paths, *OPTIONS, "--no-isolation"],
                               standalone_mode=False)
        except SystemExit:
            pass
        finally:
            sys.stdout = out
    timed = {k: round(v, 4) for k, v in stages.totals.items()}
    print(json.dumps({"startup": startup, "imports": imports, **timed}))


def breakdown(paths: list[Path]) -> dict[str, float]:
    """The in-process run's stages in CPU seconds, and its wall and CPU time."""
    cpu = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "--child", *map(str, paths)],
                          capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    total = _children_cpu() - cpu
    data = json.loads(done.stdout.strip().splitlines()[-1])
    out = {"wall": wall, "cpu": total}
    timed = STAGES[:-2]  # all but "other" and "isolation"
    for stage in timed:
        out[stage] = data.get(stage, 0.0)
    out["other"] = total - sum(out[s] for s in timed)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--before", type=Path, default=None,
                        help="a checkout of the project before a change: its command is "
                             "timed in the same rounds")
    parser.add_argument("--child", nargs="*")
    args = parser.parse_args()
    if args.child is not None:
        child(args.child)
        return
    paths = decks()
    for tree in (ROOT, args.before):
        if tree is not None:  # as an installed copy has them (see the module doc)
            compileall.compile_dir(Path(tree) / "validator", quiet=1)
    subreaper = _subreaper()
    floors: list[tuple[float, float]] = []
    verified: list[tuple[float, float]] = []
    clis: list[tuple[float, float]] = []
    fixed: list[tuple[float, float]] = []
    befores: list[tuple[float, float]] = []
    parts: list[dict[str, float]] = []
    parsed = verified_parts = 0
    for r in range(args.rounds):
        # Alternate the order, so that a change in load does not always hit the same one.
        steps: list[str] = ["floor", "verified", "cli", "fixed", "before", "breakdown"]
        if r % 2:
            steps.reverse()
        for step in steps:
            if step == "floor":
                parsed = in_process(floor, paths, floors)
            elif step == "verified":
                verified_parts = in_process(verified_floor, paths, verified)
            elif step == "cli":
                clis.append(cli(paths))
            elif step == "fixed":
                fixed.append(cli(paths, options=FIXED_OPTIONS))
            elif step == "before":
                if args.before is not None:
                    befores.append(cli(paths, args.before.resolve()))
            else:
                parts.append(breakdown(paths))
        parts[-1]["isolation"] = clis[-1][1] - parts[-1]["cpu"]
        line = (f"round {r + 1}: floor {floors[-1][0]:.3f} s ({floors[-1][1]:.3f} cpu), "
                f"verified floor {verified[-1][0]:.3f} s ({verified[-1][1]:.3f} cpu), "
                f"cli {clis[-1][0]:.3f} s ({clis[-1][1]:.3f} cpu), "
                f"fixed {fixed[-1][0]:.3f} s ({fixed[-1][1]:.3f} cpu)")
        if befores:
            line += f", before {befores[-1][0]:.3f} s ({befores[-1][1]:.3f} cpu)"
        print(line, file=sys.stderr)

    def ratios(runs: list[tuple[float, float]], prefix: str) -> dict[str, float]:
        out: dict[str, float] = {}
        for i, kind in ((0, "wall"), (1, "cpu")):
            out[f"{prefix}_{kind}_best_s"] = round(min(x[i] for x in runs), 3)
            out[f"{prefix}_{kind}_ratio_best"] = round(
                min(x[i] for x in runs) / min(f[i] for f in floors), 2)
            out[f"{prefix}_{kind}_ratio_median"] = round(statistics.median(
                x[i] / f[i] for x, f in zip(runs, floors, strict=True)), 2)
        return out

    result: dict[str, Any] = {
        "decks": len(paths),
        "parts_parsed": parsed,
        "rounds": args.rounds,
        "cpu_of_reader_processes_counted": subreaper,
        "floor_wall_best_s": round(min(f[0] for f in floors), 3),
        "floor_cpu_best_s": round(min(f[1] for f in floors), 3),
        "verified_floor_parts_parsed": verified_parts,
        "verified_floor_cpu_best_s": round(min(v[1] for v in verified), 3),
        "verified_floor_cpu_ratio_median": round(statistics.median(
            v[1] / f[1] for v, f in zip(verified, floors, strict=True)), 2),
        "cli_cpu_over_verified_floor_median": round(statistics.median(
            c[1] / v[1] for c, v in zip(clis, verified, strict=True)), 2),
        **ratios(clis, "cli"),
        **ratios(fixed, "fixed"),
        "presentation_rules_cpu_median_s": round(statistics.median(
            c[1] - x[1] for c, x in zip(clis, fixed, strict=True)), 3),
        **(ratios(befores, "before") if befores else {}),
        "breakdown_method": "CPU seconds: stage timers (time.process_time, exclusive of "
                            "nested stages) in a fresh in-process run (--no-isolation); "
                            "other = that process's CPU minus the stages; isolation = the "
                            "command's CPU (reader processes included) minus that run's",
        "breakdown_cpu_median_s": {s: round(statistics.median(p[s] for p in parts), 3)
                                   for s in STAGES},
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
