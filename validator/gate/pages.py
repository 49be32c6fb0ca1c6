"""The HTML pages: login, submission form, receipt and report, meetings (apparatus).

Jinja2 with autoescape renders every value, so a file name like ``<script>`` is text. The
pages need no script; the CSP forbids it (a submission's page refreshes itself with a meta
refresh while its check waits). The chosen language (kk, ru, en) is kept in a cookie; a token
becomes a server-side session, named by a signed cookie (HttpOnly, SameSite=Strict). Every
form carries a CSRF token: the session's, or for the sign-in form one bound to a random
nonce cookie; ``guard.OriginGuard`` also refuses any POST from another origin.
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from validator.core.catalogue import LANGS
from validator.gate import agenda, apparatus, precheck_pages
from validator.gate.agenda_pages import agenda_page_routes
from validator.gate.auth import Principal, authenticate, end_session, new_session
from validator.gate.database import Read
from validator.gate.form import KEEP_SECONDS
from validator.gate.form import post as post_form
from validator.gate.i18n import text
from validator.gate.intake import IntakeError
from validator.gate.polled import poll_reads, settled
from validator.gate.rendering import (
    environment,
    lang_of,
    render_page,
)
from validator.gate.service import LANG_COOKIE, SESSION_COOKIE, Gate
from validator.gate.views import (
    attachment,
    check_dict,
    formats,
    item_dict,
    item_dict_missing,
    meeting_items,
    render_report,
    scope_body,
    visible,
)
from validator.reports.json import report_dict

YEAR = 365 * 24 * 3600
LOGIN_COOKIE = "gate_login"
#: Seconds between refreshes of a submission's page while its check waits.
REFRESH_SECONDS = 2
Page = Callable[[Request, Principal], Awaitable[Response]]


def _local(target: str | None) -> str:
    """Only same-site paths are followed after a language switch or login."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/submit"
    return target


def _same(given: Any, expected: str | None) -> bool:
    return (expected is not None and isinstance(given, str)
            and hmac.compare_digest(given.encode(), expected.encode()))


def build_routes(gate: Gate) -> list[Route]:
    env = environment()

    def render(request: Request, name: str, principal: Principal | None, status: int = 200,
               **context: Any) -> HTMLResponse:
        return render_page(env, request, name, principal, status, **context)

    def login_form(request: Request, status: int = 200, error: str | None = None
                   ) -> HTMLResponse:
        nonce = secrets.token_urlsafe(16)
        response = render(request, "login.html", None, status, error=error,
                          csrf=gate.signer.login_csrf(nonce))
        response.set_cookie(LOGIN_COOKIE, nonce, max_age=3600, httponly=True,
                            samesite="strict", secure=request.url.scheme == "https", path="/")
        return response

    def page_with(reads: Callable[[Request], tuple[Read[Any], ...]],
                  fn: Callable[[Request, Principal, tuple[Any, ...]], Awaitable[Response]],
                  apparatus: bool = False) -> Callable[[Request], Awaitable[Response]]:
        """A page for a signed-in caller only, given the values of ``reads`` read with its
        session in one trip."""
        async def handler(request: Request) -> Response:
            principal, values = await gate.principal_with(request, *reads(request))
            if principal is None:
                return RedirectResponse("/login", status_code=303)
            if apparatus and not principal.apparatus:
                return render(request, "error.html", principal, 403,
                              message=text(lang_of(request), "error.forbidden"))
            return await fn(request, principal, values)
        return handler

    def page(fn: Page, apparatus: bool = False) -> Callable[[Request], Awaitable[Response]]:
        return page_with(lambda _: (), lambda request, principal, _: fn(request, principal),
                         apparatus)

    async def home(request: Request) -> Response:
        principal = await gate.principal(request)
        return RedirectResponse("/submit" if principal else "/login", status_code=303)

    async def login(request: Request) -> Response:
        if request.method == "GET":
            return login_form(request)
        form = await request.form(max_files=0, max_fields=3, max_part_size=1024)
        nonce = request.cookies.get(LOGIN_COOKIE, "")
        if not nonce or not _same(form.get("csrf"), gate.signer.login_csrf(nonce)):
            return login_form(request, 403, text(lang_of(request), "error.csrf"))
        token = str(form.get("token", "")).strip()
        principal = await run_in_threadpool(authenticate, gate.register, token)
        if principal is None:
            return login_form(request, 401, text(lang_of(request), "error.bad_token"))
        # A new session at every sign-in; the one this browser had before ends.
        old = await gate.principal(request)
        if old is not None and old.session:
            await run_in_threadpool(end_session, gate.register, old.session)
        sid, _csrf = await run_in_threadpool(new_session, gate.register, principal.token_id)
        response = RedirectResponse("/submit", status_code=303)
        response.set_cookie(SESSION_COOKIE, gate.signer.sign(sid),
                            max_age=8 * 3600, httponly=True, samesite="strict",
                            secure=request.url.scheme == "https", path="/")
        response.delete_cookie(LOGIN_COOKIE, path="/", httponly=True, samesite="strict")
        return response

    async def logout(request: Request) -> Response:
        principal = await gate.principal(request)
        if principal is not None and principal.session:
            form = await request.form(max_files=0, max_fields=2, max_part_size=1024)
            if not _same(form.get("csrf"), principal.csrf):
                return render(request, "error.html", principal, 403,
                              message=text(lang_of(request), "error.csrf"))
            await run_in_threadpool(end_session, gate.register, principal.session)
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")
        return response

    async def set_lang(request: Request) -> Response:
        code = request.path_params["code"]
        response = RedirectResponse(_local(request.query_params.get("next")), status_code=303)
        if code in LANGS:
            response.set_cookie(LANG_COOKIE, code, max_age=YEAR, httponly=True,
                                samesite="strict", path="/")
        return response

    async def submit_page(request: Request, principal: Principal) -> Response:
        rows = await run_in_threadpool(gate.register.submissions,
                                       None if principal.apparatus else principal.body, None, 20)
        choices = await run_in_threadpool(agenda.items, gate.register, scope_body(principal))
        if request.method == "GET":
            return render(request, "submit.html", principal, error=None, rows=rows,
                          form={}, kept=None, keep_minutes=KEEP_SECONDS // 60,
                          agenda_items=choices)
        outcome = await post_form(gate, principal, request)
        if outcome.row is None:
            args = dict(outcome.args)
            if outcome.key == "error.too_large":
                args.setdefault("limit", gate.config.max_request_bytes)
            headers = ({"Retry-After": str(gate.config.retry_after_seconds)}
                       if outcome.status == 503 else {})
            response = render(request, "submit.html", principal, outcome.status,
                              error=text(lang_of(request), outcome.key, **args), rows=rows,
                              form=outcome.fields, kept=outcome.kept,
                              keep_minutes=KEEP_SECONDS // 60, agenda_items=choices)
            response.headers.update(headers)
            return response
        auto = "?auto=1" if outcome.fields.get("auto_refresh") == "1" else ""
        return RedirectResponse(f"/submissions/{outcome.row.id}{auto}", status_code=303)

    async def languages(request: Request) -> Response:
        return render(request, "lang.html", await gate.principal(request),
                      back=_local(request.query_params.get("next")))

    async def submission(request: Request, principal: Principal, values: tuple[Any, ...]
                         ) -> Response:
        # what a refreshing page reads came with the session, in one trip: row, check,
        # receipt, decisions
        found = await settled(gate, principal, values)
        if found is None:
            return render(request, "error.html", principal, 404,
                          message=text(lang_of(request), "error.not_found"))
        lang = lang_of(request)
        row, status, signed = found.row, found.status, found.receipt
        decided = apparatus.decision_view(principal, found.decisions)
        if not row.checked:
            # Refreshing by itself only when asked (the form's box, or the page's link):
            # a page that reloads unasked is lost to a screen reader (WCAG 2.2.1).
            auto = request.query_params.get("auto") == "1"
            return render(request, "submission.html", principal, r=signed,
                          check=check_dict(row, status), missing=[], report=None,
                          formats=(), html_report=False, waiting=True,
                          refresh=REFRESH_SECONDS if auto else None, **decided)
        report = await run_in_threadpool(gate.intake.report, row)
        return render(request, "submission.html", principal, r=signed, waiting=False,
                      check=check_dict(row, status), missing=item_dict_missing(row, lang),
                      report=report_dict(report, lang), formats=formats(),
                      html_report="html" in formats(), **decided)

    async def report_file(request: Request, principal: Principal) -> Response:
        row = visible(principal, await run_in_threadpool(gate.register.submission,
                                                         request.path_params["sid"]))
        fmt = request.path_params["fmt"]
        if row is None or fmt not in formats() or not row.checked:
            return render(request, "error.html", principal, 404,
                          message=text(lang_of(request), "error.not_found"))
        report = await run_in_threadpool(gate.intake.report, row)
        body, media = render_report(report, fmt, lang_of(request))
        return Response(body, media_type=media)

    async def corrected_file(request: Request, principal: Principal) -> Response:
        """The corrected copy (``validator fix``'s safe fixes), made on request, not stored."""
        lang = lang_of(request)
        row = visible(principal, await run_in_threadpool(gate.register.submission,
                                                         request.path_params["sid"]))
        if row is None:
            return render(request, "error.html", principal, 404,
                          message=text(lang, "error.not_found"))
        data = await run_in_threadpool(gate.dispatcher.corrected_copy, row, lang)
        if data is None:
            return render(request, "error.html", principal, 503,
                          message=text(lang, "error.unavailable"))
        return Response(data, media_type="application/zip",
                        headers={"Content-Disposition": attachment(f"corrected-{row.id}.zip")})

    async def stored_file(request: Request, principal: Principal) -> Response:
        row = visible(principal, await run_in_threadpool(gate.register.submission,
                                                         request.path_params["sid"]))
        found = [f for f in row.files if f.position == request.path_params["position"]
                 ] if row else []
        if not found:
            return render(request, "error.html", principal, 404,
                          message=text(lang_of(request), "error.not_found"))
        data = await run_in_threadpool(gate.store.read, found[0].sha256)
        return Response(data, media_type="application/octet-stream",
                        headers={"Content-Disposition": attachment(found[0].name)})

    async def meetings(request: Request, principal: Principal) -> Response:
        rows = await run_in_threadpool(gate.register.meetings, None)
        return render(request, "meetings.html", principal, meetings=rows)

    async def meeting(request: Request, principal: Principal) -> Response:
        try:
            day = dt.date.fromisoformat(request.path_params["day"])
        except ValueError:
            return render(request, "error.html", principal, 404,
                          message=text(lang_of(request), "error.not_found"))
        states = await run_in_threadpool(meeting_items, gate.register, principal, day)
        lang = lang_of(request)
        try:
            moved = apparatus.meeting_redirect(day, request)
            if moved:
                return RedirectResponse(moved, status_code=303)
            register = await run_in_threadpool(apparatus.register_view, gate, principal, day,
                                               request.query_params, lang)
        except IntakeError as exc:
            return render(request, "error.html", principal, exc.status,
                          message=text(lang, exc.key, **exc.args_))
        return render(request, "meeting.html", principal, day=day.isoformat(),
                      items=[item_dict(s, lang) for s in states], **register)

    return [
        Route("/", home),
        Route("/login", login, methods=["GET", "POST"]),
        Route("/logout", logout, methods=["POST"]),
        Route("/lang", languages),
        Route("/lang/{code}", set_lang),
        Route("/submit", page(submit_page), methods=["GET", "POST"]),
        Route("/submissions/{sid}",
              page_with(lambda request: poll_reads(gate, request.path_params["sid"]),
                        submission)),
        Route("/submissions/{sid}/report.{fmt}", page(report_file)),
        Route("/submissions/{sid}/corrected.zip", page(corrected_file)),
        Route("/submissions/{sid}/files/{position:int}", page(stored_file)),
        Route("/meetings", page(meetings, apparatus=True)),
        Route("/meetings/{day}", page(meeting, apparatus=True)),
        *precheck_pages.build_routes(gate, env, page),
        *apparatus.page_routes(gate, page, render, lang_of, _same),
        *agenda_page_routes(gate, page, render),
    ]


