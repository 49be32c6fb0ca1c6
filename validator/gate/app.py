"""The Starlette application: API + pages, body limit, hardening headers."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.body_limit import RequestBodyLimitMiddleware

from validator.gate import api, pages
from validator.gate.config import GateConfig
from validator.gate.service import Gate, SecurityHeaders, open_gate

#: Multipart framing on top of the files themselves.
FORM_OVERHEAD = 1 << 20


def create_app(config: GateConfig, gate: Gate | None = None) -> Starlette:
    """Build the application for ``config`` (opening the data folder and register)."""
    gate = gate or open_gate(config)
    routes = api.build_routes(gate) + pages.build_routes(gate)
    middleware = [
        Middleware(SecurityHeaders),
        Middleware(RequestBodyLimitMiddleware,
                   max_body_size=config.max_request_bytes + FORM_OVERHEAD),
    ]
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            gate.intake.pool.close()

    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.gate = gate
    return app
