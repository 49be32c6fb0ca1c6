"""The Starlette application: API + pages, origin and body-size guards, hardening headers."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import anyio.to_thread
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response

from validator.gate import api, pages, receipt_pages
from validator.gate.config import GateConfig
from validator.gate.guard import BodyLimit, OriginGuard
from validator.gate.receiving import error
from validator.gate.rendering import error_page
from validator.gate.service import HEADERS, Gate, SecurityHeaders, open_gate

#: Multipart framing on top of the files themselves.
FORM_OVERHEAD = 1 << 20


def create_app(config: GateConfig, gate: Gate | None = None) -> Starlette:
    """Build the application for ``config`` (opening the data folder and register)."""
    gate = gate or open_gate(config)
    routes = api.build_routes(gate) + pages.build_routes(gate)
    routes += receipt_pages.build_routes(gate)
    limit = config.max_request_bytes + FORM_OVERHEAD

    async def refuse(request: Request, status: int, key: str) -> Response:
        """The gate's refusal: the JSON error on the API, a page in the user's language."""
        args = {"limit": config.max_request_bytes} if key == "error.too_large" else {}
        if request.url.path.startswith("/api/"):
            return error(request, status, key, None, **args)
        return error_page(request, status, key, await gate.principal(request), **args)

    async def not_found(request: Request, exc: Exception) -> Response:
        """An address no route serves (404) or a method it does not take (405)."""
        status = getattr(exc, "status_code", 404)
        key = "error.not_found" if status == 404 else "error.bad_request"
        return await refuse(request, status if status in (404, 405) else 404, key)

    async def server_error(request: Request, exc: Exception) -> Response:
        """An unexpected failure: a page (or the JSON error) in the user's language, with
        the hardening headers the middleware would have added."""
        if request.url.path.startswith("/api/"):
            response: Response = error(request, 500, "error.internal")
        else:
            response = error_page(request, 500, "ux.error.server")
        for name, value in HEADERS:
            response.headers[name.decode()] = value.decode()
        return response

    middleware = [
        Middleware(SecurityHeaders),
        Middleware(OriginGuard, refuse=refuse),
        # Up to four times the limit is read and discarded, so a browser sees the answer.
        Middleware(BodyLimit, limit=limit, drain=4 * limit, refuse=refuse),
    ]

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # Every ``run_in_threadpool`` of this event loop (the register, the store) takes one
        # of ``threads`` tokens: a burst of requests queues for them instead of running forty
        # threads that contend for the interpreter and the register's connections.
        anyio.to_thread.current_default_thread_limiter().total_tokens = config.threads
        gate.dispatcher.start()
        try:
            yield
        finally:
            gate.dispatcher.stop()
            gate.register.close()

    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                    exception_handlers={404: not_found, 405: not_found, 500: server_error})
    app.state.gate = gate
    return app
