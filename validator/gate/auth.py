"""Tokens and sessions.

A token is ``<id>.<secret>``: the id (8 random bytes, hex) finds the row, the SHA-256 of the
whole token is what is stored, and it is compared with ``hmac.compare_digest``. The secret is
32 random bytes; the token is shown once, by ``validator tokens add``, and never stored or
logged. Pages use a session cookie holding ``<session id>.<HMAC>`` signed with a key kept in
the data folder; the session itself is a row of the register (``sessions``: its token, its
CSRF token, its expiry), so signing out or revoking the token ends it at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from validator.gate.database import Read
from validator.gate.register import Register, TokenRow

ROLES = ("submitter", "apparatus")
SESSION_SECONDS = 8 * 3600


@dataclass(frozen=True)
class Principal:
    """Who is calling: the submitting body and the role of its token."""

    token_id: str
    body: str
    role: str
    #: For a page session: its id and the CSRF token its forms carry (None for a Bearer call).
    session: str | None = None
    csrf: str | None = None

    @property
    def apparatus(self) -> bool:
        return self.role == "apparatus"

    def may_see(self, body: str) -> bool:
        return self.apparatus or hmac.compare_digest(self.body.encode(), body.encode())


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token(register: Register, body: str, role: str) -> str:
    """Create and store a token for the registered ``body`` (its name or id); return it (the
    only time it is visible). A name that is not a registered body is refused, so a typo
    never makes a second body (``validator bodies add`` registers one)."""
    from validator.gate.agenda import find_body

    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    record = find_body(register, body)
    if record is None:
        raise ValueError(f"no body named {body.strip()!r} is registered; "
                         f"add it first with: validator bodies add NAME")
    token_id = secrets.token_hex(8)
    token = f"{token_id}.{secrets.token_urlsafe(32)}"
    created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    register.add_token(TokenRow(token_id, hash_token(token), record.name, role, created,
                                record.id))
    return token


def authenticate(register: Register, token: str) -> Principal | None:
    """The principal a token belongs to, or None; constant-time on the secret part."""
    read = token_read(register, token)
    found: Principal | None = register.read(read)[0] if read is not None else None
    return found


def token_read(register: Register, token: str) -> Read[Principal | None] | None:
    """``authenticate`` as a ``Read`` (a request's other reads go with it in one trip; their
    values are used only once it gave a principal), or None for a token that cannot be one
    (nothing to read)."""
    token_id, dot, _secret = token.partition(".")
    if not dot or len(token) > 200 or not all(c in "0123456789abcdef" for c in token_id):
        return None
    row_read = register.token_read(token_id)

    def principal(rows: list[list[Any]]) -> Principal | None:
        row = row_read.decode(rows)
        expected = row.token_hash if row else hash_token("x" + token)
        if not hmac.compare_digest(expected, hash_token(token)) or row is None:
            return None
        return Principal(row.token_id, row.body, row.role)

    return Read(row_read.statements, principal)


@dataclass(frozen=True)
class SessionSigner:
    """Signs and checks session cookie values with a key from the data folder."""

    key: bytes

    @classmethod
    def in_folder(cls, data: Path) -> SessionSigner:
        """Load the key, creating it (mode 0600) on first use."""
        path = data / "session.key"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return cls(path.read_bytes())
        key = secrets.token_bytes(32)
        with os.fdopen(fd, "wb") as fh:
            fh.write(key)
            fh.flush()
            os.fsync(fh.fileno())
        return cls(key)

    def _mac(self, payload: str) -> str:
        return hmac.new(self.key, payload.encode(), hashlib.sha256).hexdigest()

    def sign(self, session_id: str) -> str:
        """The cookie value naming ``session_id``."""
        return f"{session_id}.{self._mac('session.' + session_id)}"

    def session_id(self, value: str) -> str | None:
        """The session id a cookie value names, if its signature holds."""
        sid, dot, mac = value.partition(".")
        if not dot or not sid or len(value) > 200:
            return None
        if not hmac.compare_digest(self._mac("session." + sid), mac):
            return None
        return sid

    def login_csrf(self, nonce: str) -> str:
        """The CSRF token of the sign-in form, bound to the nonce in its cookie."""
        return self._mac("login." + nonce)


def new_session(register: Register, token_id: str, now: float | None = None
                ) -> tuple[str, str]:
    """Start a session for ``token_id``: (session id, CSRF token), both random."""
    now = time.time() if now is None else now
    sid, csrf = secrets.token_hex(16), secrets.token_urlsafe(24)
    with register.transaction() as cur:
        cur.execute("DELETE FROM sessions WHERE expires_at < ?", (now,))
        cur.execute("INSERT INTO sessions (id, token_id, csrf, created_at, expires_at) "
                    "VALUES (?, ?, ?, ?, ?)", (sid, token_id, csrf, now, now + SESSION_SECONDS))
    return sid, csrf


def session_read(sid: str, now: float | None = None) -> Read[Principal | None]:
    """Who a live session belongs to (None when it ended, expired, or its token is gone),
    as a ``Read``: one statement, on its own."""
    now = time.time() if now is None else now

    def principal(rows: list[list[Any]]) -> Principal | None:
        if not rows[0]:
            return None
        found = rows[0][0]
        return Principal(str(found[0]), str(found[1]), str(found[2]), sid, str(found[3]))

    return Read((("SELECT t.token_id, t.body, t.role, s.csrf FROM sessions s "
                  "JOIN tokens t ON t.token_id = s.token_id "
                  "WHERE s.id = ? AND s.expires_at > ?", (sid, now)),), principal)


def end_session(register: Register, sid: str) -> None:
    with register.transaction() as cur:
        cur.execute("DELETE FROM sessions WHERE id = ?", (sid,))
