"""The pre-check pages: "Check only" from the submission form, its page, and "submit these
files" from there.

The submission form's second button (``formaction="/checks"``) sends the same form here: the
package is received and checked through the queue like a submission, but not submitted. Its
page says so, shows the place in the queue (refreshing itself while the check waits) and then
the report; a form on it submits the very same stored files to an item, so nothing has to be
chosen again. Only the body that asked sees the page.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import jinja2
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from validator.gate import agenda
from validator.gate.auth import Principal
from validator.gate.form import KEEP_SECONDS
from validator.gate.i18n import text
from validator.gate.intake import (
    IntakeError,
)
from validator.gate.precheck_api import check_of, precheck_store, start_precheck
from validator.gate.prechecks import PrecheckRow, own, precheck_dict
from validator.gate.rendering import lang_of, render_page
from validator.gate.service import Gate
from validator.gate.submitting import check_csrf, destination, refuse_when_full
from validator.gate.views import formats, item_dict_missing, render_report
from validator.gate.worker import StoredFile
from validator.reports.json import report_dict

Page = Callable[[Request, Principal], Awaitable[Response]]
#: Seconds between refreshes of a pre-check's page while its check waits.
REFRESH_SECONDS = 2


def build_routes(gate: Gate, env: jinja2.Environment,
                 page: Callable[[Page], Callable[[Request], Awaitable[Response]]]
                 ) -> list[Route]:
    """The pre-check pages; ``page`` wraps a handler with the sign-in check of ``pages``."""

    def render(request: Request, name: str, principal: Principal, status: int = 200,
               **context: Any) -> Response:
        return render_page(env, request, name, principal, status, **context)

    def not_found(request: Request, principal: Principal) -> Response:
        return render(request, "error.html", principal, 404,
                      message=text(lang_of(request), "error.not_found"))

    async def mine(request: Request, principal: Principal) -> PrecheckRow | None:
        row = await run_in_threadpool(precheck_store(gate).get, request.path_params["pid"])
        return own(principal.body, row)

    def refused(request: Request, principal: Principal, exc: IntakeError, name: str,
                **context: Any) -> Response:
        args = dict(exc.args_)
        if exc.key == "error.too_large":
            args.setdefault("limit", gate.config.max_request_bytes)
        response = render(request, name, principal, exc.status,
                          error=text(lang_of(request), exc.key, **args), **context)
        if exc.status == 503:
            response.headers["Retry-After"] = str(gate.config.retry_after_seconds)
        return response

    async def create(request: Request, principal: Principal) -> Response:
        try:
            row = await start_precheck(gate, principal, request, csrf=principal.csrf or "")
        except IntakeError as exc:
            rows = await run_in_threadpool(gate.register.submissions,
                                           None if principal.apparatus else principal.body,
                                           None, 20)
            choices = await run_in_threadpool(agenda.items, gate.register,
                                              None if principal.apparatus else principal.body)
            return refused(request, principal, exc, "submit.html", rows=rows, form={},
                           kept=None, keep_minutes=KEEP_SECONDS // 60, agenda_items=choices)
        return RedirectResponse(f"/checks/{row.id}", status_code=303)

    async def show(request: Request, principal: Principal, error: str | None = None,
                   status_code: int = 200) -> Response:
        row = await mine(request, principal)
        if row is None:
            return not_found(request, principal)
        lang = lang_of(request)
        status = await run_in_threadpool(gate.queue.status, row.id)
        report = None
        if row.checked:
            stored = await run_in_threadpool(gate.store.read_report, row.report_sha256)
            report = report_dict(stored, lang)
        choices = await run_in_threadpool(agenda.items, gate.register,
                                          None if principal.apparatus else principal.body)
        return render(request, "precheck.html", principal, status_code, agenda_items=choices,
                      p=precheck_dict(row, gate.intake.profile), check=check_of(row, status),
                      missing=item_dict_missing(row, lang), report=report,
                      formats=formats() if report else (),
                      html_report=report is not None and "html" in formats(),
                      refresh=None if row.checked else REFRESH_SECONDS, error=error)

    async def report_file(request: Request, principal: Principal) -> Response:
        row = await mine(request, principal)
        fmt = request.path_params["fmt"]
        if row is None or fmt not in formats() or not row.checked:
            return not_found(request, principal)
        stored = await run_in_threadpool(gate.store.read_report, row.report_sha256)
        body, media = render_report(stored, fmt, lang_of(request))
        return Response(body, media_type=media)

    async def submit(request: Request, principal: Principal) -> Response:
        """Submit the pre-check's stored files to an item, as a new version (not re-sent)."""
        row = await mine(request, principal)
        if row is None:
            return not_found(request, principal)
        form = await request.form(max_files=0, max_fields=6, max_part_size=1024)
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        try:
            check_csrf(fields, principal.csrf or "")
            await refuse_when_full(gate)
            meeting, item, target, body = await destination(gate, principal, fields)
        except IntakeError as exc:
            response = await show(request, principal,
                                  text(lang_of(request), exc.key, **exc.args_), exc.status)
            if exc.status == 503:
                response.headers["Retry-After"] = str(gate.config.retry_after_seconds)
            return response
        files = [StoredFile(f.name, f.size, f.sha256) for f in row.files]
        for f in files:  # kept from removal while the submission is registered
            await run_in_threadpool(gate.store.touch, f.sha256)
        # signed in the registering transaction, like every submission's receipt
        done = await run_in_threadpool(gate.intake.register_package, body, meeting, item,
                                       files, None, gate.receipts.record, target)
        gate.dispatcher.wake()
        return RedirectResponse(f"/submissions/{done.id}", status_code=303)

    return [
        Route("/checks", page(create), methods=["POST"]),
        Route("/checks/{pid}", page(show)),
        Route("/checks/{pid}/report.{fmt}", page(report_file)),
        Route("/checks/{pid}/submit", page(submit), methods=["POST"]),
    ]
