"""The agenda's page for the apparatus (``/agenda``): meetings with their kind and item count,
and forms to register a body, create a meeting and add an item to it.

Every form carries the session's CSRF token (checked here; ``guard.OriginGuard`` also refuses
a POST from another origin). A refused form shows the page again with the reason in the
user's language and the status of the refusal; a saved one redirects back (303).
"""

from __future__ import annotations

import datetime as dt
import hmac
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from validator.gate import agenda
from validator.gate.auth import Principal
from validator.gate.i18n import pick_lang, text
from validator.gate.intake import IntakeError, parse_meeting_date
from validator.gate.service import LANG_COOKIE, Gate

Page = Callable[[Request, Principal], Awaitable[Response]]
Wrap = Callable[..., Callable[[Request], Awaitable[Response]]]
Render = Callable[..., Response]


def agenda_page_routes(gate: Gate, page: Wrap, render: Render) -> list[Route]:
    """The routes of ``/agenda``; ``page`` and ``render`` are the pages module's."""
    register = gate.register

    def lang(request: Request) -> str:
        return pick_lang(request.query_params.get("lang"), request.cookies.get(LANG_COOKIE))

    async def show(request: Request, principal: Principal, status: int = 200,
                   error: str | None = None) -> Response:
        meetings = await run_in_threadpool(agenda.meetings, register, None)
        items = await run_in_threadpool(agenda.items, register, None)
        bodies = await run_in_threadpool(agenda.bodies, register)
        saved = request.query_params.get("saved") == "1" and error is None
        return render(request, "agenda.html", principal, status, meetings=meetings,
                      agenda_items=items, bodies=bodies, error=error, saved=saved)

    async def agenda_page(request: Request, principal: Principal) -> Response:
        return await show(request, principal)

    def posted(action: Callable[[dict[str, Any]], Any]) -> Page:
        async def handler(request: Request, principal: Principal) -> Response:
            form = await request.form(max_files=0, max_fields=60, max_part_size=4096)
            fields: dict[str, Any] = {k: v for k, v in form.multi_items()
                                      if isinstance(v, str) and k != "bodies"}
            fields["bodies"] = [v for v in form.getlist("bodies") if isinstance(v, str)]
            given = str(fields.get("csrf", ""))
            if not principal.csrf or not hmac.compare_digest(given.encode(),
                                                             principal.csrf.encode()):
                return await show(request, principal, 403, text(lang(request), "error.csrf"))
            try:
                await run_in_threadpool(action, fields)
            except IntakeError as exc:
                return await show(request, principal, exc.status,
                                  text(lang(request), exc.key, **exc.args_))
            return RedirectResponse("/agenda?saved=1", status_code=303)
        return handler

    def add_body(fields: dict[str, Any]) -> None:
        agenda.add_body(register, str(fields.get("name", "")))

    def add_meeting(fields: dict[str, Any]) -> None:
        day = parse_meeting_date(str(fields.get("date", "")))
        agenda.add_meeting(register, day, str(fields.get("kind", "regular")))

    def add_item(fields: dict[str, Any]) -> None:
        meeting_id = str(fields.get("meeting", ""))
        found = [m for m in agenda.meetings(register) if m.id == meeting_id]
        if not found:
            raise IntakeError(404, "error.not_found")
        meeting = agenda.meeting_on(register, dt.date.fromisoformat(found[0].date), meeting_id)
        agenda.add_item(register, meeting, str(fields.get("number", "")),
                        str(fields.get("title", "")), fields["bodies"])

    return [
        Route("/agenda", page(agenda_page, apparatus=True)),
        Route("/agenda/bodies", page(posted(add_body), apparatus=True), methods=["POST"]),
        Route("/agenda/meetings", page(posted(add_meeting), apparatus=True),
              methods=["POST"]),
        Route("/agenda/items", page(posted(add_item), apparatus=True), methods=["POST"]),
    ]
