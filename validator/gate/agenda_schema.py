"""Migration 3 of the register: bodies as records, meetings and their agenda items.

- ``bodies`` (id, unique name): every body name already in ``tokens`` or ``submissions``
  becomes one record, and each token gets the ``body_id`` of its name, so a data folder made
  before this migration keeps working (its tokens sign in, its receipts are served).
- ``meetings`` (id, date, kind ``regular`` or ``extraordinary``): two meetings may share a
  date, so the date only selects.
- ``agenda_items`` (id, meeting, number, title) and ``item_bodies``, the bodies responsible for
  an item (co-responsible bodies share the item's versions).
- ``submissions`` gain ``item_id`` and ``meeting_id``. A submission to an agenda item keeps the
  item's id in its ``item`` column (the title is read from ``agenda_items``): the first
  schema's ``UNIQUE (meeting_date, item, version)`` then numbers versions per item id, so two
  items with the same title never share or collide in their numbers. A free item (apparatus
  only, a meeting without a published agenda) keeps its text there, as before.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any


def new_id(prefix: str) -> str:
    """A random record id: ``b-`` bodies, ``m-`` meetings, ``i-`` agenda items."""
    return f"{prefix}-{secrets.token_hex(6)}"


def _bodies_from_names(cur: Any) -> None:
    """One body record per body name already in the register; tokens point to theirs."""
    cur.execute("SELECT body FROM tokens UNION SELECT body FROM submissions")
    names = sorted({str(r[0]) for r in cur.fetchall()})
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    for name in names:
        cur.execute("INSERT INTO bodies (id, name, created_at) VALUES (?, ?, ?)",
                    (new_id("b"), name, now))
    cur.execute("UPDATE tokens SET body_id = "
                "(SELECT b.id FROM bodies b WHERE b.name = tokens.body)")


AGENDA = (
    """CREATE TABLE bodies (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
    )""",
    "ALTER TABLE tokens ADD COLUMN body_id TEXT REFERENCES bodies(id)",
    """CREATE TABLE meetings (
        id TEXT PRIMARY KEY,
        meeting_date TEXT NOT NULL,
        kind TEXT NOT NULL,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX meetings_date ON meetings (meeting_date)",
    """CREATE TABLE agenda_items (
        id TEXT PRIMARY KEY,
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        number TEXT NOT NULL,
        title TEXT NOT NULL,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id)",
    """CREATE TABLE item_bodies (
        item_id TEXT NOT NULL REFERENCES agenda_items(id),
        body_id TEXT NOT NULL REFERENCES bodies(id),
        PRIMARY KEY (item_id, body_id)
    )""",
    "CREATE INDEX item_bodies_body ON item_bodies (body_id)",
    "ALTER TABLE submissions ADD COLUMN item_id TEXT REFERENCES agenda_items(id)",
    "ALTER TABLE submissions ADD COLUMN meeting_id TEXT REFERENCES meetings(id)",
    "CREATE UNIQUE INDEX submissions_item_version ON submissions (item_id, version)",
    _bodies_from_names,
)
