"""Peak memory of the main process, and of the whole process tree, while ``validator check``
reads inputs that would swell the main process if it read file content itself: a sparse zip
in a meeting folder, item zips that inflate to hundreds of MiB within every FIL003 limit (one
and three), and a reference whose docProps/app.xml holds millions of elements.

Each case runs ``validator check`` in a fresh interpreter (``measure``) that reports its own
VmHWM (the main process's peak resident memory) when the run ends; meanwhile this process
samples the resident memory of that interpreter and all its descendants (workers, the
forkserver, LibreOffice) every 50 ms, and keeps the largest sum (the whole tree's peak).

    python bench/bench_parent.py              # every case: a markdown table
    python bench/bench_parent.py --quick      # the smaller cases the tests use
    python bench/bench_parent.py --code DIR   # run the validator of another checkout
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

#: Run in the child: check argv[1], then print the exit code and this process's VmHWM.
_CHILD = r"""
import json, sys
from pathlib import Path
from validator.commands.main import main
code = 0
try:
    main(["check", sys.argv[1], "--isolated", "--no-cache", "-o", sys.argv[2], *sys.argv[3:]])
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else 1
hwm = 0
for line in Path("/proc/self/status").read_text().splitlines():
    if line.startswith("VmHWM:"):
        hwm = int(line.split()[1]) * 1024
print(json.dumps({"exit": code, "parent_bytes": hwm}))
"""


@dataclass(frozen=True)
class Measure:
    """One run: its exit code, the report, the main process's and the tree's peaks, seconds."""

    exit: int
    report: dict[str, object]
    parent_mib: float
    tree_mib: float
    seconds: float


def _tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and every descendant (from /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            status = Path(f"/proc/{entry}/statm").read_text().split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
        rss[int(entry)] = int(status[1]) * os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo.extend(children.get(p, []))
    return total


def measure(path: Path, *args: str, tree: bool = True, code: Path = ROOT) -> Measure:
    """Run ``validator check path`` in a fresh interpreter and measure it (see the module).
    ``code``: the source tree whose ``validator`` runs (another checkout, to compare)."""
    with tempfile.TemporaryDirectory(prefix="bench-parent-") as tmp:
        out = Path(tmp) / "report.json"
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", _CHILD, str(path), str(out), *args],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=code,
                                text=True)
        peak = 0
        while tree and proc.poll() is None:
            peak = max(peak, _tree_rss(proc.pid))
            time.sleep(0.05)
        stdout, stderr = proc.communicate()
        seconds = time.perf_counter() - start
        lines = [ln for ln in stdout.splitlines() if ln.startswith("{")]
        if not lines:
            raise RuntimeError(f"the check did not finish: {stderr[-2000:]}")
        result = json.loads(lines[-1])
        report = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
    parent = result["parent_bytes"] / (1 << 20)
    return Measure(result["exit"], report, parent, max(peak / (1 << 20), parent), seconds)


def _cases(quick: bool) -> list[tuple[str, Callable[[Path], Path]]]:
    from tests.security import parentmem as pm

    if quick:
        return [
            ("sparse zip in a meeting folder, 500 MB", lambda d: pm.sparse_zip(d, 500 * pm.MIB)),
            ("item zip inflating to 300 MiB", lambda d: pm.item_zips(d, 1, 2, 150)),
            ("app.xml of 4 M elements", lambda d: pm.app_xml_docx(d, 4_000_000)),
        ]
    return [
        ("sparse zip in a meeting folder, 1.5 GB",
         lambda d: pm.sparse_zip(d, 1536 * pm.MIB)),
        ("sparse zip in a meeting folder, 500 MB", lambda d: pm.sparse_zip(d, 500 * pm.MIB)),
        ("one item zip inflating to 450 MiB", lambda d: pm.item_zips(d, 1, 3, 150)),
        ("three item zips inflating to 450 MiB each", lambda d: pm.item_zips(d, 3, 3, 150)),
        ("app.xml of 14 M elements", lambda d: pm.app_xml_docx(d, 14_000_000)),
        ("two slow references among six slow files (LibreOffice counts)", _slow_references),
    ]


def _slow_references(root: Path) -> Path:
    """An item of two references LibreOffice is slow to lay out (corpus files, one with a
    12.6 MB main part) and four other large documents for the workers to read."""
    import shutil

    corpus = ROOT / ".." / "shared" / "corpus" / "office"
    item = root / "item"
    item.mkdir()
    shutil.copy(corpus / "bug65649.docx", item / "Анықтама.docx")
    shutil.copy(corpus / "issue_51265_1.docx", item / "Справка.docx")
    for n, name in enumerate(("issue_51265_2.docx", "issue_51265_3.docx", "Bug51170.docx",
                              "52449.docx"), 1):
        shutil.copy(corpus / name, item / f"Қосымша_{n}.docx")
    return item


def main(quick: bool, code: Path) -> None:
    print("| case | exit | parent peak MiB | tree peak MiB | seconds |")
    print("|---|---|---|---|---|")
    for name, build in _cases(quick):
        with tempfile.TemporaryDirectory(prefix="bench-parent-in-") as tmp:
            path = build(Path(tmp))
            m = measure(path, code=code)
        print(f"| {name} | {m.exit} | {m.parent_mib:.0f} | {m.tree_mib:.0f} | "
              f"{m.seconds:.1f} |", flush=True)


if __name__ == "__main__":
    argv = sys.argv[1:]
    main("--quick" in argv, Path(argv[argv.index("--code") + 1]) if "--code" in argv else ROOT)
