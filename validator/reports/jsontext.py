"""Indented JSON text for the reports, written in one pass.

``dumps(obj)`` gives, byte for byte, ``json.dumps(obj, ensure_ascii=False, indent=2)`` (and
with ``sort_keys``, ``sort_keys=True``). The standard library only uses its C encoder for
compact output; with ``indent`` it falls back to a Python encoder built of nested generators,
which spends most of its time passing pieces up through them. Here each piece is appended to
one list by a single recursive function, and strings are escaped by the standard library's
own C function: the JSON report of the 87 corpus decks (1.7 MB) is written in 0.024 s instead
of 0.054 s (``docs/BENCHMARKS.md``).

The rules are json's: keys may be str, int, float, bool or None (written as text as json
writes them; a key of another type raises ``TypeError``), tuples are arrays, ``NaN`` and the
infinities are written as json writes them, and a value of any other type raises
``TypeError``.
"""

from __future__ import annotations

from json.encoder import encode_basestring
from typing import Any

_INFINITY = float("inf")
_STEP = "  "


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)


def _key(key: Any) -> str:
    if isinstance(key, str):
        return key
    if isinstance(key, float):
        return _float(key)
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return "null"
    if isinstance(key, int):
        return int.__repr__(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def dumps(obj: Any, *, sort_keys: bool = False) -> str:
    """``obj`` as indented JSON text (two spaces), non-ASCII characters kept as they are."""
    out: list[str] = []
    put = out.append

    def write(value: Any, newline: str) -> None:
        if isinstance(value, str):
            put(encode_basestring(value))
        elif value is None:
            put("null")
        elif value is True:
            put("true")
        elif value is False:
            put("false")
        elif isinstance(value, int):
            put(int.__repr__(value))
        elif isinstance(value, float):
            put(_float(value))
        elif isinstance(value, (list, tuple)):
            if not value:
                put("[]")
                return
            inner = newline + _STEP
            opener = "["
            for item in value:
                put(opener + inner)
                opener = ","
                write(item, inner)
            put(newline + "]")
        elif isinstance(value, dict):
            if not value:
                put("{}")
                return
            inner = newline + _STEP
            opener = "{"
            items = sorted(value.items()) if sort_keys else value.items()
            for key, item in items:
                put(opener + inner + encode_basestring(_key(key)) + ": ")
                opener = ","
                write(item, inner)
            put(newline + "}")
        else:
            raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")

    write(obj, "\n")
    return "".join(out)
