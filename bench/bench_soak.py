"""A soak of the intake gate: steady submissions for a long time, on loopback only.

    python bench/bench_soak.py --rate 2.0 [--minutes 30] [--database postgresql://...]
                               [--write]

Starts ``validator serve`` on a free loopback port with a fresh data folder, then submits
samples/compliant-item ``--rate`` times a second (through one client's pool of keep-alive
connections) for ``--minutes``, each client polling its submission until
its check is done. Every 10 s it samples the gate's process tree: RSS and PSS summed, open file
descriptors, processes, and the files under the data folder's ``tmp/`` (the checks' working
folders). Run it at half the capacity ``bench/bench_gate.py`` measured (its checks/s).

It answers whether the gate leaks: the first fifth of the run after its first two minutes (the
checking processes and LibreOffice starting) and the last fifth are compared (memory,
descriptors, processes), the checks keep up (the backlog at the end), and after the server has
stopped nothing is left in ``tmp/``. ``--write`` puts the figures in docs/BENCHMARKS.md under
``## Intake gate: soak``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx2

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_gate import (  # noqa: E402
    _memory_kb,
    _serve,
    _tree,
    empty_register,
    free_port,
    package,
    percentile,
)

SAMPLE_EVERY = 10.0


@dataclass(frozen=True)
class Sample:
    """The gate's process tree at one moment."""

    at: float
    rss_kb: int
    pss_kb: int
    fds: int
    processes: int
    tmp_entries: int
    submitted: int
    done: int


@dataclass
class Tally:
    receipts: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    submitted: int = 0
    done: int = 0
    failed: int = 0


def _fds(pid: int) -> tuple[int, int]:
    """Open file descriptors and processes of ``pid``'s tree."""
    count, procs = 0, 0
    for p in _tree(pid):
        try:
            count += len(os.listdir(f"/proc/{p}/fd"))
            procs += 1
        except OSError:
            continue
    return count, procs


def _entries(folder: Path) -> int:
    if not folder.is_dir():
        return 0
    return sum(1 for _ in folder.rglob("*"))


async def _one(http: httpx2.AsyncClient, url: str, token: str, files: dict[str, bytes],
               n: int, until: float, tally: Tally) -> None:
    auth = {"Authorization": f"Bearer {token}"}
    sent = time.monotonic()
    try:
        resp = await http.post(
            f"{url}/api/v1/submissions", headers=auth,
            data={"meeting_date": "2030-03-05", "item": f"{n % 40 + 1}. soak"},
            files=[("file", (k, v, "application/octet-stream")) for k, v in files.items()])
    except httpx2.HTTPError as exc:
        tally.errors[type(exc).__name__] = tally.errors.get(type(exc).__name__, 0) + 1
        return
    tally.statuses[resp.status_code] = tally.statuses.get(resp.status_code, 0) + 1
    if resp.status_code != 202:
        return
    tally.receipts.append(time.monotonic() - sent)
    sid = resp.json()["id"]
    while time.monotonic() < until:
        await asyncio.sleep(2.0)  # a submission's page refreshes every 2 s
        try:
            got = await http.get(f"{url}/api/v1/submissions/{sid}", headers=auth)
        except httpx2.HTTPError:
            continue
        state = got.json()["check"]["state"] if got.status_code == 200 else ""
        if state in ("done", "failed"):
            tally.done += 1
            tally.failed += state == "failed"
            return


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, required=True,
                        help="submissions per second (half of bench_gate.py's checks/s)")
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--database", default=None)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-soak-"))
    data = tmp / "data"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    extra = ["--database", args.database] if args.database else []
    if args.database:
        empty_register(args.database)
    # An apparatus token may name a meeting and item freely, so the soak needs no agenda;
    # its body must be registered first, as every token's.
    subprocess.run([sys.executable, "-m", "validator", "bodies", "add", "soak", "--data",
                    str(data), *extra], check=True, capture_output=True, env=env)
    token = subprocess.run([sys.executable, "-m", "validator", "tokens", "add", "--data",
                            str(data), "--body", "soak", "--role", "apparatus", *extra],
                           check=True, capture_output=True, text=True, env=env).stdout.strip()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = _serve(data, port, args.database, tmp / "server.log")
    files = package()
    tally = Tally()
    samples: list[Sample] = []
    start = time.monotonic()
    stop_sending = start + args.minutes * 60
    until = stop_sending + 300  # the last checks may finish after the sending stops

    def sample() -> None:
        rss, pss, _ = _memory_kb(server.pid)
        fds, procs = _fds(server.pid)
        samples.append(Sample(time.monotonic() - start, rss, pss, fds, procs,
                              _entries(data / "tmp"), tally.submitted, tally.done))

    sample()  # a sampler that cannot read the gate fails now, not after the whole soak

    async def sampler() -> None:
        while time.monotonic() < stop_sending:
            await asyncio.sleep(SAMPLE_EVERY)
            sample()

    async def run() -> None:
        tasks: list[asyncio.Task[None]] = []
        async with httpx2.AsyncClient(timeout=120) as http:
            watcher = asyncio.create_task(sampler())
            n = 0
            while time.monotonic() < stop_sending:
                tasks.append(asyncio.create_task(_one(http, url, token, files, n, until,
                                                      tally)))
                n += 1
                tally.submitted = n
                # steady: the n-th submission leaves at start + n / rate
                await asyncio.sleep(max(0.0, start + n / args.rate - time.monotonic()))
            await watcher
            backlog_at_end = tally.submitted - tally.done
            await asyncio.gather(*tasks)
            nonlocal_backlog.append(backlog_at_end)

    nonlocal_backlog: list[int] = []
    try:
        asyncio.run(run())
    finally:
        server.terminate()
        server.wait(60)
    left = sorted(str(p.relative_to(data)) for p in (data / "tmp").rglob("*")) \
        if (data / "tmp").is_dir() else []
    warm = [s for s in samples if s.at >= 120] or samples
    fifth = max(1, len(warm) // 5)
    first, last = warm[:fifth], warm[-fifth:]

    def mean(values: list[int]) -> float:
        return statistics.fmean(values) if values else float("nan")

    def mib(kb: float) -> float:
        return kb / 1024

    lines = [
        f"- {args.minutes:g} minutes, {args.rate:g} submissions/s of samples/compliant-item "
        f"({len(files)} files), on loopback, on the same machine as "
        f"the gate ({os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"{'PostgreSQL' if args.database else 'SQLite'} register, one gate process); "
        f"load average at the end {os.getloadavg()[0]:.1f}",
        f"- submitted {tally.submitted}, receipts {len(tally.receipts)}, checks done "
        f"{tally.done} ({tally.failed} failed); responses "
        f"{dict(sorted(tally.statuses.items()))}; connection errors {tally.errors or 'none'}; "
        f"receipts p50 {percentile(tally.receipts, 50):.2f} s, p95 "
        f"{percentile(tally.receipts, 95):.2f} s",
        f"- backlog when the sending stopped: {nonlocal_backlog[0] if nonlocal_backlog else '?'}"
        f" submissions not yet done",
        f"- first fifth (after 2 minutes) -> last fifth of the run (means of the 10 s "
        f"samples): PSS "
        f"{mib(mean([s.pss_kb for s in first])):.0f} -> "
        f"{mib(mean([s.pss_kb for s in last])):.0f} MB, RSS summed "
        f"{mib(mean([s.rss_kb for s in first])):.0f} -> "
        f"{mib(mean([s.rss_kb for s in last])):.0f} MB, open descriptors "
        f"{mean([s.fds for s in first]):.0f} -> {mean([s.fds for s in last]):.0f}, processes "
        f"{mean([s.processes for s in first]):.1f} -> {mean([s.processes for s in last]):.1f}",
        f"- peaks: PSS {mib(max((s.pss_kb for s in samples), default=0)):.0f} MB, descriptors "
        f"{max((s.fds for s in samples), default=0)}, entries in tmp/ "
        f"{max((s.tmp_entries for s in samples), default=0)}",
        f"- left in the data folder's tmp/ after the server stopped: "
        f"{len(left)}{' (' + ', '.join(left[:5]) + ')' if left else ''}",
    ]
    print("\n".join(lines))
    samples_file = tmp / "samples.tsv"
    samples_file.write_text("".join(
        f"{s.at:.0f}\t{s.rss_kb}\t{s.pss_kb}\t{s.fds}\t{s.processes}\t{s.tmp_entries}\t"
        f"{s.submitted}\t{s.done}\n" for s in samples), encoding="utf-8")
    print(f"samples: {samples_file}")
    if args.write:
        _write(lines)
    return 0 if not left and tally.done == len(tally.receipts) else 1


def _write(lines: list[str]) -> None:
    """Replace the ``## Intake gate: soak`` section of docs/BENCHMARKS.md with this run."""
    path = ROOT / "docs" / "BENCHMARKS.md"
    current = path.read_text(encoding="utf-8")
    head = "## Intake gate: soak\n"
    body = (f"Measured by `python bench/bench_soak.py` ({time.strftime('%Y-%m-%d')}):\n\n"
            + "\n".join(lines) + "\n")
    before, found, rest = current.partition(head)
    if not found:
        path.write_text(current.rstrip("\n") + "\n\n" + head + "\n" + body, encoding="utf-8")
        return
    parts = rest.split("\n## ", 1)
    tail = "\n## " + parts[1] if len(parts) > 1 else ""
    path.write_text(before + head + "\n" + body + tail, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
