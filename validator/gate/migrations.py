"""The register's schema as numbered migrations, applied in order and recorded.

Version 1 is the schema of the first gate (tokens, submissions, their files), written with
``IF NOT EXISTS`` so that a register made before migrations were recorded is taken as it is.
Version 2 adds the check queue (one row per submission: its state, attempts and lease) and
server-side sessions; submissions already in the register were checked when they arrived, so
each gets a ``done`` check row. Version 3 lets pre-checks share the queue (a ``kind`` per
check) and adds their tables. Version 4 adds the apparatus's decisions (a history per
submission version, kept apart from the toolkit's verdict). Version 5 keeps the signed
receipts and the public key they are signed with. Version 6 adds the agenda (bodies as
records, meetings with ids, agenda items and their responsible bodies; see
``agenda_schema``). The same SQL runs on SQLite and PostgreSQL; ``apply`` runs inside the
register's transaction (on PostgreSQL under an advisory lock, so two gate processes starting
together migrate once). A step is SQL text or a function of the cursor (for what portable
SQL cannot do, such as making random ids).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from validator.gate.agenda_schema import AGENDA

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

V3 = (
    # Pre-checks share the queue: ``checks`` gains ``kind`` ('submission' or 'precheck') and
    # loses its reference to ``submissions`` (a pre-check's id is in ``prechecks``). The
    # table is rebuilt (the same SQL on SQLite and PostgreSQL), its rows kept.
    """CREATE TABLE checks_v3 (
        submission_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL DEFAULT 'submission',
        state TEXT NOT NULL,
        enqueued_at DOUBLE PRECISION NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        crashes INTEGER NOT NULL DEFAULT 0,
        owner TEXT,
        lease_until DOUBLE PRECISION,
        finished_at DOUBLE PRECISION
    )""",
    """INSERT INTO checks_v3 (submission_id, kind, state, enqueued_at, attempts, crashes,
           owner, lease_until, finished_at)
       SELECT submission_id, 'submission', state, enqueued_at, attempts, crashes, owner,
           lease_until, finished_at FROM checks""",
    "DROP TABLE checks",
    "ALTER TABLE checks_v3 RENAME TO checks",
    "CREATE INDEX checks_queue ON checks (state, enqueued_at, submission_id)",
    # A check without submitting: kept for its body only until ``expires_at`` (Unix time),
    # then deleted with its files' rows (and blobs no submission uses).
    """CREATE TABLE prechecks (
        id TEXT PRIMARY KEY,
        body TEXT NOT NULL,
        meeting_date TEXT,
        extraordinary INTEGER NOT NULL DEFAULT 0,
        received_at TEXT NOT NULL,
        expires_at DOUBLE PRECISION NOT NULL,
        package_sha256 TEXT NOT NULL,
        verdict TEXT NOT NULL DEFAULT '',
        report_sha256 TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '{}'
    )""",
    "CREATE INDEX prechecks_expiry ON prechecks (expires_at)",
    """CREATE TABLE precheck_files (
        precheck_id TEXT NOT NULL REFERENCES prechecks(id),
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        PRIMARY KEY (precheck_id, position)
    )""",
    "CREATE INDEX precheck_files_sha ON precheck_files (sha256)",
    "CREATE INDEX IF NOT EXISTS submission_files_sha ON submission_files (sha256)",
)

V4 = (
    # The apparatus's decisions on submission versions, apart from the toolkit's verdict:
    # one row per decision, never updated; ``number`` counts a version's decisions from 1
    # (unique, so two decisions recorded at once cannot take the same place in the history).
    """CREATE TABLE decisions (
        submission_id TEXT NOT NULL REFERENCES submissions(id),
        number INTEGER NOT NULL,
        decision TEXT NOT NULL,
        reason TEXT NOT NULL,
        decided_by TEXT NOT NULL,
        decided_at TEXT NOT NULL,
        PRIMARY KEY (submission_id, number)
    )""",
)

V5 = (
    # Signed receipts as issued (the canonical JSON with its signature), one per submission;
    # receipts of submissions made before are signed when first read. And the public half of
    # the key this register's receipts are signed with (one row, pinned at first start).
    """CREATE TABLE receipts (
        submission_id TEXT PRIMARY KEY REFERENCES submissions(id),
        receipt TEXT NOT NULL
    )""",
    """CREATE TABLE receipt_key (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        public_key TEXT NOT NULL,
        created_at TEXT NOT NULL
    )""",
)

#: The agenda (its steps live beside the agenda's code).
V6 = AGENDA

#: Migration n (from 1) is ``MIGRATIONS[n - 1]``. Append; never edit a released one.
MIGRATIONS: tuple[tuple[Step, ...], ...] = (V1, V2, V3, V4, V5, V6)


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
