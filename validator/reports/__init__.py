"""Report formats: one module per format, each a pure ``render(report, lang) -> str``.

``REPORTERS`` maps a format name to its module; modules are imported on use, so that start-up
stays fast. The CLI offers exactly these names.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from validator.core.findings import Report

Renderer = Callable[[Report, str], str]

REPORTERS: dict[str, str] = {
    "text": "validator.reports.text",
    "json": "validator.reports.json",
    "html": "validator.reports.html",
    "sarif": "validator.reports.sarif",
    "junit": "validator.reports.junit",
    "markdown": "validator.reports.markdown",
    "github": "validator.reports.github",
    "gitlab": "validator.reports.gitlab",
}

#: File extension -> format, for ``--output FILE``.
EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".sarif": "sarif",
    ".xml": "junit",
    ".md": "markdown",
    ".github": "github",
}


def format_for(path: str) -> str | None:
    """The format of an output file from its name (``out.sarif.json`` is SARIF,
    ``gl-code-quality-report.json`` and ``x.codequality.json`` GitLab Code Quality,
    ``annotations.github`` GitHub workflow commands, for a step to print)."""
    lowered = path.lower()
    if lowered.endswith(".sarif.json"):
        return "sarif"
    if lowered.endswith(".junit.xml"):
        return "junit"
    if lowered.endswith((".codequality.json", "gl-code-quality-report.json")):
        return "gitlab"
    dot = lowered.rfind(".")
    return EXTENSIONS.get(lowered[dot:]) if dot >= 0 else None


def renderer(fmt: str) -> Renderer:
    """Return the ``render`` function of format ``fmt``."""
    module = importlib.import_module(REPORTERS[fmt])
    render: Renderer = module.render
    return render
