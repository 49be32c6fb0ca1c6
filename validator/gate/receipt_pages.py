"""Routes of signed receipts: the public key, a receipt's JSON and its printable page.

``GET /api/v1/receipt-key`` gives the public key to anyone (no token): whoever holds a receipt
can check it offline. ``/submissions/ID/receipt`` is the receipt as a page to print (one A4
sheet for a package of up to 50 files) in kk, ru or en, with the signature, the key's
fingerprint and how to verify; ``/submissions/ID/receipt.json`` is the signed receipt itself,
the file ``validator receipt verify`` takes. Both need the session of a user who may see the
submission (anyone else gets 404, as for the submission's page).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from validator.gate.i18n import text
from validator.gate.rendering import environment, lang_of, render_page
from validator.gate.views import attachment, visible
from validator.storage.signing import fingerprint, spaced

if TYPE_CHECKING:
    from validator.gate.service import Gate

#: A receipt signed more than this many seconds after its arrival was signed at first reading
#: (a submission registered before receipts were signed): its page says so.
LATE_SIGNATURE_SECONDS = 300


def signed_later(receipt: dict[str, Any]) -> bool:
    """Whether the receipt was signed well after the package arrived (see ``signed_at``)."""
    try:
        received = dt.datetime.fromisoformat(receipt["received_at"])
        signed = dt.datetime.fromisoformat(receipt["signed_at"])
    except (KeyError, TypeError, ValueError):
        return False
    return (signed - received).total_seconds() > LATE_SIGNATURE_SECONDS


def build_routes(gate: Gate) -> list[Route]:
    """The receipt routes, bound to ``gate`` (appended to the application's routes)."""
    env = environment()

    async def receipt_key(request: Request) -> Response:
        return JSONResponse(gate.receipts.signer.public_document())

    async def _signed(request: Request) -> tuple[Any, dict[str, Any] | None]:
        principal = await gate.principal(request)
        if principal is None:
            return None, None
        row = visible(principal, await run_in_threadpool(gate.register.submission,
                                                         request.path_params["sid"]))
        if row is None:
            return principal, None
        return principal, await run_in_threadpool(gate.receipts.issue, row)

    async def receipt_json(request: Request) -> Response:
        principal, signed = await _signed(request)
        if principal is None:
            return RedirectResponse("/login", status_code=303)
        if signed is None:
            return render_page(env, request, "error.html", principal, 404,
                               message=text(lang_of(request), "error.not_found"))
        return JSONResponse(signed, headers={
            "Content-Disposition": attachment(f"receipt-{signed['id']}.json")})

    async def receipt_page(request: Request) -> Response:
        principal, signed = await _signed(request)
        if principal is None:
            return RedirectResponse("/login", status_code=303)
        if signed is None:
            return render_page(env, request, "error.html", principal, 404,
                               message=text(lang_of(request), "error.not_found"))
        signer = gate.receipts.signer
        base = str(request.base_url).rstrip("/")
        return render_page(
            env, request, "receipt.html", principal, r=signed,
            key_fingerprint=spaced(fingerprint(signer.public_bytes)),
            public_key=signer.public_b64, key_url=f"{base}/api/v1/receipt-key",
            signed_later=signed_later(signed))

    return [
        Route("/api/v1/receipt-key", receipt_key),
        Route("/submissions/{sid}/receipt", receipt_page),
        Route("/submissions/{sid}/receipt.json", receipt_json),
    ]
