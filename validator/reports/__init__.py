"""Report formats: one module per format, each a pure ``render(report, lang) -> str``.

``REPORTERS`` maps a format name to its module; modules are imported on use, so that start-up
stays fast. The CLI offers exactly these names.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from validator.model import Report

Renderer = Callable[[Report, str], str]

REPORTERS: dict[str, str] = {
    "text": "validator.reports.text",
    "json": "validator.reports.json",
}

#: File extension -> format, for ``--output FILE``.
EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".json": "json",
}


def renderer(fmt: str) -> Renderer:
    """Return the ``render`` function of format ``fmt``."""
    module = importlib.import_module(REPORTERS[fmt])
    render: Renderer = module.render
    return render
