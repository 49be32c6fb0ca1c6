"""What a client or page waiting for a check reads every time it asks, in one trip.

A body's client polls ``GET /api/v1/submissions/ID`` and the submission page refreshes itself
while a check waits; on deadline day that is most of what the register answers. The
submission, its check's state, its stored receipt and its decisions are read together
(``Database.read``): on PostgreSQL one round trip instead of one per statement.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from validator.gate import decisions
from validator.gate.auth import Principal
from validator.gate.jobs import CheckStatus
from validator.gate.register import SubmissionRow
from validator.gate.service import Gate
from validator.gate.views import visible


@dataclass(frozen=True)
class Polled:
    """One submission as its waiting reader sees it."""

    row: SubmissionRow
    status: CheckStatus | None
    receipt: dict[str, Any]
    #: Oldest first.
    decisions: list[decisions.Decision]


def polled(gate: Gate, principal: Principal, submission_id: str) -> Polled | None:
    """The submission ``submission_id`` as ``principal`` may see it, or None (missing, or
    another body's: callers answer 404 either way). A submission registered before receipts
    were signed gets its receipt issued here, after the visibility check."""
    row, status, receipt, history = gate.register.read(
        gate.register.submission_read(submission_id), gate.queue.status_read(submission_id),
        gate.receipts.stored_read(submission_id), decisions.history_read(submission_id))
    row = visible(principal, row)
    if row is None:
        return None
    if receipt is None:
        receipt = gate.receipts.issue(row)
    return Polled(row, status, receipt, history)
