"""Load on the intake gate, on loopback only: N concurrent clients submit the sample packages.

    python bench/bench_gate.py [--clients 50] [--seconds 60] [--write]

Starts ``validator serve`` on a free loopback port with a fresh data folder, runs the clients
for a bounded time (they stop by themselves; a client that gets 503 waits Retry-After, as a
well-behaved client does), then checks, with the server stopped, that every accepted
submission is in the register with its files intact in the store and hashes equal to the
bytes sent. Prints throughput and p50/p95 latency; ``--write`` puts them in
docs/BENCHMARKS.md under ``## Intake gate``.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import os
import platform
import shutil
import socket
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

from validator.gate.register import Register  # noqa: E402
from validator.gate.store import ContentStore  # noqa: E402


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    accepted: list[tuple[dict, dict[str, bytes]]] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)


def packages() -> list[dict[str, bytes]]:
    """The bundled samples (compliant and non-compliant item), read once."""
    out = []
    for name in ("compliant-item", "non-compliant-item"):
        folder = ROOT / "samples" / name
        out.append({p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()})
    return out


def baseline(rounds: int = 10) -> float:
    """Median seconds of one warm check of a sample package in this process, the way a gate
    checking process does it: one ``Checker`` (one reader, LibreOffice kept up) for every
    package (same machine, same run)."""
    from validator.api import Checker
    from validator.config import Settings

    folders = [ROOT / "samples" / n for n in ("compliant-item", "non-compliant-item")]
    times = []
    with Checker(settings=Settings(), jobs=1) as checker:
        for folder in folders:
            checker.check(folder)  # imports, workers and LibreOffice started, as when serving
        for _ in range(rounds):
            for folder in folders:
                start = time.monotonic()
                checker.check(folder)
                times.append(time.monotonic() - start)
    return statistics.median(times)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def client(n: int, url: str, token: str, pkgs: list[dict[str, bytes]], until: float,
                 tally: Tally) -> None:
    i = n
    async with httpx2.AsyncClient(timeout=120) as http:
        while time.monotonic() < until:
            files = pkgs[i % len(pkgs)]
            i += 1
            start = time.monotonic()
            try:
                resp = await http.post(
                    f"{url}/api/v1/submissions", headers={"Authorization": f"Bearer {token}"},
                    data={"meeting_date": "2030-03-05", "item": f"item {n % 10}"},
                    files=[("file", (k, v, "application/octet-stream"))
                           for k, v in files.items()])
            except httpx2.HTTPError as exc:
                tally.errors[type(exc).__name__] = tally.errors.get(type(exc).__name__, 0) + 1
                continue
            tally.statuses[resp.status_code] = tally.statuses.get(resp.status_code, 0) + 1
            if resp.status_code == 201:
                tally.latencies.append(time.monotonic() - start)
                tally.accepted.append((resp.json()["receipt"], files))
            elif resp.status_code == 503:
                wait = float(resp.headers.get("retry-after", "1"))
                await asyncio.sleep(min(wait, max(0.0, until - time.monotonic())))


def verify(data: Path, tally: Tally) -> tuple[int, list[str]]:
    """Every accepted receipt is in the register, with intact files equal to what was sent."""
    register, store = Register.in_folder(data), ContentStore(data / "store")
    problems = []
    for rec, files in tally.accepted:
        row = register.submission(rec["id"])
        if row is None:
            problems.append(f"{rec['id']}: not in the register")
            continue
        sent = {name: hashlib.sha256(blob).hexdigest() for name, blob in files.items()}
        got = {f.name: f.sha256 for f in row.files}
        if sent != got:
            problems.append(f"{rec['id']}: file hashes differ from what was sent")
        for f in row.files:
            if not store.verify(f.sha256):
                problems.append(f"{rec['id']}: {f.name} damaged or missing in the store")
        if not store.verify(row.report_sha256):
            problems.append(f"{rec['id']}: report missing")
    return len(register.submissions()), problems


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    per_check = baseline()
    tmp = Path(tempfile.mkdtemp(prefix="bench-gate-"))
    data = tmp / "data"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    token = subprocess.run([sys.executable, "-m", "validator", "tokens", "add", "--data",
                            str(data), "--body", "bench", "--role", "submitter"],
                           check=True, capture_output=True, text=True, env=env).stdout.strip()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = (tmp / "server.log").open("wb")
    server = subprocess.Popen([sys.executable, "-m", "validator", "serve", "--port", str(port),
                               "--data", str(data)], stdout=log, stderr=subprocess.STDOUT,
                              env=env)
    tally = Tally()
    try:
        for _ in range(300):
            try:
                if httpx2.get(f"{url}/api/v1/health", timeout=1).status_code == 200:
                    break
            except httpx2.HTTPError:
                time.sleep(0.1)
        pkgs = packages()
        start = time.monotonic()
        until = start + args.seconds

        async def run_all() -> None:
            await asyncio.gather(*(client(n, url, token, pkgs, until, tally)
                                   for n in range(args.clients)))

        asyncio.run(run_all())
        elapsed = time.monotonic() - start
    finally:
        server.terminate()
        server.wait(30)
        log.close()
    registered, problems = verify(data, tally)
    server_errors = {s: c for s, c in tally.statuses.items() if s >= 500 and s != 503}
    accepted = len(tally.accepted)
    rate = accepted / elapsed
    cpus = os.cpu_count() or 1
    p50 = percentile(tally.latencies, 50)
    lines = [
        "- the clients run on the same machine as the server and share its CPUs",
        f"- {args.clients} concurrent clients for {args.seconds:g} s on loopback "
        f"({os.cpu_count()} CPUs, Python {platform.python_version()}, SQLite register, "
        f"checks at once = CPU count), packages: samples/compliant-item "
        f"({len(pkgs[0])} files, {sum(map(len, pkgs[0].values())):,} bytes) and "
        f"samples/non-compliant-item ({len(pkgs[1])} files, "
        f"{sum(map(len, pkgs[1].values())):,} bytes), alternately",
        f"- accepted: {accepted} in {elapsed:.1f} s = {rate:.2f} submissions/s",
        f"- latency of accepted submissions (request sent to receipt, 503 waits not "
        f"included): p50 {p50:.2f} s, p95 {percentile(tally.latencies, 95):.2f} s",
        f"- baseline in the same run: a warm `Checker.check()` of one sample package in one "
        f"process (median) {per_check:.3f} s; gate throughput / ({cpus} CPUs x that rate) = "
        f"{rate / (cpus / per_check):.2f}; p50 latency / that check time = "
        f"{p50 / per_check:.1f}",
        f"- responses: {dict(sorted(tally.statuses.items()))} (503 = all checkers busy, "
        f"the client waited Retry-After); connection errors: {tally.errors or 'none'}",
        f"- 5xx other than 503: {sum(server_errors.values())}",
        f"- register after the run: {registered} rows; every accepted receipt found with "
        f"intact files and hashes equal to the bytes sent: "
        f"{'yes' if not problems else 'NO: ' + '; '.join(problems[:5])}",
    ]
    text = "\n".join(lines)
    print(text)
    if args.write:
        write_section(text)
    shutil.rmtree(tmp, ignore_errors=True)
    return 0 if not problems and not server_errors and registered == accepted else 1


def write_section(body: str) -> None:
    path = ROOT / "docs" / "BENCHMARKS.md"
    current = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    head = "## Intake gate"
    section = (f"{head}\n\nMeasured by `python bench/bench_gate.py --write` "
               f"({time.strftime('%Y-%m-%d')}).\n\n{body}\n")
    if head in current:
        before, _, rest = current.partition(head)
        after = rest.split("\n## ", 1)
        tail = "\n## " + after[1] if len(after) > 1 else ""
        current = before + section + tail
    else:
        current = current.rstrip("\n") + "\n\n" + section
    path.write_text(current, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
