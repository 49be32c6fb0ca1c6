"""What a refusal's message needs: its arguments, with kinds of files in words.

A refusal (``discovery.packages.Refusal``: a link, a pipe, a file past a limit) becomes a
finding in three places: inside a package (``engine``: FIL001; ``archive_limit``: FIL003) and
outside every package (``run.strays``); all three fill the message the same way, from here.
"""

from __future__ import annotations

from typing import Any

from validator.core.catalogue import LANGS, ui
from validator.discovery.packages import Refusal
from validator.materials.roles import Localized


def file_kind(kind: str) -> Localized:
    """``symlink``, ``fifo``, ``device``, ``socket`` in every language."""
    return Localized({lang: ui(lang, f"filekind.{kind}") for lang in LANGS})


def message_args(refusal: Refusal) -> dict[str, Any]:
    """The arguments a refusal's message needs (kinds of files in words)."""
    args: dict[str, Any] = {"reason": refusal.reason, "limit": refusal.limit or "name",
                            "measured": refusal.measured, "threshold": refusal.threshold}
    for key, value in refusal.args:
        args[key] = file_kind(value) if key == "kind" else value
    return args
