"""The apparatus's work in the gate: the meeting's register (every version, filtered),
its CSV and XLSX export, the zip of the meeting's latest packages, and decisions.

Routes come from ``api_routes`` and ``page_routes`` (appended by ``api.build_routes`` and
``pages.build_routes``); the meeting API and page add what this module gives
(``meeting_response``, ``register_view``, ``decision_view``). Exports, the zip and recording
a decision are for apparatus tokens only; a body sees the decisions on its own submissions,
through the submissions it may see.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from typing import Any, BinaryIO
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route

from validator.gate import decisions, exports, listing, packagezip
from validator.gate.auth import Principal
from validator.gate.i18n import text
from validator.gate.intake import IntakeError
from validator.gate.service import Gate
from validator.gate.views import attachment, scope_body, visible

Handler = Callable[[Request], Awaitable[Response]]
Authed = Callable[[Callable[[Request, Principal], Awaitable[Response]]], Handler]
ErrorFn = Callable[..., Response]
Render = Callable[..., Response]
MAX_DECISION_BYTES = 16 << 10


def _chunks(handle: BinaryIO) -> Iterator[bytes]:
    try:
        while chunk := handle.read(1 << 20):
            yield chunk
    finally:
        handle.close()


def version_dict(v: listing.Version) -> dict[str, Any]:
    """One version as the meeting's API lists it."""
    row = v.row
    return {"id": row.id, "item": listing.item_label(row), "item_id": row.item_id,
            "item_number": row.item_number, "version": row.version, "versions": v.versions,
            "body": row.body, "received_at": row.received_at,
            "verdict": row.verdict if row.checked and row.verdict else None,
            "check": row.check_state, "deadline": row.deadline,
            "working_days_late": row.days_late,
            "decision": v.decision.as_dict() if v.decision else None}


def _other_meeting(day: dt.date, params: Mapping[str, str]) -> str | None:
    """The date the ``meeting`` parameter asks for, when it is another valid date."""
    asked = (params.get("meeting") or "").strip()
    try:
        other = dt.date.fromisoformat(asked) if asked else day
    except ValueError:
        raise IntakeError(400, "apparatus.error.filter") from None
    return other.isoformat() if other != day else None


def _moved(path: str, params: Mapping[str, str]) -> str:
    rest = {k: v for k, v in params.items() if k != "meeting"}
    return f"{path}?{urlencode(rest)}" if rest else path


async def meeting_response(gate: Gate, request: Request, principal: Principal, day: dt.date,
                           lang: str, out: dict[str, Any], error: ErrorFn) -> Response:
    """``GET /api/v1/meetings/DATE``: ``out`` (the items) plus ``versions`` (every version
    that passes the filters) and ``filters``; with ``format=csv|xlsx`` the register file."""
    params = request.query_params
    try:
        other = _other_meeting(day, params)
        filters = listing.parse_filters(day, params)
    except IntakeError as exc:
        return error(request, exc.status, exc.key, **exc.args_)
    if other is not None:
        return RedirectResponse(_moved(f"/api/v1/meetings/{other}", params), status_code=303)
    fmt = params.get("format")
    if fmt is not None and fmt not in exports.MEDIA:
        return error(request, 400, "apparatus.error.format")
    if fmt is not None and not principal.apparatus:
        return error(request, 403, "apparatus.error.apparatus_only")
    versions = await run_in_threadpool(listing.list_versions, gate.register, filters,
                                       scope_body(principal))
    if fmt is None:
        return JSONResponse({**out, "filters": filters.as_dict(),
                             "versions": [version_dict(v) for v in versions]})
    table = exports.table(versions, lang)
    name = f"{text(lang, 'apparatus.file_register')}-{day.isoformat()}.{fmt}"
    if fmt == "csv":
        data = exports.to_csv(table)
    else:
        data = await run_in_threadpool(exports.to_xlsx, table, day.isoformat())
    return Response(data, media_type=exports.MEDIA[fmt],
                    headers={"Content-Disposition": attachment(name)})


def register_view(gate: Gate, principal: Principal, day: dt.date, params: Mapping[str, str],
                  lang: str) -> dict[str, Any]:
    """What the meeting page's register section shows: the filter form's choices and
    values, the table of every version that passes them, and the download links."""
    filters = listing.parse_filters(day, params)
    scope = scope_body(principal)
    versions = listing.list_versions(gate.register, filters, scope)
    query = urlencode({**filters.query(), "lang": lang})
    api = f"/api/v1/meetings/{day.isoformat()}"
    return {"filters": filters, "bodies": listing.meeting_bodies(gate.register,
                                                                 filters.meeting, scope),
            "verdicts": listing.VERDICTS, "lates": listing.LATE_FILTERS,
            "table": exports.table(versions, lang),
            "csv_url": f"{api}?format=csv&{query}", "xlsx_url": f"{api}?format=xlsx&{query}",
            "zip_url": f"{api}/package.zip?lang={lang}", "cell_text": exports.cell_text}


def meeting_redirect(day: dt.date, request: Request) -> str | None:
    """The page to go to when the filter form names another meeting (None: stay)."""
    other = _other_meeting(day, request.query_params)
    return _moved(f"/meetings/{other}", request.query_params) if other else None


def decision_view(principal: Principal, found: Sequence[decisions.Decision]
                  ) -> dict[str, Any]:
    """The submission page's decisions: the history (``found``, oldest first) shown newest
    first and, for the apparatus, the form's choices."""
    return {"decisions": list(reversed(found)), "decision_choices": decisions.DECISIONS,
            "may_decide": principal.apparatus}


async def _decide(gate: Gate, principal: Principal, sid: str, decision: Any, reason: Any
                  ) -> decisions.Decision:
    """Record a decision by ``principal`` on ``sid``; IntakeError when refused: 404 for a
    submission the principal may not see, 403 for a body's own (bodies do not decide)."""
    row = visible(principal, await run_in_threadpool(gate.register.submission, sid))
    if row is None:
        raise IntakeError(404, "error.not_found")
    if not principal.apparatus:
        raise IntakeError(403, "apparatus.error.decide_forbidden")
    choice, why = decisions.check_decision(decision, reason)
    return await run_in_threadpool(decisions.record, gate.register, row.id, choice, why,
                                   principal.body)


def api_routes(gate: Gate, authed: Authed, error: ErrorFn, lang_of: Callable[[Request], str]
               ) -> list[Route]:
    """``GET /api/v1/meetings/DATE/package.zip`` and ``POST /api/v1/submissions/ID/decision``."""

    async def package(request: Request, principal: Principal) -> Response:
        try:
            day = dt.date.fromisoformat(request.path_params["day"])
        except ValueError:
            return error(request, 404, "error.not_found")
        if not principal.apparatus:
            return error(request, 403, "apparatus.error.apparatus_only")
        lang = lang_of(request)

        def build() -> Any:
            meeting = day.isoformat()
            latest = listing.latest_versions(gate.register, meeting)
            if not latest:
                return None
            every = listing.list_versions(gate.register, listing.Filters(meeting), None)
            csv_name = f"{text(lang, 'apparatus.file_register')}-{meeting}.csv"
            return packagezip.write_zip(gate.config.data / "tmp", gate.store, latest,
                                        csv_name, exports.to_csv(exports.table(every, lang)))

        path = await run_in_threadpool(build)
        if path is None:
            return error(request, 404, "error.not_found")
        # Opened, then removed at once: the open file is streamed and vanishes when closed,
        # even when the client goes away mid-download.
        handle = path.open("rb")
        path.unlink()
        size = os.fstat(handle.fileno()).st_size
        name = f"{text(lang, 'apparatus.file_meeting')}-{day.isoformat()}.zip"
        return StreamingResponse(_chunks(handle), media_type="application/zip",
                                 headers={"Content-Disposition": attachment(name),
                                          "Content-Length": str(size)})

    async def decide(request: Request, principal: Principal) -> Response:
        raw = await request.body()
        try:
            if len(raw) > MAX_DECISION_BYTES:
                raise IntakeError(413, "apparatus.error.reason_text",
                                  limit=decisions.MAX_REASON_CHARS)
            try:
                given = json.loads(raw)
            except (ValueError, UnicodeDecodeError):
                raise IntakeError(400, "error.bad_request") from None
            if not isinstance(given, dict):
                raise IntakeError(400, "error.bad_request")
            made = await _decide(gate, principal, request.path_params["sid"],
                                 given.get("decision"), given.get("reason"))
        except IntakeError as exc:
            return error(request, exc.status, exc.key, **exc.args_)
        found = await run_in_threadpool(decisions.history, gate.register, made.submission_id)
        return JSONResponse({"id": made.submission_id, **decisions.decision_json(found)},
                            status_code=201)

    return [
        Route("/api/v1/meetings/{day}/package.zip", authed(package)),
        Route("/api/v1/submissions/{sid}/decision", authed(decide), methods=["POST"]),
    ]


def page_routes(gate: Gate, page: Callable[..., Handler], render: Render,
                lang_of: Callable[[Request], str], same: Callable[[Any, str | None], bool]
                ) -> list[Route]:
    """``POST /submissions/ID/decision``: the submission page's decision form."""

    async def decide(request: Request, principal: Principal) -> Response:
        lang = lang_of(request)
        form = await request.form(max_files=0, max_fields=4, max_part_size=MAX_DECISION_BYTES)
        sid = request.path_params["sid"]
        try:
            if not same(form.get("csrf"), principal.csrf):
                raise IntakeError(403, "error.csrf")
            await _decide(gate, principal, sid, form.get("decision"), form.get("reason"))
        except IntakeError as exc:
            return render(request, "error.html", principal, exc.status,
                          message=text(lang, exc.key, **exc.args_))
        return RedirectResponse(f"/submissions/{sid}?lang={lang}#decisions", status_code=303)

    return [Route("/submissions/{sid}/decision", page(decide), methods=["POST"])]
