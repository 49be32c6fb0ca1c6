"""The agenda's part of the OpenAPI description (merged into ``openapi.openapi_document``)."""

from __future__ import annotations

from typing import Any

_ERROR = {"$ref": "#/components/schemas/Error"}


def _r(description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"description": description}
    if schema is not None:
        out["content"] = {"application/json": {"schema": schema}}
    return out


def _json(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": {
        "type": "object", "required": required, "properties": properties}}}}


_DAY = {"name": "day", "in": "path", "required": True,
        "schema": {"type": "string", "format": "date"}}
_MEETING = {"name": "meeting", "in": "query", "required": False,
            "schema": {"type": "string"},
            "description": "the meeting's id, when the date has several meetings"}
_BODY = {"type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"}}}
_MEETING_OBJ = {"type": "object", "properties": {
    "id": {"type": "string"}, "date": {"type": "string", "format": "date"},
    "kind": {"type": "string", "enum": ["regular", "extraordinary"]},
    "created_at": {"type": "string"}, "items": {"type": "integer"}}}
_ITEM = {"type": "object", "properties": {
    "id": {"type": "string"}, "meeting_id": {"type": "string"},
    "meeting_date": {"type": "string", "format": "date"},
    "kind": {"type": "string", "enum": ["regular", "extraordinary"]},
    "number": {"type": "string"}, "title": {"type": "string"},
    "bodies": {"type": "array", "items": _BODY}}}
_ERRORS = {"400": _r("bad field, or an unknown body (named)", _ERROR),
           "401": _r("no or invalid token", _ERROR),
           "403": _r("not the apparatus's token", _ERROR)}


def agenda_paths() -> dict[str, Any]:
    """Bodies, meetings and agenda items (see docs/GATE.md, "Agenda")."""
    items = {"type": "object", "properties": {"items": {"type": "array", "items": _ITEM}}}
    return {
        "/api/v1/bodies": {
            "post": {"summary": "Register a body (apparatus)",
                     "requestBody": _json({"name": {"type": "string", "maxLength": 200}},
                                          ["name"]),
                     "responses": {"201": _r("the body", _BODY), **_ERRORS,
                                   "409": _r("the name is taken", _ERROR)}},
            "get": {"summary": "The registered bodies (apparatus)",
                    "responses": {"200": _r("bodies", {"type": "object", "properties": {
                        "bodies": {"type": "array", "items": _BODY}}}), **_ERRORS}}},
        "/api/v1/meetings": {"post": {
            "summary": "Create a meeting (apparatus)",
            "requestBody": _json({"date": {"type": "string", "format": "date"},
                                  "kind": {"type": "string",
                                           "enum": ["regular", "extraordinary"]}}, ["date"]),
            "responses": {"201": _r("the meeting", _MEETING_OBJ), **_ERRORS}}},
        "/api/v1/agenda": {"get": {
            "summary": "Meetings with their item counts (a body: those holding its items)",
            "responses": {"200": _r("meetings", {"type": "object", "properties": {
                "meetings": {"type": "array", "items": _MEETING_OBJ}}}), **_ERRORS}}},
        "/api/v1/meetings/{day}/items": {
            "post": {"summary": "Add an agenda item to the date's meeting (apparatus)",
                     "parameters": [_DAY, _MEETING],
                     "requestBody": _json({
                         "number": {"type": "string", "maxLength": 20},
                         "title": {"type": "string", "maxLength": 200},
                         "bodies": {"type": "array", "items": {"type": "string"},
                                    "description": "registered bodies, by name or id"}},
                         ["number", "title", "bodies"]),
                     "responses": {"201": _r("the item", _ITEM), **_ERRORS,
                                   "404": _r("no meeting on that date", _ERROR),
                                   "409": _r("several meetings and no ?meeting=, or the "
                                             "number is taken", _ERROR)}},
            "get": {"summary": "The date's items the token may see",
                    "parameters": [_DAY, _MEETING],
                    "responses": {"200": _r("items", items), **_ERRORS}}},
        "/api/v1/items": {"get": {"summary": "Every item the token may see",
                                  "responses": {"200": _r("items", items), **_ERRORS}}},
        "/api/v1/items/{item_id}": {"get": {
            "summary": "One item (404 when it is another body's)",
            "parameters": [{"name": "item_id", "in": "path", "required": True,
                            "schema": {"type": "string"}}],
            "responses": {"200": _r("the item", _ITEM), **_ERRORS,
                          "404": _r("missing or not the body's", _ERROR)}}},
    }


def merge_paths(paths: dict[str, Any], more: dict[str, Any]) -> dict[str, Any]:
    """``paths`` with the operations of ``more`` added (a path in both keeps both's)."""
    out = {k: dict(v) for k, v in paths.items()}
    for path, operations in more.items():
        out.setdefault(path, {}).update(operations)
    return out
