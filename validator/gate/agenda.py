"""The agenda in the register: bodies, meetings and their items, and who may see which item.

A body is a record with an id and a unique name; a token belongs to one. The apparatus creates
meetings (a date and a kind, regular or extraordinary) and their items (number, title, the
responsible bodies). A body sees only the items it is responsible for; asked for another
body's item, it is told the item does not exist (the caller answers 404), so nobody learns
another body's item exists. Refusals are ``IntakeError`` with a key of the gate's catalogue.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from validator.gate.agenda_schema import new_id
from validator.gate.intake import (
    IntakeError,
    Target,
    check_body,
    check_item,
    check_text,
    parse_meeting_date,
)
from validator.gate.register import RESPONSIBLE, Register

KINDS = ("regular", "extraordinary")
MAX_NUMBER_CHARS = 20


@dataclass(frozen=True)
class Body:
    id: str
    name: str
    created_at: str

    def as_dict(self) -> dict[str, str]:
        return {"id": self.id, "name": self.name}


@dataclass(frozen=True)
class Meeting:
    id: str
    date: str
    kind: str
    created_at: str
    #: Agenda items (those the asking body is responsible for, for a body).
    items: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "date": self.date, "kind": self.kind,
                "created_at": self.created_at, "items": self.items}


@dataclass(frozen=True)
class AgendaItem:
    id: str
    meeting_id: str
    meeting_date: str
    kind: str
    number: str
    title: str
    bodies: tuple[Body, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "meeting_id": self.meeting_id, "meeting_date": self.meeting_date,
                "kind": self.kind, "number": self.number, "title": self.title,
                "bodies": [b.as_dict() for b in self.bodies]}

    @property
    def label(self) -> str:
        """How a person picks it: meeting date – number – title."""
        return f"{self.meeting_date} – {self.number} – {self.title}"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


# bodies

def add_body(register: Register, name: str) -> Body:
    """Register a body; 409 when the name is taken."""
    name = check_body(name)
    body = Body(new_id("b"), name, _now())
    with register.transaction() as cur:
        cur.execute("SELECT id FROM bodies WHERE name = ?", (name,))
        if cur.fetchone() is not None:
            raise IntakeError(409, "agenda.error.body_exists", name=name)
        cur.execute("INSERT INTO bodies (id, name, created_at) VALUES (?, ?, ?)",
                    (body.id, body.name, body.created_at))
    return body


def bodies(register: Register) -> list[Body]:
    with register.transaction(write=False) as cur:
        cur.execute("SELECT id, name, created_at FROM bodies ORDER BY name")
        return [Body(*r) for r in cur.fetchall()]


def find_body(register: Register, key: str) -> Body | None:
    """The body with id ``key``, else the one named ``key``."""
    key = key.strip()
    with register.transaction(write=False) as cur:
        cur.execute("SELECT id, name, created_at FROM bodies WHERE id = ?", (key,))
        found = cur.fetchone()
        if found is None:
            cur.execute("SELECT id, name, created_at FROM bodies WHERE name = ?", (key,))
            found = cur.fetchone()
    return Body(*found) if found else None


# meetings

def add_meeting(register: Register, day: dt.date, kind: str) -> Meeting:
    if kind not in KINDS:
        raise IntakeError(400, "agenda.error.kind")
    meeting = Meeting(new_id("m"), day.isoformat(), kind, _now())
    with register.transaction() as cur:
        cur.execute("INSERT INTO meetings (id, meeting_date, kind, created_at) "
                    "VALUES (?, ?, ?, ?)",
                    (meeting.id, meeting.date, meeting.kind, meeting.created_at))
    return meeting


def meetings(register: Register, body: str | None = None, day: str | None = None
             ) -> list[Meeting]:
    """Meetings, latest first, with their item counts; for a body (by name) only those with
    items it is responsible for, counting those items only."""
    where, params = ["1 = 1"], []
    join = "LEFT JOIN agenda_items ai ON ai.meeting_id = m.id"
    if body is not None:
        join = ("JOIN agenda_items ai ON ai.meeting_id = m.id "
                "JOIN item_bodies ib ON ib.item_id = ai.id "
                "JOIN bodies b ON b.id = ib.body_id AND b.name = ?")
        params.append(body)
    if day is not None:
        where.append("m.meeting_date = ?")
        params.append(day)
    with register.transaction(write=False) as cur:
        cur.execute("SELECT m.id, m.meeting_date, m.kind, m.created_at, COUNT(ai.id) "
                    f"FROM meetings m {join} WHERE {' AND '.join(where)} "
                    "GROUP BY m.id, m.meeting_date, m.kind, m.created_at "
                    "ORDER BY m.meeting_date DESC, m.created_at, m.id", params)
        return [Meeting(str(a), str(b), str(c), str(d), int(n))
                for a, b, c, d, n in cur.fetchall()]


def meeting_on(register: Register, day: dt.date, meeting_id: str | None) -> Meeting:
    """The meeting a date (and an optional id) selects: 404 when there is none, 409 when the
    date has several and no id was given."""
    found = meetings(register, day=day.isoformat())
    if meeting_id:
        found = [m for m in found if m.id == meeting_id]
    if not found:
        raise IntakeError(404, "agenda.error.no_meeting", date=day.isoformat())
    if len(found) > 1:
        raise IntakeError(409, "agenda.error.several_meetings", date=day.isoformat(),
                          ids=", ".join(m.id for m in found))
    return found[0]


# items

def check_number(number: str) -> str:
    checked = check_text(number, MAX_NUMBER_CHARS)
    if checked is None:
        raise IntakeError(400, "agenda.error.number", limit=MAX_NUMBER_CHARS)
    return checked


def add_item(register: Register, meeting: Meeting, number: str, title: str,
             body_keys: Sequence[Any]) -> AgendaItem:
    """Add an item to ``meeting``; every body (an id or a name) must be registered."""
    number = check_number(number)
    clean_title = check_text(title, 200)
    if clean_title is None:
        raise IntakeError(400, "agenda.error.title")
    if not body_keys or not all(isinstance(k, str) for k in body_keys):
        raise IntakeError(400, "agenda.error.no_bodies")
    responsible: dict[str, Body] = {}
    for key in body_keys:
        body = find_body(register, key)
        if body is None:
            raise IntakeError(400, "agenda.error.unknown_body", name=key.strip())
        responsible[body.id] = body
    item = AgendaItem(new_id("i"), meeting.id, meeting.date, meeting.kind, number,
                      clean_title, tuple(sorted(responsible.values(), key=lambda b: b.name)))
    with register.transaction() as cur:
        cur.execute("SELECT id FROM agenda_items WHERE meeting_id = ? AND number = ?",
                    (meeting.id, number))
        if cur.fetchone() is not None:
            raise IntakeError(409, "agenda.error.item_exists", number=number)
        cur.execute("INSERT INTO agenda_items (id, meeting_id, number, title, created_at) "
                    "VALUES (?, ?, ?, ?, ?)", (item.id, meeting.id, number, clean_title, _now()))
        for body_id in responsible:
            cur.execute("INSERT INTO item_bodies (item_id, body_id) VALUES (?, ?)",
                        (item.id, body_id))
    return item


def items(register: Register, body: str | None = None, day: str | None = None,
          meeting_id: str | None = None, item_id: str | None = None) -> list[AgendaItem]:
    """Agenda items in meeting order (date, meeting, number); for a body (by name) only
    those it is responsible for."""
    where, params = ["1 = 1"], []
    if body is not None:
        where.append("ai.id IN (SELECT ib.item_id FROM item_bodies ib JOIN bodies b "
                     "ON b.id = ib.body_id WHERE b.name = ?)")
        params.append(body)
    for column, value in (("m.meeting_date", day), ("m.id", meeting_id), ("ai.id", item_id)):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    with register.transaction(write=False) as cur:
        cur.execute("SELECT ai.id, m.id, m.meeting_date, m.kind, ai.number, ai.title "
                    "FROM agenda_items ai JOIN meetings m ON m.id = ai.meeting_id "
                    f"WHERE {' AND '.join(where)} "
                    "ORDER BY m.meeting_date DESC, m.created_at, m.id, ai.number, ai.id",
                    params)
        rows = cur.fetchall()
        responsible: dict[str, list[Body]] = {}
        ids = [str(r[0]) for r in rows]
        for start in range(0, len(ids), 500):
            part = ids[start:start + 500]
            cur.execute("SELECT ib.item_id, b.id, b.name, b.created_at FROM item_bodies ib "
                        "JOIN bodies b ON b.id = ib.body_id WHERE ib.item_id IN "
                        f"({', '.join('?' * len(part))}) ORDER BY b.name", part)
            for item, *rest in cur.fetchall():
                responsible.setdefault(str(item), []).append(Body(*rest))
    # Within a meeting, items in number order read as people read them: 2 before 10.
    meeting_order: dict[str, int] = {}
    for r in rows:
        meeting_order.setdefault(str(r[1]), len(meeting_order))
    rows.sort(key=lambda r: (meeting_order[str(r[1])], natural_key(str(r[4])), str(r[0])))
    return [AgendaItem(str(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), str(r[5]),
                       tuple(responsible.get(str(r[0]), ()))) for r in rows]


def natural_key(number: str) -> tuple[tuple[int, int, str], ...]:
    """A sort key for item numbers: digit runs by value ("2" < "10", "2.1" < "2.10"), as
    people read an agenda (the agenda's lists and the meeting's register use it)."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part)
                 for part in re.findall(r"\d+|\D+", number))


def visible_item(register: Register, item_id: str, body: str | None) -> AgendaItem | None:
    """The item if the body (None: the apparatus) may see it; None otherwise."""
    found = items(register, body, item_id=item_id.strip())
    return found[0] if found else None


def _target(register: Register, item_id: str, body: str | None
            ) -> tuple[dt.date, str, Target] | None:
    """(meeting date, item title, target) of the item if the body (None: the apparatus) may
    see it, in one statement (every receipt asks it)."""
    sql = ("SELECT ai.id, m.id, m.meeting_date, m.kind, ai.title FROM agenda_items ai "
           "JOIN meetings m ON m.id = ai.meeting_id WHERE ai.id = ?")
    params = [item_id]
    if body is not None:
        sql += f" AND ai.id IN ({RESPONSIBLE})"
        params.append(body)
    found = register.query(sql, params)
    if not found:
        return None
    item, meeting, day, kind, title = (str(v) for v in found[0])
    return dt.date.fromisoformat(day), title, Target(item, meeting, kind)


def resolve_target(register: Register, apparatus: bool, body: str, fields: dict[str, str]
                   ) -> tuple[dt.date, str, Target | None]:
    """(meeting date, item title, target) of a submission's form fields.

    ``item_id`` names an agenda item the caller may see (404 otherwise, as for a missing
    one). Without it, ``meeting_date`` and a free ``item`` are accepted from the apparatus
    only (a meeting without a published agenda); a body is told to choose an agenda item."""
    item_id = fields.get("item_id", "").strip()
    if item_id:
        found = _target(register, item_id, None if apparatus else body)
        if found is None:
            raise IntakeError(404, "error.not_found")
        return found
    if not apparatus:
        raise IntakeError(400, "agenda.error.choose_item")
    return parse_meeting_date(fields.get("meeting_date", "")), \
        check_item(fields.get("item", "")), None
