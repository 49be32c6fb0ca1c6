"""The register's schema as numbered migrations, applied in order and recorded.

Version 1 is the schema of the first gate (tokens, submissions, their files), written with
``IF NOT EXISTS`` so that a register made before migrations were recorded is taken as it is.
Version 2 adds the check queue (one row per submission: its state, attempts and lease) and
server-side sessions; submissions already in the register were checked when they arrived, so
each gets a ``done`` check row. The same SQL runs on SQLite and PostgreSQL; ``apply`` runs
inside the register's transaction (on PostgreSQL under an advisory lock, so two gate
processes starting together migrate once). A step is SQL text or a function of the cursor
(for what portable SQL cannot do, such as making random ids).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from validator.gate.agenda_schema import V3

Step = str | Callable[[Any], None]

V1 = (
    """CREATE TABLE IF NOT EXISTS tokens (
        token_id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL,
        body TEXT NOT NULL,
        role TEXT NOT NULL,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS submissions (
        id TEXT PRIMARY KEY,
        body TEXT NOT NULL,
        meeting_date TEXT NOT NULL,
        item TEXT NOT NULL,
        version INTEGER NOT NULL,
        received_at TEXT NOT NULL,
        package_sha256 TEXT NOT NULL,
        verdict TEXT NOT NULL,
        deadline TEXT,
        days_late INTEGER,
        lateness_unit TEXT,
        tool_version TEXT NOT NULL,
        profile_id TEXT NOT NULL,
        profile_version TEXT NOT NULL,
        report_sha256 TEXT NOT NULL,
        notes TEXT NOT NULL,
        UNIQUE (meeting_date, item, version)
    )""",
    """CREATE TABLE IF NOT EXISTS submission_files (
        submission_id TEXT NOT NULL REFERENCES submissions(id),
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        PRIMARY KEY (submission_id, position)
    )""",
    "CREATE INDEX IF NOT EXISTS submissions_meeting ON submissions (meeting_date, item)",
)

V2 = (
    # The check of a submission, and the queue of checks: ``queued`` -> ``checking`` (held by
    # ``owner`` until ``lease_until``, a Unix time) -> ``done`` or ``failed``. ``attempts``
    # counts the times it was taken, ``crashes`` the checking processes that died under it.
    """CREATE TABLE checks (
        submission_id TEXT PRIMARY KEY REFERENCES submissions(id),
        state TEXT NOT NULL,
        enqueued_at DOUBLE PRECISION NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        crashes INTEGER NOT NULL DEFAULT 0,
        owner TEXT,
        lease_until DOUBLE PRECISION,
        finished_at DOUBLE PRECISION
    )""",
    "CREATE INDEX checks_queue ON checks (state, enqueued_at, submission_id)",
    """INSERT INTO checks (submission_id, state, enqueued_at, attempts, finished_at)
       SELECT id, 'done', 0, 1, 0 FROM submissions""",
    """CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        token_id TEXT NOT NULL,
        csrf TEXT NOT NULL,
        created_at DOUBLE PRECISION NOT NULL,
        expires_at DOUBLE PRECISION NOT NULL
    )""",
    "CREATE INDEX sessions_token ON sessions (token_id)",
)

#: Migration n (from 1) is ``MIGRATIONS[n - 1]``. Append; never edit a released one.
MIGRATIONS: tuple[tuple[Step, ...], ...] = (V1, V2, V3)


def apply(cur: Any) -> int:
    """Bring the schema up to date through ``cur``; return the version reached."""
    cur.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    cur.execute("SELECT MAX(version) FROM schema_version")
    found = cur.fetchone()
    current = int(found[0]) if found and found[0] is not None else 0
    for number, statements in enumerate(MIGRATIONS, start=1):
        if number <= current:
            continue
        for statement in statements:
            if callable(statement):
                statement(cur)
            else:
                cur.execute(statement)
        cur.execute("INSERT INTO schema_version (version) VALUES (?)", (number,))
        current = number
    return current
