"""One package: its files (read by a reader, from the cache, or here), the views package
rules read probed (fail closed), its manifest's dates, the package rules, and the package
report with each package finding beside the file it names (a file that was not read keeps its
own finding, not other rules' questions about it: ``one_cause``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from validator.checks import ALL_RULES, RULES_BY_CODE
from validator.checks._lang_common import entries_of, pairing_of
from validator.checks._refusals import message_args
from validator.checks.base import FileEntry, Hit, PackageContext, RunContext
from validator.checks.late_submission import submission_dates
from validator.core.findings import (
    FileReport,
    Finding,
    PackageReport,
)
from validator.discovery.manifest import MANIFEST_NAME, apply_manifest, unreadable_manifest
from validator.discovery.packages import Package, Refusal
from validator.files.document import Document
from validator.files.member import ReadLimits
from validator.paging import PageCounter
from validator.reader.readers import Progress
from validator.run import failsafe as guard
from validator.run.filecheck import check_file
from validator.run.ocr_review import ocr_hit, package_hit_docs
from validator.run.one_cause import one_cause
from validator.run.stamping import Stamper

if TYPE_CHECKING:
    from validator.storage.cache import FileCache


def _unreadable_refusals(refusals: Iterable[Refusal], stamper: Stamper,
                         package: str) -> Iterator[Finding]:
    rule = RULES_BY_CODE["FIL001"]
    if not stamper.active(rule):
        return
    for r in refusals:
        if r.unreadable:
            hit = Hit(evidence=r.reason, args=message_args(r), file=r.path, message=r.message)
            f = stamper.stamp(rule, hit, package, package)
            if f is not None:
                yield f


def check_package(pkg: Package, stamper: Stamper, limits: ReadLimits,
                  context: RunContext, page_counter: PageCounter | None = None, *,
                  cache: FileCache | None = None,
                  progress: Progress | None = None,
                  checked: Sequence[tuple[Document, FileReport]] | None = None
                  ) -> PackageReport:
    """Check a package's files and run its package rules.

    ``checked``: the package's files already read by a reader (``validator.reader.readers``: worker
    processes); without them the files are checked here, in this process.

    Without the run's ``page_counter`` it uses one of its own. With a ``cache``: a package
    whose members, refusals and run context are all unchanged comes back whole (package rules
    included, nothing opened); otherwise its unchanged files come from the cache and the
    package rules run again.
    """
    if page_counter is None:
        with PageCounter() as own_counter:
            return check_package(pkg, stamper, limits, context, own_counter, cache=cache,
                                 progress=progress, checked=checked)
    key = cache.package_key(pkg, context) if cache is not None else None
    if cache is not None and key is not None:
        cached = cache.get_package(key)
        if cached is not None:
            if progress is not None:
                for member in pkg.members:
                    progress.advance(member.path)
            return cached
    report = _check_package(pkg, stamper, limits, context, page_counter, cache, progress,
                            checked)
    if cache is not None and key is not None:
        cache.put_package(key, report)
    return report


def _check_package(pkg: Package, stamper: Stamper, limits: ReadLimits, context: RunContext,
                   page_counter: PageCounter, cache: FileCache | None,
                   progress: Progress | None,
                   checked: Sequence[tuple[Document, FileReport]] | None) -> PackageReport:
    entries: list[FileEntry] = []
    if checked is not None:  # the reader has advanced the progress
        entries = [FileEntry(doc, report) for doc, report in checked]
    for member in pkg.members if checked is None else ():
        doc, report = check_file(member, stamper, limits, pkg.path, page_counter, cache)
        entries.append(FileEntry(doc, report))
        if progress is not None:
            progress.advance(member.path)
    # Fail closed: a file whose views package rules read cannot be had is FIL001 here, and a
    # package rule that stops is a finding; nothing done per file or per rule ends the run.
    views = guard.shipped_views(stamper)
    entries = [guard.probe_views(e, stamper, pkg.path, views) for e in entries]
    context = _with_manifest(context, pkg)
    ctx = PackageContext(pkg.path, tuple(entries), pkg.refusals, context, pkg.single)
    findings = list(_unreadable_refusals(pkg.refusals, stamper, pkg.path))
    docs = [e.document for e in entries]

    def on_ocr_text(code: str, hit: Hit) -> Hit:
        """A hit on text read by OCR says so, and needs review when the OCR was unsure."""
        return ocr_hit(code, hit, package_hit_docs(hit, docs))

    for rule in ALL_RULES:
        if rule.scope == "package" and stamper.active(rule):
            findings.extend(guard.run_package_rule(rule, ctx, stamper, on_ocr_text))
    none: tuple[tuple[str, Any], ...] = ()
    facts = (*guard.quietly(lambda: _package_facts(stamper, context), none),
             *guard.quietly(lambda: _pairing_facts(ctx, stamper), none))
    for entry in entries:
        guard.quietly(entry.document.close, None)
    files = tuple(_with_best_pages(e) for e in entries)
    # A package finding attached to a member file goes with that file's report; on a file
    # that was not read, its own finding is the one that speaks (``one_cause``).
    by_file = {f.path: list(f.findings) for f in files}
    own: list[Finding] = []
    for f in findings:
        if f.file in by_file and f.file != pkg.path:
            by_file[f.file].append(f)
        else:
            own.append(f)
    files = tuple(
        _with_findings(r, by_file[r.path]) for r in files
    )
    return PackageReport(pkg.path, files, tuple(sorted(own, key=Finding.sort_key)), facts)


def _with_manifest(context: RunContext, pkg: Package) -> RunContext:
    """The package's run context with its manifest's dates; a manifest that cannot be read
    leaves the context as it was and says why (PKG002 reports it)."""
    try:
        return apply_manifest(context, pkg.path, pkg.members, pkg.meeting)
    except Exception as exc:  # a hostile manifest is the package's problem, not the run's
        path = f"{pkg.path}/{MANIFEST_NAME}" if pkg.path else MANIFEST_NAME
        return replace(context, manifest_error=unreadable_manifest(path, exc))


def _package_facts(stamper: Stamper, context: RunContext) -> tuple[tuple[str, Any], ...]:
    """Facts every report states: the submission deadline when the meeting date is known."""
    rule = RULES_BY_CODE["PKG002"]
    if context.meeting_date is None or not stamper.active(rule):
        return ()
    dates = submission_dates(context, stamper.profile.rules[rule.code].params)
    if dates is None:
        return ()
    return (("dates", {
        "meeting": dates.meeting.isoformat(),
        "deadline": dates.deadline.isoformat(),
        "submitted": dates.submitted.isoformat() if dates.submitted else None,
        "working_days": dates.working_days,
        "extraordinary": dates.extraordinary,
        "working_days_late": dates.days_late,
        "calendar_reviewed": dates.reviewed,
        "source": context.dates_source,
    }),)


#: The rules that match each Kazakh material with its Russian version.
_PAIRING_RULES = ("LNG001", "LNG003")


def _pairing_facts(ctx: PackageContext, stamper: Stamper) -> tuple[tuple[str, Any], ...]:
    """Which Kazakh file was matched with which Russian one (``pairs``), and which files are
    another format of a material beside them (``copies``), as the language rules matched
    them: stated when one of them ran on a package (a lone file is not paired)."""
    if ctx.single or not any(stamper.active(RULES_BY_CODE[c]) for c in _PAIRING_RULES):
        return ()
    pairing, _ = pairing_of(entries_of(ctx))
    facts: list[tuple[str, Any]] = []
    if pairing.pairs:
        facts.append(("pairs", [{"kk": p.kk.path, "ru": p.ru.path} for p in pairing.pairs]))
    if pairing.copies:
        facts.append(("copies", [{"path": copy.path, "of": of.path}
                                 for copy, of in pairing.copies]))
    return tuple(facts)


def _with_best_pages(entry: FileEntry) -> FileReport:
    """The file report with the most exact page count a rule asked for (the report as read
    when none can be had)."""
    best = guard.quietly(entry.document.best_page_count, None)
    report = entry.report
    if best is None or report.pages is None or best.method == report.pages_method:
        return report
    return replace(report, pages=best.pages, pages_method=best.method)


def _with_findings(report: FileReport, findings: list[Finding]) -> FileReport:
    """The file's report with the package findings attached to it, each cause said once."""
    kept = one_cause(findings)
    if kept == report.findings:
        return report
    return replace(report, findings=tuple(sorted(kept, key=Finding.sort_key)))


