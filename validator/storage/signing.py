"""Signed receipts: their canonical form and their offline verification.

A receipt is the gate's record of delivery (who delivered which files when), signed with the
gate's Ed25519 key over its canonical form: the receipt without its ``signature`` field as
``json.dumps(r, sort_keys=True, ensure_ascii=False, separators=(",", ":"))`` in UTF-8. This
module needs only ``cryptography``: ``validator receipt verify`` uses it without loading the
gate's web stack, and the gate signs through ``canonical`` so both sides agree byte for byte.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

ALGORITHM = "ed25519"
#: What every receipt carries; a receipt lacking one of them does not verify.
REQUIRED = (
    "id", "body", "item", "version", "received_at", "files", "package_sha256",
    "toolkit_version", "profile", "deadline", "working_days_late", "key_sha256", "signature",
)


class KeyError_(ValueError):
    """A KEY argument that is not an Ed25519 public key in one of the accepted forms."""


def canonical(receipt: Mapping[str, Any]) -> bytes:
    """The bytes a receipt's signature is over: the receipt without ``signature``."""
    unsigned = {k: v for k, v in receipt.items() if k != "signature"}
    return json.dumps(unsigned, sort_keys=True, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8")


def fingerprint(public_key: bytes) -> str:
    """SHA-256 (hex) of the 32 raw bytes of a public key: the key's name in a receipt."""
    return hashlib.sha256(public_key).hexdigest()


def spaced(hex_digest: str) -> str:
    """A fingerprint grouped by four, as printed on a receipt page for reading aloud."""
    return " ".join(hex_digest[i:i + 4] for i in range(0, len(hex_digest), 4))


def parse_public_key(value: str) -> bytes:
    """The 32 raw bytes of a public key given as base64, as a file holding that base64, or as
    a file holding the gate's ``/api/v1/receipt-key`` answer; KeyError_ otherwise."""
    text = value.strip()
    path = Path(value)
    try:
        is_file = path.is_file()
    except OSError:  # e.g. a name too long to be a file: the key itself
        is_file = False
    if is_file:
        try:
            text = path.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise KeyError_("unreadable") from exc
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            raise KeyError_("json") from None
        if not isinstance(data, dict) or not isinstance(data.get("public_key"), str):
            raise KeyError_("json")
        if data.get("algorithm", ALGORITHM) != ALGORITHM:
            raise KeyError_("algorithm")
        text = data["public_key"].strip()
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise KeyError_("base64") from None
    if len(raw) != 32:
        raise KeyError_("length")
    return raw


@dataclass(frozen=True)
class Verification:
    """The outcome: ``ok``, or ``reason`` (a key of ``receipts.toml``) with its arguments."""

    ok: bool
    reason: str
    args: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def message(self, lang: str) -> str:
        return say(lang, self.reason, **self.args)


def _fail(reason: str, **args: Any) -> Verification:
    return Verification(False, reason, MappingProxyType(args))


def receipt_of(document: Any) -> Any:
    """The receipt in a document: the receipt itself, or a submission answer holding it."""
    if isinstance(document, dict) and "signature" not in document and isinstance(
            document.get("receipt"), dict):
        return document["receipt"]
    return document


def verify(document: Any, public_key: bytes) -> Verification:
    """Whether ``document`` (a receipt, or the API's submission answer) is a receipt signed by
    ``public_key``; the reason when it is not."""
    receipt = receipt_of(document)
    if not isinstance(receipt, dict) or not {"id", "received_at", "files"} & set(receipt):
        return _fail("verify.not_receipt")
    for name in REQUIRED:
        if name not in receipt:
            return _fail("verify.missing", field=name)
    signature = receipt["signature"]
    try:
        raw = base64.b64decode(signature, validate=True) if isinstance(signature, str) else b""
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != 64:
        return _fail("verify.bad_signature")
    mine = fingerprint(public_key)
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(raw, canonical(receipt))
    except InvalidSignature:
        if receipt["key_sha256"] != mine:
            return _fail("verify.other_key", theirs=str(receipt["key_sha256"]), mine=mine)
        return _fail("verify.mismatch")
    if receipt["key_sha256"] != mine:  # signed, but naming another key: not this gate's
        return _fail("verify.other_key", theirs=str(receipt["key_sha256"]), mine=mine)
    return Verification(True, "verify.ok", MappingProxyType({
        "id": receipt["id"], "received_at": receipt["received_at"], "files": len(
            receipt["files"]) if isinstance(receipt["files"], list) else 0}))


@cache
def _texts(lang: str) -> Mapping[str, str]:
    raw = (resources.files("validator.storage") / "receipts.toml").read_text(encoding="utf-8")
    return MappingProxyType(dict(tomllib.loads(raw)[lang]))


def say(lang: str, key: str, **args: Any) -> str:
    """A text of ``receipts.toml`` in ``lang`` (kk, ru or en)."""
    template = _texts(lang)[key]
    return template.format(**args) if args else template


def verify_file(receipt_path: Path, key: str, lang: str) -> tuple[str, int]:
    """``validator receipt verify``: (the line to print, exit code 0, 1 or 2)."""
    try:
        public = parse_public_key(key)
    except KeyError_ as exc:
        return say(lang, "usage.key", reason=say(lang, f"key.{exc}")), 2
    try:
        raw = receipt_path.read_bytes()
    except OSError:
        return say(lang, "usage.receipt_unreadable", path=str(receipt_path)), 2
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return say(lang, "verify.not_receipt"), 1
    result = verify(document, public)
    return result.message(lang), 0 if result.ok else 1
