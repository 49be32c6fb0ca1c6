"""One cause, said once: a file whose content was not read is spoken for by its own finding.

A file that was not read (FIL001, FIL003, a password-protected file (SEC003), a legacy file not
converted or a scan whose pages were not read (FIL002), each marked ``not_read``) already gets
the finding that names why, and that finding fails the run and keeps the package from being
accepted. Another rule that cannot judge such a file (its pages cannot be counted, its language
cannot be told, its text cannot be compared) would only repeat that cause in its own words,
with its own advice (shorten the reference, align the texts) that does not apply. So the run
keeps, on such a file, its not-read findings and every violation, and drops the other rules'
needs-review findings about it. The security rules' questions stay (a scan whose pages were
not read may carry a restricted marking only a person can see): what a person must look for
on such a file is not said by why it was not read.

Fail closed: nothing is dropped unless the file keeps a not-read finding that is itself an
error or needs review, so the file's state and the package's verdict stay at least as strict
(a needs-review finding never ranks above those), and the exit code stays 1.
"""

from __future__ import annotations

from collections.abc import Sequence

from validator.core.findings import Finding, Severity, Status
from validator.core.outcome import not_read

#: Rules whose questions about an unread file are their own (security: a marking to look for).
_OWN_QUESTIONS = ("SEC",)


def _speaks(f: Finding) -> bool:
    """A not-read finding that decides the file at least as strictly as a needs-review."""
    return not_read(f) and (
        f.status is Status.NEEDS_REVIEW
        or (f.status is Status.VIOLATION and f.severity is Severity.ERROR))


def one_cause(findings: Sequence[Finding]) -> tuple[Finding, ...]:
    """One file's findings without the needs-review findings that repeat why it was not read
    (see the module's docstring); unchanged for a file that was read."""
    if not any(_speaks(f) for f in findings):
        return tuple(findings)
    return tuple(f for f in findings
                 if not_read(f) or f.status is not Status.NEEDS_REVIEW
                 or f.code.startswith(_OWN_QUESTIONS))
