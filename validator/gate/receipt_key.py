"""The gate's receipt key: an Ed25519 private key in the data folder, made at first start.

``receipt-key.pem`` (PKCS #8, unencrypted) is readable by its owner only (mode 0600); the gate
refuses to start when it is readable or writable by anyone else, or damaged. Two gate processes
starting at once on a new data folder end with ONE key: each writes its candidate to a temporary
file created with ``O_EXCL`` and mode 0600, then links it to the final name, which fails when
the name exists; the loser discards its candidate and reads the winner's key. A reader thus
never sees a half-written key file.

The register remembers the public key (``receipt_key``, pinned by the first process to start):
a gate whose data folder holds another key refuses to start, so processes sharing one
PostgreSQL register cannot sign with different keys, and a lost key file is noticed instead of
silently replaced.
"""

from __future__ import annotations

import base64
import datetime as dt
import errno
import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from validator.core.errors import WordedError
from validator.core.tomlfile import os_reason
from validator.storage.signing import ALGORITHM, canonical, fingerprint

KEY_FILE = "receipt-key.pem"


class ReceiptKeyError(WordedError):
    """The gate cannot sign: the key file is exposed, damaged, or not the register's key
    (``gate.key.*`` of the catalogue: whoever starts the gate reads it in the language of
    ``validator serve --lang``)."""


@dataclass(frozen=True)
class ReceiptSigner:
    """Signs receipts (and finished checks) with the gate's key."""

    private: Ed25519PrivateKey

    @property
    def public_bytes(self) -> bytes:
        return self.private.public_key().public_bytes(serialization.Encoding.Raw,
                                                      serialization.PublicFormat.Raw)

    @property
    def public_b64(self) -> str:
        return base64.b64encode(self.public_bytes).decode("ascii")

    @property
    def key_sha256(self) -> str:
        return fingerprint(self.public_bytes)

    def public_document(self) -> dict[str, str]:
        """``GET /api/v1/receipt-key``'s answer."""
        return {"algorithm": ALGORITHM, "public_key": self.public_b64}

    def sign(self, record: dict[str, Any]) -> dict[str, Any]:
        """``record`` with ``key_sha256`` and its ``signature`` over the canonical form."""
        unsigned = {k: v for k, v in record.items() if k != "signature"}
        unsigned["key_sha256"] = self.key_sha256
        signature = self.private.sign(canonical(unsigned))
        return {**unsigned, "signature": base64.b64encode(signature).decode("ascii")}


def load_or_create(data: Path) -> ReceiptSigner:
    """The data folder's key, created on first use; ReceiptKeyError when it cannot be used."""
    path = data / KEY_FILE
    if not path.exists() and not path.is_symlink():
        _create(path)
    return ReceiptSigner(_read(path))


def _create(path: Path) -> None:
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption())
    tmp = path.with_name(f".{KEY_FILE}.{secrets.token_hex(8)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(pem)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)  # atomic: fails when another process linked its key first
        except FileExistsError:
            pass
        else:
            _sync_folder(path.parent)
    finally:
        tmp.unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _read(path: Path) -> Ed25519PrivateKey:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # a symbolic link is never followed to a key
            raise ReceiptKeyError("gate.key.not_file", path=str(path)) from None
        raise ReceiptKeyError("gate.key.unopened", path=str(path),
                              reason=os_reason(exc)) from None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise ReceiptKeyError("gate.key.not_file", path=str(path))
        if info.st_mode & 0o077:
            raise ReceiptKeyError("gate.key.exposed", path=str(path),
                                  mode=f"{stat.S_IMODE(info.st_mode):04o}")
        raw = fh.read(1 << 16)
    try:
        key = serialization.load_pem_private_key(raw, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise ReceiptKeyError("gate.key.damaged", path=str(path)) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise ReceiptKeyError("gate.key.not_ed25519", path=str(path))
    return key


def pin(cur: Any, signer: ReceiptSigner) -> None:
    """Record the key's public half in the register on first start; ReceiptKeyError when the
    register already holds another (``cur``: a register transaction's cursor)."""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    cur.execute("INSERT INTO receipt_key (id, public_key, created_at) VALUES (1, ?, ?) "
                "ON CONFLICT (id) DO NOTHING", (signer.public_b64, now))
    cur.execute("SELECT public_key FROM receipt_key WHERE id = 1")
    pinned = str(cur.fetchone()[0])
    if pinned != signer.public_b64:
        theirs = fingerprint(base64.b64decode(pinned))
        raise ReceiptKeyError("gate.key.other", ours=signer.key_sha256, theirs=theirs,
                              file=KEY_FILE)
