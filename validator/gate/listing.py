"""Every version of every item of a meeting, filtered: the apparatus's register listing.

The filters are the query parameters of the meeting page and of ``GET /api/v1/meetings/DATE``
(``body``, ``verdict``, ``late``; the meeting is the date in the path, and ``meeting`` on the
page's form moves to another date). The SQL of the listing is built in ``list_versions``
alone, so the register's query can be re-pointed in one place when meetings change shape.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from validator.gate.agenda import natural_key
from validator.gate.decisions import Decision, histories
from validator.gate.intake import IntakeError
from validator.gate.register import Register, SubmissionRow

#: Verdict filter values: the package verdicts, and ``pending`` for a check not yet done.
VERDICTS = ("accept", "accept-with-notes", "needs-review", "return-for-correction")
VERDICT_FILTERS = (*VERDICTS, "pending")
#: Lateness filter values: late (one working day or more), on time, not known.
LATE_FILTERS = ("late", "on-time", "unknown")
_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)*)[.)]?(?:\s+|$)")


@dataclass(frozen=True)
class Filters:
    """What the listing is restricted to (None: not restricted)."""

    meeting: str
    body: str | None = None
    verdict: str | None = None
    late: str | None = None

    def query(self) -> dict[str, str]:
        """The filters as query parameters (for links that keep them)."""
        out = {"body": self.body, "verdict": self.verdict, "late": self.late}
        return {k: v for k, v in out.items() if v}

    def as_dict(self) -> dict[str, str | None]:
        return {"meeting": self.meeting, "body": self.body, "verdict": self.verdict,
                "late": self.late}


@dataclass(frozen=True)
class Version:
    """One version of one item, with the item's version count and the latest decision."""

    row: SubmissionRow
    versions: int
    decision: Decision | None


def parse_filters(day: dt.date, params: Mapping[str, str]) -> Filters:
    """Filters from query parameters; an empty value is no filter; IntakeError (400) for a
    value that is not one of the filter's choices."""
    body = (params.get("body") or "").strip() or None
    verdict = (params.get("verdict") or "").strip() or None
    late = (params.get("late") or "").strip() or None
    if body is not None and (len(body) > 200 or not body.isprintable()):
        raise IntakeError(400, "apparatus.error.filter")
    if verdict is not None and verdict not in VERDICT_FILTERS:
        raise IntakeError(400, "apparatus.error.filter")
    if late is not None and late not in LATE_FILTERS:
        raise IntakeError(400, "apparatus.error.filter")
    return Filters(day.isoformat(), body, verdict, late)


def item_number(item: str) -> tuple[str, str]:
    """(number, title) of an item written "12. Title" (number "" when it has none)."""
    found = _NUMBER.match(item)
    if not found:
        return "", item.strip()
    return found[1], item[found.end():].strip()


def item_parts(row: SubmissionRow) -> tuple[str, str]:
    """(number, title) of the row's item: an agenda item's own number and title (read from
    the agenda with the row), a free item's as written "12. Title" (number "" without)."""
    if row.item_id is not None and row.item_number is not None:
        return row.item_number, row.item
    return item_number(row.item)


def item_label(row: SubmissionRow) -> str:
    """The item as the register names it (page, API, CSV, XLSX): an agenda item as
    "12. Title", like a free item, which is shown as it was written."""
    if row.item_id is None or row.item_number is None:
        return row.item
    number = row.item_number
    return f"{number} {row.item}" if number.endswith((".", ")")) else f"{number}. {row.item}"


def item_key(row: SubmissionRow) -> tuple[str, str]:
    """What tells a meeting's items apart: an agenda item's id (two items may share a
    title), a free item's text (its versions are counted per meeting date and text)."""
    return ("id", row.item_id) if row.item_id is not None else ("text", row.item)


def item_order(row: SubmissionRow) -> tuple[Any, ...]:
    """Items in agenda order: numbered ones by number (2 before 10, 2.1 before 2.10), then
    the rest by title; items with the same number and title stay apart, each in one place."""
    number, title = item_parts(row)
    if not number:
        return (1, (), title, item_key(row))
    return (0, natural_key(number), title, item_key(row))


def list_versions(register: Register, filters: Filters, scope: str | None) -> list[Version]:
    """Every version of the meeting's items that passes ``filters``, in agenda order, each
    with its latest decision; only ``scope``'s own when a body asks (None: the apparatus)."""
    clauses, params = ["s.meeting_date = ?"], [filters.meeting]
    if scope is not None:
        clauses.append("s.body = ?")
        params.append(scope)
    if filters.body is not None:
        clauses.append("s.body = ?")
        params.append(filters.body)
    if filters.verdict == "pending":
        clauses.append("c.state IN ('queued', 'checking')")
    elif filters.verdict is not None:
        clauses.append("s.verdict = ? AND (c.state IS NULL OR c.state IN ('done', 'failed'))")
        params.append(filters.verdict)
    if filters.late == "late":
        clauses.append("s.days_late > 0")
    elif filters.late == "on-time":
        clauses.append("s.days_late = 0")
    elif filters.late == "unknown":
        clauses.append("s.days_late IS NULL")
    rows = register._select(" AND ".join(clauses), params)
    counts = _version_counts(register, filters.meeting, scope)
    decided = histories(register, [r.id for r in rows])
    rows.sort(key=lambda r: (item_order(r), r.version))
    return [Version(r, counts.get(item_key(r), r.version),
                    decided[r.id][-1] if decided[r.id] else None) for r in rows]


def latest_versions(register: Register, meeting: str) -> list[Version]:
    """The latest version of each item of the meeting (the packages that go to the meeting)."""
    everything = list_versions(register, Filters(meeting), None)
    latest: dict[tuple[str, str], Version] = {}
    for v in everything:
        latest[item_key(v.row)] = v  # agenda order, versions ascending: the last one stays
    return list(latest.values())


def meeting_bodies(register: Register, meeting: str, scope: str | None) -> list[str]:
    """The bodies that submitted to the meeting (the body filter's choices)."""
    clauses, params = "meeting_date = ?", [meeting]
    if scope is not None:
        clauses += " AND body = ?"
        params.append(scope)
    with register.transaction(write=False) as cur:
        cur.execute(f"SELECT DISTINCT body FROM submissions WHERE {clauses} ORDER BY body",
                    params)
        return [str(r[0]) for r in cur.fetchall()]


def _version_counts(register: Register, meeting: str, scope: str | None
                    ) -> dict[tuple[str, str], int]:
    """The versions of each of the meeting's items, keyed as ``item_key`` keys them (an
    agenda submission keeps its item's id in ``item`` too, so both columns group it)."""
    clauses, params = "meeting_date = ?", [meeting]
    if scope is not None:
        clauses += " AND body = ?"
        params.append(scope)
    with register.transaction(write=False) as cur:
        cur.execute(f"SELECT item_id, item, MAX(version) FROM submissions WHERE {clauses} "
                    "GROUP BY item_id, item", params)
        return {(("id", str(i)) if i is not None else ("text", str(t))): int(n)
                for i, t, n in cur.fetchall()}
