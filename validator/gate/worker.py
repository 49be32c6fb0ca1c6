"""Run one package's check in a separate process, under a wall-clock and a memory limit.

The gate never parses a submitted file in its own process: a checking process (from a
forkserver, safe in a threaded server unlike ``fork``) sets ``RLIMIT_AS`` and ``RLIMIT_CORE``
once and works in a folder of its own, into which each job's ``package`` folder is renamed (so
no server path can reach a report), then calls a ``validator.api.Checker``
(one per profile, kept for the life of the process, so its file reader and LibreOffice stay up
between jobs). When a check exceeds the wall-clock limit its process is killed; when the
process dies (a memory limit, a crash) the package's files get FIL001 each, stamped by the
engine's own ``Stamper``, so the submission is answered and registered rather than lost.
Processes are reused (``CheckPool``) so the calendar and catalogue caches, the file reader and
LibreOffice stay warm.

Reports name the files as the body submitted them (``Справка_рус.docx``, ``item.zip/x.docx``;
the package itself is ``""``): the job's ``shown_as`` names each target for the check
(``validator.api``), so neither the job's folder nor ``package`` appears in a path or a
message. Reports stored by earlier gates named them ``package/<name>`` (``rendering``).
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import resource
import shutil
import tempfile
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from validator.calendar.deadlines import SOURCE_INTAKE
from validator.checks import RULES_BY_CODE
from validator.checks.base import RunContext
from validator.core.clock import check_time
from validator.core.findings import FileReport, PackageReport, Report
from validator.core.version import __version__
from validator.files.member import FORMATS, format_of
from validator.run.stamping import Stamper, unreadable_hit
from validator.settings.options import Settings
from validator.settings.profile import Profile

PACKAGE_FOLDER = "package"
#: The folder, beside a job's package, that receives corrected copies.
CORRECTED = "corrected"
#: Scheduling priority of checking processes (and the readers they start) below the gate's.
CHECK_NICENESS = 10


@dataclass(frozen=True)
class CheckLimits:
    """Per-package limits of the checking process."""

    timeout: float = 120.0
    memory_bytes: int = 2 << 30


@dataclass(frozen=True)
class StoredFile:
    """A submitted file: its safe name, size and SHA-256."""

    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class CheckJob:
    """What the child needs: the folder, what to check in it, the profile and the dates."""

    folder: str
    #: The package folder or zip, or (files that form no package) each file.
    target: str | tuple[str, ...]
    profile_path: str
    meeting_date: dt.date | None
    submitted: dt.date
    #: Make corrected copies (``validator fix``, safe fixes) into ``folder``/``CORRECTED``
    #: and answer with the fix run instead of a report.
    fix: bool = False
    #: An extraordinary meeting (clause 16): the profile's extraordinary deadline applies.
    extraordinary: bool = False
    #: How reports name ``target`` (one name per target): the names the body submitted.
    shown_as: str | tuple[str, ...] | None = None


def _serve(conn: Connection, memory_bytes: int, home: str) -> None:
    """A checking process: limits set once, then one job per message until the pipe closes.

    The process works in its own folder ``home`` for its whole life: each job's ``package``
    folder is renamed into it, checked as ``package`` (named in reports by the job's
    ``shown_as``) and renamed back. A constant working folder keeps relative paths valid for
    any process the engine starts from here.
    """
    _die_with_parent()
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # Checks yield the CPU to receiving: on deadline day a receipt must not wait for checks.
    os.nice(CHECK_NICENESS)
    # The soft limit only: the engine's own per-file workers, started from here, set theirs.
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        memory_bytes = min(memory_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, hard))
    from validator.api import Checker
    from validator.settings.profile import load_profile

    os.chdir(home)
    here = Path(home) / PACKAGE_FOLDER
    checkers: dict[str, Checker] = {}
    try:
        while True:
            try:
                job = conn.recv()
            except (EOFError, OSError):
                return
            source = Path(job.folder) / PACKAGE_FOLDER
            moved = False
            try:
                os.rename(source, here)
                moved = True
                checker = checkers.get(job.profile_path)
                if checker is None:
                    # One reader per checking process: the gate runs as many checking
                    # processes as checks at once (``--max-checks``) already. The reader
                    # and LibreOffice stay up between jobs.
                    checker = Checker(profile=load_profile(Path(job.profile_path)),
                                      settings=Settings(), jobs=1)
                    checkers[job.profile_path] = checker
                context = RunContext(meeting_date=job.meeting_date, submitted=job.submitted,
                                     today=job.submitted, extraordinary=job.extraordinary,
                                     dates_source=SOURCE_INTAKE)
                outcome: tuple[str, Any]
                if job.fix:
                    outcome = ("ok", _correct(job, checker, context))
                else:
                    outcome = ("ok", checker.check(job.target, context=context,
                                                   shown_as=job.shown_as))
            except MemoryError:
                outcome = ("died", "the check ran out of memory")
            except Exception as exc:
                outcome = ("died", f"the check failed: {type(exc).__name__}: {exc}")
            finally:
                if moved:
                    os.rename(here, source)
            try:
                conn.send(outcome)
            except OSError:
                return  # the gate stopped waiting: nobody to answer
    finally:
        for checker in checkers.values():
            checker.close()


def _correct(job: CheckJob, checker: Any, context: RunContext) -> Any:
    """``validator fix`` (safe fixes) of the job's package into ``CORRECTED`` beside it."""
    from validator.fix.run import fix_paths

    output = Path(job.folder) / CORRECTED
    targets = (job.target,) if isinstance(job.target, str) else job.target
    shown = (job.shown_as,) if isinstance(job.shown_as, str) else job.shown_as
    return fix_paths([Path(t) for t in targets], output, checker.profile,
                     lambda items, names: checker.check([str(i) for i in items],
                                                        context=context, shown_as=names),
                     shown_as=shown)


def _die_with_parent() -> None:
    """End this checking process when its parent (the gate's forkserver, which ends with the
    gate) ends: a killed gate leaves no check running that nobody will collect (Linux)."""
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent was already gone
        os._exit(1)


def worker_context() -> Any:
    """The multiprocessing context for checks (forkserver with the engine preloaded)."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["validator.api", "validator.gate.worker",
                               "validator.calendar.workdays", "holidays.countries"])
    return ctx


@dataclass
class _Worker:
    proc: Any
    conn: Connection
    home: Path
    tasks: int = 0


class CheckPool:
    """Long-lived checking processes, so each check starts with warm caches.

    A process serves at most ``max_tasks`` checks and is then replaced; one that exceeds the
    wall-clock limit is killed, and one whose check failed is not reused. The pool is an
    explicit object owned by the gate; callers bound concurrency (the gate's checkers).
    """

    def __init__(self, ctx: Any, limits: CheckLimits, workroot: Path,
                 max_tasks: int = 50) -> None:
        self._ctx = ctx
        self._workroot = workroot
        self._limits = limits
        self._max_tasks = max_tasks
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []
        #: Workers lent out to a check right now (``close`` ends them too).
        self._busy: list[_Worker] = []

    def prestart(self, count: int) -> None:
        """Start ``count`` checking processes now, so the first checks do not wait for them."""
        for worker in [self._take() for _ in range(count)]:
            self._give_back(worker)

    def _take(self) -> _Worker:
        dead: list[_Worker] = []
        taken: _Worker | None = None
        with self._lock:
            while self._idle and taken is None:
                worker = self._idle.pop()
                if worker.proc.is_alive():
                    self._busy.append(worker)
                    taken = worker
                else:
                    dead.append(worker)
        for worker in dead:
            self._retire(worker)
        if taken is not None:
            return taken
        self._workroot.mkdir(parents=True, exist_ok=True)
        home = Path(tempfile.mkdtemp(prefix="worker-", dir=self._workroot))
        parent, child = self._ctx.Pipe(duplex=True)
        proc = self._ctx.Process(target=_serve,
                                 args=(child, self._limits.memory_bytes, str(home)))
        proc.start()
        child.close()
        worker = _Worker(proc, parent, home)
        with self._lock:
            self._busy.append(worker)
        return worker

    def _give_back(self, worker: _Worker) -> None:
        """A worker's check is over and it may check again."""
        with self._lock:
            self._busy = [w for w in self._busy if w is not worker]
            self._idle.append(worker)

    def _retire(self, worker: _Worker, kill: bool = False) -> None:
        with self._lock:
            self._busy = [w for w in self._busy if w is not worker]
        worker.conn.close()
        if kill and worker.proc.is_alive():
            worker.proc.kill()
        worker.proc.join(10)
        shutil.rmtree(worker.home, ignore_errors=True)

    def correct(self, job: CheckJob) -> Any | None:
        """Corrected copies of ``job`` (its ``fix`` set): the fix run, or None when the
        checking process died or did not finish in time (nothing to hand out then)."""
        worker = self._take()
        outcome: tuple[str, Any] | None = None
        try:
            worker.conn.send(job)
            if worker.conn.poll(self._limits.timeout):
                outcome = worker.conn.recv()
        except (EOFError, OSError):
            outcome = None
        if outcome is None:
            self._retire(worker, kill=True)
            return None
        status, value = outcome
        worker.tasks += 1
        if status == "ok" and worker.tasks < self._max_tasks:
            self._give_back(worker)
        else:
            self._retire(worker, kill=True)
        return value if status == "ok" else None

    def run(self, job: CheckJob, profile: Profile, files: list[StoredFile]) -> Report:
        """Check ``job``; a killed or dead process gives FIL001 per file."""
        report, crash = self.attempt(job, profile, files)
        if report is None:
            return failure_report(profile, files, crash)
        return report

    def attempt(self, job: CheckJob, profile: Profile, files: list[StoredFile]
                ) -> tuple[Report | None, str]:
        """Check ``job``: (report, "") or, when the checking process died during it (killed,
        crashed), (None, what happened), so that the caller may try again. A check over the
        time limit or one that failed inside the process is a report with FIL001 per file."""
        worker = self._take()
        outcome: tuple[str, Any] | None = None
        timed_out = False
        try:
            worker.conn.send(job)
            if worker.conn.poll(self._limits.timeout):
                outcome = worker.conn.recv()
            else:
                timed_out = True
        except (EOFError, OSError):
            outcome = None  # the process died: its end of the pipe closed
        if outcome is None:
            self._retire(worker, kill=True)
            if timed_out:
                reason = f"the check did not finish within {self._limits.timeout:g} s"
                return failure_report(profile, files, reason), ""
            return None, f"the checking process stopped (exit code {worker.proc.exitcode})"
        status, value = outcome
        worker.tasks += 1
        if status == "ok" and worker.tasks < self._max_tasks:
            self._give_back(worker)
        else:
            self._retire(worker, kill=True)
        if status == "ok" and isinstance(value, Report):
            return value, ""
        return failure_report(profile, files, str(value)), ""

    def close(self) -> None:
        """End every checking process: the idle ones are retired here (their folders
        removed); a busy one is killed, so the check waiting on it sees its pipe close at
        once and retires it (the dispatcher gives that check back to the queue)."""
        with self._lock:
            idle, self._idle = self._idle, []
            busy = list(self._busy)
        for worker in idle:
            self._retire(worker, kill=True)
        for worker in busy:
            if worker.proc.is_alive():
                worker.proc.kill()


def failure_report(profile: Profile, files: list[StoredFile], reason: str) -> Report:
    """A report with FIL001 for every file: what could not be checked is never a pass."""
    stamper = Stamper(profile, Settings())
    rule = RULES_BY_CODE["FIL001"]
    reports = []
    for f in files:
        path = f.name  # as submitted, like the reports of checks that finish
        finding = stamper.stamp(rule, unreadable_hit(reason), "", path)
        kind = FORMATS.get(format_of(f.name), ("other", None))[0]
        reports.append(FileReport(path=path, format=format_of(f.name) or "none",
                                  kind="document" if kind == "other" else kind, size=f.size,
                                  sha256=f.sha256, findings=(finding,) if finding else ()))
    return Report(__version__, profile.info, (PackageReport("", tuple(reports)),),
                  checked_at=check_time())
