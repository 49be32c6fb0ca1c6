"""Run one package's check in a separate process, under a wall-clock and a memory limit.

The gate never parses a submitted file in its own process: a forkserver child sets
``RLIMIT_AS`` and ``RLIMIT_CORE``, changes into the package's temporary folder (so reports
show ``package/<name>``, never a server path) and calls ``validator.api.check``. When the
child exceeds the wall-clock limit it is killed; when it dies (a memory limit, a crash) the
package's files get FIL001 each, stamped by the engine's own ``Stamper``, so the submission
is answered and registered rather than lost. The forkserver keeps spawns cheap and is safe
in a threaded server, unlike ``fork``.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import resource
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from validator import __version__
from validator.checks import RULES_BY_CODE
from validator.checks.base import Hit
from validator.config import Settings
from validator.document import FORMATS, format_of
from validator.engine import RunContext, Stamper
from validator.model import FileReport, PackageReport, Report
from validator.profile import Profile

PACKAGE_FOLDER = "package"


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
    target: str
    profile_path: str
    meeting_date: dt.date
    submitted: dt.date


def _child(conn: Connection, job: CheckJob, memory_bytes: int) -> None:
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
        os.chdir(job.folder)
        from validator.api import check
        from validator.profile import load_profile

        profile = load_profile(Path(job.profile_path))
        context = RunContext(meeting_date=job.meeting_date, submitted=job.submitted,
                             today=job.submitted)
        report = check(job.target, profile=profile, settings=Settings(), context=context)
        outcome: tuple[str, Any] = ("ok", report)
    except MemoryError:
        outcome = ("died", "the check ran out of memory")
    except Exception as exc:
        outcome = ("died", f"the check failed: {type(exc).__name__}: {exc}")
    try:
        conn.send(outcome)
    except OSError:
        pass  # the gate stopped waiting (timeout or its own end): nobody to answer
    finally:
        conn.close()


def worker_context() -> Any:
    """The multiprocessing context for checks (forkserver with the engine preloaded)."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["validator.api", "validator.gate.worker", "validator.workdays",
                               "holidays.countries"])
    return ctx


def run_check(job: CheckJob, profile: Profile, files: list[StoredFile], limits: CheckLimits,
              ctx: Any) -> Report:
    """Check ``job`` in a child process; a killed or dead child gives FIL001 per file."""
    receiver, sender = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(sender, job, limits.memory_bytes))
    proc.start()
    sender.close()
    outcome: tuple[str, Any] | None = None
    try:
        if receiver.poll(limits.timeout):
            try:
                outcome = receiver.recv()
            except EOFError:
                outcome = None
    finally:
        receiver.close()
        if outcome is None and proc.is_alive():
            proc.kill()
        proc.join(10)
    if outcome is None:
        reason = (f"the check did not finish within {limits.timeout:g} s"
                  if proc.exitcode in (None, -9) else
                  f"the checking process stopped (exit code {proc.exitcode})")
        return failure_report(profile, files, reason)
    status, value = outcome
    if status == "ok" and isinstance(value, Report):
        return value
    return failure_report(profile, files, str(value))


def failure_report(profile: Profile, files: list[StoredFile], reason: str) -> Report:
    """A report with FIL001 for every file: what could not be checked is never a pass."""
    stamper = Stamper(profile, Settings())
    rule = RULES_BY_CODE["FIL001"]
    reports = []
    for f in files:
        path = f"{PACKAGE_FOLDER}/{f.name}"
        hit = Hit(evidence=reason, args={"reason": reason})
        finding = stamper.stamp(rule, hit, PACKAGE_FOLDER, path)
        kind = FORMATS.get(format_of(f.name), ("other", None))[0]
        reports.append(FileReport(path=path, format=format_of(f.name) or "none",
                                  kind="document" if kind == "other" else kind, size=f.size,
                                  sha256=f.sha256, findings=(finding,) if finding else ()))
    return Report(__version__, profile.info, (PackageReport(PACKAGE_FOLDER, tuple(reports)),))
