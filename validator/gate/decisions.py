"""The apparatus's decisions on submission versions: accepted, or returned with a reason.

A decision is a record of its own, beside the receipt (delivery) and the check (the toolkit's
verdict), and never replaces either. Every decision is a new row of the ``decisions`` table
(migration 3): the register keeps the whole history of a version and never overwrites it;
the latest one is the version's current decision. Who decided is the apparatus token's body,
when is the register's clock in Kazakhstan time.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from validator.gate.database import Read
from validator.gate.intake import ALMATY, IntakeError
from validator.gate.register import Register

#: The decisions the apparatus can record.
DECISIONS = ("accepted", "returned")
MAX_REASON_CHARS = 2000
#: Line breaks and tabs are the only control characters a reason may hold.
_ALLOWED_CONTROLS = {"\n", "\t"}


@dataclass(frozen=True)
class Decision:
    """One decision on one submission version, as the register keeps it."""

    submission_id: str
    number: int
    decision: str
    reason: str
    decided_by: str
    decided_at: str

    def as_dict(self) -> dict[str, Any]:
        return {"number": self.number, "decision": self.decision, "reason": self.reason,
                "decided_by": self.decided_by, "decided_at": self.decided_at}


def check_decision(decision: Any, reason: Any) -> tuple[str, str]:
    """The decision and its reason as given, or IntakeError (400) naming what is wrong.

    A reason is required for ``returned`` (the body must know what to correct); it is
    normalised (NFC, trimmed, line breaks as ``\\n``) and may not hold control or
    direction-changing characters, which would make it read differently than it is kept.
    """
    if decision not in DECISIONS:
        raise IntakeError(400, "apparatus.error.decision")
    if reason is None:
        reason = ""
    if not isinstance(reason, str):
        raise IntakeError(400, "apparatus.error.reason_text", limit=MAX_REASON_CHARS)
    reason = unicodedata.normalize("NFC", reason.replace("\r\n", "\n")).strip()
    bad = any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")
              and c not in _ALLOWED_CONTROLS for c in reason)
    if bad or len(reason) > MAX_REASON_CHARS:
        raise IntakeError(400, "apparatus.error.reason_text", limit=MAX_REASON_CHARS)
    if decision == "returned" and not reason:
        raise IntakeError(400, "apparatus.error.reason_required")
    return str(decision), reason


def record(register: Register, submission_id: str, decision: str, reason: str,
           decided_by: str, now: dt.datetime | None = None) -> Decision:
    """Append a decision (already checked) to the version's history; return it.

    The number is the next of the version's history, taken under the table's unique key:
    two decisions recorded at once on PostgreSQL make one of them retry, never overwrite.
    """
    when = (now or dt.datetime.now(ALMATY)).astimezone(ALMATY).replace(microsecond=0)
    for _ in range(50):
        try:
            with register.transaction() as cur:
                cur.execute("SELECT COALESCE(MAX(number), 0) FROM decisions "
                            "WHERE submission_id = ?", (submission_id,))
                number = int(cur.fetchone()[0]) + 1
                row = Decision(submission_id, number, decision, reason, decided_by,
                               when.isoformat())
                cur.execute("INSERT INTO decisions (submission_id, number, decision, reason, "
                            "decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?)",
                            (row.submission_id, row.number, row.decision, row.reason,
                             row.decided_by, row.decided_at))
                return row
        except Exception as exc:
            if _unique_violation(exc):
                continue
            raise
    raise RuntimeError("could not number the decision: too much contention")


def histories(register: Register, ids: Sequence[str]) -> dict[str, list[Decision]]:
    """Every decision of each submission in ``ids``, oldest first (empty lists included)."""
    out: dict[str, list[Decision]] = {i: [] for i in ids}
    for start in range(0, len(ids), 500):  # one statement per submission's whole history
        chunk = list(ids[start:start + 500])
        found = register.query(f"{_HISTORY} WHERE submission_id IN "
                               f"({', '.join('?' * len(chunk))}) "
                               "ORDER BY submission_id, number", chunk)
        for r in found:
            out[str(r[0])].append(_decision(r))
    return out


def history(register: Register, submission_id: str) -> list[Decision]:
    found: list[Decision] = register.read(history_read(submission_id))[0]
    return found


def history_read(submission_id: str) -> Read[list[Decision]]:
    """``history`` as a ``Read`` (read together with others)."""
    return Read(((f"{_HISTORY} WHERE submission_id = ? ORDER BY number", (submission_id,)),),
                lambda found: [_decision(r) for r in found[0]])


_HISTORY = ("SELECT submission_id, number, decision, reason, decided_by, decided_at "
            "FROM decisions")


def _decision(r: Sequence[Any]) -> Decision:
    return Decision(str(r[0]), int(r[1]), str(r[2]), str(r[3]), str(r[4]), str(r[5]))


def decision_json(decisions: Sequence[Decision]) -> dict[str, Any]:
    """The fields a submission's JSON carries: ``decision`` (the latest or null) and
    ``decisions`` (the history, oldest first)."""
    return {"decision": decisions[-1].as_dict() if decisions else None,
            "decisions": [d.as_dict() for d in decisions]}


def _unique_violation(exc: Exception) -> bool:
    if isinstance(exc, sqlite3.IntegrityError):
        return "UNIQUE" in str(exc) or "PRIMARY KEY" in str(exc)
    return type(exc).__name__ == "UniqueViolation"
