"""validator: static checks of akimat meeting material packages against their regulation.

Library use::

    from validator import check
    report = check("samples/non-compliant")
    for finding in report.all_findings():
        print(finding.code, finding.file, finding.message("en"))
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from validator.core.version import __version__

if TYPE_CHECKING:
    from validator.api import Checker, check
    from validator.core.findings import Finding, Report, Severity
    from validator.settings.profile import load_profile

__all__ = ["Checker", "Finding", "Report", "Severity", "__version__", "check", "load_profile"]


def __getattr__(name: str) -> Any:
    # Lazy, so that `validator --version` does not import lxml, pypdf and the rest.
    if name in ("check", "Checker"):
        from validator import api

        return getattr(api, name)
    if name in ("Finding", "Report", "Severity"):
        from validator.core import findings as model

        return getattr(model, name)
    if name == "load_profile":
        from validator.settings.profile import load_profile

        return load_profile
    raise AttributeError(name)
