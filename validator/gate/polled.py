"""What a client or page waiting for a check reads every time it asks, in one trip.

A body's client polls ``GET /api/v1/submissions/ID`` and the submission page refreshes itself
while a check waits; on deadline day that is most of what the register answers. The
submission, its check's state, its stored receipt and its decisions are read together, and
with the caller's token (``Database.read``, ``Gate.principal_with``): on PostgreSQL one round
trip instead of one per statement, and one trip to a worker thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from starlette.concurrency import run_in_threadpool

from validator.gate import decisions
from validator.gate.auth import Principal
from validator.gate.database import Read
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
    return settle(gate, principal, gate.register.read(*poll_reads(gate, submission_id)))


def poll_reads(gate: Gate, submission_id: str) -> tuple[Read[Any], ...]:
    """What a poll reads, to be read with the caller's token (``Gate.principal_with``): a
    poll is then one trip to a worker thread and one to the register."""
    return (gate.register.submission_read(submission_id),
            gate.queue.status_read(submission_id), gate.receipts.stored_read(submission_id),
            decisions.history_read(submission_id))


def settle(gate: Gate, principal: Principal, values: Sequence[Any]) -> Polled | None:
    """``polled`` from the values of ``poll_reads``, in the calling thread."""
    row, status, receipt, history = values
    row = visible(principal, row)
    if row is None:
        return None
    if receipt is None:
        receipt = gate.receipts.issue(row)
    return Polled(row, status, receipt, history)


async def settled(gate: Gate, principal: Principal, values: Sequence[Any]) -> Polled | None:
    """``settle`` on the event loop; a receipt that must be issued (a write, only for a
    submission older than signed receipts) is issued in a worker thread."""
    _row, _status, receipt, _history = values
    if receipt is None:
        return await run_in_threadpool(settle, gate, principal, values)
    return settle(gate, principal, values)
