"""Reading a request to the gate: the multipart upload within the gate's limits, the shared
submission flow of the API and the form, and the API's JSON errors.

Shared by the submission routes (``api``, ``pages``) and the pre-check routes
(``precheck_api``), which all build on it and none of which it imports.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from validator.gate.auth import Principal
from validator.gate.i18n import Phrase, text
from validator.gate.intake import IntakeError, Upload
from validator.gate.language import request_lang
from validator.gate.names import NameError_, safe_name
from validator.gate.service import Gate
from validator.gate.submitting import Received, check_csrf, receive, refuse_when_full

Handler = Callable[[Request], Awaitable[Response]]


def _lang(request: Request) -> str:
    return request_lang(request)


def error(request: Request, status: int, key: str, headers: dict[str, str] | None = None,
          **args: Any) -> JSONResponse:
    """The API's JSON error: ``code`` (the catalogue key), ``message`` in the request's
    language and, when the refusal has a reason of its own (a file name's), ``reason``: that
    reason's key, for programs that must tell the reasons apart without reading the words."""
    lang = _lang(request)
    detail = {"code": key, "message": text(lang, key, **args)}
    if isinstance(args.get("reason"), Phrase):
        detail["reason"] = args["reason"].key
    return JSONResponse({"error": detail}, status_code=status, headers=headers)


async def read_uploads(gate: Gate, request: Request) -> tuple[dict[str, str], list[Upload]]:
    """Parse the multipart form within the gate's limits; IntakeError when refused."""
    limit = gate.config.max_files
    try:
        form = await request.form(max_files=limit, max_fields=10, max_part_size=64 << 10)
    except HTTPException as exc:
        if "Too many files" in str(exc.detail):
            raise IntakeError(413, "error.too_many_files", limit=limit) from None
        raise IntakeError(400, "error.bad_request") from None
    fields = {k: v for k, v in form.multi_items() if isinstance(v, str)}
    uploads = []
    for key, value in form.multi_items():
        if key == "file" and isinstance(value, UploadFile):
            if not value.filename and value.size == 0:
                continue  # an empty file input of a browser form
            try:
                name = safe_name(value.filename or "")
            except NameError_ as exc:
                raise IntakeError(400, "error.file_name", reason=exc.phrase) from None
            uploads.append(Upload(name, value.file))  # type: ignore[arg-type]
    return fields, uploads


async def submit(gate: Gate, principal: Principal, request: Request,
                 csrf: str | None = None, backlog: int | None = None) -> Received:
    """The shared submission flow of the API and the form: the registered row (its check
    queued) with its signed receipt, or IntakeError. A form passes its session's ``csrf``
    token, which the form's ``csrf`` field must match; the API (Bearer token) passes None.
    ``backlog``: the queue's length when the caller has read it already."""
    await refuse_when_full(gate, backlog)
    fields, uploads = await read_uploads(gate, request)
    check_csrf(fields, csrf)
    received = await run_in_threadpool(receive, gate, principal, fields, uploads)
    gate.dispatcher.wake()
    return received
