"""Tokens and sessions.

A token is ``<id>.<secret>``: the id (8 random bytes, hex) finds the row, the SHA-256 of the
whole token is what is stored, and it is compared with ``hmac.compare_digest``. The secret is
32 random bytes; the token is shown once, by ``validator tokens add``, and never stored or
logged. Pages use a session cookie holding ``<token id>.<expiry>.<HMAC>`` signed with a key
kept in the data folder; a session is valid only while its token still exists.
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

from validator.gate.register import Register, TokenRow

ROLES = ("submitter", "apparatus")
SESSION_SECONDS = 8 * 3600


@dataclass(frozen=True)
class Principal:
    """Who is calling: the submitting body and the role of its token."""

    token_id: str
    body: str
    role: str

    @property
    def apparatus(self) -> bool:
        return self.role == "apparatus"

    def may_see(self, body: str) -> bool:
        return self.apparatus or hmac.compare_digest(self.body.encode(), body.encode())


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token(register: Register, body: str, role: str) -> str:
    """Create and store a token for ``body``; return it (the only time it is visible)."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    body = body.strip()
    if not body or len(body) > 200 or any(ord(c) < 32 for c in body):
        raise ValueError("body name must be 1-200 printable characters")
    token_id = secrets.token_hex(8)
    token = f"{token_id}.{secrets.token_urlsafe(32)}"
    created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    register.add_token(TokenRow(token_id, hash_token(token), body, role, created))
    return token


def authenticate(register: Register, token: str) -> Principal | None:
    """The principal a token belongs to, or None; constant-time on the secret part."""
    token_id, dot, _secret = token.partition(".")
    if not dot or len(token) > 200 or not all(c in "0123456789abcdef" for c in token_id):
        return None
    row = register.token(token_id)
    expected = row.token_hash if row else hash_token("x" + token)
    if not hmac.compare_digest(expected, hash_token(token)) or row is None:
        return None
    return Principal(row.token_id, row.body, row.role)


def principal_by_id(register: Register, token_id: str) -> Principal | None:
    row = register.token(token_id)
    return Principal(row.token_id, row.body, row.role) if row else None


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

    def sign(self, token_id: str, now: float | None = None) -> str:
        expiry = int((now if now is not None else time.time()) + SESSION_SECONDS)
        payload = f"{token_id}.{expiry}"
        return f"{payload}.{self._mac(payload)}"

    def token_id(self, value: str, now: float | None = None) -> str | None:
        """The token id a cookie value names, if its signature holds and it has not expired."""
        parts = value.split(".")
        if len(parts) != 3 or not parts[1].isdigit():
            return None
        payload = f"{parts[0]}.{parts[1]}"
        if not hmac.compare_digest(self._mac(payload), parts[2]):
            return None
        if int(parts[1]) < (now if now is not None else time.time()):
            return None
        return parts[0]
