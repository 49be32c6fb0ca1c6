"""Shared views of register rows: access checks, meeting tables, report rendering."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from validator.core.findings import Report
from validator.gate.auth import Principal
from validator.gate.listing import item_key, item_label, item_order
from validator.gate.register import Register, SubmissionRow
from validator.reports import REPORTERS, renderer

MEDIA_TYPES = {
    "json": "application/json",
    "text": "text/plain; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "sarif": "application/sarif+json",
    "junit": "application/xml",
    "markdown": "text/markdown; charset=utf-8",
}


def visible(principal: Principal, row: SubmissionRow | None) -> SubmissionRow | None:
    """The row if the principal may see it; None otherwise (callers answer 404 either way)."""
    if row is None:
        return None
    # Its body, and every body responsible for its agenda item (they share its versions).
    if not any(principal.may_see(b) for b in (row.body, *row.bodies)):
        return None
    return row


def scope_body(principal: Principal) -> str | None:
    """The body a principal's listings are restricted to (None: the apparatus sees all)."""
    return None if principal.apparatus else principal.body


@dataclass(frozen=True)
class ItemState:
    """One item of a meeting: how the register names it ("12. Title"), its latest version
    and how many there were."""

    item: str
    latest: SubmissionRow
    versions: int


def meeting_items(register: Register, principal: Principal, meeting: dt.date
                  ) -> list[ItemState]:
    """The meeting's items in agenda order, each with its latest version."""
    rows = register.submissions(scope_body(principal), meeting.isoformat())
    # An agenda item by its id (two items may share a title), a free item by its text.
    by_item: dict[tuple[str, str], list[SubmissionRow]] = {}
    for r in rows:
        by_item.setdefault(item_key(r), []).append(r)
    out = []
    for versions in by_item.values():
        versions.sort(key=lambda r: r.version)
        out.append(ItemState(item_label(versions[-1]), versions[-1], len(versions)))
    out.sort(key=lambda s: item_order(s.latest))
    return out


def item_dict(state: ItemState, lang: str) -> dict[str, Any]:
    row = state.latest
    return {
        "item": state.item,
        "item_id": row.item_id,
        "item_number": row.item_number,
        "meeting_id": row.meeting_id,
        "versions": state.versions,
        "latest": {
            "id": row.id, "version": row.version, "body": row.body,
            "received_at": row.received_at, "verdict": row.verdict or None,
            "check": row.check_state,
            "deadline": row.deadline, "working_days_late": row.days_late,
        },
        "missing": item_dict_missing(row, lang),
    }


def check_dict(row: SubmissionRow, status: Any) -> dict[str, Any]:
    """A submission's check as the API gives it: state, place in the queue, verdict.

    The state and verdict come from ``row``, read in one query, so a check that ends between
    reading the row and reading ``status`` is never shown "done" without its verdict;
    ``status`` adds only the place in the queue of a row still queued."""
    state = row.check_state
    queued = state == "queued" and status is not None and status.state == "queued"
    out: dict[str, Any] = {"state": state, "position": status.position if queued else 0}
    if row.checked:
        out["verdict"] = row.verdict
    return out


def formats() -> tuple[str, ...]:
    return tuple(REPORTERS)


def render_report(report: Report, fmt: str, lang: str) -> tuple[str, str]:
    """(body, media type) of ``report`` in ``fmt``; KeyError for an unknown format."""
    if fmt not in REPORTERS:
        raise KeyError(fmt)
    return renderer(fmt)(report, lang), MEDIA_TYPES.get(fmt, "text/plain; charset=utf-8")


def attachment(name: str) -> str:
    """A Content-Disposition value for a stored file: ASCII fallback plus RFC 5987 UTF-8."""
    from urllib.parse import quote

    fallback = "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "_" for c in name)
    return f"attachment; filename=\"{fallback or 'file'}\"; filename*=UTF-8''{quote(name)}"


def item_dict_missing(row: Any, lang: str) -> list[dict[str, str]]:
    """What an item's latest version lacks, in ``lang``: code, message and, for a finding
    about one file, that file (checks stored before files were kept here have none)."""
    return [{"code": m["code"], "message": m.get(lang, m.get("en", "")),
             **({"file": m["file"]} if m.get("file") else {})}
            for m in row.notes_data.get("missing", [])]
