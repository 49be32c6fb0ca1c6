"""The pre-check API: ``POST /api/v1/checks``, ``GET /api/v1/checks/ID`` and its report.

A pre-check is received and queued exactly like a submission (``api.read_uploads``, the same
size, file-count and name limits, 503 with ``Retry-After`` past ``--max-queue``) and checked
by the same workers; see ``prechecks`` for what is kept and for how long. Only the body that
asked sees it: any other token, the apparatus's included, gets 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from validator.gate.agenda import visible_item
from validator.gate.auth import Principal
from validator.gate.i18n import pick_lang
from validator.gate.intake import IntakeError, package_digest, parse_meeting_date
from validator.gate.jobs import CheckStatus
from validator.gate.prechecks import PrecheckRow, Prechecks, own, precheck_dict
from validator.gate.receiving import Handler, error, read_uploads
from validator.gate.service import LANG_COOKIE, Gate, prechecks_of
from validator.gate.submitting import check_csrf, refuse_when_full
from validator.gate.views import formats, render_report
from validator.reports.json import report_dict

_YES = ("1", "true", "on", "yes")


def precheck_store(gate: Gate) -> Prechecks:
    return prechecks_of(gate.config, gate.register, gate.store)


async def start_precheck(gate: Gate, principal: Principal, request: Request,
                         csrf: str | None = None) -> PrecheckRow:
    """Receive a package for a check only: the queued pre-check, or IntakeError (the same
    refusals as a submission). A form passes its session's ``csrf`` token."""
    await refuse_when_full(gate)
    fields, uploads = await read_uploads(gate, request)
    check_csrf(fields, csrf)
    given = fields.get("meeting_date", "").strip()
    meeting = parse_meeting_date(given) if given else None
    extraordinary = fields.get("extraordinary", "").strip().lower() in _YES
    item_id = fields.get("item_id", "").strip()
    if item_id:  # an agenda item chosen on the form: its meeting's date and kind
        found = await run_in_threadpool(visible_item, gate.register, item_id,
                                        None if principal.apparatus else principal.body)
        if found is None:
            raise IntakeError(404, "error.not_found")
        meeting = dt.date.fromisoformat(found.meeting_date)
        extraordinary = found.kind == "extraordinary"
    if extraordinary and meeting is None:
        raise IntakeError(400, "error.meeting_date")
    stored = await run_in_threadpool(gate.intake.receive, uploads)
    row = await run_in_threadpool(precheck_store(gate).create, principal.body, meeting,
                                  extraordinary, stored, package_digest(stored))
    gate.dispatcher.wake()
    return row


def check_of(row: PrecheckRow, status: CheckStatus | None) -> dict[str, Any]:
    """The pre-check's check: state, place in the queue while queued, verdict once done."""
    queued = row.check_state == "queued" and status is not None and status.state == "queued"
    out: dict[str, Any] = {"state": row.check_state,
                           "position": status.position if queued and status else 0}
    if row.checked:
        out["verdict"] = row.verdict
    return out


def refusal(gate: Gate, request: Request, exc: IntakeError) -> JSONResponse:
    headers = ({"Retry-After": str(gate.config.retry_after_seconds)}
               if exc.status == 503 else None)
    if exc.key == "error.too_large":
        exc.args_.setdefault("limit", gate.config.max_request_bytes)
    return error(request, exc.status, exc.key, headers, **exc.args_)


def build_routes(gate: Gate) -> list[Route]:
    """The pre-check routes of the API, bound to ``gate``."""

    def authed(fn: Any) -> Handler:
        async def handler(request: Request) -> Response:
            principal = await gate.principal(request, cookie=request.method in ("GET", "HEAD"))
            if principal is None:
                return error(request, 401, "error.unauthorized",
                             headers={"WWW-Authenticate": "Bearer"})
            result: Response = await fn(request, principal)
            return result
        return handler

    def lang(request: Request) -> str:
        return pick_lang(request.query_params.get("lang"), request.cookies.get(LANG_COOKIE))

    async def mine(request: Request, principal: Principal) -> PrecheckRow | None:
        row = await run_in_threadpool(precheck_store(gate).get, request.path_params["pid"])
        return own(principal.body, row)

    async def create(request: Request, principal: Principal) -> Response:
        try:
            row = await start_precheck(gate, principal, request)
        except IntakeError as exc:
            return refusal(gate, request, exc)
        status = await run_in_threadpool(gate.queue.status, row.id)
        return JSONResponse({"id": row.id, "check": check_of(row, status)}, status_code=202,
                            headers={"Location": f"/api/v1/checks/{row.id}"})

    async def one(request: Request, principal: Principal) -> Response:
        row = await mine(request, principal)
        if row is None:
            return error(request, 404, "error.not_found")
        status = await run_in_threadpool(gate.queue.status, row.id)
        out: dict[str, Any] = {"id": row.id, "submitted": False,
                               "precheck": precheck_dict(row, gate.intake.profile),
                               "check": check_of(row, status), "formats": list(formats())}
        if row.checked:
            rep = await run_in_threadpool(gate.store.read_report, row.report_sha256)
            out["report"] = report_dict(rep, lang(request))
        return JSONResponse(out)

    async def report(request: Request, principal: Principal) -> Response:
        row = await mine(request, principal)
        fmt = request.query_params.get("format", "json")
        if row is None or fmt not in formats():
            return error(request, 404, "error.not_found")
        if not row.checked:
            return error(request, 409, "error.not_checked")
        rep = await run_in_threadpool(gate.store.read_report, row.report_sha256)
        body, media = render_report(rep, fmt, lang(request))
        return Response(body, media_type=media)

    return [
        Route("/api/v1/checks", authed(create), methods=["POST"]),
        Route("/api/v1/checks/{pid}", authed(one)),
        Route("/api/v1/checks/{pid}/report", authed(report)),
    ]
