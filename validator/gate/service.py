"""The gate's state and the request plumbing both the API and the pages use.

``Gate`` holds the register, the store, the profile, the session signer and the slots for
concurrent checks; it is built once per process by ``open_gate`` and passed to the routes
(no module-level state). ``SecurityHeaders`` puts the same hardening headers on every
response: no caching, no sniffing, the referrer only to the gate itself (so that its own
forms carry their origin), and a Content-Security-Policy that allows no script at all.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import socket
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from validator.gate.auth import Principal, SessionSigner, session_read, token_read
from validator.gate.config import GateConfig
from validator.gate.database import Read
from validator.gate.dispatcher import Dispatcher
from validator.gate.intake import Intake, receipt_dates
from validator.gate.jobs import CheckQueue
from validator.gate.legacy import upgrade_pickled_reports
from validator.gate.prechecks import Prechecks
from validator.gate.receipts import Receipts
from validator.gate.register import Register
from validator.gate.store import ContentStore
from validator.gate.worker import CheckLimits, CheckPool, worker_context
from validator.settings.options import Settings
from validator.settings.profile import load_profile, resolve_profile_path

SESSION_COOKIE = "gate_session"
LANG_COOKIE = "gate_lang"

CSP = ("default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "form-action 'self'; frame-src 'self'; frame-ancestors 'self'; base-uri 'none'")
HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"cache-control", b"no-store"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"SAMEORIGIN"),
)


@dataclass
class Gate:
    """Per-process state of the service: submissions are received at once and their checks
    queued; ``dispatcher`` runs queued checks (this process's and any other's sharing the
    register). 503 only when ``config.max_queue`` checks are already waiting."""

    config: GateConfig
    register: Register
    store: ContentStore
    signer: SessionSigner
    intake: Intake
    queue: CheckQueue
    dispatcher: Dispatcher
    #: Signed receipts and the gate's receipt key.
    receipts: Receipts

    async def principal(self, request: Request, cookie: bool = True) -> Principal | None:
        """The caller, from ``Authorization: Bearer`` or (when ``cookie``) the session cookie.

        A request with a Bearer header is judged by the token alone: its cookies are not read.
        """
        return (await self.principal_with(request, cookie=cookie))[0]

    async def principal_with(self, request: Request, *also: Read[Any], cookie: bool = True
                             ) -> tuple[Principal | None, tuple[Any, ...]]:
        """``principal``, and the values of ``also`` read with it in one trip to a worker
        thread and to the register (a submission's place in the queue goes with its token).
        No caller: (None, ()), and nothing is read. Use ``also``'s values only for a
        principal: they were read before it was known."""
        caller = self._caller_read(request, cookie)
        if caller is None:
            return None, ()
        found = await run_in_threadpool(self.register.read, caller, *also)
        return found[0], found[1:]

    def _caller_read(self, request: Request, cookie: bool) -> Read[Principal | None] | None:
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() == "bearer" and token.strip():
            return token_read(self.register, token.strip())
        value = request.cookies.get(SESSION_COOKIE) if cookie else None
        if value:
            sid = self.signer.session_id(value)
            if sid:
                return session_read(sid)
        return None


def open_gate(config: GateConfig) -> Gate:
    """Create the data folder layout and the register tables; load the profile.

    The data folder is made absolute first: checking processes work in folders of their own,
    where a relative path would name something else.
    """
    config = replace(config, data=config.data.resolve())
    data = config.data
    data.mkdir(parents=True, exist_ok=True)
    (data / "tmp").mkdir(exist_ok=True)
    register = Register(config.database_url)
    try:
        register.create()
        store = ContentStore(data / "store")
        store.root.mkdir(exist_ok=True)
        upgrade_pickled_reports(data, register, store)  # version 0.1.0's pickles, once
        receipts = Receipts.open(data, register)  # the receipt key, refused when unusable
        settings = Settings()
        profile_path = resolve_profile_path(config.profile or settings.profile, settings.base)
        profile = load_profile(profile_path)
        limits = CheckLimits(config.check_timeout, config.check_memory_bytes)
        intake = Intake(data, register, store, profile, profile_path, config.max_request_bytes)
        # The working-day calendar loads once per process: now, not in the first receipt.
        today = dt.date.today()
        receipt_dates(profile, today, today)
        owner = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
        queue = CheckQueue(register, owner, config.lease_seconds)
        dispatcher = Dispatcher(intake, queue, CheckPool(worker_context(), limits, data / "tmp"),
                                config.max_checks, quiet=config.burst_quiet_seconds,
                                most=config.burst_most_seconds,
                                janitor=prechecks_of(config, register, store).expire)
        return Gate(config, register, store, SessionSigner.in_folder(data), intake, queue,
                    dispatcher, receipts)
    except BaseException:
        register.close()  # its connections, opened for nothing
        raise


def prechecks_of(config: GateConfig, register: Register, store: ContentStore) -> Prechecks:
    """The pre-checks of a gate, kept ``config.precheck_keep_hours``."""
    return Prechecks(register, store, config.precheck_keep_hours * 3600)


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
            if p.name == "kept":  # refused forms' files: they expire on their own (kept.py)
                continue
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
