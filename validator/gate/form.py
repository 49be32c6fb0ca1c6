"""The submission form's POST: submit, or come back with the fields and files kept.

The API refuses and forgets (a program resends); a person gets the form back with every
field as typed and the files already received listed and kept for the retry (``kept``), so
the retry sends only new or corrected files. The checks are those of ``receiving.submit``
(CSRF token, queue, then ``submitting.receive``: meeting date, item, body, files, size), in
the same order of consequence;
a file whose name cannot be used is named and left out, the others are kept.
"""

from __future__ import annotations

import hmac
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request

from validator.gate.auth import Principal
from validator.gate.intake import IntakeError, Upload
from validator.gate.kept import Keeper, KeptForm, KeptRefused
from validator.gate.names import NameError_, safe_name
from validator.gate.register import SubmissionRow
from validator.gate.service import Gate
from validator.gate.submitting import receive, refuse_when_full

#: Form fields that are not shown back (the CSRF token, the form token, the removals).
PRIVATE = frozenset({"csrf", "form_token", "drop"})
#: How long a refused form's files are kept for its retry.
KEEP_SECONDS = 3600
#: All refused forms' files together, as a multiple of the largest package.
KEEP_PACKAGES = 16


@dataclass(frozen=True)
class Outcome:
    """The form's answer: the registered row, or the refusal with what the form keeps."""

    row: SubmissionRow | None = None
    status: int = 200
    key: str = ""
    args: dict[str, Any] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)
    kept: KeptForm | None = None


def keeper(gate: Gate) -> Keeper:
    """The kept forms of ``gate``'s data folder, bounded by its package limits."""
    config = gate.config
    return Keeper(config.data / "tmp" / "kept", KEEP_SECONDS, config.max_files,
                  config.max_request_bytes, KEEP_PACKAGES * config.max_request_bytes)


async def _read(gate: Gate, request: Request) -> FormData:
    limit = gate.config.max_files
    try:
        return await request.form(max_files=limit, max_fields=10 + limit,
                                  max_part_size=64 << 10)
    except HTTPException as exc:
        if "Too many files" in str(exc.detail):
            raise IntakeError(413, "error.too_many_files", limit=limit) from None
        raise IntakeError(400, "error.bad_request") from None


def _uploads(form: FormData) -> tuple[list[tuple[str, BinaryIO]], IntakeError | None]:
    """The form's files with usable names, and the refusal of the first unusable one."""
    out: list[tuple[str, BinaryIO]] = []
    refused = None
    for key, value in form.multi_items():
        if key != "file" or not isinstance(value, UploadFile):
            continue
        if not value.filename and value.size == 0:
            continue  # an empty file input
        try:
            out.append((safe_name(value.filename or ""), value.file))  # type: ignore[arg-type]
        except NameError_ as exc:
            refused = refused or IntakeError(400, "error.file_name", reason=exc.phrase)
    return out, refused


async def post(gate: Gate, principal: Principal, request: Request) -> Outcome:
    """Handle one POST of the submission form (see the module's docstring)."""
    try:
        form = await _read(gate, request)
    except IntakeError as exc:
        return Outcome(status=exc.status, key=exc.key, args=exc.args_)
    fields = {k: v for k, v in form.multi_items() if isinstance(v, str)}
    shown = {k: v for k, v in fields.items() if k not in PRIVATE}
    if not hmac.compare_digest(fields.get("csrf", "").encode(),
                               (principal.csrf or "").encode()):
        return Outcome(status=403, key="error.csrf", fields=shown)
    store = keeper(gate)
    session = principal.session or ""
    previous = None
    if fields.get("form_token"):
        try:
            previous = await run_in_threadpool(store.load, fields["form_token"], session)
        except KeptRefused as exc:
            if not exc.gone:
                return Outcome(status=403, key="ux.error.kept_foreign", fields=shown)
            return Outcome(status=400, key="ux.error.kept_gone",
                           args={"minutes": KEEP_SECONDS // 60}, fields=shown)
    drop = {str(v) for v in form.getlist("drop")}
    new, refused = _uploads(form)
    new_names = {name for name, _ in new}
    retained = [f for f in (previous.files if previous else ())
                if f.name not in drop and f.name not in new_names]
    try:
        if refused is not None:
            raise refused
        row = await _submit(gate, principal, fields, retained, new)
    except IntakeError as exc:
        kept = await run_in_threadpool(store.keep, session, previous, retained, new)
        return Outcome(status=exc.status, key=exc.key, args=exc.args_, fields=shown,
                       kept=kept)
    if previous is not None:
        await run_in_threadpool(store.discard, previous.token)
    return Outcome(row=row, fields=shown)


async def _submit(gate: Gate, principal: Principal, fields: dict[str, str],
                  retained: list[Any], new: list[tuple[str, BinaryIO]]) -> SubmissionRow:
    await refuse_when_full(gate)
    with ExitStack() as stack:
        uploads = [Upload(f.name, stack.enter_context(f.open())) for f in retained]
        for _name, stream in new:
            stream.seek(0)
        uploads += [Upload(name, stream) for name, stream in new]
        received = await run_in_threadpool(receive, gate, principal, fields, uploads)
    gate.dispatcher.wake()
    return received.row
