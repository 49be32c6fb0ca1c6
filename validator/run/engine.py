"""The run, orchestrated: discover packages, hand their files to a reader, run each
package's rules, and put the report together (waivers, notices, the rules and clauses used).

The jobs are elsewhere: one file through the file rules in ``filecheck``, the readers and
their worker processes in ``reading``/``isolation``/``fileworker``, one package in
``packagecheck``, hits turned into findings (severity, clause, messages) in ``stamping``,
failing closed in ``failsafe``. A check that stops on unreadable content yields FIL001 for its
file (LimitError: FIL003), and the run goes on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from validator.checks import ALL_RULES, RULES_BY_CODE
from validator.checks.base import FileEntry as FileEntry
from validator.checks.base import PackageContext as PackageContext
from validator.checks.base import RunContext as RunContext
from validator.core.errors import ConfigError, WordedError
from validator.core.findings import (
    Notice,
    PackageReport,
    Report,
    RuleInfo,
)
from validator.core.version import __version__
from validator.discovery.conversion import convert_package
from validator.discovery.language_archives import merge_language_archives
from validator.discovery.packages import Package, Refusal, find_packages
from validator.discovery.rules import DiscoveryRules
from validator.discovery.signed import unwrap_package
from validator.paging import PageCounter
from validator.reader.readers import Progress as Progress
from validator.run import failsafe as guard
from validator.run.filecheck import cached_file as cached_file
from validator.run.filecheck import check_file as check_file
from validator.run.filecheck import read_limits as read_limits
from validator.run.filecheck import store_file as store_file
from validator.run.packagecheck import check_package as check_package
from validator.run.stamping import ALWAYS_ON as ALWAYS_ON
from validator.run.stamping import Stamper as Stamper
from validator.run.stamping import not_read_hit as not_read_hit
from validator.run.strays import stray_findings
from validator.settings.options import Settings
from validator.settings.profile import Profile
from validator.settings.waivers import apply_waivers

if TYPE_CHECKING:
    from validator.reader.isolation import WorkerPool
    from validator.storage.cache import FileCache


def run(paths: Sequence[Path], profile: Profile, settings: Settings,
        context: RunContext | None = None, *, cache: FileCache | None = None,
        progress: Progress | None = None, jobs: int | None = None,
        isolate: bool = True, page_counter: PageCounter | None = None,
        pool: WorkerPool | None = None, shown_as: Sequence[str] | None = None,
        fork_readers: bool = False) -> Report:
    """Check every package found under ``paths`` and return the report.

    Files are read in ``jobs`` worker processes (default: one per core) with the profile's
    time and memory limits; ``isolate=False`` reads them in this process (debugging only).
    ``fork_readers``: the caller starts no thread, so its workers may be forked from it
    (``validator.reader.isolation``).
    A package whose whole report is cached is not read at all; a cached file is not sent to
    a worker (``validator.reader.readers``).

    ``page_counter`` and ``pool`` (workers started for this ``profile`` and ``settings``) are
    used and left open, for a caller that checks many packages (``api.Checker``); without
    them the run starts its own and stops them at the end. ``shown_as``, one per path, is how
    reports name each path instead of its spelling (``validator.discovery.packages``).
    """
    from validator.reader.readers import open_reader
    from validator.run.filejob import FileJob, worker_pool

    if page_counter is None:
        with PageCounter() as own:
            return run(paths, profile, settings, context, cache=cache, progress=progress,
                       jobs=jobs, isolate=isolate, page_counter=own, pool=pool,
                       shown_as=shown_as, fork_readers=fork_readers)

    context = context or RunContext()
    stamper = Stamper(profile, settings)
    limits = read_limits(profile)
    found: list[Package] = []
    strays: list[Refusal] = []
    unsearched: list[PackageReport] = []
    labels: Sequence[str | None] = [None] * len(paths) if shown_as is None else shown_as
    for path, label in zip(paths, labels, strict=True):
        try:
            rules = discovery_rules(profile, settings)
            discovery = merge_language_archives(find_packages(path, limits.archive, rules,
                                                              label), rules)
            # Documents in their signature files are read out of them; legacy and open
            # documents are read through their conversion by LibreOffice.
            most = limits.archive.max_member_bytes
            discovered = [convert_package(unwrap_package(p, most), page_counter, most)
                          for p in discovery.packages]
        except (ConfigError, FileNotFoundError):
            raise  # usage errors
        except Exception as exc:  # fail closed: this path's report says it was not searched
            unsearched.append(guard.failed_package(str(path) if label is None else label, [],
                                                   stamper, exc))
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
    job = FileJob(profile, settings, limits)
    if isolate and pool is None:
        pool, own_pool = worker_pool(profile, settings, jobs, fork=fork_readers), True
    else:
        own_pool = False
    reader = open_reader(job, pool=pool if isolate else None, own_pool=own_pool,
                         page_counter=page_counter, cache=cache, progress=progress)
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
                 findings=stray_findings(strays, stamper))
    return with_dates_notice(with_not_read_notice(out, settings), found, stamper)


def discovery_rules(profile: Profile, settings: Settings) -> DiscoveryRules:
    """How packages are found: the profile's ``[discovery]`` and the user's exclusions."""
    if profile.discovery is None:
        raise WordedError("profile.no_discovery", id=profile.id)
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
    from validator.core.outcome import unread_files

    filtered = (settings.select or settings.ignore or settings.per_file_ignores
                or settings.waivers or settings.fail_level is not None)
    files = unread_files(report) if filtered else ()
    if not files:
        return report
    notice = Notice("run.not_read", (("count", str(len(files))),))
    return replace(report, notices=(*report.notices, notice))


def with_dates_notice(report: Report, found: Sequence[Package], stamper: Stamper) -> Report:
    """The report, saying how many packages had no meeting date when the deadline rule
    (PKG002) is on: their deadline was not judged, which no finding says (a lone file is not
    a package; a package whose manifest could not be read has PKG002's own finding)."""
    rule = RULES_BY_CODE["PKG002"]
    if not stamper.active(rule):
        return report
    reports = {p.path: p for p in report.packages}
    undated = [pkg for pkg in found if not pkg.single and pkg.path in reports
               and "dates" not in dict(reports[pkg.path].extra)
               and not any(f.code == rule.code for f in reports[pkg.path].findings)]
    if not undated:
        return report
    clause = stamper.profile.rules[rule.code].clause or ""
    notice = Notice("run.no_meeting_date", (("count", str(len(undated))), ("clause", clause)))
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

