"""Two ASGI guards in front of every route: the origin of state-changing requests, and the
size of request bodies.

``OriginGuard`` refuses (403) a POST from a browser page of another origin: its ``Origin``
header (or, without one, its ``Referer``) must name the gate itself. Same-site pages on
another port or a sibling subdomain are other origins, which ``SameSite`` cookies do not
stop. A request with ``Authorization: Bearer`` is an API call by a program holding a token;
no cookie is read for it, so it cannot be forged by a page and is let through.

``BodyLimit`` answers every body over the limit with the gate's own 413 (the JSON error on
the API, a page in the user's language elsewhere), whether ``Content-Length`` declared it or
a chunked body grew past it while being read. Before answering it reads and discards what
the client is still sending, up to ``drain`` bytes, so that a browser shows the answer
instead of a reset connection; then the connection is closed. Nothing of the refused body is
kept, so memory stays flat whatever the client sends.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Builds the refusal for a request: (request, status, message key) -> response.
Refuse = Callable[[Request, int, str], Awaitable[Response]]

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _origin_of(url: str) -> str | None:
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def own_origin(scope: Scope) -> str | None:
    host = next((v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"host"),
                None)
    if not host:
        return None
    return f"{scope.get('scheme', 'http')}://{host}".lower()


def same_origin(request: Request) -> bool:
    """Whether a browser request comes from one of the gate's own pages."""
    own = own_origin(request.scope)
    origin = request.headers.get("origin")
    if origin is not None:
        claimed = _origin_of(origin) if origin != "null" else None
    else:
        referer = request.headers.get("referer")
        claimed = _origin_of(referer) if referer else None
    return own is not None and claimed == own


def bearer(request: Request) -> bool:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return scheme.lower() == "bearer" and bool(token.strip())


class OriginGuard:
    """403 for a state-changing browser request from another origin."""

    def __init__(self, app: ASGIApp, refuse: Refuse) -> None:
        self.app = app
        self.refuse = refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] not in SAFE_METHODS:
            request = Request(scope)
            if not bearer(request) and not same_origin(request):
                response = await self.refuse(request, 403, "error.origin")
                await _drain(receive, 1 << 20)
                response.headers["connection"] = "close"
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


class TooLarge(Exception):
    """The body being read grew past the limit."""

    def __init__(self, received: int) -> None:
        super().__init__(received)
        self.received = received


async def _drain(receive: Receive, cap: int) -> None:
    """Read and discard the rest of the body, at most ``cap`` bytes."""
    seen = 0
    while seen <= cap:
        message = await receive()
        if message["type"] != "http.request":
            return
        seen += len(message.get("body", b""))
        if not message.get("more_body", False):
            return


class BodyLimit:
    """The gate's 413 for any body larger than ``limit`` bytes."""

    def __init__(self, app: ASGIApp, limit: int, drain: int, refuse: Refuse) -> None:
        self.app = app
        self.limit = limit
        self.drain = drain
        self.refuse = refuse

    async def _too_large(self, scope: Scope, receive: Receive, send: Send, seen: int) -> None:
        response = await self.refuse(Request(scope), 413, "error.too_large")
        await _drain(receive, max(0, self.drain - seen))
        response.headers["connection"] = "close"
        await response(scope, receive, send)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Request(scope).headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.limit:
            await self._too_large(scope, receive, send, 0)
            return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise TooLarge(received)
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except TooLarge as exc:
            if started:
                raise
            await self._too_large(scope, receive, send, exc.received)
