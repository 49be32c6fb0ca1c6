"""The submission register: tokens, submissions and their files, on SQLite or PostgreSQL.

The same SQL runs on both: the embedded default is ``register.sqlite3`` in the data folder;
``postgresql://...`` URLs use psycopg 3, so several gate processes can share one register.
Dates and times are stored as ISO text (arrival times always carry +05:00, so text order is
time order). A submission row and its file rows are written in one transaction, after the
files are durable in the store; versions of an item are numbered under a unique constraint,
so two concurrent resubmissions cannot get the same number.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from validator.gate import migrations
from validator.gate.database import SQLITE_SCHEME, Cursor, Database, Read, sqlite_url
from validator.gate.rows import FileRow, SubmissionRow, TokenRow

__all__ = ["FileRow", "Register", "SubmissionRow", "TokenRow"]

_SUBMISSION_COLUMNS = (
    "id", "body", "meeting_date", "item", "version", "received_at", "package_sha256",
    "verdict", "deadline", "days_late", "lateness_unit", "tool_version", "profile_id",
    "profile_version", "report_sha256", "notes", "item_id", "meeting_id",
)
#: How a selected column is read: an agenda item's title is in ``agenda_items`` (its
#: submissions keep the item's id in ``item``, see ``agenda_schema``).
_READ = {"item": "COALESCE(ai.title, s.item)"}
#: The agenda items a body (by name) is responsible for.
RESPONSIBLE = ("SELECT ib.item_id FROM item_bodies ib JOIN bodies b ON b.id = ib.body_id "
               "WHERE b.name = ?")


#: What the inserting transaction also does for a new submission (cursor, numbered row).
Then = Callable[[Any, SubmissionRow], object]


class DuplicateVersion(Exception):
    """Another process took the same version number first; the caller retries."""


class Register(Database):
    """The register's records: tokens, submissions and their files, versions of an item."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self._waiting: list[_Pending] = []
        self._waiting_lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        state = super().__getstate__()
        state["_waiting"] = []
        state.pop("_waiting_lock", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        super().__setstate__(state)
        self._waiting_lock = threading.Lock()

    @classmethod
    def in_folder(cls, data: Path) -> Register:
        return cls(sqlite_url(data))

    def create(self) -> int:
        """Create or migrate the tables (idempotent); return the schema version."""
        if not self.postgres:
            path = self.url.removeprefix(SQLITE_SCHEME)
            conn = sqlite3.connect(path, timeout=60)
            try:
                conn.execute("PRAGMA journal_mode = WAL")
            finally:
                conn.close()
        with self._transaction() as cur:
            if self.postgres:
                cur.execute("SELECT pg_advisory_xact_lock(7262015)")
            return migrations.apply(cur)

    # tokens

    def add_token(self, row: TokenRow) -> None:
        with self._transaction() as cur:
            cur.execute("INSERT INTO tokens (token_id, token_hash, body, role, created_at, "
                        "body_id) VALUES (?, ?, ?, ?, ?, ?)",
                        (row.token_id, row.token_hash, row.body, row.role, row.created_at,
                         row.body_id))

    def token_read(self, token_id: str) -> Read[TokenRow | None]:
        """The token ``token_id``'s row, as a ``Read`` to go with a request's other reads in
        one trip (``auth.token_read``)."""
        return Read((("SELECT token_id, token_hash, body, role, created_at, body_id "
                      "FROM tokens WHERE token_id = ?", (token_id,)),),
                    lambda rows: TokenRow(*rows[0][0]) if rows[0] else None)

    def tokens(self) -> list[TokenRow]:
        with self._transaction(write=False) as cur:
            cur.execute("SELECT token_id, token_hash, body, role, created_at, body_id FROM tokens "
                        "ORDER BY created_at, token_id")
            return [TokenRow(*r) for r in cur.fetchall()]

    def revoke_token(self, token_id: str) -> bool:
        """Delete a token and its sessions at once; False when there was no such token."""
        with self._transaction() as cur:
            cur.execute("DELETE FROM sessions WHERE token_id = ?", (token_id,))
            cur.execute("DELETE FROM tokens WHERE token_id = ?", (token_id,))
            return bool(cur.rowcount)

    # submissions

    def insert_submission(self, row: SubmissionRow, queued_at: float | None = None,
                          then: Then | None = None) -> SubmissionRow:
        """Insert ``row`` as the next version of its item, with its files; return it.

        With ``queued_at`` (a Unix time) its check is put in the queue in the same
        transaction, so a registered submission is never without its check; ``then`` is
        called with the cursor and the numbered row in that transaction too (its receipt).
        """
        if not self.postgres:
            grouped = self._insert_grouped(row, queued_at, then)
            if grouped is not None:
                return grouped
        for _ in range(50):
            try:
                return self._insert_once(row, queued_at, then)
            except DuplicateVersion:
                continue
        raise RuntimeError("could not number the new version: too much contention")

    def _insert_grouped(self, row: SubmissionRow, queued_at: float | None,
                        then: Then | None = None) -> SubmissionRow | None:
        """SQLite group commit: the submissions that wait for the writer while another is
        written are inserted by the next writer in one transaction (one fsync for all).
        None when that transaction failed: the caller inserts its row alone."""
        mine = _Pending(row, queued_at, then)
        with self._waiting_lock:
            self._waiting.append(mine)
        with self._writer:
            if mine.result is None and not mine.failed:
                with self._waiting_lock:
                    batch, self._waiting = self._waiting, []
                try:
                    with self._lite(True) as cur:
                        done = [self._insert_rows(cur, p.row, p.queued_at, p.then)
                                for p in batch]
                except Exception:
                    for p in batch:
                        p.failed = True
                else:
                    for p, result in zip(batch, done, strict=True):
                        p.result = result
        return mine.result

    def _insert_once(self, row: SubmissionRow, queued_at: float | None,
                     then: Then | None = None) -> SubmissionRow:
        try:
            # pipelined: the inserts travel with the next read (the receipt's place in the
            # queue), three round trips to PostgreSQL in all rather than one a statement
            with self._transaction(pipeline=True) as cur:
                return self._insert_rows(cur, row, queued_at, then)
        except Exception as exc:
            if _is_unique_violation(exc):
                raise DuplicateVersion from exc
            raise

    def _insert_rows(self, cur: Cursor, row: SubmissionRow, queued_at: float | None,
                     then: Then | None = None) -> SubmissionRow:
        if row.item_id is not None:  # versions count per agenda item
            cur.execute("SELECT COALESCE(MAX(version), 0) FROM submissions "
                        "WHERE item_id = ?", (row.item_id,))
        else:
            cur.execute("SELECT COALESCE(MAX(version), 0) FROM submissions "
                        "WHERE meeting_date = ? AND item = ? AND item_id IS NULL",
                        (row.meeting_date, row.item))
        version = int(cur.fetchone()[0]) + 1
        values = [getattr(row, c) for c in _SUBMISSION_COLUMNS]
        values[_SUBMISSION_COLUMNS.index("version")] = version
        if row.item_id is not None:
            values[_SUBMISSION_COLUMNS.index("item")] = row.item_id
        cur.execute(f"INSERT INTO submissions ({', '.join(_SUBMISSION_COLUMNS)}) "
                    f"VALUES ({', '.join('?' * len(values))})", values)
        if row.files:  # one statement for all: on PostgreSQL one round trip, not one a file
            cur.execute("INSERT INTO submission_files "
                        "(submission_id, position, name, sha256, size) VALUES "
                        + ", ".join(["(?, ?, ?, ?, ?)"] * len(row.files)),
                        [v for f in row.files
                         for v in (row.id, f.position, f.name, f.sha256, f.size)])
        if queued_at is not None:
            cur.execute("INSERT INTO checks (submission_id, state, enqueued_at) "
                        "VALUES (?, 'queued', ?)", (row.id, queued_at))
        numbered = replace(row, version=version)
        if then is not None:
            then(cur, numbered)
        return numbered

    def _files(self, cur: Cursor, ids: Sequence[str]) -> dict[str, list[FileRow]]:
        out: dict[str, list[FileRow]] = {i: [] for i in ids}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start:start + 500])
            cur.execute("SELECT submission_id, position, name, sha256, size "
                        "FROM submission_files WHERE submission_id IN "
                        f"({', '.join('?' * len(chunk))}) ORDER BY submission_id, position",
                        chunk)
            for sid, *rest in cur.fetchall():
                out[sid].append(FileRow(*rest))
        return out

    def _select(self, where: str, params: Sequence[Any], order: str = "") -> list[SubmissionRow]:
        with self._transaction(write=False) as cur:
            cur.execute(f"{_SELECT} WHERE {where} {order}", params)
            rows = cur.fetchall()
            files = self._files(cur, [r[0] for r in rows])
            bodies = _responsible(cur, {str(r[_ITEM_ID]) for r in rows if r[_ITEM_ID]})
        return _submission_rows(rows, files, bodies)

    def submission(self, submission_id: str) -> SubmissionRow | None:
        found: SubmissionRow | None = self.read(self.submission_read(submission_id))[0]
        return found

    def submission_read(self, submission_id: str) -> Read[SubmissionRow | None]:
        """``submission`` as a ``Read``: three statements read on their own, each keyed by the
        id (a submission's row and its files are written in one transaction and never change
        after; the bodies responsible for its item are read as they stand)."""
        def decode(found: list[list[Any]]) -> SubmissionRow | None:
            rows, files, bodies = found
            made = _submission_rows(rows, {submission_id: [FileRow(*f) for f in files]},
                                    _by_item(bodies))
            return made[0] if made else None

        key = (submission_id,)
        return Read((
            (f"{_SELECT} WHERE s.id = ?", key),
            ("SELECT position, name, sha256, size FROM submission_files "
             "WHERE submission_id = ? ORDER BY position", key),
            (f"{_BODIES} WHERE ib.item_id = (SELECT item_id FROM submissions WHERE id = ?) "
             "ORDER BY b.name", key)), decode)

    def submissions(self, body: str | None = None, meeting_date: str | None = None,
                    limit: int | None = None) -> list[SubmissionRow]:
        """Submissions, newest first; restricted to ``body`` and/or one meeting."""
        clauses, params = ["1 = 1"], []
        if body is not None:  # its own, and every version of the items it is responsible for
            clauses.append(f"(s.body = ? OR s.item_id IN ({RESPONSIBLE}))")
            params.extend([body, body])
        if meeting_date is not None:
            clauses.append("s.meeting_date = ?")
            params.append(meeting_date)
        order = "ORDER BY s.received_at DESC, s.version DESC"
        if limit is not None:
            order += f" LIMIT {int(limit)}"
        return self._select(" AND ".join(clauses), params, order)

    def meetings(self, body: str | None = None) -> list[tuple[str, int, int]]:
        """(meeting date, items, submissions) per meeting, latest meeting first."""
        where, params = ((f"WHERE body = ? OR item_id IN ({RESPONSIBLE})", [body, body])
                         if body is not None else ("", []))
        with self._transaction(write=False) as cur:
            cur.execute(f"SELECT meeting_date, COUNT(DISTINCT item), COUNT(*) FROM submissions "
                        f"{where} GROUP BY meeting_date ORDER BY meeting_date DESC", params)
            return [(str(a), int(b), int(c)) for a, b, c in cur.fetchall()]

    def report_addresses(self) -> set[str]:
        """The store addresses of every submission's report."""
        with self._transaction() as cur:
            cur.execute("SELECT DISTINCT report_sha256 FROM submissions "
                        "WHERE report_sha256 <> ''")
            return {str(r[0]) for r in cur.fetchall()}

    def replace_report(self, old: str, new: str) -> int:
        """Point every submission whose report is at ``old`` to ``new`` (the same report in
        another form); return how many rows changed. Nothing else of a row changes."""
        with self._transaction() as cur:
            cur.execute("UPDATE submissions SET report_sha256 = ? WHERE report_sha256 = ?",
                        (new, old))
            return int(cur.rowcount)

    def all_file_addresses(self) -> set[str]:
        with self._transaction() as cur:
            cur.execute("SELECT sha256 FROM submission_files")
            out = {str(r[0]) for r in cur.fetchall()}
            cur.execute("SELECT report_sha256 FROM submissions WHERE report_sha256 <> ''")
            out.update(str(r[0]) for r in cur.fetchall())
        return out


_ITEM_ID = _SUBMISSION_COLUMNS.index("item_id")
#: A submission's columns, its check's state, its meeting's kind and its agenda item's
#: number (``WHERE`` follows).
_SELECT = (f"SELECT {', '.join(_READ.get(c, f's.{c}') for c in _SUBMISSION_COLUMNS)}, "
           "c.state, m.kind, ai.number FROM submissions s "
           "LEFT JOIN checks c ON c.submission_id = s.id "
           "LEFT JOIN agenda_items ai ON ai.id = s.item_id "
           "LEFT JOIN meetings m ON m.id = s.meeting_id")
#: Each responsible body's item and name (``WHERE`` and ``ORDER BY`` follow).
_BODIES = "SELECT ib.item_id, b.name FROM item_bodies ib JOIN bodies b ON b.id = ib.body_id"


def _responsible(cur: Cursor, items: set[str]) -> dict[str, tuple[str, ...]]:
    """The names of the bodies responsible for each of ``items``."""
    found: list[Any] = []
    chunk = sorted(items)
    for start in range(0, len(chunk), 500):
        part = chunk[start:start + 500]
        cur.execute(f"{_BODIES} WHERE ib.item_id IN ({', '.join('?' * len(part))}) "
                    "ORDER BY b.name", part)
        found.extend(cur.fetchall())
    return _by_item(found)


def _by_item(rows: Sequence[Any]) -> dict[str, tuple[str, ...]]:
    """Rows of ``_BODIES`` (item, body name; in name order) as each item's body names."""
    out: dict[str, list[str]] = {}
    for item, name in rows:
        out.setdefault(str(item), []).append(str(name))
    return {k: tuple(v) for k, v in out.items()}


def _submission_rows(rows: Sequence[Any], files: dict[str, list[FileRow]],
                     bodies: dict[str, tuple[str, ...]]) -> list[SubmissionRow]:
    """Rows of ``_SELECT`` as submissions, with their files and responsible bodies."""
    return [SubmissionRow(**dict(zip(_SUBMISSION_COLUMNS, r[:-3], strict=True)),
                          files=tuple(files.get(r[0], ())), check_state=r[-3] or "done",
                          meeting_kind=r[-2] or "regular",
                          bodies=bodies.get(r[_ITEM_ID], ()),
                          item_number=None if r[-1] is None else str(r[-1]))
            for r in rows]


@dataclass
class _Pending:
    """A submission waiting for the SQLite writer, and what became of it."""

    row: SubmissionRow
    queued_at: float | None
    then: Then | None = None
    result: SubmissionRow | None = None
    failed: bool = False


def _is_unique_violation(exc: Exception) -> bool:
    if isinstance(exc, sqlite3.IntegrityError):
        return "UNIQUE" in str(exc)
    return type(exc).__name__ == "UniqueViolation"
