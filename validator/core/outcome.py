"""The exit code of a run, from its findings and the failing level.

0: nothing at or above the failing level. 1: at least one finding there; always when a file,
or its text, was not read (FIL001, FIL003, a password SEC003, a needs-review marked
``not_read``), whatever ``--fail-level``, ``--select``, ``--ignore``, per-file-ignores or
waivers say (fail closed, as linters treat syntax errors; only ``--exit-zero`` changes the
code, and the report then says so); and, unless the user set a failing level explicitly, when
a finding needs review. 2 is for usage and configuration errors and for errors of the toolkit
itself outside the judging of one file or package (``cli``).
"""

from __future__ import annotations

from dataclasses import replace

from validator.core.findings import NOT_READ, Finding, Notice, Report, Severity, Status

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


def not_read(f: Finding) -> bool:
    """Whether ``f`` says that a file, or its text, was not read (nothing hides it)."""
    return f.not_read or f.code in NOT_READ


def unread_files(report: Report) -> tuple[str, ...]:
    """The files (or packages) that a not-read finding is about, in report order."""
    out: dict[str, None] = {}
    for f in report.all_findings():
        if not_read(f):
            out.setdefault(f.file, None)
    return tuple(out)


def exit_code(report: Report, fail_level: Severity | None) -> int:
    level = fail_level if fail_level is not None else Severity.ERROR
    if report.findings:  # what belongs to no package was not read: the run fails
        return EXIT_FINDINGS
    for f in report.all_findings():
        if not_read(f):
            return EXIT_FINDINGS  # a waiver never covers it, no level lowers it
        if f.status is Status.WAIVED:
            continue
        if f.severity >= level:
            return EXIT_FINDINGS
        if fail_level is None and f.status is Status.NEEDS_REVIEW:
            return EXIT_FINDINGS
    return EXIT_OK


def with_exit_zero_notice(report: Report) -> Report:
    """The report, saying that ``--exit-zero`` made the exit code 0 although the run fails."""
    notice = Notice("run.exit_zero", (("count", str(len(unread_files(report)))),))
    return replace(report, notices=(*report.notices, notice))
