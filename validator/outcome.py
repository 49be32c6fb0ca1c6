"""The exit code of a run, from its findings and the failing level.

0: nothing at or above the failing level. 1: at least one finding there; and, unless the user
set a failing level explicitly, always when a file is unreadable (FIL001) or a finding needs
review (fail closed). 2 is for usage and configuration errors (raised before a report exists).
"""

from __future__ import annotations

from validator.model import Report, Severity, Status

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


def exit_code(report: Report, fail_level: Severity | None) -> int:
    level = fail_level if fail_level is not None else Severity.ERROR
    if report.findings:  # what belongs to no package was not read: the run fails
        return EXIT_FINDINGS
    for f in report.all_findings():
        if f.status is Status.WAIVED:
            continue
        if f.severity >= level:
            return EXIT_FINDINGS
        if fail_level is None and (f.code == "FIL001" or f.status is Status.NEEDS_REVIEW):
            return EXIT_FINDINGS
    return EXIT_OK
