"""The agenda's API: bodies, meetings and items (``/api/v1/``; documented in ``openapi.py``).

Creating is the apparatus's (a body's token gets 403); listing shows a body only the items it
is responsible for (and the meetings holding them), the apparatus everything. Bodies may be
named by id or by name; an unknown one is a 400 that names it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from validator.gate import agenda
from validator.gate.auth import Principal
from validator.gate.intake import IntakeError, parse_meeting_date
from validator.gate.service import Gate
from validator.gate.views import scope_body

Authed = Callable[[Callable[[Request, Principal], Awaitable[Response]]],
                  Callable[[Request], Awaitable[Response]]]
ErrorFn = Callable[..., JSONResponse]


async def _json(request: Request) -> dict[str, Any]:
    try:
        data = await request.json()
    except ValueError:
        raise IntakeError(400, "error.bad_request") from None
    if not isinstance(data, dict):
        raise IntakeError(400, "error.bad_request")
    return data


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key, "")
    return value if isinstance(value, str) else ""


def agenda_routes(gate: Gate, authed: Authed, error: ErrorFn) -> list[Route]:
    """The agenda's routes, bound to ``gate`` (``authed`` and ``error`` are the API's)."""
    register = gate.register

    def guarded(fn: Callable[[Request, Principal], Awaitable[Response]],
                apparatus: bool = False) -> Callable[[Request], Awaitable[Response]]:
        async def handler(request: Request, principal: Principal) -> Response:
            if apparatus and not principal.apparatus:
                return error(request, 403, "error.forbidden")
            try:
                return await fn(request, principal)
            except IntakeError as exc:
                return error(request, exc.status, exc.key, **exc.args_)
        return authed(handler)

    def _day(request: Request) -> dt.date:
        try:
            return dt.date.fromisoformat(request.path_params["day"])
        except ValueError:
            raise IntakeError(404, "error.not_found") from None

    async def add_body(request: Request, principal: Principal) -> Response:
        data = await _json(request)
        body = await run_in_threadpool(agenda.add_body, register, _text(data, "name"))
        return JSONResponse(body.as_dict(), status_code=201)

    async def list_bodies(request: Request, principal: Principal) -> Response:
        found = await run_in_threadpool(agenda.bodies, register)
        return JSONResponse({"bodies": [b.as_dict() for b in found]})

    async def add_meeting(request: Request, principal: Principal) -> Response:
        data = await _json(request)
        day = parse_meeting_date(_text(data, "date"))
        meeting = await run_in_threadpool(agenda.add_meeting, register, day,
                                          _text(data, "kind") or "regular")
        return JSONResponse(meeting.as_dict(), status_code=201,
                            headers={"Location": f"/api/v1/meetings/{meeting.date}/items"
                                                 f"?meeting={meeting.id}"})

    async def list_meetings(request: Request, principal: Principal) -> Response:
        found = await run_in_threadpool(agenda.meetings, register, scope_body(principal))
        return JSONResponse({"meetings": [m.as_dict() for m in found]})

    async def add_item(request: Request, principal: Principal) -> Response:
        day = _day(request)
        data = await _json(request)
        meeting = await run_in_threadpool(agenda.meeting_on, register, day,
                                          request.query_params.get("meeting"))
        keys = data.get("bodies")
        item = await run_in_threadpool(agenda.add_item, register, meeting,
                                       _text(data, "number"), _text(data, "title"),
                                       keys if isinstance(keys, list) else [])
        return JSONResponse(item.as_dict(), status_code=201)

    async def list_items(request: Request, principal: Principal) -> Response:
        day = request.path_params.get("day")
        if day is not None:
            day = _day(request).isoformat()
        found = await run_in_threadpool(agenda.items, register, scope_body(principal), day,
                                        request.query_params.get("meeting"))
        return JSONResponse({"items": [i.as_dict() for i in found]})

    async def one_item(request: Request, principal: Principal) -> Response:
        found = await run_in_threadpool(agenda.visible_item, register,
                                        request.path_params["item_id"], scope_body(principal))
        if found is None:
            return error(request, 404, "error.not_found")
        return JSONResponse(found.as_dict())

    return [
        Route("/api/v1/bodies", guarded(add_body, True), methods=["POST"]),
        Route("/api/v1/bodies", guarded(list_bodies, True), methods=["GET"]),
        Route("/api/v1/meetings", guarded(add_meeting, True), methods=["POST"]),
        Route("/api/v1/agenda", guarded(list_meetings), methods=["GET"]),
        Route("/api/v1/meetings/{day}/items", guarded(add_item, True), methods=["POST"]),
        Route("/api/v1/meetings/{day}/items", guarded(list_items), methods=["GET"]),
        Route("/api/v1/items", guarded(list_items), methods=["GET"]),
        Route("/api/v1/items/{item_id}", guarded(one_item), methods=["GET"]),
    ]
