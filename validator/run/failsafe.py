"""Fail closed in the parent: what the run does per file and per package never ends the run.

File rules already run under a wrapper (``filecheck._run_file_rules``: an exception is FIL001 for
the file). This module gives the same guarantee to what runs in the parent process after the
workers have read the files:

- ``probe_views``: a readable document whose shipped views (its text always; markers and
  figures, table shapes when an active rule reads them: ``shipped_views``) are missing or fail
  gets FIL001 for that file before any package rule reads it, so a package rule never meets an
  exception from a half-read file;
- ``run_package_rule``: an exception inside a package rule (or while stamping its hits) is one
  FIL001 needs-review on the package naming the rule that could not finish; the package's other
  rules, and the other packages, go on;
- ``failed_package``: when a whole package cannot be judged, its files' reports (as the readers
  gave them) and one FIL001 needs-review on the package, instead of no report at all;
- ``no_text_hit``: a PDF that was read but holds no letter at all (a scan, pictures of pages):
  its text was not read, which is a FIL001 needs-review, never a pass.

Every such finding is ``not_read``: no option or waiver hides it and it fails the run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

from validator.checks import RULES_BY_CODE
from validator.checks.base import SHIPPED_VIEWS, Hit, Rule
from validator.core.errors import LimitError, UnreadableError
from validator.core.findings import FileReport, Finding, PackageReport, Status
from validator.core.outcome import not_read
from validator.formats.pdfscan import pdf_pictures_of_pages
from validator.run.stamping import unreadable_hit

if TYPE_CHECKING:
    from validator.checks.base import FileEntry, PackageContext
    from validator.files.document import Document
    from validator.run.stamping import Stamper

T = TypeVar("T")

#: The view every readable document ships whatever rules are active: its text. A file whose
#: text cannot be extracted gets FIL001 from it, never a pass, whatever rules were chosen.
TEXT_VIEW = "text_blocks"
#: Kinds whose views are shipped by the workers.
TEXT_KINDS = frozenset({"presentation", "document", "spreadsheet"})


def shipped_views(stamper: Stamper) -> tuple[str, ...]:
    """The views the readers compute and send, in ``SHIPPED_VIEWS`` order: the text, and each
    other view an active rule reads (``Rule.reads_views``); the rest is never computed."""
    from validator.checks import ALL_RULES

    wanted = {TEXT_VIEW}
    for rule in ALL_RULES:
        if rule.reads_views and stamper.active(rule):
            wanted |= rule.reads_views
    return tuple(name for name in SHIPPED_VIEWS if name in wanted)


def unread(report: FileReport) -> bool:
    """Whether the file's report says that the file or its text was not read."""
    return any(not_read(f) for f in report.findings)


def _fil001(stamper: Stamper, hit: Hit, package: str, file: str) -> Finding | None:
    return stamper.stamp(RULES_BY_CODE["FIL001"], hit, package, file)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, UnreadableError | LimitError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def probe_views(entry: FileEntry, stamper: Stamper, package: str,
                views: Sequence[str]) -> FileEntry:
    """The entry, with FIL001 added when one of ``views`` (``shipped_views``, worked out once
    per package) cannot be had."""
    from validator.checks.base import FileEntry

    report = entry.report
    doc = entry.document
    if unread(report) or doc.declared_kind not in TEXT_KINDS:
        return entry
    for name in views:
        try:
            getattr(doc, name)
        except Exception as exc:  # fail closed: a file package rules cannot read is a finding
            reason = f"{name}: {_reason(exc)}"
            finding = _fil001(stamper, unreadable_hit(reason),
                              package, report.path)
            if finding is None:
                return entry
            findings = tuple(sorted((*report.findings, finding), key=Finding.sort_key))
            return FileEntry(doc, replace(report, findings=findings))
    return entry


def _failure(stamper: Stamper, what: str | None, exc: BaseException, package: str,
             file: str) -> Finding | None:
    """FIL001 needs-review: rule ``what`` (None: the whole package) could not be judged."""
    evidence = f"{what or 'the package'} could not finish: {_reason(exc)}"
    hit = Hit(evidence=evidence, status=Status.NEEDS_REVIEW,
              message="not_finished" if what else "package_not_finished",
              args={"rule": what or "", "reason": evidence}, not_read=True,
              fingerprint_extra=f"not-finished|{what or ''}")
    return _fil001(stamper, hit, package, file)


def run_package_rule(rule: Rule, ctx: PackageContext, stamper: Stamper,
                     adjust: Callable[[str, Hit], Hit] | None = None) -> list[Finding]:
    """The findings of one package rule; an exception is one FIL001 needs-review naming it.
    ``adjust`` may change each hit before it is stamped (hits on text read by OCR)."""
    params = stamper.profile.rules[rule.code].params
    try:
        out = []
        for hit in rule.check(ctx, params):
            if adjust is not None:
                hit = adjust(rule.code, hit)
            f = stamper.stamp(rule, hit, ctx.path, ctx.path)
            if f is not None:
                out.append(f)
        return out
    except Exception as exc:  # fail closed: the rule's verdict is unknown, never a pass
        failure = _failure(stamper, rule.code, exc, ctx.path, ctx.path)
        return [] if failure is None else [failure]


def failed_package(path: str, files: Sequence[FileReport], stamper: Stamper,
                   exc: BaseException) -> PackageReport:
    """A package that could not be judged: what was read of it, and why it stopped."""
    failure = _failure(stamper, None, exc, path, path)
    return PackageReport(path, tuple(files), () if failure is None else (failure,))


def quietly(fn: Callable[[], T], default: T) -> T:
    """``fn()``, or ``default`` when it fails: for the parent's finishing touches on a report
    (the best page count, closing a file, the dates line) that add facts but judge nothing."""
    try:
        return fn()
    except Exception:  # the fact is left out; the findings already say what was judged
        return default


def no_text_hit(doc: Document, findings: Sequence[Finding]) -> Hit | None:
    """FIL001 needs-review for a PDF that was read, holds no letter at all and draws its
    pages as pictures (a scan): its text was not read. A PDF of empty pages is not one."""
    if doc.format != "pdf" or any(not_read(f) for f in findings):
        return None
    try:
        blocks: Any = doc.text_blocks
        if any(ch.isalpha() for block in blocks for ch in block.text):
            return None
        if not pdf_pictures_of_pages(doc):
            return None
    except (UnreadableError, LimitError):
        return None  # the worker's view check reports it
    reason = "no page has a text layer (a scan or pictures of pages): the text was not read"
    return Hit(evidence=reason, status=Status.NEEDS_REVIEW, message="no_text",
               args={"reason": reason}, not_read=True, fingerprint_extra="no-text")
