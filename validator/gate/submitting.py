"""The refusals every way of sending a package shares (the API, the form, a pre-check and
"submit these files"), written once: a full queue, a forged form, and whose item it goes to."""

from __future__ import annotations

import datetime as dt
import hmac

from starlette.concurrency import run_in_threadpool

from validator.gate.agenda import resolve_target
from validator.gate.auth import Principal
from validator.gate.intake import IntakeError, Target, check_body
from validator.gate.service import Gate


async def refuse_when_full(gate: Gate) -> None:
    """503 while more than ``max_queue`` packages wait or are being checked."""
    if await run_in_threadpool(gate.queue.backlog) > gate.config.max_queue:
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
    meeting, item, target = await run_in_threadpool(
        resolve_target, gate.register, principal.apparatus, principal.body, fields)
    body = principal.body
    asked = fields.get("body", "").strip()
    if asked and principal.apparatus:
        body = check_body(asked)
    return meeting, item, target, body
