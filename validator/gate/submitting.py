"""The refusals every way of sending a package shares (the API, the form, a pre-check and
"submit these files"), written once: a full queue, a forged form, and whose item it goes to."""

from __future__ import annotations

import datetime as dt
import hmac
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from starlette.concurrency import run_in_threadpool

from validator.gate.agenda import resolve_target
from validator.gate.auth import Principal
from validator.gate.intake import IntakeError, Target, Upload, check_body
from validator.gate.jobs import CheckStatus, status_in
from validator.gate.register import SubmissionRow
from validator.gate.service import Gate


async def refuse_when_full(gate: Gate, backlog: int | None = None) -> None:
    """503 while more than ``max_queue`` packages wait or are being checked (``backlog``:
    their number, when the caller has read it already)."""
    if backlog is None:
        backlog = await run_in_threadpool(gate.queue.backlog)
    if backlog > gate.config.max_queue:
        raise IntakeError(503, "error.busy")


def check_csrf(fields: dict[str, str], expected: str | None) -> None:
    """403 when a form's ``csrf`` field is not its session's token (None: an API call with a
    Bearer token, which needs none)."""
    if expected is not None and not hmac.compare_digest(fields.get("csrf", "").encode(),
                                                        expected.encode()):
        raise IntakeError(403, "error.csrf")


async def destination(gate: Gate, principal: Principal, fields: dict[str, str]
                      ) -> tuple[dt.date, str, Target | None, str]:
    """(meeting date, item title, agenda item, submitting body) named by a submission's
    fields: a body its agenda item, the apparatus also a free item and another body."""
    return await run_in_threadpool(destination_of, gate, principal, fields)


def destination_of(gate: Gate, principal: Principal, fields: dict[str, str]
                   ) -> tuple[dt.date, str, Target | None, str]:
    """``destination``, in the calling thread."""
    meeting, item, target = resolve_target(gate.register, principal.apparatus,
                                           principal.body, fields)
    body = principal.body
    asked = fields.get("body", "").strip()
    if asked and principal.apparatus:
        body = check_body(asked)
    return meeting, item, target, body


@dataclass(frozen=True)
class Received:
    """A registered submission, its signed receipt as stored, and its place in the queue."""

    row: SubmissionRow
    receipt: dict[str, Any]
    status: CheckStatus | None


def receive(gate: Gate, principal: Principal, fields: dict[str, str],
            uploads: Sequence[Upload]) -> Received:
    """Where the package goes, then store and register it with its signed receipt and its
    check queued, in the calling thread: one trip to a worker thread per submission rather
    than one per step (under a burst every trip waits behind the other requests' work)."""
    meeting, item, target, body = destination_of(gate, principal, fields)
    if not uploads:
        raise IntakeError(400, "error.no_files")
    done: list[tuple[dict[str, Any], CheckStatus | None]] = []

    def sign(cur: Any, row: SubmissionRow) -> None:
        # the receipt is signed and stored in the transaction that registers the submission,
        # which also tells the check's place in the queue
        done.append((gate.receipts.record(cur, row), status_in(cur, row.id)))

    row = gate.intake.submit(body, meeting, item, uploads, target, sign)
    # A transaction retried (another process took the version number) signed again: the
    # last receipt is the one committed.
    receipt, status = done[-1]
    return Received(row, receipt, status)
