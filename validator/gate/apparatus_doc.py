"""The OpenAPI description of the apparatus's calls (merged into ``openapi.py``'s paths):
the meeting's register with filters and exports, the meeting zip, decisions."""

from __future__ import annotations

from typing import Any

from validator.gate.decisions import DECISIONS, MAX_REASON_CHARS
from validator.gate.listing import LATE_FILTERS, VERDICT_FILTERS

_ERROR = {"$ref": "#/components/schemas/Error"}
DECISION = {"type": "object", "properties": {
    "number": {"type": "integer", "minimum": 1, "description": "place in the history"},
    "decision": {"type": "string", "enum": list(DECISIONS)},
    "reason": {"type": "string"},
    "decided_by": {"type": "string", "description": "the apparatus token's body"},
    "decided_at": {"type": "string", "format": "date-time",
                   "description": "Kazakhstan time (+05:00)"}}}

#: How the meeting's register names an item (its versions and its items alike).
ITEM_NAMING = {
    "item": {"type": "string", "description": "an agenda item as '<number>. <title>', a free "
                                              "item as written"},
    "item_id": {"type": ["string", "null"], "description": "the agenda item (null: free)"},
    "item_number": {"type": ["string", "null"],
                    "description": "the agenda item's number (null: a free item)"}}


def _query(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "schema": schema,
            "description": description}


def _out(description: str, schema: dict[str, Any] | None = None,
         media: str = "application/json") -> dict[str, Any]:
    out: dict[str, Any] = {"description": description}
    if schema is not None:
        out["content"] = {media: {"schema": schema}}
    return out


def _err(description: str) -> dict[str, Any]:
    return _out(description, _ERROR)


def paths(lang: dict[str, Any]) -> dict[str, Any]:
    """The paths this part of the gate adds or describes more fully."""
    day = {"name": "day", "in": "path", "required": True,
           "schema": {"type": "string", "format": "date"}}
    sid = {"name": "sid", "in": "path", "required": True, "schema": {"type": "string"}}
    version = {"type": "object", "properties": {
        "id": {"type": "string"}, **ITEM_NAMING,
        "version": {"type": "integer"}, "versions": {"type": "integer"},
        "body": {"type": "string"}, "received_at": {"type": "string", "format": "date-time"},
        "verdict": {"type": ["string", "null"]}, "check": {"type": "string"},
        "deadline": {"type": ["string", "null"], "format": "date"},
        "working_days_late": {"type": ["integer", "null"]},
        "decision": {"oneOf": [DECISION, {"type": "null"}]}}}
    return {
        "/api/v1/meetings/{day}": {"get": {
            "summary": "A meeting's items (latest version, missing) and every version that "
                       "passes the filters; with format=csv|xlsx the register file "
                       "(apparatus only)",
            "parameters": [
                day, lang,
                _query("body", {"type": "string"}, "only this submitting body's versions"),
                _query("verdict", {"type": "string", "enum": list(VERDICT_FILTERS)},
                       "the toolkit's verdict (pending: not checked yet)"),
                _query("late", {"type": "string", "enum": list(LATE_FILTERS)},
                       "late by one working day or more, on time, or not known"),
                _query("meeting", {"type": "string", "format": "date"},
                       "another meeting: answered 303 to its listing, filters kept"),
                _query("format", {"type": "string", "enum": ["csv", "xlsx"]},
                       "the register as CSV (UTF-8 with BOM) or XLSX, headers in lang")],
            "responses": {
                "200": _out("meeting_date, items, filters, versions (or the file)", {
                    "type": "object", "properties": {
                        "meeting_date": {"type": "string", "format": "date"},
                        "items": {"type": "array", "items": {
                            "type": "object", "properties": ITEM_NAMING}},
                        "filters": {"type": "object"},
                        "versions": {"type": "array", "items": version}}}),
                "303": _out("the meeting parameter names another meeting"),
                "400": _err("a filter or format value that is not one of its choices"),
                "401": _err("no or invalid token"),
                "403": _err("an export asked for by a body's token"),
                "404": _err("not a date")}}},
        "/api/v1/meetings/{day}/package.zip": {"get": {
            "summary": "The latest package of every item as one zip (apparatus only): a "
                       "folder '<number> <title>/' per item and the register CSV at the top",
            "parameters": [day, lang],
            "responses": {
                "200": _out("the zip", {"type": "string", "format": "binary"},
                            "application/zip"),
                "401": _err("no or invalid token"), "403": _err("a body's token"),
                "404": _err("no submission for that meeting")}}},
        "/api/v1/submissions/{sid}/decision": {"post": {
            "summary": "Record the apparatus's decision on this version (kept beside the "
                       "toolkit's verdict; earlier decisions are kept). GET the submission "
                       "for decision and decisions",
            "parameters": [sid, lang],
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["decision"], "properties": {
                    "decision": {"type": "string", "enum": list(DECISIONS)},
                    "reason": {"type": "string", "maxLength": MAX_REASON_CHARS,
                               "description": "required when returned"}}}}}},
            "responses": {
                "201": _out("id, decision (the latest), decisions (the history)", {
                    "type": "object", "properties": {
                        "id": {"type": "string"}, "decision": DECISION,
                        "decisions": {"type": "array", "items": DECISION}}}),
                "400": _err("no such decision, or a returned one without a reason"),
                "401": _err("no or invalid token"),
                "403": _err("a body's token on its own submission (bodies do not decide)"),
                "404": _err("not found or not yours")}}},
    }
