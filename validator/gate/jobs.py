"""The queue of checks, kept in the register's ``checks`` table.

A submission's check row (or a pre-check's: ``kind``) goes ``queued`` -> ``checking`` ->
``done`` (or ``failed``). A worker takes the oldest queued row, or a ``checking`` row whose
lease has run out (its worker died), and holds it under a lease that its process renews
while it lives. On PostgreSQL the row is chosen with ``FOR UPDATE SKIP LOCKED``, so workers
of several gate processes never take the same row; on SQLite every transaction is ``BEGIN
IMMEDIATE``, so one process at a time takes a row. A result is written only while the worker
still holds the lease, in one transaction with the submission's verdict and report address:
a check reaches ``done`` once, however many workers died on the way.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from validator.gate.database import Read
from validator.gate.register import Register


@dataclass(frozen=True)
class Claim:
    """A check taken from the queue: which submission, how many times it was taken (this
    time included), and how many checking processes died under it before."""

    submission_id: str
    attempts: int
    crashes: int = 0
    #: What is checked: a submission, or a pre-check (``prechecks``), which shares the queue.
    kind: str = "submission"


@dataclass(frozen=True)
class CheckStatus:
    """Where a check stands: its state, and for a queued one how many are ahead plus one."""

    state: str
    position: int
    attempts: int


@dataclass(frozen=True)
class CheckQueue:
    """The queue seen by one process (``owner``), holding rows for ``lease`` seconds."""

    register: Register
    owner: str
    lease: float = 60.0

    def claim(self, now: float | None = None) -> Claim | None:
        """Take the next check, or None when there is nothing to do."""
        now = time.time() if now is None else now
        lock = " FOR UPDATE SKIP LOCKED" if self.register.postgres else ""
        if not self.register.postgres and not self._waiting(now):
            return None  # nothing to take: no write lock taken for nothing
        with self.register.transaction() as cur:
            cur.execute("SELECT submission_id, attempts, crashes, kind FROM checks "
                        "WHERE state = 'queued' OR (state = 'checking' AND lease_until < ?) "
                        f"ORDER BY enqueued_at, submission_id LIMIT 1{lock}", (now,))
            found = cur.fetchone()
            if found is None:
                return None
            sid, attempts, crashes = str(found[0]), int(found[1]) + 1, int(found[2])
            kind = str(found[3])
            cur.execute("UPDATE checks SET state = 'checking', owner = ?, lease_until = ?, "
                        "attempts = ? WHERE submission_id = ?",
                        (self.owner, now + self.lease, attempts, sid))
        return Claim(sid, attempts, crashes, kind)

    def burst_wait(self, quiet: float, most: float, now: float | None = None) -> float:
        """Seconds to wait before taking a check while a burst of packages is arriving
        (``burst_wait``); 0: take it now. One read, no write lock."""
        now = time.time() if now is None else now
        with self.register.transaction(write=False) as cur:
            cur.execute("SELECT COUNT(*), MIN(enqueued_at), MAX(enqueued_at) FROM checks "
                        "WHERE state = 'queued'")
            count, oldest, newest = cur.fetchone()
        if not count:
            return 0.0
        return burst_wait(int(count), float(oldest), float(newest), now, quiet, most)

    def _waiting(self, now: float) -> bool:
        with self.register.transaction(write=False) as cur:
            cur.execute("SELECT 1 FROM checks WHERE state = 'queued' "
                        "OR (state = 'checking' AND lease_until < ?) LIMIT 1", (now,))
            return cur.fetchone() is not None

    def renew(self, now: float | None = None) -> int:
        """Extend the lease of every check this process holds; return how many."""
        now = time.time() if now is None else now
        with self.register.transaction() as cur:
            cur.execute("UPDATE checks SET lease_until = ? "
                        "WHERE owner = ? AND state = 'checking'", (now + self.lease, self.owner))
            return int(cur.rowcount)

    def finish(self, submission_id: str, state: str, verdict: str, report_sha256: str,
               notes: str, kind: str = "submission") -> bool:
        """Record a check's result if this process still holds it; False if it does not.
        A pre-check's result goes to its ``prechecks`` row, a submission's to its own."""
        if state not in ("done", "failed"):
            raise ValueError(state)
        table = "prechecks" if kind == "precheck" else "submissions"
        with self.register.transaction() as cur:
            # ``owner`` stays: who checked it.
            cur.execute("UPDATE checks SET state = ?, finished_at = ?, lease_until = NULL "
                        "WHERE submission_id = ? AND owner = ? AND state = 'checking'",
                        (state, time.time(), submission_id, self.owner))
            if cur.rowcount != 1:
                return False
            cur.execute(f"UPDATE {table} SET verdict = ?, report_sha256 = ?, notes = ? "
                        "WHERE id = ?", (verdict, report_sha256, notes, submission_id))
        return True

    def release(self, submission_id: str) -> None:
        """Give a check back to the queue untried (this process is stopping)."""
        with self.register.transaction() as cur:
            cur.execute("UPDATE checks SET state = 'queued', owner = NULL, lease_until = NULL, "
                        "attempts = attempts - 1 "
                        "WHERE submission_id = ? AND owner = ? AND state = 'checking'",
                        (submission_id, self.owner))

    def retry(self, submission_id: str) -> None:
        """Put a check whose checking process died back in the queue, counting the crash."""
        with self.register.transaction() as cur:
            cur.execute("UPDATE checks SET state = 'queued', owner = NULL, lease_until = NULL, "
                        "crashes = crashes + 1 "
                        "WHERE submission_id = ? AND owner = ? AND state = 'checking'",
                        (submission_id, self.owner))

    def status(self, submission_id: str) -> CheckStatus | None:
        found: CheckStatus | None = self.register.read(self.status_read(submission_id))[0]
        return found

    def status_read(self, submission_id: str) -> Read[CheckStatus | None]:
        """``status`` as a ``Read`` (read together with others)."""
        return Read(((_STATUS, (submission_id,)),),
                    lambda found: _status(found[0][0] if found[0] else None))

    def backlog(self) -> int:
        """Checks queued or being checked."""
        found: int = self.register.read(self.backlog_read())[0]
        return found

    def backlog_read(self) -> Read[int]:
        """``backlog`` as a ``Read`` (a submission reads it with its token, in one trip)."""
        return Read((("SELECT COUNT(*) FROM checks WHERE state IN ('queued', 'checking')",
                      ()),), lambda rows: int(rows[0][0][0]))


def burst_wait(queued: int, oldest: float, newest: float, now: float, quiet: float,
               most: float) -> float:
    """How long checks wait for arrivals to pause: receiving comes first.

    While packages keep arriving (the newest queued less than ``quiet`` seconds ago), a
    check would take CPU, the register's write lock and disk from the receipts still coming
    in, and the first package of a burst is no different from a lone one when it arrives;
    so checks start once ``quiet`` seconds pass without an arrival, or once the oldest
    queued package has waited ``most`` seconds, whichever comes first (a steady stream never
    holds checks back longer than ``most``). Returns the seconds to wait, 0 to start now.
    """
    if queued < 1 or quiet <= 0:
        return 0.0
    calm = newest + quiet - now
    limit = oldest + most - now
    return max(0.0, min(calm, limit))


#: A check's row and the queued checks before it (counted for a queued one), in one statement.
_STATUS = ("SELECT c.state, c.attempts, (SELECT COUNT(*) FROM checks q "
           "WHERE q.state = 'queued' AND c.state = 'queued' AND "
           "(q.enqueued_at < c.enqueued_at OR (q.enqueued_at = c.enqueued_at "
           "AND q.submission_id < c.submission_id))) "
           "FROM checks c WHERE c.submission_id = ?")


def _status(found: Any) -> CheckStatus | None:
    if found is None:
        return None
    state, attempts, before = str(found[0]), int(found[1]), int(found[2])
    return CheckStatus(state, before + 1 if state == "queued" else 0, attempts)


def status_in(cur: Any, submission_id: str) -> CheckStatus | None:
    """``CheckQueue.status`` through an open transaction's cursor (the one that has just
    queued the check: a receipt's place in the queue without another transaction)."""
    cur.execute(_STATUS, (submission_id,))
    return _status(cur.fetchone())
