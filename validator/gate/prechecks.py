"""Pre-checks: a package checked without being submitted, kept for its body only, for a while.

A pre-check is received like a submission (the same limits, the files stored durably in the
content store) and checked through the same queue (a ``checks`` row of kind ``precheck``), by
the same checking processes. It is stored apart from the register's submissions (tables
``prechecks`` and ``precheck_files``): no version is numbered, no meeting or listing of the
apparatus shows it. Only the body that asked sees it, until ``expires_at``; then ``expire``
(run by every gate process at start and periodically) deletes its rows, its report and its
files, except blobs that a submission or another pre-check still uses, and blobs stored
again in the last ``BLOB_GRACE_SECONDS`` (a request may be about to refer to them).
"""

from __future__ import annotations

import datetime as dt
import hmac
import json
import secrets
import time
import zoneinfo
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from validator.checks.base import RunContext
from validator.checks.late_submission import submission_dates
from validator.core.errors import ConfigError
from validator.gate.register import Register
from validator.gate.rows import FileRow
from validator.gate.store import ContentStore
from validator.gate.worker import StoredFile
from validator.settings.profile import Profile

#: The kind of a pre-check's row in the queue (``checks.kind``).
PRECHECK = "precheck"
#: A blob stored again this recently is not removed: a request may be about to refer to it.
BLOB_GRACE_SECONDS = 3600.0
_ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
_COLUMNS = ("id", "body", "meeting_date", "extraordinary", "received_at", "expires_at",
            "package_sha256", "verdict", "report_sha256", "notes")


@dataclass(frozen=True)
class PrecheckRow:
    """One pre-check as the register keeps it, with the state of its check."""

    id: str
    body: str
    meeting_date: str | None
    extraordinary: bool
    received_at: str
    expires_at: float
    package_sha256: str
    verdict: str
    report_sha256: str
    notes: str
    files: tuple[FileRow, ...] = ()
    check_state: str = "queued"

    @property
    def checked(self) -> bool:
        return self.check_state in ("done", "failed")

    @property
    def notes_data(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.notes or "{}")
        return data


def load_precheck(register: Register, pid: str) -> PrecheckRow | None:
    """A pre-check's row and files, whatever its age (the checking side's view)."""
    with register.transaction(write=False) as cur:
        cur.execute(f"SELECT {', '.join('p.' + c for c in _COLUMNS)}, c.state "
                    "FROM prechecks p LEFT JOIN checks c ON c.submission_id = p.id "
                    "WHERE p.id = ?", (pid,))
        found = cur.fetchone()
        if found is None:
            return None
        cur.execute("SELECT position, name, sha256, size FROM precheck_files "
                    "WHERE precheck_id = ? ORDER BY position", (pid,))
        files = tuple(FileRow(int(a), str(b), str(c), int(d)) for a, b, c, d in cur.fetchall())
    values = dict(zip(_COLUMNS, found[:-1], strict=True))
    values["extraordinary"] = bool(values["extraordinary"])
    values["expires_at"] = float(values["expires_at"])
    return PrecheckRow(**values, files=files, check_state=str(found[-1] or "failed"))


def precheck_dates(profile: Profile, row: PrecheckRow) -> tuple[str | None, int | None]:
    """Deadline and working days late had the package been submitted when it was received;
    (None, None) without a meeting date or when the profile sets no deadline."""
    settings = profile.rules.get("PKG002")
    if settings is None or not row.meeting_date:
        return None, None
    received = dt.datetime.fromisoformat(row.received_at).date()
    context = RunContext(meeting_date=dt.date.fromisoformat(row.meeting_date),
                         submitted=received, today=received, extraordinary=row.extraordinary)
    try:
        dates = submission_dates(context, settings.params)
    except ConfigError:
        return None, None
    if dates is None:
        return None, None
    return dates.deadline.isoformat(), dates.days_late


def precheck_dict(row: PrecheckRow, profile: Profile) -> dict[str, Any]:
    """What the API says of a pre-check besides its check: never a receipt (nothing was
    submitted)."""
    deadline, late = precheck_dates(profile, row)
    return {
        "id": row.id,
        "submitted": False,
        "meeting_date": row.meeting_date,
        "extraordinary": row.extraordinary,
        "received_at": row.received_at,
        "kept_until": dt.datetime.fromtimestamp(row.expires_at, _ALMATY)
        .replace(microsecond=0).isoformat(),
        "files": [{"name": f.name, "sha256": f.sha256, "size": f.size} for f in row.files],
        "package_sha256": row.package_sha256,
        "deadline": deadline,
        "working_days_late": late,
    }


def own(body: str, row: PrecheckRow | None) -> PrecheckRow | None:
    """The row if ``body`` asked for it; None otherwise (another body, the apparatus included,
    is answered 404 exactly as for a missing one)."""
    if row is None or not hmac.compare_digest(row.body.encode(), body.encode()):
        return None
    return row


@dataclass(frozen=True)
class Prechecks:
    """Pre-checks kept ``keep_seconds`` after they were received; ``clock`` gives the time
    (Unix seconds) by which they expire (a test moves it)."""

    register: Register
    store: ContentStore
    keep_seconds: float
    clock: Callable[[], float] = field(default=time.time)

    def create(self, body: str, meeting: dt.date | None, extraordinary: bool,
               stored: Sequence[StoredFile], package_sha256: str) -> PrecheckRow:
        """Register a pre-check of ``stored`` files (already durable) with its check queued,
        in one transaction."""
        arrival = dt.datetime.now(_ALMATY).replace(microsecond=0)
        row = PrecheckRow(
            id=secrets.token_hex(12), body=body,
            meeting_date=meeting.isoformat() if meeting else None, extraordinary=extraordinary,
            received_at=arrival.isoformat(), expires_at=self.clock() + self.keep_seconds,
            package_sha256=package_sha256, verdict="", report_sha256="", notes="{}",
            files=tuple(FileRow(i, f.name, f.sha256, f.size) for i, f in enumerate(stored)))
        values = [getattr(row, c) for c in _COLUMNS]
        values[_COLUMNS.index("extraordinary")] = int(extraordinary)
        with self.register.transaction() as cur:
            cur.execute(f"INSERT INTO prechecks ({', '.join(_COLUMNS)}) "
                        f"VALUES ({', '.join('?' * len(values))})", values)
            for f in row.files:
                cur.execute("INSERT INTO precheck_files (precheck_id, position, name, sha256, "
                            "size) VALUES (?, ?, ?, ?, ?)",
                            (row.id, f.position, f.name, f.sha256, f.size))
            cur.execute("INSERT INTO checks (submission_id, kind, state, enqueued_at) "
                        "VALUES (?, ?, 'queued', ?)", (row.id, PRECHECK, time.time()))
        return row

    def get(self, pid: str) -> PrecheckRow | None:
        """A pre-check still kept (None once it expired, even before ``expire`` ran)."""
        row = load_precheck(self.register, pid)
        if row is None or row.expires_at <= self.clock():
            return None
        return row

    def expire(self, now: float | None = None) -> int:
        """Delete the pre-checks whose time ran out (their rows, queue rows, reports and the
        files nothing else uses); return how many. A check still held by a live worker is
        left until its worker is done or its lease runs out."""
        now = self.clock() if now is None else now
        with self.register.transaction() as cur:
            cur.execute("SELECT p.id, p.report_sha256 FROM prechecks p "
                        "LEFT JOIN checks c ON c.submission_id = p.id "
                        "WHERE p.expires_at <= ? AND (c.state IS NULL "
                        "OR c.state <> 'checking' OR c.lease_until < ?)", (now, now))
            found = cur.fetchall()
            ids = [str(r[0]) for r in found]
            if not ids:
                return 0
            blobs = {str(r[1]) for r in found if r[1]}
            for chunk in _chunks(ids):
                marks = ", ".join("?" * len(chunk))
                cur.execute(f"SELECT sha256 FROM precheck_files WHERE precheck_id IN ({marks})",
                            chunk)
                blobs.update(str(r[0]) for r in cur.fetchall())
                cur.execute(f"DELETE FROM precheck_files WHERE precheck_id IN ({marks})",
                            chunk)
                cur.execute(f"DELETE FROM checks WHERE kind = ? AND submission_id IN ({marks})",
                            [PRECHECK, *chunk])
                cur.execute(f"DELETE FROM prechecks WHERE id IN ({marks})", chunk)
            used = _still_used(cur, sorted(blobs))
        for sha in sorted(blobs - used):
            self.store.remove_unused(sha, BLOB_GRACE_SECONDS, now)
        return len(ids)


def _chunks(values: Sequence[str], size: int = 500) -> Iterable[list[str]]:
    for start in range(0, len(values), size):
        yield list(values[start:start + size])


def _still_used(cur: Any, blobs: Sequence[str]) -> set[str]:
    """The blobs among ``blobs`` a submission or a kept pre-check refers to (file or report)."""
    used: set[str] = set()
    queries = ("SELECT sha256 FROM submission_files WHERE sha256 IN ({})",
               "SELECT report_sha256 FROM submissions WHERE report_sha256 IN ({})",
               "SELECT sha256 FROM precheck_files WHERE sha256 IN ({})",
               "SELECT report_sha256 FROM prechecks WHERE report_sha256 IN ({})")
    for chunk in _chunks(blobs):
        for query in queries:
            cur.execute(query.format(", ".join("?" * len(chunk))), chunk)
            used.update(str(r[0]) for r in cur.fetchall())
    return used
