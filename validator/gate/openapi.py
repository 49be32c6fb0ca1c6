"""The OpenAPI 3.1 description of ``/api/v1/``, served at ``/api/v1/openapi.json``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from validator.gate import apparatus_doc
from validator.gate.agenda_openapi import agenda_paths, merge_paths

_ERROR = {"$ref": "#/components/schemas/Error"}


def _resp(description: str, schema: dict[str, Any] | None = None,
          media: str = "application/json") -> dict[str, Any]:
    out: dict[str, Any] = {"description": description}
    if schema is not None:
        out["content"] = {media: {"schema": schema}}
    return out


def _errors(*codes: int) -> dict[str, Any]:
    texts = {400: "bad request", 401: "no or invalid token", 404: "not found or not yours",
             403: "a POST from another origin (browsers)",
             409: "the check is not done yet", 413: "request or package too large",
             503: "more than --max-queue packages wait (see Retry-After)"}
    return {str(c): _resp(texts[c], _ERROR) for c in codes}


def _lang_param() -> dict[str, Any]:
    return {"name": "lang", "in": "query", "required": False,
            "schema": {"type": "string", "enum": ["kk", "ru", "en"]}}


def openapi_document(version: str, formats: Sequence[str]) -> dict[str, Any]:
    sid = {"name": "sid", "in": "path", "required": True, "schema": {"type": "string"}}
    receipt_ref = {"$ref": "#/components/schemas/Receipt"}
    check_ref = {"$ref": "#/components/schemas/Check"}
    return {
        "openapi": "3.1.0",
        "info": {"title": "validator intake gate", "version": version,
                 "description": "Submit an agenda item's package and get its receipt at "
                                "once; its check runs from a queue (poll the submission "
                                "until check.state is done or failed); the apparatus sees "
                                "every meeting's items."},
        "security": [{"bearer": []}],
        "paths": merge_paths({
            "/api/v1/health": {"get": {"summary": "Health check (no token needed)",
                                       "security": [],
                                       "responses": {"200": _resp("the service is up")}}},
            "/api/v1/receipt-key": {"get": {
                "summary": "The public key receipts are signed with (no token needed)",
                "security": [],
                "responses": {"200": _resp("the key", {
                    "type": "object", "properties": {
                        "algorithm": {"type": "string", "enum": ["ed25519"]},
                        "public_key": {"type": "string", "description":
                                       "base64 of the 32 raw bytes"}}})}}},
            "/api/v1/submissions": {
                "post": {
                    "summary": "Submit a package (a new version of the item)",
                    "parameters": [_lang_param()],
                    "requestBody": {"required": True, "content": {"multipart/form-data": {
                        "schema": {"type": "object", "required": ["file"],
                                   "properties": {
                                       "item_id": {"type": "string", "description":
                                                   "the agenda item (a body's token: "
                                                   "required; then meeting_date and item "
                                                   "come from it)"},
                                       "meeting_date": {"type": "string", "format": "date",
                                                        "description": "apparatus only, "
                                                        "with a free item"},
                                       "item": {"type": "string", "maxLength": 200,
                                                "description": "apparatus only: a free "
                                                "item of a meeting without an agenda"},
                                       "body": {"type": "string", "description":
                                                "apparatus tokens only: the submitting body"},
                                       "file": {"type": "array", "items": {
                                           "type": "string", "format": "binary"}}}}}}},
                    "responses": {"202": _resp("received: id, receipt, check (queued)", {
                        "type": "object", "properties": {
                            "id": {"type": "string"}, "receipt": receipt_ref,
                            "check": check_ref}}),
                        **_errors(400, 401, 403, 413, 503)}},
                "get": {"summary": "List the submissions the token may see",
                        "responses": {"200": _resp("submissions, newest first", {
                            "type": "object", "properties": {"submissions": {
                                "type": "array", "items": receipt_ref}}}),
                            **_errors(401)}}},
            "/api/v1/submissions/{sid}": {"get": {
                "summary": "One submission: its receipt, its check, the report once done",
                "parameters": [sid, _lang_param()],
                "responses": {"200": _resp("the submission", {
                    "type": "object", "properties": {
                        "id": {"type": "string"}, "receipt": receipt_ref,
                        "check": check_ref,
                        "formats": {"type": "array", "items": {"type": "string"}},
                        "report": {"type": "object", "description":
                                   "the JSON report (docs/REPORT_FORMAT.md), once the "
                                   "check is done or failed"},
                        "decision": {"oneOf": [apparatus_doc.DECISION, {"type": "null"}],
                                     "description": "the apparatus's latest decision"},
                        "decisions": {"type": "array", "items": apparatus_doc.DECISION,
                                      "description": "every decision, oldest first"}}}),
                    **_errors(401, 404)}}},
            "/api/v1/submissions/{sid}/report": {"get": {
                "summary": "The submission's report in a format",
                "parameters": [sid, _lang_param(),
                               {"name": "format", "in": "query", "required": False,
                                "schema": {"type": "string", "enum": list(formats),
                                           "default": "json"}}],
                "responses": {"200": _resp("the report"), **_errors(401, 404, 409)}}},
            "/api/v1/submissions/{sid}/files/{position}": {"get": {
                "summary": "A submitted file as it was received (position in the receipt)",
                "parameters": [sid, {"name": "position", "in": "path", "required": True,
                                     "schema": {"type": "integer", "minimum": 0}}],
                "responses": {"200": _resp("the file", {"type": "string",
                                                        "format": "binary"},
                                           "application/octet-stream"),
                              **_errors(401, 404)}}},
            **_precheck_paths(formats, check_ref),
            "/api/v1/meetings": {"get": {
                "summary": "Meetings with submissions",
                "responses": {"200": _resp("meeting dates with item and submission counts"),
                              **_errors(401)}}},
            "/api/v1/meetings/{day}": {"get": {
                "summary": "A meeting's items: latest version, verdict, lateness, missing",
                "parameters": [{"name": "day", "in": "path", "required": True,
                                "schema": {"type": "string", "format": "date"}},
                               _lang_param()],
                "responses": {"200": _resp("the items"), **_errors(401, 404)}}},
            "/api/v1/rules": {"get": {
                "summary": "The rule catalogue of the gate's profile",
                "parameters": [_lang_param()],
                "responses": {"200": _resp("rules"), **_errors(401)}}},
            **apparatus_doc.paths(_lang_param()),
        }, agenda_paths()),
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {"type": "object", "properties": {"error": {
                    "type": "object", "properties": {
                        "code": {"type": "string"}, "message": {"type": "string"},
                        "reason": {"type": "string", "description":
                                   "why, when the refusal has reasons of its own: "
                                   "error.file_name.control, .empty, .hidden or .too_long"},
                    }}}},
                "Receipt": {"type": "object", "properties": {
                    "id": {"type": "string"}, "body": {"type": "string"},
                    "meeting_date": {"type": "string", "format": "date"},
                    "item": {"type": "string"}, "version": {"type": "integer"},
                    "item_id": {"type": ["string", "null"]},
                    "meeting_id": {"type": ["string", "null"]},
                    "received_at": {"type": "string", "format": "date-time",
                                    "description": "Kazakhstan time (+05:00)"},
                    "files": {"type": "array", "items": {"type": "object", "properties": {
                        "name": {"type": "string"}, "sha256": {"type": "string"},
                        "size": {"type": "integer"}}}},
                    "package_sha256": {"type": "string"},
                    "toolkit_version": {"type": "string"},
                    "profile": {"type": "object"},
                    "deadline": {"type": ["string", "null"], "format": "date"},
                    "working_days_late": {"type": ["integer", "null"]},
                    "signed_at": {"type": "string", "format": "date-time"},
                    "key_sha256": {"type": "string", "description":
                                   "SHA-256 (hex) of the signing public key"},
                    "signature": {"type": "string", "description":
                                  "base64 Ed25519 signature over the canonical receipt "
                                  "(docs/GATE.md, Receipts)"}}},
                "Check": {"type": "object", "required": ["state", "position"], "properties": {
                    "state": {"type": "string",
                              "enum": ["queued", "checking", "done", "failed"]},
                    "position": {"type": "integer", "minimum": 0, "description":
                                 "place in the queue (1: next); 0 once taken"},
                    "verdict": {"type": "string", "description": "once done or failed",
                                "enum": ["accept", "accept-with-notes", "needs-review",
                                         "return-for-correction"]},
                    "signature": {"type": "string", "description":
                                  "once done or failed, in GET /submissions/ID: base64 "
                                  "Ed25519 signature over the canonical check, which then "
                                  "also names submission_id, package_sha256, report_sha256, "
                                  "checked_at and key_sha256"}}},
            },
        },
    }


def _precheck_paths(formats: Sequence[str], check_ref: dict[str, Any]) -> dict[str, Any]:
    """Checks without submitting: kept for the asking body only, never a submission."""
    pid = {"name": "pid", "in": "path", "required": True, "schema": {"type": "string"}}
    return {
        "/api/v1/checks": {"post": {
            "summary": "Check a package without submitting it (same queue and limits)",
            "parameters": [_lang_param()],
            "requestBody": {"required": True, "content": {"multipart/form-data": {
                "schema": {"type": "object", "required": ["file"], "properties": {
                    "meeting_date": {"type": "string", "format": "date", "description":
                                     "optional: the deadline is judged when given"},
                    "extraordinary": {"type": "boolean", "description":
                                      "an extraordinary meeting (needs meeting_date)"},
                    "file": {"type": "array", "items": {"type": "string",
                                                        "format": "binary"}}}}}}},
            "responses": {"202": _resp("queued: id and check", {
                "type": "object", "properties": {"id": {"type": "string"},
                                                 "check": check_ref}}),
                **_errors(400, 401, 403, 413, 503)}}},
        "/api/v1/checks/{pid}": {"get": {
            "summary": "A pre-check: its check, and the report once done (its body only)",
            "parameters": [pid, _lang_param()],
            "responses": {"200": _resp("the pre-check", {
                "type": "object", "properties": {
                    "id": {"type": "string"}, "submitted": {"const": False},
                    "precheck": {"type": "object", "description":
                                 "meeting_date, extraordinary, received_at, kept_until, "
                                 "files, package_sha256, deadline, working_days_late"},
                    "check": check_ref,
                    "formats": {"type": "array", "items": {"type": "string"}},
                    "report": {"type": "object", "description":
                               "the JSON report, once the check is done or failed"}}}),
                **_errors(401, 404)}}},
        "/api/v1/checks/{pid}/report": {"get": {
            "summary": "A pre-check's report in a format",
            "parameters": [pid, _lang_param(),
                           {"name": "format", "in": "query", "required": False,
                            "schema": {"type": "string", "enum": list(formats),
                                       "default": "json"}}],
            "responses": {"200": _resp("the report"), **_errors(401, 404, 409)}}},
    }
