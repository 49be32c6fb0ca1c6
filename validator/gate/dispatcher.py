"""The gate process's workers: threads that take checks from the queue and run them.

Each thread takes one check at a time (``CheckQueue.claim``), copies the submission's files
from the content store into a job folder of its own, runs the check in a checking process of
the ``CheckPool`` (time and memory limits, FIL001 per file when it cannot finish), stores the
report and records the result while it still holds the lease. One more thread renews the
leases of this process every third of the lease, so a live worker keeps its checks and a
killed process's checks are taken again once their lease runs out; a check whose checking
process died (killed, crashed) goes back to the queue at once. A check whose checking process
died twice is not tried a third time: it is recorded ``failed`` with FIL001 for each file, so
the apparatus sees it and nothing waits forever. The death of a gate process is not blamed on
the check it held (the check runs in a process of its own), but a check taken
``MAX_TAKES`` times without a result is recorded ``failed`` the same way. A check over the
time limit is not a crash: it is ``done``, with FIL001 for each file, as before.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from validator.core.findings import Report
from validator.gate.intake import Intake, check_notes, loose_files, worst_verdict
from validator.gate.jobs import CheckQueue, Claim
from validator.gate.prechecks import PRECHECK, PrecheckRow, load_precheck
from validator.gate.rows import SubmissionRow
from validator.gate.worker import (
    CORRECTED,
    PACKAGE_FOLDER,
    CheckJob,
    CheckPool,
    StoredFile,
    failure_report,
)

log = logging.getLogger("validator.gate")

#: A check whose checking process died this many times is recorded as failed.
MAX_CRASHES = 2
#: A check taken more than this many times (its gate processes died) is recorded as failed.
MAX_TAKES = 4
GAVE_UP = "the check was taken {n} times and its worker stopped each time"
CRASHED_TWICE = "the checking process stopped twice during this check ({crash})"


@dataclass
class Dispatcher:
    """``threads`` workers and a lease keeper for one gate process."""

    intake: Intake
    queue: CheckQueue
    pool: CheckPool
    threads: int
    poll: float = 0.5
    #: Arrivals are received before checks start (``jobs.burst_wait``): checks wait for
    #: ``quiet`` seconds without an arrival, ``most`` seconds at the longest.
    quiet: float = 0.3
    most: float = 5.0
    #: Housekeeping run at start and every ``janitor_every`` seconds while the process lives
    #: (expired pre-checks are deleted); any gate process may run it.
    janitor: Callable[[], object] | None = None
    janitor_every: float = 300.0
    _stop: threading.Event = field(default_factory=threading.Event, repr=False)
    _wake: threading.Event = field(default_factory=threading.Event, repr=False)
    _running: list[threading.Thread] = field(default_factory=list, repr=False)

    def start(self) -> None:
        if self._running:
            return
        if self.janitor is not None:
            sweeper = threading.Thread(target=self._sweep, name="gate-janitor", daemon=True)
            sweeper.start()
            self._running.append(sweeper)
        if not self.threads:
            return
        # The checking processes start beside the server (which receives meanwhile), then
        # the workers that use them.
        starter = threading.Thread(target=self._start_workers, name="gate-start", daemon=True)
        starter.start()
        self._running.append(starter)

    def _start_workers(self) -> None:
        try:
            self.pool.prestart(self.threads)
        except Exception:
            log.exception("could not start the checking processes ahead")
        if self._stop.is_set():
            self.pool.close()  # stopped while they started: none is left behind
            return
        for n in range(self.threads):
            t = threading.Thread(target=self._work, name=f"gate-check-{n}", daemon=True)
            t.start()
            self._running.append(t)
        if self.threads:
            keeper = threading.Thread(target=self._keep_leases, name="gate-lease", daemon=True)
            keeper.start()
            self._running.append(keeper)

    def wake(self) -> None:
        """A check was queued here: look at once instead of at the next poll."""
        self._wake.set()

    def stop(self, wait: float = 5.0) -> None:
        """Stop taking checks; checks cut short are given back to the queue, not recorded."""
        self._stop.set()
        self._wake.set()
        self.pool.close()
        for t in self._running:
            t.join(wait)
        self._running.clear()

    def _sweep(self) -> None:
        while True:
            try:
                if self.janitor is not None:
                    self.janitor()
            except Exception:
                log.exception("housekeeping failed; tried again later")
            if self._stop.wait(self.janitor_every):
                return

    def _keep_leases(self) -> None:
        while not self._stop.wait(self.queue.lease / 3):
            try:
                self.queue.renew()
            except Exception:
                log.exception("could not renew the leases of running checks")

    def _work(self) -> None:
        while not self._stop.is_set():
            try:
                wait = self.queue.burst_wait(self.quiet, self.most)
                if wait > 0:
                    self._stop.wait(wait)
                    continue
                claim = self.queue.claim()
            except Exception:
                log.exception("could not take a check from the queue")
                self._stop.wait(self.poll * 4)
                continue
            if claim is None:
                self._wake.wait(self.poll)
                self._wake.clear()
                continue
            try:
                self.run(claim)
            except Exception:
                # Left to its lease: another worker takes it again (and gives up after two).
                log.exception("check of %s failed in its worker", claim.submission_id)

    def run(self, claim: Claim) -> bool:
        """Check one claimed submission and record the result; False if not recorded."""
        intake = self.intake
        row: SubmissionRow | PrecheckRow | None
        if claim.kind == PRECHECK:
            row = load_precheck(intake.register, claim.submission_id)
        else:
            row = intake.register.submission(claim.submission_id)
        if row is None:
            raise LookupError(claim.submission_id)
        extraordinary = (row.extraordinary if isinstance(row, PrecheckRow)
                         else row.meeting_kind == "extraordinary")
        files = [StoredFile(f.name, f.size, f.sha256) for f in row.files]
        if claim.attempts > MAX_TAKES:
            report = failure_report(intake.profile, files,
                                    GAVE_UP.format(n=claim.attempts - 1))
            state = "failed"
        else:
            checked, crash = self._check(row.meeting_date, row.received_at, files,
                                         extraordinary)
            if self._stop.is_set():
                # The pool was closed under this check: it was not really tried.
                self.queue.release(claim.submission_id)
                return False
            if checked is not None:
                report, state = checked, "done"
            elif claim.crashes + 1 < MAX_CRASHES:
                log.warning("check of %s: %s; queued again", claim.submission_id, crash)
                self.queue.retry(claim.submission_id)
                return False
            else:
                report = failure_report(intake.profile, files,
                                        CRASHED_TWICE.format(crash=crash))
                state = "failed"
        sha = intake.save_report(report)
        verdict = worst_verdict(report, loose_files(files, intake.profile))
        return self.queue.finish(claim.submission_id, state, verdict.value, sha,
                                 check_notes(report), claim.kind)

    def corrected_copy(self, row: SubmissionRow, lang: str) -> bytes | None:
        """A zip of the submission's files corrected by the safe fixes of ``validator fix``
        (same names; a file with nothing to fix as it was) and ``fixes.txt`` saying what was
        changed and what remains, in ``lang``. Made in a checking process on a copy, never
        stored; None when the checking process could not finish it."""
        import datetime as dt
        import io
        import zipfile

        from validator.reports.fixes import render_text

        intake = self.intake
        files = [StoredFile(f.name, f.size, f.sha256) for f in row.files]
        root = intake.data / "tmp"
        root.mkdir(exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix="fix-", dir=root))
        try:
            package = folder / PACKAGE_FOLDER
            package.mkdir()
            for f in files:
                shutil.copyfile(intake.store.path(f.sha256), package / f.name)
            job = CheckJob(str(folder), PACKAGE_FOLDER, str(intake.profile_path),
                           dt.date.fromisoformat(row.meeting_date),
                           dt.datetime.fromisoformat(row.received_at).date(), fix=True,
                           extraordinary=row.meeting_kind == "extraordinary", shown_as="")
            result = self.pool.correct(job)
            corrected = folder / CORRECTED / PACKAGE_FOLDER
            if result is None or not corrected.is_dir():
                return None
            out = io.BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
                for path in sorted(corrected.rglob("*")):
                    if path.is_file() and not path.is_symlink():
                        zf.write(path, path.relative_to(corrected).as_posix())
                zf.writestr("fixes.txt", render_text(result, lang))
            return out.getvalue()
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def _check(self, meeting: str | None, received_at: str, files: list[StoredFile],
               extraordinary: bool = False) -> tuple[Report | None, str]:
        import datetime as dt

        intake = self.intake
        root = intake.data / "tmp"
        root.mkdir(exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix="job-", dir=root))
        try:
            package = folder / PACKAGE_FOLDER
            package.mkdir()
            for f in files:
                shutil.copyfile(intake.store.path(f.sha256), package / f.name)
            single_zip = len(files) == 1 and files[0].name.lower().endswith(".zip")
            # Reports name the files as submitted: the folder is "", a zip or file its name.
            target: str | tuple[str, ...] = (
                f"{PACKAGE_FOLDER}/{files[0].name}" if single_zip else PACKAGE_FOLDER)
            shown: str | tuple[str, ...] = files[0].name if single_zip else ""
            if loose_files(files, intake.profile):
                # No package to find: each file is checked as a file and named (FIL002).
                target = tuple(f"{PACKAGE_FOLDER}/{f.name}" for f in files)
                shown = tuple(f.name for f in files)
            job = CheckJob(str(folder), target, str(intake.profile_path),
                           dt.date.fromisoformat(meeting) if meeting else None,
                           dt.datetime.fromisoformat(received_at).date(),
                           extraordinary=extraordinary, shown_as=shown)
            return self.pool.attempt(job, intake.profile, files)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
