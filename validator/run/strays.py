"""Findings that belong to no package: a symbolic link, a pipe or an unreadable folder in a
container, a PATH that is itself a named pipe or a device, a search past its bounds.

They are stamped like any finding (the profile's severity, the catalogue's messages in kk, ru
and en) but never switched off: ``--select``, ``--ignore`` and per-file ignores do not hide
what was not read (DECISIONS.md, exit codes). Unreadable ones are FIL001, limits FIL003.
"""

from __future__ import annotations

from collections.abc import Iterable

from validator.checks import RULES_BY_CODE
from validator.checks._refusals import message_args
from validator.checks.base import Hit
from validator.core.findings import Finding
from validator.discovery.packages import Refusal
from validator.run.stamping import Stamper


def stray_findings(strays: Iterable[Refusal], stamper: Stamper) -> tuple[Finding, ...]:
    """The run's top-level findings, sorted by path: stamped as every finding is, with no
    package (they say what was not read, so no option leaves them out)."""
    out = []
    for r in strays:
        rule = RULES_BY_CODE["FIL001" if r.unreadable else "FIL003"]
        hit = Hit(measured=r.measured,
                  threshold=r.threshold if not isinstance(r.threshold, str) else None,
                  evidence=r.reason, message=r.message, args=message_args(r),
                  fingerprint_extra=r.message, not_read=True)
        finding = stamper.stamp(rule, hit, "", r.path)
        if finding is not None:
            out.append(finding)
    return tuple(sorted(out, key=Finding.sort_key))
