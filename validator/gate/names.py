"""Submitted file names: what a client sends is attacker-controlled.

Only the last path component is kept (both ``/`` and ``\\`` separate), control characters
and names that are empty, ``.``/``..``, hidden, or too long are refused. The name is used
for the file's kind (its extension) and in reports, where it is always escaped; files are
written under it only inside the request's own temporary folder.
"""

from __future__ import annotations

import unicodedata

MAX_NAME_CHARS = 180


class NameError_(ValueError):
    """A file name the gate refuses; the message says why."""


def safe_name(raw: str) -> str:
    """The base name of ``raw``, or NameError_ when it cannot be used safely."""
    name = unicodedata.normalize("NFC", raw).replace("\\", "/").rsplit("/", 1)[-1].strip()
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in name):
        raise NameError_("the file name contains control characters")
    if name in ("", ".", ".."):
        raise NameError_("the file has no usable name")
    if name.startswith("."):
        raise NameError_("hidden file names are not accepted")
    if len(name) > MAX_NAME_CHARS or len(name.encode("utf-8")) > 250:
        raise NameError_(f"the file name is longer than {MAX_NAME_CHARS} characters")
    return name
