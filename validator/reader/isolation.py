"""Worker processes that read files with a wall-clock limit and a memory limit.

Each file of a run is read in a long-lived worker process (``reader.process``), started with
the ``forkserver`` method (``spawn`` where forkserver does not exist): the parent may have
threads (the web service), and a forked copy of a lock another thread holds is never released.
A caller that starts no thread (the command line) asks for ``fork``: a worker is then forked
from it while the system counts one thread in the process and its address space is under half
the worker's memory limit (the copy starts with it), so no second interpreter imports the
checks again; otherwise, and on systems other than Linux, forkserver as before. A worker is
replaced when it dies, when it runs past ``worker_timeout_seconds`` on one file (it is killed),
when it runs out of memory (``worker_memory_mb``, enforced with ``RLIMIT_AS`` in the worker),
and after ``worker_max_files`` files. A file whose worker failed gets FIL001 with the reason;
the other files are read by the other (or a new) worker. ``jobs`` workers run in parallel.

A package's files share a reading time budget (``package_time_budget_seconds``): the seconds
its files spend in the workers, added up (worker-seconds, so packages read side by side do not
eat each other's budget). Once they are spent, the package's files still waiting are not sent
and those being read are stopped; each gets an outcome that says so (``Outcome.budget``), and
the run goes on to its report.

The stdlib ``ProcessPoolExecutor`` is not used: it cannot kill one stuck task, and a worker
that dies breaks the whole pool.

A new worker runs the caller's main script again as it starts (how forkserver and spawn
rebuild ``__main__``). A script that calls ``validator.check()`` at its top level, without
``if __name__ == "__main__":``, would start a check inside each starting worker, and every
worker would die. A worker that finds itself there leaves at once with ``EXIT_UNGUARDED_MAIN``,
and the pool raises ``UnguardedMainError`` naming the fix, instead of reporting every file as
unreadable.
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from types import TracebackType
from typing import Any

from validator.reader.process import EXIT_MEMORY, worker_main
from validator.reader.tasks import FileCheck, Outcome, Task, dumps, loads

#: Modules the forkserver imports once, so each new worker starts without re-importing them;
#: the caller adds the module of its per-file check (``WorkerPool``).
PRELOAD = ("validator.reader.process", "lxml.etree", "pypdf")


#: Exit code of a starting worker that was asked to check files from the caller's main script.
EXIT_UNGUARDED_MAIN = 87


class UnguardedMainError(RuntimeError):
    """The caller's script starts a check at its top level, outside the main-module guard."""

    def __init__(self) -> None:
        script = getattr(sys.modules["__main__"], "__file__", None) or "the main script"
        super().__init__(
            f"validator.check() was called at the top level of {script}: each reader process "
            "runs that script again as it starts, so the check cannot start its readers. Put "
            'the call under `if __name__ == "__main__":` (see "Safe importing of main module" '
            "in Python's multiprocessing documentation), or pass isolate=False to read the "
            "files in the calling process.")


def _starting_worker() -> bool:
    """True while this process is a worker being started (it is re-running the main script).

    ``multiprocessing`` sets ``_inheriting`` on the process object for exactly that phase (the
    flag its own "start a new process before bootstrapping" error is based on); a process
    started by the caller's own pool, running a task, does not have it."""
    return bool(getattr(multiprocessing.current_process(), "_inheriting", False))


@dataclass(frozen=True, slots=True)
class WorkerLimits:
    """Per-file and per-worker limits, from the profile (``[rules.FIL001]``)."""

    timeout_seconds: float
    memory_mb: int
    max_files: int
    package_budget_seconds: float = math.inf


def _context(preload: Sequence[str] = ()) -> Any:
    """The start method's context; with forkserver, the modules its server imports once (set
    before it starts: a server already running keeps what it has)."""
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload([*PRELOAD, *preload])
        return ctx
    return multiprocessing.get_context("spawn")


def forkable(limits: WorkerLimits) -> bool:
    """Whether a worker may be forked from this process now (see the module doc): Linux, one
    thread as the system counts them (C libraries' threads included, which ``threading`` does
    not see), and an address space under half of ``limits.memory_mb``."""
    if sys.platform != "linux":
        return False
    try:
        threads = len(os.listdir("/proc/self/task"))
        with open("/proc/self/statm", "rb") as fh:
            pages = int(fh.read().split()[0])
    except (OSError, ValueError, IndexError):
        return False
    return threads == 1 and pages * os.sysconf("SC_PAGE_SIZE") * 2 <= limits.memory_mb << 20


def _death(exitcode: int | None, limits: WorkerLimits) -> str:
    if exitcode == EXIT_MEMORY:
        return f"the reader ran out of memory (limit {limits.memory_mb} MiB)"
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        return f"the reader process died ({name})"
    return f"the reader process died (exit code {exitcode})"


class _Slot:
    """One worker process and the task it is busy with."""

    def __init__(self, ctx: Any, setup: bytes, limits: WorkerLimits) -> None:
        parent, child = ctx.Pipe(duplex=True)
        self.conn: Connection = parent
        self.process = ctx.Process(target=worker_main, args=(child, setup, limits.memory_mb),
                                   daemon=True)
        self.process.start()
        child.close()
        self.files = 0
        self.task: Task | None = None
        self.started = 0.0

    def send(self, task: Task, data: bytes) -> None:
        self.conn.send_bytes(data)
        self.task = task
        self.started = time.monotonic()

    def stop(self, kill: bool = False) -> None:
        if kill and self.process.is_alive():
            self.process.kill()
        else:
            with contextlib.suppress(OSError):
                self.conn.send_bytes(b"")
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=5)
        self.conn.close()


class _Results(dict[int, Outcome]):
    """Outcomes by task index; ``done`` is told of each as it is stored, ``arrived`` is
    given it."""

    def __init__(self, done: Callable[[int], None] | None,
                 arrived: Callable[[Outcome], None] | None = None) -> None:
        super().__init__()
        self._done = done
        self._arrived = arrived

    def __setitem__(self, index: int, outcome: Outcome) -> None:
        super().__setitem__(index, outcome)
        if self._arrived is not None:
            self._arrived(outcome)
        if self._done is not None:
            self._done(index)


class WorkerPool:
    """``jobs`` worker processes that read tasks under ``limits``; use as a context manager.
    ``fork``: the caller starts no thread, so workers may be forked from it (module doc)."""

    def __init__(self, setup: FileCheck, limits: WorkerLimits, jobs: int, *,
                 fork: bool = False) -> None:
        if _starting_worker():
            # The caller's unguarded script, run again in a starting worker: leave before
            # anything is checked; the parent sees the exit code and raises UnguardedMainError.
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(EXIT_UNGUARDED_MAIN)
        self._ctx = _context((type(setup).__module__,))
        self._fork = fork
        self._setup = dumps(setup)
        self.limits = limits
        self.jobs = max(1, jobs)
        self._slots: list[_Slot | None] = [None] * self.jobs
        self._spent: dict[str, float] = {}
        #: Workers started during this pool's life, and how many of them were forked from
        #: this process (for the tests and the benchmark).
        self.started = 0
        self.forked = 0

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        for i, slot in enumerate(self._slots):
            if slot is not None:
                slot.stop(kill=slot.task is not None)
                self._slots[i] = None

    def _fresh(self, i: int) -> _Slot:
        slot = self._slots[i]
        if slot is not None and (slot.files >= self.limits.max_files
                                 or not slot.process.is_alive()):
            slot.stop()
            slot = None
        if slot is None:
            fork = self._fork and forkable(self.limits)
            ctx = multiprocessing.get_context("fork") if fork else self._ctx
            slot = _Slot(ctx, self._setup, self.limits)
            self.started += 1
            self.forked += fork
            self._slots[i] = slot
        return slot

    def _retire(self, i: int, kill: bool) -> None:
        slot = self._slots[i]
        if slot is not None:
            slot.stop(kill=kill)
            self._slots[i] = None

    def run(self, tasks: Sequence[Task], order: Sequence[int] | None = None,
            done: Callable[[int], None] | None = None,
            arrived: Callable[[Outcome], None] | None = None) -> list[Outcome]:
        """Read every task; return one Outcome per task, in the tasks' order.

        ``order``: positions in ``tasks`` in the order to hand them out (default: as given).
        Handing out the costliest files first keeps one long file from running alone at the
        end of a run while the other workers wait. ``done`` is called with a task's index as
        soon as its outcome is in (a progress bar); ``arrived`` with the outcome itself (work
        that can start before the other files are read).
        """
        for i, slot in enumerate(self._slots):
            if slot is not None and slot.task is not None:
                self._retire(i, kill=True)  # left busy by an interrupted run: its answer is stale
        pending = deque(tasks if order is None else [tasks[i] for i in order])
        results = _Results(done, arrived)
        self._spent = {}
        while pending or any(s is not None and s.task is not None for s in self._slots):
            self._dispatch(pending, results)
            self._collect(results)
        return [results[t.index] for t in tasks]

    def _used(self, package: str, now: float) -> float:
        """Seconds the package's files have spent in the workers, those running included."""
        running = sum(now - s.started for s in self._slots
                      if s is not None and s.task is not None and s.task.package == package)
        return self._spent.get(package, 0.0) + running

    def _over_budget(self, task: Task) -> Outcome:
        budget = self.limits.package_budget_seconds
        return Outcome(task.index, None, budget=True,
                       failure=f"the package's reading time budget ({budget:g} s) ran out "
                               "before this file was read")

    def _dispatch(self, pending: deque[Task], results: dict[int, Outcome]) -> None:
        for i in range(self.jobs):
            slot = self._slots[i]
            if slot is not None and slot.task is not None:
                continue
            task = None
            while pending:
                task = pending.popleft()
                if self._used(task.package, time.monotonic()) < \
                        self.limits.package_budget_seconds:
                    break
                results[task.index] = self._over_budget(task)
                task = None
            if task is None:
                continue
            data = dumps(task)
            for attempt in range(2):
                slot = self._fresh(i)
                try:
                    slot.send(task, data)
                    break
                except OSError:
                    self._retire(i, kill=True)
                    if attempt:
                        results[task.index] = Outcome(task.index, None,
                                                      failure="the reader process could "
                                                              "not be started")

    def _collect(self, results: dict[int, Outcome]) -> None:
        busy = [(i, s) for i, s in enumerate(self._slots) if s is not None and s.task is not None]
        if not busy:
            return
        now = time.monotonic()
        timeout = max(0.0, min(min(s.started + self.limits.timeout_seconds - now,
                                   self._budget_left(s, now)) for _, s in busy))
        waitables: list[Any] = [s.conn for _, s in busy] + [s.process.sentinel for _, s in busy]
        ready = set(wait(waitables, timeout=timeout))
        now = time.monotonic()
        for i, slot in busy:
            task = slot.task
            assert task is not None
            if slot.conn in ready or slot.process.sentinel in ready:
                self._spent[task.package] = (self._spent.get(task.package, 0.0)
                                             + now - slot.started)
                outcome = self._receive(slot, task)
                results[task.index] = outcome
                slot.task = None
                slot.files += 1
                if outcome.failure is not None and outcome.report is None:
                    self._retire(i, kill=True)
            elif now - slot.started >= self.limits.timeout_seconds:
                results[task.index] = Outcome(
                    task.index, None,
                    failure=f"reading took longer than {self.limits.timeout_seconds:g} s "
                            "(the reader was stopped)")
                self._retire(i, kill=True)
            elif self._used(task.package, now) >= self.limits.package_budget_seconds:
                self._spent[task.package] = (self._spent.get(task.package, 0.0)
                                             + now - slot.started)
                results[task.index] = self._over_budget(task)
                self._retire(i, kill=True)

    def _budget_left(self, slot: _Slot, now: float) -> float:
        """Seconds until the package of ``slot``'s task runs out of budget, its files being
        read side by side spending it together."""
        assert slot.task is not None
        package = slot.task.package
        sharing = sum(1 for s in self._slots
                      if s is not None and s.task is not None and s.task.package == package)
        return (self.limits.package_budget_seconds - self._used(package, now)) / max(sharing, 1)

    def _receive(self, slot: _Slot, task: Task) -> Outcome:
        try:
            if slot.conn.poll():
                outcome: Outcome = loads(slot.conn.recv_bytes())
                if outcome.memory:
                    return Outcome(task.index, None,
                                   failure=_death(EXIT_MEMORY, self.limits), memory=True)
                return outcome
        except (EOFError, OSError):
            pass
        slot.process.join(timeout=5)
        if slot.process.exitcode == EXIT_UNGUARDED_MAIN:
            raise UnguardedMainError()
        return Outcome(task.index, None, failure=_death(slot.process.exitcode, self.limits))
