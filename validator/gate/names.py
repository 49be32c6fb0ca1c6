"""Submitted file names: what a client sends is attacker-controlled.

Only the last path component is kept (both ``/`` and ``\\`` separate), control characters
and names that are empty, ``.``/``..``, hidden, or too long are refused. The name is used
for the file's kind (its extension) and in reports, where it is always escaped; files are
written under it only inside the request's own temporary folder.

A refusal names its reason by a key of the gate's catalogue (``error.file_name.hidden``...),
never in words: the reason is told in the language of the request that sent the name.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from validator.gate.i18n import Phrase

MAX_NAME_CHARS = 180
#: The same bound in UTF-8 bytes (what file systems count): a Cyrillic or Kazakh letter takes
#: two, so a name in those letters alone may have half as many.
MAX_NAME_BYTES = 250


class NameError_(ValueError):
    """A file name the gate refuses: ``phrase`` is the reason (a key of the gate's catalogue
    under ``error.file_name.``, with its arguments), said in the request's language."""

    def __init__(self, reason: str, **args: Any) -> None:
        super().__init__(reason)
        self.phrase = Phrase(f"error.file_name.{reason}", args)


def safe_name(raw: str) -> str:
    """The base name of ``raw``, or NameError_ when it cannot be used safely."""
    name = unicodedata.normalize("NFC", raw).replace("\\", "/").rsplit("/", 1)[-1].strip()
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in name):
        raise NameError_("control")
    if name in ("", ".", ".."):
        raise NameError_("empty")
    if name.startswith("."):
        raise NameError_("hidden")
    if len(name) > MAX_NAME_CHARS or len(name.encode("utf-8")) > MAX_NAME_BYTES:
        raise NameError_("too_long", chars=MAX_NAME_CHARS, letters=MAX_NAME_BYTES // 2)
    return name
