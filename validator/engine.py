"""The run: discover packages, check every file, run package rules, stamp findings.

Checks yield ``Hit``s; only here do they become ``Finding``s, with the severity and clause the
profile gives and the message in every language from the catalogue. A check that stops on
unreadable content yields FIL001 for its file (LimitError: FIL003), and the run goes on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from validator import __version__, guard
from validator.archive import ArchiveLimits
from validator.checks import ALL_RULES, RULES_BY_CODE
from validator.checks.base import Hit
from validator.checks.late_submission import submission_dates
from validator.config import Settings
from validator.document import Document, Member, ReadLimits, format_of
from validator.errors import ConfigError, LimitError, UnreadableError
from validator.formats.legacy import convert_package
from validator.formats.ocr import OcrSettings
from validator.formats.ocr_review import ocr_hit, package_hit_docs
from validator.language import LanguageResult
from validator.layout import DiscoveryRules
from validator.manifest import apply_manifest
from validator.model import (
    NOT_READ,
    FileReport,
    Finding,
    Notice,
    PackageReport,
    Report,
    RuleInfo,
    has_code,
)
from validator.package import Package, Refusal, find_packages
from validator.pages import PageCounter, PageCountUnavailable
from validator.profile import Profile
from validator.roles import RoleResult, classify_role
from validator.slides.picture import slide_shapes
from validator.stamping import ALWAYS_ON as ALWAYS_ON
from validator.stamping import Stamper as Stamper
from validator.stamping import failure_hit
from validator.stamping import not_read_hit as not_read_hit
from validator.toplevel import message_args, stray_findings
from validator.waivers import apply_waivers
from validator.workdays import kazakhstan_today

if TYPE_CHECKING:
    from validator.cache import FileCache
    from validator.isolation import WorkerPool


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
    ocr = profile.rules.get("FIL002")
    return ReadLimits(archive, p["max_part_bytes"], p.get("max_part_elements"),
                      p.get("pdf_max_stream_bytes"),
                      OcrSettings.from_params(ocr.params if ocr is not None else {}))


def _role(doc: Document) -> RoleResult:
    """The classification step; a file that cannot be read is classified by its name."""
    try:
        return doc.role
    except Exception:  # hostile input must not stop the run; the name is still evidence
        return classify_role(doc.name)


def _run_file_rules(doc: Document, stamper: Stamper, package: str) -> list[Finding]:
    findings: list[Finding] = []
    kind = doc.kind  # "other": only FIL002 applies (a file that is not a material is named)
    for rule in ALL_RULES:
        if rule.scope != "file" or kind not in rule.kinds or not stamper.active(rule):
            continue
        if rule.code not in ALWAYS_ON and stamper.settings.ignored_for(rule.code, doc.path):
            continue
        params = stamper.profile.rules[rule.code].params
        try:
            hits = list(rule.check(doc, params))
        except MemoryError:
            raise  # the worker reports it and is replaced
        except Exception as exc:  # any failure on hostile input is a finding, never a crash
            code, hit = failure_hit(exc, rule)
            target = RULES_BY_CODE[code]
            if code == "SEC003" and not stamper.active(target):
                code, target = "FIL001", RULES_BY_CODE["FIL001"]  # never a silent pass
            if stamper.active(target):
                f = stamper.stamp(target, hit, package, doc.path)
                if f is not None:
                    findings.append(f)
            break
        for hit in hits:
            hit = ocr_hit(rule.code, hit, (doc,))  # text read by OCR: say so, unsure: review
            f = stamper.stamp(rule, hit, package, doc.path)
            if f is not None:
                findings.append(f)
        if rule.code == "FIL001" and hits:
            break  # nothing else can be judged on a file that cannot be read
    return findings


def _counts(doc: Document,
            findings: Sequence[Finding]) -> tuple[int | None, int | None, str | None]:
    """Slides of a deck, or pages of a document and how they were counted."""
    if has_code(findings, NOT_READ):
        return None, None, None
    try:
        if doc.format == "pdf" and doc.kind == "presentation":
            return len(doc.pdf.pages), None, None
        if doc.container == "zip" and doc.declared_kind == "presentation":
            return len(doc.deck.slides), None, None
        if doc.kind == "document" and (doc.format == "pdf" or doc.page_counter is not None):
            # Without LibreOffice: a rule that needs the exact count (DOC001) asks for
            # ``page_count`` and the report is updated with it after the package rules.
            count = doc.quick_page_count
            return None, count.pages, count.method
    except (UnreadableError, LimitError, PageCountUnavailable):
        return None, None, None
    return None, None, None


class Progress(Protocol):
    """Told about the work of a run (the command line draws a bar on a terminal)."""

    def add(self, files: int) -> None:
        """``files`` more files will be checked."""

    def advance(self, path: str) -> None:
        """One file is done."""


def needs_language(stamper: Stamper) -> bool:
    """Whether the reports must carry each file's language: an active rule reads it
    (``Rule.reads_language``; package rules read it from the file reports)."""
    return any(rule.reads_language and stamper.active(rule) for rule in ALL_RULES)


def _language(doc: Document, findings: Sequence[Finding],
              needed: bool = True) -> LanguageResult | str | None:
    """The document's language for the report; None when its text cannot be read, and the
    reason ``not-needed`` when no active rule reads it and none has computed it (``needed``:
    see ``needs_language``), so the detector is not run for nothing."""
    if doc.declared_kind in ("other", "legacy") or has_code(findings, NOT_READ):
        return None
    if not needed and "language" not in doc.__dict__:
        return "not-needed"
    try:
        return doc.language
    except (UnreadableError, LimitError):
        return None


def check_file(member: Member, stamper: Stamper, limits: ReadLimits, package: str,
               page_counter: PageCounter | None = None,
               cache: FileCache | None = None) -> tuple[Document, FileReport]:
    """Check one file; return the opened document (for package rules) and its report.

    With a ``cache``, a file whose content, path and settings were seen before is not opened:
    its report comes from the cache, with the views package rules read (its text), so the
    document stays lazy and unparsed.
    """
    doc, cached, key = cached_file(member, limits, package, page_counter, cache)
    if cached is not None:
        return doc, cached
    report = _file_report(doc, stamper, package)
    store_file(cache, key, doc, report)
    return doc, report


def cached_file(member: Member, limits: ReadLimits, package: str,
                page_counter: PageCounter | None, cache: FileCache | None
                ) -> tuple[Document, FileReport | None, str | None]:
    """A Document for ``member``, and its cached report and cache key (None without)."""
    doc = Document(member, limits, page_counter)
    key = None
    if cache is not None:
        if member.disk is not None and member.blob is None:
            try:
                doc.adopt_digest(cache.digest(member.disk))
            except OSError:  # e.g. permission denied: not cached; the reader says FIL001
                return doc, None, None
        key = cache.key(doc.sha256, doc.path, package)
        found = cache.get_with_views(key)
        if found is not None:
            cached, views = found
            for name, value in views.items():
                doc.__dict__[name] = value  # a cached_property already computed
            return doc, cached, key
    return doc, None, key


def store_file(cache: FileCache | None, key: str | None, doc: Document,
               report: FileReport) -> None:
    """Keep a file's report and the views package rules read in the cache."""
    if cache is not None and key is not None:
        from validator.cache import CACHED_VIEWS

        views = {name: doc.__dict__[name] for name in CACHED_VIEWS if name in doc.__dict__}
        cache.put(key, report, views)


def _file_report(doc: Document, stamper: Stamper, package: str) -> FileReport:
    findings = _run_file_rules(doc, stamper, package)
    slides, pages, pages_method = _counts(doc, findings)  # a scan's pages are still counted
    no_text = guard.no_text_hit(doc, findings)
    if no_text is not None:
        f = stamper.stamp(RULES_BY_CODE["FIL001"], no_text, package, doc.path)
        findings.extend(() if f is None else (f,))
    role = _role(doc)
    extra = _slide_pictures(doc, findings)
    if doc.member.converted_from is not None:
        extra += (("converted_from", doc.member.converted_from),)
    lang = _language(doc, findings, needs_language(stamper))
    if isinstance(lang, str):  # left null: the report says why
        extra += (("language_reason", lang),)
        lang = None
    report = FileReport(
        path=doc.path,
        format=format_of(doc.name) or "none",  # a converted file: its own extension
        kind=doc.kind,
        size=doc.size,
        sha256=doc.sha256,
        findings=tuple(sorted(findings, key=Finding.sort_key)),
        role=role.role,
        role_reason=role.reason,
        slides=slides,
        pages=pages,
        pages_method=pages_method,
        extra=extra,
        language=lang.language if lang else None,
        language_shares=dict(lang.shares) if lang else None,
        script=lang.script if lang else None,
    )
    return report


def _slide_pictures(doc: Document, findings: Sequence[Finding]) -> tuple[tuple[str, Any], ...]:
    """For a PresentationML deck whose findings point at slides: every text shape's box on
    each flagged slide (``slide_shapes``) and the slide size, so reports can draw the slide."""
    if doc.container != "zip" or doc.declared_kind != "presentation":
        return ()
    flagged = {p.slide for f in findings for p in f.places if p.slide is not None}
    if not flagged or has_code(findings, NOT_READ):
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

    ``checked``: the package's files already read by a reader (``validator.reading``: worker
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
    entries = [guard.probe_views(e, stamper, pkg.path) for e in entries]
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
    for entry in entries:
        guard.quietly(entry.document.close, None)
    files = tuple(_with_best_pages(e) for e in entries)
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
                         guard.quietly(lambda: _package_facts(stamper, context), ()))


def _with_manifest(context: RunContext, pkg: Package) -> RunContext:
    """The package's run context with its manifest's dates; a manifest that cannot be read
    leaves the context as it was and says why (PKG002 reports it)."""
    try:
        return apply_manifest(context, pkg.path, pkg.members, pkg.meeting)
    except Exception as exc:  # a hostile manifest is the package's problem, not the run's
        return replace(context, manifest_error=f"{type(exc).__name__}: {exc}")


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


def _with_best_pages(entry: FileEntry) -> FileReport:
    """The file report with the most exact page count a rule asked for (the report as read
    when none can be had)."""
    best = guard.quietly(entry.document.best_page_count, None)
    report = entry.report
    if best is None or report.pages is None or best.method == report.pages_method:
        return report
    return replace(report, pages=best.pages, pages_method=best.method)


def _with_findings(report: FileReport, findings: list[Finding]) -> FileReport:
    if len(findings) == len(report.findings):
        return report
    return replace(report, findings=tuple(sorted(findings, key=Finding.sort_key)))


def run(paths: Sequence[Path], profile: Profile, settings: Settings,
        context: RunContext | None = None, *, cache: FileCache | None = None,
        progress: Progress | None = None, jobs: int | None = None,
        isolate: bool = True, page_counter: PageCounter | None = None,
        pool: WorkerPool | None = None) -> Report:
    """Check every package found under ``paths`` and return the report.

    Files are read in ``jobs`` worker processes (default: one per core) with the profile's
    time and memory limits; ``isolate=False`` reads them in this process (debugging only).
    A package whose whole report is cached is not read at all; a cached file is not sent to
    a worker (``validator.reading``).

    ``page_counter`` and ``pool`` (workers started for this ``profile`` and ``settings``) are
    used and left open, for a caller that checks many packages (``api.Checker``); without
    them the run starts its own and stops them at the end.
    """
    from validator.reading import open_reader

    if page_counter is None:
        with PageCounter() as own:
            return run(paths, profile, settings, context, cache=cache, progress=progress,
                       jobs=jobs, isolate=isolate, page_counter=own, pool=pool)

    context = context or RunContext()
    stamper = Stamper(profile, settings)
    limits = read_limits(profile)
    found: list[Package] = []
    strays: list[Refusal] = []
    unsearched: list[PackageReport] = []
    for path in paths:
        try:
            discovery = find_packages(path, limits.archive, discovery_rules(profile, settings))
            # Legacy and open documents are read through their conversion by LibreOffice.
            discovered = [convert_package(p, page_counter, limits.archive.max_member_bytes)
                          for p in discovery.packages]
        except (ConfigError, FileNotFoundError):
            raise  # usage errors
        except Exception as exc:  # fail closed: this path's report says it was not searched
            unsearched.append(guard.failed_package(str(path), [], stamper, exc))
            continue
        strays.extend(discovery.strays)
        if progress is not None:
            progress.add(sum(len(p.members) for p in discovered))
        found.extend(discovered)
    keys = [cache.package_key(pkg, context) if cache is not None else None for pkg in found]
    whole = [cache.get_package(key) if cache is not None and key is not None else None
             for key in keys]
    todo = [i for i, report in enumerate(whole) if report is None]
    packages: list[PackageReport] = []
    # The page counter lives in this process: LibreOffice starts on the first word-processing
    # file a package rule (DOC001) needs an exact count of, if any.
    tally = page_counter.tally()
    reader = open_reader(profile, stamper, limits, jobs=jobs, isolate=isolate,
                         page_counter=page_counter, cache=cache, progress=progress, pool=pool)
    try:
        read = reader.read([(found[i].path, found[i].members) for i in todo])
    finally:
        reader.close()
    checked = dict(zip(todo, read, strict=True))
    for i, pkg in enumerate(found):
        cached = whole[i]
        if cached is not None:
            if progress is not None:
                for member in pkg.members:
                    progress.advance(member.path)
            packages.append(cached)
            continue
        try:
            report = check_package(pkg, stamper, limits, context, page_counter,
                                   checked=checked[i])
        except Exception as exc:  # fail closed: this package's report says it was not judged
            packages.append(guard.failed_package(pkg.path, [r for _, r in checked[i]],
                                                 stamper, exc))
            continue  # and it is not cached: the next run tries again
        key = keys[i]
        if cache is not None and key is not None:
            cache.put_package(key, report)
        packages.append(report)
    packages.extend(unsearched)
    note = page_counter.note(since=tally)
    if cache is not None:
        cache.flush()
    notes = () if note is None else (note,)
    waived, notices = apply_waivers(packages, settings.waivers, context.today)
    out = Report(__version__, profile.info, waived, notes=notes,
                 clauses=cited_clauses(profile, stamper), rules=active_rules(profile, stamper),
                 notices=notices, coverage=profile.coverage,
                 findings=stray_findings(strays, profile))
    return with_not_read_notice(out, settings)


def discovery_rules(profile: Profile, settings: Settings) -> DiscoveryRules:
    """How packages are found: the profile's ``[discovery]`` and the user's exclusions."""
    if profile.discovery is None:
        raise ConfigError(f"profile {profile.id}: missing [discovery] table")
    return replace(profile.discovery, exclude=settings.exclude)


def plain(value: Any) -> Any:
    """A profile value as JSON holds it (mappings as dicts, sequences as lists), so a report's
    rules read back from storage equal the ones the run made."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def with_not_read_notice(report: Report, settings: Settings) -> Report:
    """The report, saying that its unread files fail the run, when the user's options would
    otherwise have hidden them (rules chosen or ignored, waivers, a failing level)."""
    from validator.outcome import unread_files

    filtered = (settings.select or settings.ignore or settings.per_file_ignores
                or settings.waivers or settings.fail_level is not None)
    files = unread_files(report) if filtered else ()
    if not files:
        return report
    notice = Notice("run.not_read", (("count", str(len(files))),))
    return replace(report, notices=(*report.notices, notice))


def active_rules(profile: Profile, stamper: Stamper) -> tuple[RuleInfo, ...]:
    """The rules this run applies, in catalogue order, with the profile's default severity."""
    out = []
    for rule in ALL_RULES:
        if stamper.active(rule):
            rs = profile.rules[rule.code]
            out.append(RuleInfo(rule.code, rule.name, rs.severity, rs.clause,
                                tuple((k, plain(v)) for k, v in rs.params.items())))
    return tuple(out)


def cited_clauses(profile: Profile, stamper: Stamper) -> dict[str, dict[str, str]]:
    """The quotations of every clause an active rule cites (clause -> {lang: text})."""
    out: dict[str, dict[str, str]] = {}
    for info in active_rules(profile, stamper):
        if info.clause is not None and info.clause in profile.clauses:
            out[info.clause] = dict(profile.clauses[info.clause])
    return out

