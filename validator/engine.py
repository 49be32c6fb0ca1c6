"""The run: discover packages, check every file, run package rules, stamp findings.

Checks yield ``Hit``s; only here do they become ``Finding``s, with the severity and clause the
profile gives and the message in every language from the catalogue. A check that stops on
unreadable content yields FIL001 for its file (LimitError: FIL003), and the run goes on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from validator import __version__
from validator.archive import ArchiveLimits
from validator.catalogue import LANGS, format_message
from validator.checks import ALL_RULES, RULES_BY_CODE
from validator.checks.base import Hit, Rule
from validator.checks.late_submission import submission_dates
from validator.config import Settings
from validator.document import Document, Member, ReadLimits
from validator.errors import LimitError, UnreadableError
from validator.manifest import apply_manifest
from validator.model import (
    FileReport,
    Finding,
    PackageReport,
    Report,
    fingerprint,
)
from validator.package import Package, Refusal, discover
from validator.profile import Profile
from validator.roles import Localized, RoleResult, classify_role
from validator.slides.picture import slide_shapes
from validator.workdays import kazakhstan_today


@dataclass(frozen=True, slots=True)
class RunContext:
    """Facts about the submission that are not in the files (dates, flags from the user)."""

    today: dt.date = field(default_factory=kazakhstan_today)
    meeting_date: dt.date | None = None
    submitted: dt.date | None = None  # None: today
    extraordinary: bool = False
    dates_source: str = "command line"  # or the package manifest's path
    manifest_error: str | None = None


@dataclass(frozen=True, slots=True)
class FileEntry:
    """A checked file as package rules see it: the opened document and its report."""

    document: Document
    report: FileReport


@dataclass(frozen=True, slots=True)
class PackageContext:
    """What a package rule receives."""

    path: str
    files: tuple[FileEntry, ...]
    refusals: tuple[Refusal, ...]
    context: RunContext
    single: bool = False


def read_limits(profile: Profile) -> ReadLimits:
    """Build the reading limits from the profile's FIL003 parameters."""
    settings = profile.rules.get("FIL003")
    if settings is None:
        raise UnreadableError("the profile has no [rules.FIL003] limits")
    p = settings.params
    archive = ArchiveLimits(
        max_members=p["max_members"],
        max_total_bytes=p["max_total_bytes"],
        max_member_bytes=p["max_member_bytes"],
        max_ratio=p["max_ratio"],
        ratio_min_bytes=p["ratio_min_bytes"],
        max_nesting=p["max_nesting"],
    )
    return ReadLimits(archive, p["max_part_bytes"])


class Stamper:
    """Turns hits into findings for one profile and one set of user settings."""

    def __init__(self, profile: Profile, settings: Settings) -> None:
        self.profile = profile
        self.settings = settings

    def active(self, rule: Rule) -> bool:
        return rule.code in self.profile.rules and self.settings.enabled(rule.code)

    def stamp(self, rule: Rule, hit: Hit, package: str, file: str) -> Finding | None:
        path = hit.file or file
        if self.settings.ignored_for(rule.code, path):
            return None
        rs = self.profile.rules[rule.code]
        args: dict[str, Any] = {"measured": hit.measured, "threshold": hit.threshold,
                                "unit": hit.unit or ""}
        args.update(hit.args)
        messages = tuple((lang, format_message(rule.code, lang, hit.message, _in_lang(args, lang)))
                         for lang in LANGS)
        return Finding(
            code=rule.code,
            name=rule.name,
            severity=rs.severity_for(hit.case),
            status=hit.status,
            clause=rs.clause,
            package=package,
            file=path,
            location=hit.location,
            messages=messages,
            measured=hit.measured,
            threshold=hit.threshold,
            unit=hit.unit,
            evidence=hit.evidence,
            fingerprint=fingerprint(rule.code, path, hit.location, hit.fingerprint_extra),
        )


def _in_lang(args: dict[str, Any], lang: str) -> dict[str, Any]:
    """Resolve ``Localized`` arguments (a text per language) for one message language."""
    return {k: v[lang] if isinstance(v, Localized) else v for k, v in args.items()}


def _role(doc: Document) -> RoleResult:
    """The classification step; a file that cannot be read is classified by its name."""
    try:
        return doc.role
    except Exception:  # hostile input must not stop the run; the name is still evidence
        return classify_role(doc.name)


def _failure_hit(exc: Exception, rule: Rule) -> tuple[str, Hit]:
    if isinstance(exc, LimitError):
        return "FIL003", Hit(measured=exc.measured if not isinstance(exc.measured, str) else None,
                             threshold=exc.threshold if not isinstance(exc.threshold, str)
                             else None,
                             evidence=str(exc), args={"reason": str(exc), "limit": exc.limit})
    if isinstance(exc, UnreadableError):
        reason = str(exc)
    else:
        reason = f"{rule.code} could not finish: {type(exc).__name__}: {exc}"
    return "FIL001", Hit(evidence=reason, args={"reason": reason})


def _run_file_rules(doc: Document, stamper: Stamper, package: str) -> list[Finding]:
    findings: list[Finding] = []
    if doc.declared_kind == "other":
        return findings
    kind = doc.kind
    for rule in ALL_RULES:
        if rule.scope != "file" or kind not in rule.kinds or not stamper.active(rule):
            continue
        if stamper.settings.ignored_for(rule.code, doc.path):
            continue
        params = stamper.profile.rules[rule.code].params
        try:
            hits = list(rule.check(doc, params))
        except Exception as exc:  # any failure on hostile input is a finding, never a crash
            code, hit = _failure_hit(exc, rule)
            target = RULES_BY_CODE[code]
            if stamper.active(target):
                f = stamper.stamp(target, hit, package, doc.path)
                if f is not None:
                    findings.append(f)
            break
        for hit in hits:
            f = stamper.stamp(rule, hit, package, doc.path)
            if f is not None:
                findings.append(f)
        if rule.code == "FIL001" and hits:
            break  # nothing else can be judged on a file that cannot be read
    return findings


def _counts(doc: Document, findings: Sequence[Finding]) -> tuple[int | None, int | None]:
    if any(f.code in ("FIL001", "FIL003") for f in findings):
        return None, None
    try:
        if doc.format == "pdf":
            count = len(doc.pdf.pages)
            return (count, None) if doc.kind == "presentation" else (None, count)
        if doc.container == "zip" and doc.declared_kind == "presentation":
            return len(doc.deck.slides), None
    except (UnreadableError, LimitError):
        return None, None
    return None, None


def check_file(member: Member, stamper: Stamper, limits: ReadLimits,
               package: str) -> tuple[Document, FileReport]:
    """Check one file; return the opened document (for package rules) and its report."""
    doc = Document(member, limits)
    findings = _run_file_rules(doc, stamper, package)
    slides, pages = _counts(doc, findings)
    role = _role(doc)
    extra = _slide_pictures(doc, findings)
    report = FileReport(
        path=doc.path,
        format=doc.format or "none",
        kind=doc.kind,
        size=doc.size,
        sha256=doc.sha256,
        findings=tuple(sorted(findings, key=Finding.sort_key)),
        role=role.role,
        role_reason=role.reason,
        slides=slides,
        pages=pages,
        pages_method="pdf" if pages is not None else None,
        extra=extra,
    )
    return doc, report


def _slide_pictures(doc: Document, findings: Sequence[Finding]) -> tuple[tuple[str, Any], ...]:
    """For a PresentationML deck whose findings point at slides: every text shape's box on
    each flagged slide (``slide_shapes``) and the slide size, so reports can draw the slide."""
    if doc.container != "zip" or doc.declared_kind != "presentation":
        return ()
    flagged = {f.location.slide for f in findings if f.location.slide is not None}
    if not flagged or any(f.code in ("FIL001", "FIL003") for f in findings):
        return ()
    try:
        picture = slide_shapes(doc.slide_runs, doc.deck, flagged)
    except (UnreadableError, LimitError):
        return ()
    return tuple(picture.items())


def _unreadable_refusals(refusals: Iterable[Refusal], stamper: Stamper,
                         package: str) -> Iterator[Finding]:
    rule = RULES_BY_CODE["FIL001"]
    if not stamper.active(rule):
        return
    for r in refusals:
        if r.unreadable:
            hit = Hit(evidence=r.reason, args={"reason": r.reason}, file=r.path)
            f = stamper.stamp(rule, hit, package, package)
            if f is not None:
                yield f


def check_package(pkg: Package, stamper: Stamper, limits: ReadLimits,
                  context: RunContext) -> PackageReport:
    entries: list[FileEntry] = []
    for member in pkg.members:
        doc, report = check_file(member, stamper, limits, pkg.path)
        entries.append(FileEntry(doc, report))
    context = apply_manifest(context, pkg.path, pkg.members)
    ctx = PackageContext(pkg.path, tuple(entries), pkg.refusals, context, pkg.single)
    findings = list(_unreadable_refusals(pkg.refusals, stamper, pkg.path))
    for rule in ALL_RULES:
        if rule.scope != "package" or not stamper.active(rule):
            continue
        params = stamper.profile.rules[rule.code].params
        for hit in rule.check(ctx, params):
            f = stamper.stamp(rule, hit, pkg.path, pkg.path)
            if f is not None:
                findings.append(f)
    for entry in entries:
        entry.document.close()
    files = tuple(e.report for e in entries)
    # A package finding attached to a member file goes with that file's report.
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
    return PackageReport(pkg.path, files, tuple(sorted(own, key=Finding.sort_key)),
                         _package_facts(stamper, context))


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
        "submitted": dates.submitted.isoformat(),
        "working_days": dates.working_days,
        "extraordinary": dates.extraordinary,
        "working_days_late": dates.days_late,
        "calendar_reviewed": dates.reviewed,
        "source": context.dates_source,
    }),)


def _with_findings(report: FileReport, findings: list[Finding]) -> FileReport:
    if len(findings) == len(report.findings):
        return report
    return replace(report, findings=tuple(sorted(findings, key=Finding.sort_key)))


def run(paths: Sequence[Path], profile: Profile, settings: Settings,
        context: RunContext | None = None) -> Report:
    """Check every package found under ``paths`` and return the report."""
    context = context or RunContext()
    stamper = Stamper(profile, settings)
    limits = read_limits(profile)
    packages: list[PackageReport] = []
    for path in paths:
        for pkg in discover(path, limits.archive):
            packages.append(check_package(pkg, stamper, limits, context))
    return Report(__version__, profile.info, tuple(packages))

