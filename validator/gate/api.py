"""The JSON API under ``/api/v1/`` (documented in ``openapi.py``).

Every route but the health check needs a token (``Authorization: Bearer``); a body sees only
its own submissions, and another body's submission is answered 404, exactly like a missing
one. Errors are ``{"error": {"code", "message"}}`` with the message in the ``lang`` asked for.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from validator.core.version import __version__
from validator.gate import apparatus, decisions
from validator.gate.agenda_api import agenda_routes
from validator.gate.auth import Principal
from validator.gate.database import Read
from validator.gate.intake import (
    IntakeError,
)
from validator.gate.language import request_lang
from validator.gate.openapi import openapi_document
from validator.gate.polled import poll_reads, settled
from validator.gate.receiving import Handler, error, submit
from validator.gate.service import Gate
from validator.gate.views import (
    attachment,
    check_dict,
    formats,
    item_dict,
    meeting_items,
    render_report,
    scope_body,
    visible,
)
from validator.reports.json import report_dict


def build_routes(gate: Gate) -> list[Route]:
    """The API's routes, bound to ``gate``."""

    def authed_with(reads: Callable[[Request], tuple[Read[Any], ...]],
                    fn: Callable[[Request, Principal, tuple[Any, ...]], Awaitable[Response]]
                    ) -> Handler:
        """A route for a known caller only, given the values of ``reads`` read with its
        token in one trip."""
        async def handler(request: Request) -> Response:
            # A state-changing call needs the token itself: a cookie alone could be forged.
            principal, values = await gate.principal_with(
                request, *reads(request), cookie=request.method in ("GET", "HEAD"))
            if principal is None:
                return error(request, 401, "error.unauthorized",
                             headers={"WWW-Authenticate": "Bearer"})
            return await fn(request, principal, values)
        return handler

    def authed(fn: Callable[[Request, Principal], Awaitable[Response]]) -> Handler:
        return authed_with(lambda _: (), lambda request, principal, _: fn(request, principal))

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "version": __version__})

    async def openapi(request: Request, principal: Principal) -> Response:
        return JSONResponse(openapi_document(__version__, formats()))

    async def create(request: Request, principal: Principal, queued: tuple[Any, ...]
                     ) -> Response:
        try:
            # the queue's length was read with the token: 503 before the body is read
            received = await submit(gate, principal, request, backlog=queued[0])
        except IntakeError as exc:
            headers = ({"Retry-After": str(gate.config.retry_after_seconds)}
                       if exc.status == 503 else None)
            if exc.key == "error.too_large":
                exc.args_.setdefault("limit", gate.config.max_request_bytes)
            return error(request, exc.status, exc.key, headers, **exc.args_)
        row = received.row
        return JSONResponse({"id": row.id, "receipt": received.receipt,
                             "check": check_dict(row, received.status)}, status_code=202,
                            headers={"Location": f"/api/v1/submissions/{row.id}"})

    async def listing(request: Request, principal: Principal) -> Response:
        rows = await run_in_threadpool(gate.register.submissions, scope_body(principal))
        signed = await run_in_threadpool(gate.receipts.many, rows)
        return JSONResponse({"submissions": signed})

    async def _row(request: Request, principal: Principal) -> Any:
        sid = request.path_params["sid"]
        row = await run_in_threadpool(gate.register.submission, sid)
        return visible(principal, row)

    async def one(request: Request, principal: Principal, values: tuple[Any, ...]
                  ) -> Response:
        # what every poll reads (a waiting client asks every few seconds) came with the
        # token, in one trip: the row, the check's state, receipt, decisions
        found = await settled(gate, principal, values)
        if found is None:
            return error(request, 404, "error.not_found")
        row = found.row
        out: dict[str, Any] = {"id": row.id, "receipt": found.receipt,
                               "check": check_dict(row, found.status), "formats": list(formats())}
        if row.checked:
            rep = await run_in_threadpool(gate.intake.report, row)
            out["report"] = report_dict(rep, request_lang(request))
            out["check"] = gate.receipts.sign_check(row, out["check"], rep.checked_at)
        out.update(decisions.decision_json(found.decisions))
        return JSONResponse(out)

    async def report(request: Request, principal: Principal) -> Response:
        row = await _row(request, principal)
        if row is None:
            return error(request, 404, "error.not_found")
        fmt = request.query_params.get("format", "json")
        if fmt not in formats():
            return error(request, 404, "error.not_found")
        if not row.checked:
            return error(request, 409, "error.not_checked")
        rep = await run_in_threadpool(gate.intake.report, row)
        body, media = render_report(rep, fmt, request_lang(request))
        return Response(body, media_type=media)

    async def corrected(request: Request, principal: Principal) -> Response:
        """The submission's files as ``validator fix`` corrects them (safe fixes), made now in
        a checking process and never stored: for the body that submitted them."""
        row = await _row(request, principal)
        if row is None:
            return error(request, 404, "error.not_found")
        data = await run_in_threadpool(gate.dispatcher.corrected_copy, row, request_lang(request))
        if data is None:
            return error(request, 503, "error.unavailable")
        return Response(data, media_type="application/zip",
                        headers={"Content-Disposition": attachment(f"corrected-{row.id}.zip")})

    async def file(request: Request, principal: Principal) -> Response:
        row = await _row(request, principal)
        position = request.path_params["position"]
        found = [f for f in row.files if f.position == position] if row else []
        if not found:
            return error(request, 404, "error.not_found")
        data = await run_in_threadpool(gate.store.read, found[0].sha256)
        return Response(data, media_type="application/octet-stream",
                        headers={"Content-Disposition": attachment(found[0].name)})

    async def meetings(request: Request, principal: Principal) -> Response:
        rows = await run_in_threadpool(gate.register.meetings, scope_body(principal))
        return JSONResponse({"meetings": [{"meeting_date": d, "items": i, "submissions": n}
                                          for d, i, n in rows]})

    async def meeting(request: Request, principal: Principal) -> Response:
        try:
            day = dt.date.fromisoformat(request.path_params["day"])
        except ValueError:
            return error(request, 404, "error.not_found")
        states = await run_in_threadpool(meeting_items, gate.register, principal, day)
        lang = request_lang(request)
        return await apparatus.meeting_response(
            gate, request, principal, day, lang,
            {"meeting_date": day.isoformat(), "items": [item_dict(s, lang) for s in states]},
            error)

    async def rules(request: Request, principal: Principal) -> Response:
        from validator.commands.rules_doc import rules_table

        profile = gate.intake.profile.id
        table = await run_in_threadpool(rules_table, profile, request_lang(request), "json")
        return JSONResponse({"profile": {"id": profile,
                                         "version": gate.intake.profile.version},
                             "rules": json.loads(table)})

    from validator.gate.precheck_api import build_routes as precheck_routes

    return [
        Route("/api/v1/health", health),
        Route("/api/v1/openapi.json", authed(openapi)),
        Route("/api/v1/submissions", authed_with(lambda _: (gate.queue.backlog_read(),), create),
              methods=["POST"]),
        Route("/api/v1/submissions", authed(listing), methods=["GET"]),
        Route("/api/v1/submissions/{sid}",
              authed_with(lambda request: poll_reads(gate, request.path_params["sid"]), one)),
        Route("/api/v1/submissions/{sid}/report", authed(report)),
        Route("/api/v1/submissions/{sid}/corrected", authed(corrected)),
        Route("/api/v1/submissions/{sid}/files/{position:int}", authed(file)),
        Route("/api/v1/meetings", authed(meetings)),
        Route("/api/v1/meetings/{day}", authed(meeting)),
        Route("/api/v1/rules", authed(rules)),
        *precheck_routes(gate),
        *apparatus.api_routes(gate, authed, error, request_lang),
        *agenda_routes(gate, authed, error),
    ]
