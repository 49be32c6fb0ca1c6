"""validator: static checks of akimat meeting material packages against their regulation.

Library use::

    from validator import check
    report = check("samples/non-compliant")
    for finding in report.all_findings():
        print(finding.code, finding.file, finding.message("en"))
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from validator.api import Checker, check
    from validator.model import Finding, Report, Severity
    from validator.profile import load_profile

__all__ = ["Checker", "Finding", "Report", "Severity", "__version__", "check", "load_profile"]


def __getattr__(name: str) -> Any:
    # Lazy, so that `validator --version` does not import lxml, pypdf and the rest.
    if name in ("check", "Checker"):
        from validator import api

        return getattr(api, name)
    if name in ("Finding", "Report", "Severity"):
        from validator import model

        return getattr(model, name)
    if name == "load_profile":
        from validator.profile import load_profile

        return load_profile
    raise AttributeError(name)
