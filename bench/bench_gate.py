"""Deadline day at the intake gate, on loopback only: N clients submit at once.

    python bench/bench_gate.py [--clients 50] [--database postgresql://...] [--kill]
                               [--client httpx|lean] [--write]

Starts ``validator serve`` on a free loopback port with a fresh data folder (and the given
PostgreSQL register, emptied first), then N clients each submit one package
(samples/compliant-item) at the same moment and poll their submission until its check is
done. Measures the receipts (request sent to 202: p50, p95, how many got a 2xx), the time
until the last report is done, checks per second, and the peak memory of all the gate's
processes (the server, its forkserver and checking processes and their readers; RSS summed,
and PSS, which counts shared pages once). With ``--kill`` the gate is killed with SIGKILL
while checks run (and a checking process once before that) and started again. Afterwards,
with the server stopped, every receipt is verified in the register: its files intact and
equal to the bytes sent, its check done exactly once, its report stored. Bounded: the run
stops after ``--timeout`` seconds. ``--write`` puts the figures in docs/BENCHMARKS.md
under ``## Intake gate``.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.lean_http import LeanClient, LeanError  # noqa: E402
from validator.gate.register import Register  # noqa: E402
from validator.gate.store import ContentStore  # noqa: E402


@dataclass
class Tally:
    receipts: list[float] = field(default_factory=list)
    accepted: list[tuple[dict, dict[str, bytes]]] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    done_at: list[float] = field(default_factory=list)
    #: This process's CPU seconds (the clients') when the last receipt came.
    cpu_at_last_receipt: float = 0.0
    #: The gate's processes (pid of the server) and how many receipts are expected: when the
    #: last one comes, the CPU seconds its processes used so far are read.
    gate_pid: int = 0
    expected: int = 0
    gate_cpu_at_last_receipt: float = 0.0
    #: The same for a PostgreSQL server on this machine (None: not measured).
    database_cpu_at_last_receipt: float | None = None


def package() -> dict[str, bytes]:
    folder = ROOT / "samples" / "compliant-item"
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def distinct(files: dict[str, bytes], n: int) -> dict[str, bytes]:
    """``files`` made client ``n``'s own: each archive gets a zip comment naming the client
    (the end-of-central-directory record's last field), so no two clients send the same bytes
    and the store keeps every file, as on a real deadline day."""
    out = {}
    for name, blob in files.items():
        end = blob.rindex(b"PK\x05\x06")
        if len(blob) != end + 22:
            raise ValueError(f"{name}: an archive with a comment already")
        comment = f"client {n}".encode()
        out[name] = blob[:end + 20] + len(comment).to_bytes(2, "little") + comment
    return out


def settle() -> bool:
    """Write out and drop the page cache (as root; False otherwise), so that every run
    starts from the same state. On ext4 without a journal (this machine's file system),
    creating a file skips each inode freed in the last minute whose inode table block is
    still cached, looking at every one: run right after another run had deleted its 1,600
    stored files, the gate's processes spent a fifth of their CPU creating files, and the
    receipts' p95 doubled."""
    os.sync()
    try:
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError:
        return False
    time.sleep(1.0)
    return True


def empty_register(url: str) -> None:
    """Drop the gate's tables from the PostgreSQL register at ``url`` (the gate makes them
    again when it starts), so that a run starts from an empty register."""
    import psycopg

    with psycopg.connect(url) as conn:
        conn.execute("DROP TABLE IF EXISTS decisions, checks, sessions, schema_version, "
                     "receipts, receipt_key, submission_files, submissions, tokens, "
                     "precheck_files, prechecks, item_bodies, agenda_items, meetings, "
                     "bodies CASCADE")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _tree(pid: int) -> list[int]:
    """``pid`` and all its descendants (from /proc)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            parents.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(parents.get(p, []))
    return out


def _describe(pid: int) -> str:
    """A short name of a gate process, from its command line."""
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return "?"
    text = " ".join(a.decode(errors="replace") for a in argv if a)
    if "soffice" in text:
        return "LibreOffice"
    if "forkserver" in text:
        return "forkserver or a process it forked"
    return text[-60:]


def _stat_cpu(pid: int | str) -> tuple[str, int] | None:
    """A live process's name and its user and system CPU in clock ticks (from /proc), or
    None when it is gone."""
    try:
        head, tail = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)
    except (OSError, ValueError):
        return None
    fields = tail.split()
    return head.split("(", 1)[-1], int(fields[11]) + int(fields[12])  # utime, stime


def _cpu_seconds(pid: int) -> float:
    """User and system CPU seconds of a process tree's live processes."""
    found = [_stat_cpu(p) for p in _tree(pid)]
    return sum(ticks for _, ticks in filter(None, found)) / os.sysconf("SC_CLK_TCK")


def _database_cpu_seconds() -> float | None:
    """User and system CPU seconds of this machine's PostgreSQL server processes (named
    ``postgres``), which share its CPUs with the gate; None when none runs here."""
    found = [_stat_cpu(e.name) for e in Path("/proc").iterdir() if e.name.isdigit()]
    ticks = [t for name, t in filter(None, found) if name == "postgres"]
    return sum(ticks) / os.sysconf("SC_CLK_TCK") if ticks else None


def _memory_kb(pid: int) -> tuple[int, int, list[tuple[str, int, int]]]:
    """RSS and PSS of a process tree summed, and per process (name, RSS, PSS), in kB."""
    rss = pss = 0
    each: list[tuple[str, int, int]] = []
    for p in _tree(pid):
        r = s = 0
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    r = int(line.split()[1])
                elif line.startswith("Pss:"):
                    s = int(line.split()[1])
        except OSError:
            continue
        rss, pss = rss + r, pss + s
        each.append((f"{p} {_describe(p)}", r, s))
    return rss, pss, each


class Sampler:
    """Peak memory of a process tree, sampled every 0.2 s while the run lasts."""

    def __init__(self) -> None:
        self.pid: int | None = None
        self.peak = (0, 0)
        self.at_peak: list[tuple[str, int, int]] = []  # per process when PSS peaked
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self, pid: int) -> None:
        self.pid = pid
        if not self._thread.is_alive():
            self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            if self.pid is not None:
                rss, pss, each = _memory_kb(self.pid)
                if pss > self.peak[1]:
                    self.at_peak = each
                self.peak = (max(self.peak[0], rss), max(self.peak[1], pss))

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)


def agenda(url: str, token: str, clients: int) -> list[str]:
    """The meeting and one agenda item per client (the body "bench" responsible), made by
    the apparatus through the API; the items' ids."""
    auth = {"Authorization": f"Bearer {token}"}
    with httpx2.Client(timeout=60) as http:
        http.post(f"{url}/api/v1/meetings", headers=auth,
                  json={"date": "2030-03-05", "kind": "regular"}).raise_for_status()
        out = []
        for n in range(clients):
            made = http.post(f"{url}/api/v1/meetings/2030-03-05/items", headers=auth,
                             json={"number": str(n + 1), "title": f"{n + 1}. item",
                                   "bodies": ["bench"]})
            made.raise_for_status()
            out.append(str(made.json()["id"]))
    return out


def encoded(files: dict[str, bytes], item_id: str) -> tuple[bytes, str]:
    """The multipart body (and its content type) httpx sends for one submission."""
    request = httpx2.Request("POST", "http://gate/", data={"item_id": item_id},
                             files=[("file", (k, v, "application/octet-stream"))
                                    for k, v in files.items()])
    return request.read(), request.headers["content-type"]


async def client(http: httpx2.AsyncClient | LeanClient, n: int, url: str, token: str,
                 files: dict[str, bytes], start: float, until: float, tally: Tally,
                 wait: bool = True, item_id: str = "",
                 body: tuple[bytes, str] | None = None) -> None:
    """One client: submit (``body``: the form encoded beforehand; None: encoded by httpx
    at the moment of sending), then poll until the check is done. ``http`` is httpx's
    client shared by all, or this client's own lean connection (``bench/lean_http.py``)."""
    auth = {"Authorization": f"Bearer {token}"}
    sid = None
    while sid is None and time.monotonic() < until:
        sent = time.monotonic()
        try:
            if isinstance(http, LeanClient):
                assert body is not None
                resp: Any = await http.request("POST", "/api/v1/submissions",
                                               {**auth, "Content-Type": body[1]}, body[0])
            elif body is not None:
                resp = await http.post(f"{url}/api/v1/submissions", content=body[0],
                                       headers={**auth, "Content-Type": body[1]})
            else:
                resp = await http.post(
                    f"{url}/api/v1/submissions", headers=auth,
                    data={"item_id": item_id},
                    files=[("file", (k, v, "application/octet-stream"))
                           for k, v in files.items()])
        except (httpx2.HTTPError, LeanError) as exc:
            tally.errors[type(exc).__name__] = tally.errors.get(type(exc).__name__, 0) + 1
            await asyncio.sleep(0.5)
            continue
        tally.statuses[resp.status_code] = tally.statuses.get(resp.status_code, 0) + 1
        if resp.status_code == 202:
            tally.receipts.append(time.monotonic() - sent)
            tally.cpu_at_last_receipt = time.process_time()
            if len(tally.receipts) == tally.expected:
                tally.gate_cpu_at_last_receipt = _cpu_seconds(tally.gate_pid)
                tally.database_cpu_at_last_receipt = _database_cpu_seconds()
            tally.accepted.append((resp.json()["receipt"], files))
            sid = resp.json()["id"]
        else:
            await asyncio.sleep(float(resp.headers.get("retry-after", "1")))
    while wait and sid is not None and time.monotonic() < until:
        try:
            got = (await http.request("GET", f"/api/v1/submissions/{sid}", auth)
                   if isinstance(http, LeanClient)
                   else await http.get(f"{url}/api/v1/submissions/{sid}", headers=auth))
            if got.status_code == 200 and got.json()["check"]["state"] in ("done",
                                                                            "failed"):
                tally.done_at.append(time.monotonic() - start)
                return
        except (httpx2.HTTPError, LeanError):
            pass  # the gate is being restarted
        await asyncio.sleep(1.0)  # a submission's page refreshes every 2 s


def verify(register: Register, data: Path, tally: Tally, checked: bool = True
           ) -> tuple[int, list[str]]:
    """Every receipt in the register, files equal to what was sent, checked once, reported."""
    store = ContentStore(data / "store")
    problems = []
    with register.transaction() as cur:
        cur.execute("SELECT submission_id, state FROM checks")
        checks = cur.fetchall()
    states = {str(r[0]): str(r[1]) for r in checks}
    if len(states) != len(checks):
        problems.append("a submission has two check rows")
    for rec, files in tally.accepted:
        row = register.submission(rec["id"])
        if row is None:
            problems.append(f"{rec['id']}: not in the register")
            continue
        sent = {name: hashlib.sha256(blob).hexdigest() for name, blob in files.items()}
        if sent != {f.name: f.sha256 for f in row.files}:
            problems.append(f"{rec['id']}: file hashes differ from what was sent")
        if not all(store.verify(f.sha256) for f in row.files):
            problems.append(f"{rec['id']}: a file damaged or missing in the store")
        if checked and (states.get(row.id) != "done" or not store.verify(row.report_sha256)):
            problems.append(f"{rec['id']}: check {states.get(row.id)}, report missing")
    return len(register.submissions()), problems


def percentile(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def _serve(data: Path, port: int, database: str | None, log: Path, checks: bool = True,
           workers: int = 1, max_checks: int | None = None) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    extra = ["--database", database] if database else []
    if not checks:
        extra += ["--max-checks", "0"]
    elif max_checks is not None:
        extra += ["--max-checks", str(max_checks)]
    extra += ["--workers", str(workers)] if workers > 1 else []
    with log.open("ab") as out:
        proc = subprocess.Popen([sys.executable, "-m", "validator", "serve", "--port",
                                 str(port), "--data", str(data), "--lease", "5", *extra],
                                stdout=out, stderr=subprocess.STDOUT, env=env,
                                # ``-m`` puts the working folder first on the path: this
                                # checkout's code, wherever the bench is started from
                                cwd=ROOT)
    for _ in range(600):
        try:
            if httpx2.get(f"http://127.0.0.1:{port}/api/v1/health",
                          timeout=1).status_code == 200:
                break
        except httpx2.HTTPError:
            time.sleep(0.1)
    return proc


def _kill_a_checking_process(pid: int) -> bool:
    """SIGKILL one checking process of the gate (under its forkserver, in the gate's tree)."""
    for p in _tree(pid):
        try:
            cmd = Path(f"/proc/{p}/cmdline").read_bytes()
            ppid = int(Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()[1])
            pcmd = Path(f"/proc/{ppid}/cmdline").read_bytes()
        except (OSError, ValueError):
            continue
        if b"forkserver" in cmd and b"forkserver" in pcmd and ppid != pid:
            os.kill(p, signal.SIGKILL)
            return True
    return False


def _processes(workers: int) -> str:
    return "one gate process" if workers == 1 else f"{workers} gate processes (--workers)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--database", default=None,
                        help="a PostgreSQL URL (its gate tables are emptied first)")
    parser.add_argument("--kill", action="store_true",
                        help="SIGKILL a checking process and the gate while checks run")
    parser.add_argument("--receipts-only", action="store_true",
                        help="the gate checks nothing (--max-checks 0): receiving alone")
    parser.add_argument("--workers", type=int, default=1,
                        help="gate processes sharing the listening socket (serve --workers)")
    parser.add_argument("--encode-each", action="store_true",
                        help="httpx encodes each client's form when it sends it (default: "
                             "every form is encoded before the clients start, so the load "
                             "generator takes less of the CPUs it shares with the gate)")
    parser.add_argument("--client", choices=("httpx", "lean"), default="httpx",
                        help="httpx: one httpx client for all (the default, as every figure "
                             "in docs/BENCHMARKS.md); lean: each client its own connection "
                             "through bench/lean_http.py, less of the CPUs the clients share "
                             "with the gate")
    parser.add_argument("--no-settle", action="store_true",
                        help="do not sync and drop the page cache before the clients start")
    parser.add_argument("--distinct", action="store_true",
                        help="each client sends its own bytes (a zip comment naming it in "
                             "every file) rather than all the same package")
    parser.add_argument("--max-checks", type=int, default=None,
                        help="the gate's --max-checks (default: the gate's own)")
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    if args.encode_each and args.client == "lean":
        parser.error("--encode-each needs --client httpx (the lean client sends encoded forms)")
    tmp = Path(tempfile.mkdtemp(prefix="bench-gate-"))
    data = tmp / "data"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if args.database:
        empty_register(args.database)
    extra = ["--database", args.database] if args.database else []
    subprocess.run([sys.executable, "-m", "validator", "bodies", "add", "bench", "--data",
                    str(data), *extra], check=True, capture_output=True, env=env, cwd=ROOT)
    token, staff = (subprocess.run([sys.executable, "-m", "validator", "tokens", "add",
                                    "--data", str(data), "--body", "bench", "--role", role,
                                    *extra], check=True, capture_output=True, text=True,
                                   env=env, cwd=ROOT).stdout.strip()
                    for role in ("submitter", "apparatus"))
    register = Register(args.database) if args.database else Register.in_folder(data)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp / "server.log"
    server = _serve(data, port, args.database, log, not args.receipts_only, args.workers,
                    args.max_checks)
    items = agenda(url, staff, args.clients)
    sampler = Sampler()
    sampler.start(server.pid)
    tally = Tally(gate_pid=server.pid, expected=args.clients)
    files = package()
    each = [distinct(files, n) if args.distinct else files for n in range(args.clients)]
    kills: list[str] = []
    bodies = [None if args.encode_each else encoded(each[n], items[n])
              for n in range(args.clients)]
    settled = not args.no_settle and settle()
    load_before = os.getloadavg()[0]
    try:
        start = time.monotonic()
        cpu_start = time.process_time()
        gate_cpu_start = _cpu_seconds(server.pid)
        database_cpu_start = _database_cpu_seconds() if args.database else None
        until = start + args.timeout

        async def run_all() -> None:
            # One connection per client, opened by the same client object (creating 50
            # clients would measure the clients' own start-up on the shared CPUs).
            limits = httpx2.Limits(max_connections=args.clients,
                                   max_keepalive_connections=args.clients)
            async with httpx2.AsyncClient(timeout=120, limits=limits) as http:
                lean = [LeanClient("127.0.0.1", port) for _ in range(args.clients)] \
                    if args.client == "lean" else []
                await asyncio.gather(*(client(lean[n] if lean else http, n, url, token,
                                              each[n], start, until, tally,
                                              not args.receipts_only, items[n], bodies[n])
                                       for n in range(args.clients)))
                for conn in lean:
                    await conn.close()

        def killer() -> None:
            nonlocal server
            while len(tally.accepted) < args.clients and time.monotonic() < until:
                time.sleep(0.05)
            time.sleep(1.0)
            if _kill_a_checking_process(server.pid):
                kills.append("a checking process")
            time.sleep(2.0)
            server.send_signal(signal.SIGKILL)
            server.wait(10)
            kills.append("the gate")
            server = _serve(data, port, args.database, log, workers=args.workers)
            sampler.start(server.pid)

        thread = threading.Thread(target=killer) if args.kill else None
        if thread:
            thread.start()
        asyncio.run(run_all())
        if thread:
            thread.join()
        elapsed = max(tally.done_at) if tally.done_at else float("nan")
    finally:
        sampler.stop()
        server.terminate()
        server.wait(30)
    registered, problems = verify(register, data, tally, not args.receipts_only)
    rss, pss = sampler.peak
    for name, r, p in sorted(sampler.at_peak, key=lambda x: -x[2]):
        print(f"at peak PSS: {p / 1024:7.0f} MB PSS {r / 1024:7.0f} MB RSS  {name}",
              file=sys.stderr)
    rate = len(tally.done_at) / elapsed if tally.done_at else 0.0
    two_xx = sum(c for s, c in tally.statuses.items() if 200 <= s < 300)
    lines = [
        f"- {args.clients} clients submit samples/compliant-item ({len(files)} files, "
        f"{'each client its own bytes, ' if args.distinct else ''}"
        f"{sum(map(len, files.values())):,} bytes) at the same moment, on loopback, on the "
        f"same machine as the gate ({os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, {'PostgreSQL' if args.database else 'SQLite'} "
        f"register, {_processes(args.workers)}, checks at once: "
        f"{args.max_checks if args.max_checks is not None else 'the gate default'}, forms "
        f"{'encoded by httpx as each is sent' if args.encode_each else 'encoded beforehand'}"
        f", {'one httpx client for all' if args.client == 'httpx' else 'lean clients'}"
        f", page cache {'dropped' if settled else 'not dropped'} before the clients started"
        f"{', killed with SIGKILL: ' + ' and '.join(kills) if kills else ''})",
        f"- receipts: {two_xx} of {args.clients} clients got a 2xx; request sent to 202: "
        f"p50 {percentile(tally.receipts, 50):.2f} s, p95 "
        f"{percentile(tally.receipts, 95):.2f} s, max {max(tally.receipts, default=0):.2f} s; "
        f"the clients used {tally.cpu_at_last_receipt - cpu_start:.2f} s of CPU until the last "
        f"receipt, the gate's processes "
        f"{tally.gate_cpu_at_last_receipt - gate_cpu_start:.2f} s"
        + (f", PostgreSQL's processes on this machine "
           f"{tally.database_cpu_at_last_receipt - database_cpu_start:.2f} s"
           if database_cpu_start is not None
           and tally.database_cpu_at_last_receipt is not None else ""),
        (f"- last report done {elapsed:.1f} s after the clients started: {rate:.2f} checks/s"
         if not args.receipts_only else "- receipts only: the gate checked nothing"),
        f"- peak memory of all gate processes: RSS summed {rss / 1024:.0f} MB, PSS "
        f"{pss / 1024:.0f} MB",
        f"- load average of the machine (other work included): {load_before:.1f} before, "
        f"{os.getloadavg()[0]:.1f} after the run",
        f"- responses: {dict(sorted(tally.statuses.items()))}; connection errors: "
        f"{tally.errors or 'none'}",
        f"- register after the run: {registered} submissions for {len(tally.accepted)} "
        f"receipts; each found with intact files equal to the bytes sent, checked once to "
        f"done, report stored: {'yes' if not problems else 'NO: ' + '; '.join(problems[:5])}",
    ]
    text = "\n".join(lines)
    print(text)
    if args.write:
        write_section(text)
    shutil.rmtree(tmp, ignore_errors=True)
    ok = not problems and registered == len(tally.accepted) == args.clients
    return 0 if ok else 1


def write_section(body: str) -> None:
    """Append a run to the ``## Intake gate`` section of docs/BENCHMARKS.md."""
    path = ROOT / "docs" / "BENCHMARKS.md"
    current = path.read_text(encoding="utf-8")
    head = "## Intake gate\n"
    run = f"Measured by `python bench/bench_gate.py` ({time.strftime('%Y-%m-%d')}):\n\n{body}\n"
    before, _, rest = current.partition(head)
    parts = rest.split("\n## ", 1)
    tail = "\n## " + parts[1] if len(parts) > 1 else ""
    path.write_text(before + head + "\n" + parts[0].strip("\n") + "\n\n" + run + tail,
                    encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
