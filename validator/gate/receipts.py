"""Signed receipts in the register: issued once per submission, then served as issued.

A receipt is the record of delivery (``intake.receipt``: who delivered which files, when, the
deadline and lateness that follow from the dates) plus ``signed_at``, ``key_sha256`` and the
Ed25519 ``signature`` over its canonical form (``validator.storage.signing.canonical``). It is
signed and stored in the transaction that registers the submission (``record``), so no
submission is registered without it and it never changes with the check, which is a separate
record. A submission without a stored receipt (registered before receipts were signed) gets one
when it is first read; ``signed_at`` then tells when. Two processes issuing such a receipt at
once keep the first one stored (``ON CONFLICT DO NOTHING``) and both serve it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from validator.gate.database import Read
from validator.gate.intake import ALMATY, receipt
from validator.gate.receipt_key import ReceiptSigner, load_or_create, pin
from validator.gate.register import Register, SubmissionRow


def _stored_form(signed: dict[str, Any]) -> str:
    return json.dumps(signed, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class Receipts:
    """The register's signed receipts and the key that signs them."""

    register: Register
    signer: ReceiptSigner

    @classmethod
    def open(cls, data: Path, register: Register) -> Receipts:
        """The data folder's key (made on first start), pinned in the register;
        ``receipt_key.ReceiptKeyError`` when it cannot be used."""
        signer = load_or_create(data)
        with register.transaction() as cur:
            pin(cur, signer)
        return cls(register, signer)

    def record(self, cur: Any, row: SubmissionRow) -> dict[str, Any]:
        """Sign and store ``row``'s receipt through ``cur``, in the transaction that registers
        the submission (``Register.insert_submission``'s ``then``): no extra commit. Returns
        the signed receipt as stored (served once the transaction has committed)."""
        text = self._signed(row)
        cur.execute("INSERT INTO receipts (submission_id, receipt) VALUES (?, ?)",
                    (row.id, text))
        signed: dict[str, Any] = json.loads(text)
        return signed

    def _signed(self, row: SubmissionRow) -> str:
        now = dt.datetime.now(ALMATY).replace(microsecond=0).isoformat()
        return _stored_form(self.signer.sign({**receipt(row), "signed_at": now}))

    def issue(self, row: SubmissionRow) -> dict[str, Any]:
        """The signed receipt of ``row``: the stored one, or a new one stored now."""
        return self.many([row])[0]

    def stored_read(self, submission_id: str) -> Read[dict[str, Any] | None]:
        """The stored receipt of one submission as a ``Read`` (None: not issued yet, see
        ``issue``); a receipt never changes once stored."""
        def decode(found: list[list[Any]]) -> dict[str, Any] | None:
            signed: dict[str, Any] | None = json.loads(found[0][0][0]) if found[0] else None
            return signed

        return Read((("SELECT receipt FROM receipts WHERE submission_id = ?",
                      (submission_id,)),), decode)

    def many(self, rows: Sequence[SubmissionRow]) -> list[dict[str, Any]]:
        """The signed receipts of ``rows``, in their order (issuing those not yet issued)."""
        stored = self._stored([r.id for r in rows])
        new = [r for r in rows if r.id not in stored]
        if new:
            made = {r.id: self._signed(r) for r in new}
            with self.register.transaction() as cur:
                for sid, text in made.items():
                    cur.execute("INSERT INTO receipts (submission_id, receipt) VALUES (?, ?) "
                                "ON CONFLICT (submission_id) DO NOTHING", (sid, text))
            stored.update(self._stored(list(made)))
        return [json.loads(stored[r.id]) for r in rows]

    def sign_check(self, row: SubmissionRow, check: dict[str, Any],
                   checked_at: dt.datetime | None) -> dict[str, Any]:
        """A finished check, signed the same way as a receipt: ``check`` with the submission's
        id and package hash, the report's ``report_sha256`` (its stored address) and when it
        was checked. Signed when read (Ed25519 signatures are deterministic: the same check
        always gets the same signature); a check not yet finished is returned unsigned."""
        if not row.checked:
            return check
        return self.signer.sign({
            **check, "submission_id": row.id, "package_sha256": row.package_sha256,
            "report_sha256": row.report_sha256,
            "checked_at": checked_at.isoformat() if checked_at else None})

    def _stored(self, ids: Sequence[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for start in range(0, len(ids), 500):  # a receipt never changes once stored
            chunk = list(ids[start:start + 500])
            found = self.register.query("SELECT submission_id, receipt FROM receipts WHERE "
                                        f"submission_id IN ({', '.join('?' * len(chunk))})",
                                        chunk)
            out.update((str(a), str(b)) for a, b in found)
        return out
