"""The gate's state and the request plumbing both the API and the pages use.

``Gate`` holds the register, the store, the profile, the session signer and the slots for
concurrent checks; it is built once per process by ``open_gate`` and passed to the routes
(no module-level state). ``SecurityHeaders`` puts the same hardening headers on every
response: no caching, no sniffing, no referrer, and a Content-Security-Policy that allows no
script at all.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from validator.config import Settings
from validator.gate.auth import Principal, SessionSigner, authenticate, principal_by_id
from validator.gate.config import GateConfig
from validator.gate.intake import Intake
from validator.gate.legacy import upgrade_pickled_reports
from validator.gate.register import Register
from validator.gate.store import ContentStore
from validator.gate.worker import CheckLimits, CheckPool, worker_context
from validator.profile import load_profile, resolve_profile_path

SESSION_COOKIE = "gate_session"
LANG_COOKIE = "gate_lang"

CSP = ("default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "form-action 'self'; frame-src 'self'; frame-ancestors 'self'; base-uri 'none'")
HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"cache-control", b"no-store"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"SAMEORIGIN"),
)


@dataclass
class Gate:
    """Per-process state of the service.

    ``slots`` bounds the submissions in progress (being received or waiting for a checker);
    when none is free the answer is 503 at once. The checkers themselves are bounded by the
    intake's own semaphore, so uploads proceed while others are being checked.
    """

    config: GateConfig
    register: Register
    store: ContentStore
    signer: SessionSigner
    intake: Intake
    slots: threading.BoundedSemaphore = field(repr=False)

    async def principal(self, request: Request) -> Principal | None:
        """The caller, from ``Authorization: Bearer`` or the session cookie."""
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() == "bearer" and token.strip():
            return await run_in_threadpool(authenticate, self.register, token.strip())
        cookie = request.cookies.get(SESSION_COOKIE)
        if cookie:
            token_id = self.signer.token_id(cookie)
            if token_id:
                return await run_in_threadpool(principal_by_id, self.register, token_id)
        return None


def open_gate(config: GateConfig) -> Gate:
    """Create the data folder layout and the register tables; load the profile."""
    data = config.data
    data.mkdir(parents=True, exist_ok=True)
    (data / "tmp").mkdir(exist_ok=True)
    register = Register(config.database_url)
    register.create()
    store = ContentStore(data / "store")
    store.root.mkdir(exist_ok=True)
    upgrade_pickled_reports(data, register, store)  # version 0.1.0's pickles, once
    settings = Settings()
    profile_path = resolve_profile_path(config.profile or settings.profile, settings.base)
    profile = load_profile(profile_path)
    limits = CheckLimits(config.check_timeout, config.check_memory_bytes)
    intake = Intake(data, register, store, profile, profile_path, limits,
                    config.max_request_bytes,
                    CheckPool(worker_context(), limits, data / "tmp"),
                    threading.BoundedSemaphore(config.max_checks))
    return Gate(config, register, store, SessionSigner.in_folder(data), intake,
                threading.BoundedSemaphore(config.pending_limit))


def clean_temporary(data: Path, older_than: float = 0.0) -> int:
    """Remove request folders and store temporaries a killed process left; return how many.

    With a shared register several processes share the data folder: they pass the longest
    time a request can take as ``older_than``, so no live request loses its files.
    """
    import shutil
    import time

    removed = ContentStore(data / "store").sweep_temporary(older_than)
    tmp = data / "tmp"
    now = time.time()
    if tmp.is_dir():
        for p in tmp.iterdir():
            if now - p.stat().st_mtime >= older_than:
                shutil.rmtree(p, ignore_errors=True)
                removed += 1
    return removed


class SecurityHeaders:
    """ASGI middleware adding ``HEADERS`` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra: list[Any] = [h for h in HEADERS if h[0] not in names]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)
