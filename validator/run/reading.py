"""File readers for a run: each turns a package's members into (Document, FileReport) pairs.

``IsolatedReader`` (the default) sends every file to a ``WorkerPool``; the worker returns the
FileReport and the views it computed (``worker.SHIPPED_VIEWS``: text, markers and figures,
table shapes), and the parent holds each file as a ``SealedDocument``: those views, and no
parsing of its own, so package rules read the worker's results and a hostile file is never
parsed outside the worker's limits (a file from the cache is sealed the same way). A file
whose worker died, hung or ran out of memory gets a FileReport with FIL001 giving the reason,
and a ``FailedDocument`` whose parsed views raise ``UnreadableError``.

Files are handed to the workers largest first (``largest_first``), so a long file does not
start last and run alone while the other workers wait.

``InProcessReader`` reads in the calling process, through the same ``worker.inspect_file``: for
debugging (``validator check --no-isolation``) and for callers that are already isolated.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol

from validator.checks import RULES_BY_CODE
from validator.checks.base import Hit
from validator.core.errors import UnreadableError
from validator.core.findings import NOT_READ, NOT_READ_OR_LOCKED, FileReport, has_code
from validator.files.document import Document, Member, ReadLimits
from validator.paging import PageCounter
from validator.run.failsafe import quietly
from validator.run.filecheck import Progress, cached_file, read_limits, store_file
from validator.run.fileworker import Outcome, Task, adopt, inspect_file
from validator.run.isolation import WorkerLimits, WorkerPool
from validator.run.stamping import Stamper, unreadable_hit
from validator.settings.options import Settings
from validator.settings.profile import Profile

if TYPE_CHECKING:
    from validator.storage.cache import FileCache

Checked = list[tuple[Document, FileReport]]
Batch = tuple[str, Sequence[Member]]


class FileReader(Protocol):
    def read(self, batches: Sequence[Batch]) -> list[Checked]:
        """Check the members of each (package path, members) batch; results in order."""
        ...

    def close(self) -> None:
        ...


#: Views a sealed document still computes in the parent: they read bytes and parse nothing
#: (``page_count`` hands the bytes to LibreOffice's own process, or uses the PDF page count
#: the worker sent).
_UNSEALED = frozenset({"size", "sha256", "head", "_stream", "page_count"})
#: Every view of a Document (its cached properties).
_VIEWS = frozenset(name for name, value in vars(Document).items()
                   if isinstance(value, cached_property))
#: The views that parse the file.
_SEALED = _VIEWS - _UNSEALED


class SealedDocument(Document):
    """A file read by a worker process (or taken from the cache), as the parent holds it.

    It has the views the worker computed and sent (``worker.SHIPPED_VIEWS`` and the kept
    ones) and its kind from the report; asking for any other parsed view raises
    ``UnreadableError`` (with the reason the file could not be read, when it could not)
    instead of parsing the file here, outside the worker's time and memory limits.
    """

    parses = False

    def __init__(self, member: Member, limits: ReadLimits, page_counter: PageCounter | None,
                 *, kind: str | None = None, views: dict[str, Any] | None = None,
                 failure: str | None = None) -> None:
        super().__init__(member, limits, page_counter)
        self.failure = failure
        self.__dict__.update(views or {})
        self.__dict__["kind"] = kind or self.declared_kind  # the report's, else the name's

    def __getattribute__(self, name: str) -> Any:
        if name in _SEALED:
            views = object.__getattribute__(self, "__dict__")
            if name not in views:
                raise UnreadableError(views.get("failure") or (
                    f"{name} was not computed in the worker process, and files are not "
                    "parsed outside it"))
        return super().__getattribute__(name)


class FailedDocument(SealedDocument):
    """A file its worker could not read at all (it died, hung or ran out of memory)."""

    def __init__(self, member: Member, limits: ReadLimits, failure: str) -> None:
        super().__init__(member, limits, None, failure=failure)


def seal(doc: Document, report: FileReport) -> SealedDocument:
    """``doc`` with the views computed so far, sealed: nothing more is parsed in this process.
    A report that says the file is unreadable gives the reason every other view raises."""
    views = {name: value for name, value in doc.__dict__.items() if name in _VIEWS}
    failure = next((f.evidence or f.code for f in report.findings if f.code in NOT_READ_OR_LOCKED),
                   None)
    return SealedDocument(doc.member, doc.limits, doc.page_counter, kind=report.kind,
                          views=views, failure=failure)


def failed_pair(stamper: Stamper, limits: ReadLimits, member: Member, package: str,
                reason: str, hit: Hit | None = None) -> tuple[Document, FileReport]:
    """A file that could not be read at all, with FIL001 giving ``reason`` (or ``hit``, e.g.
    the package's time budget). Its size and hash are left empty when even its bytes cannot
    be read."""
    failed = FailedDocument(member, limits, reason)
    finding = stamper.stamp(RULES_BY_CODE["FIL001"],
                            hit or unreadable_hit(reason),
                            package, failed.path)
    report = FileReport(path=failed.path, format=failed.format or "none",
                        kind=failed.declared_kind, size=quietly(lambda: failed.size, 0),
                        sha256=quietly(lambda: failed.sha256, ""),
                        findings=() if finding is None else (finding,))
    return failed, report


def _parent_failure(exc: Exception) -> str:
    """Why the parent could not hand a file to a reader (its bytes could not be read)."""
    if isinstance(exc, OSError):
        return f"the file cannot be opened: {exc.strerror or exc}"
    return f"internal error: {type(exc).__name__}: {exc}"


def largest_first(tasks: Sequence[Task]) -> list[int]:
    """Positions of ``tasks`` from the largest file to the smallest (ties: as given).

    Reading time grows with a file's size far more often than not, so this is the classic
    longest-first schedule: the big files start early and the small ones fill the gaps. A
    file whose size cannot be read sorts last; its worker reports the error.
    """
    def size(task: Task) -> int:
        try:
            return task.member.size()
        except OSError:
            return -1
    sizes = [size(t) for t in tasks]
    return sorted(range(len(tasks)), key=lambda i: -sizes[i])


def worker_pool(profile: Profile, settings: Settings, jobs: int | None = None) -> WorkerPool:
    """Worker processes for runs with this profile and these settings (``jobs`` of them,
    default one per core), with the profile's limits. Workers start on the first file."""
    return WorkerPool((profile, settings, read_limits(profile)), worker_limits(profile),
                      jobs or os.cpu_count() or 1)


def worker_limits(profile: Profile) -> WorkerLimits:
    """The worker limits of the profile's ``[rules.FIL001]``."""
    settings = profile.rules.get("FIL001")
    if settings is None:
        raise UnreadableError("the profile has no [rules.FIL001] worker limits")
    p = settings.params
    return WorkerLimits(float(p["worker_timeout_seconds"]), int(p["worker_memory_mb"]),
                        int(p["worker_max_files"]), float(p["package_time_budget_seconds"]))


class InProcessReader:
    """Reads files in this process (no limits beyond the reading limits): debugging only."""

    def __init__(self, stamper: Stamper, limits: ReadLimits,
                 page_counter: PageCounter | None = None, cache: FileCache | None = None,
                 progress: Progress | None = None) -> None:
        self.stamper = stamper
        self.limits = limits
        self.page_counter = page_counter
        self.cache = cache
        self.progress = progress

    def read(self, batches: Sequence[Batch]) -> list[Checked]:
        out: list[Checked] = []
        for package, members in batches:
            row: Checked = []
            for m in members:
                try:
                    row.append(inspect_file(m, self.stamper, self.limits, package,
                                            self.page_counter, self.cache))
                except MemoryError:
                    raise
                except Exception as exc:  # fail closed, as a worker's failure is
                    row.append(failed_pair(self.stamper, self.limits, m, package,
                                           _parent_failure(exc)))
                if self.progress is not None:
                    self.progress.advance(m.path)
            out.append(row)
        return out

    def close(self) -> None:
        return None


class IsolatedReader:
    """Reads every file in a worker process with the profile's time and memory limits."""

    def __init__(self, profile: Profile, stamper: Stamper, limits: ReadLimits,
                 jobs: int | None = None, page_counter: PageCounter | None = None,
                 cache: FileCache | None = None, progress: Progress | None = None,
                 pool: WorkerPool | None = None) -> None:
        self.profile = profile
        self.stamper = stamper
        self.limits = limits
        self.page_counter = page_counter
        self.cache = cache
        self.progress = progress
        #: A pool given by the caller is the caller's to close; one made here is closed here.
        self._own_pool = pool is None
        self.pool = pool if pool is not None else worker_pool(profile, stamper.settings, jobs)
        if page_counter is not None:  # a count is cut at the per-file limit, as reading is
            page_counter.cut_at(self.pool.limits.timeout_seconds)

    def read(self, batches: Sequence[Batch]) -> list[Checked]:
        """All files of all batches go to the pool at once, so packages share the workers;
        a file whose report is cached is not sent. The progress advances as each file is
        done (a cached one at once), not when the last one is."""
        tasks: list[Task] = []
        rows: list[list[tuple[Document, FileReport | None, str | None, int]]] = []
        for package, members in batches:
            row: list[tuple[Document, FileReport | None, str | None, int]] = []
            for m in members:
                try:
                    doc, cached, key = cached_file(m, self.limits, package, self.page_counter,
                                                   self.cache)
                except Exception as exc:  # its bytes cannot be hashed here: FIL001, not exit 2
                    doc, report = failed_pair(self.stamper, self.limits, m, package,
                                              _parent_failure(exc))
                    row.append((doc, report, None, -1))
                    if self.progress is not None:
                        self.progress.advance(m.path)
                    continue
                index = -1
                if cached is None:
                    index = len(tasks)
                    tasks.append(Task(index, m, package))
                elif self.progress is not None:
                    self.progress.advance(m.path)
                row.append((doc, cached, key, index))
            rows.append(row)
        progress = self.progress

        def done(index: int) -> None:
            if progress is not None:
                progress.advance(tasks[index].member.path)

        counting = self._count_ahead(tasks)
        outcomes = (self.pool.run(tasks, largest_first(tasks), done, counting)
                    if tasks else [])
        out: list[Checked] = []
        for (package, members), row in zip(batches, rows, strict=True):
            checked: Checked = []
            for m, (doc, cached, key, index) in zip(members, row, strict=True):
                if isinstance(doc, FailedDocument) and cached is not None:
                    checked.append((doc, cached))
                elif cached is not None:
                    checked.append((seal(doc, cached), cached))
                else:
                    pair = self._adopt(doc, m, outcomes[index], package)
                    if not isinstance(pair[0], FailedDocument):
                        store_file(self.cache, key, pair[0], pair[1])
                    checked.append(pair)
            out.append(checked)
        return out

    def _count_ahead(self, tasks: list[Task]) -> Callable[[Outcome], None] | None:
        """What starts a file's exact page count as soon as its worker is done, when the
        page limit rule will ask for it: LibreOffice counts while the workers read."""
        rule = RULES_BY_CODE.get("DOC001")
        settings = self.profile.rules.get("DOC001")
        counter = self.page_counter
        if counter is None or rule is None or settings is None or not self.stamper.active(rule):
            return None
        roles = set(settings.params.get("roles", ()))

        def arrived(outcome: Outcome) -> None:
            report = outcome.report
            if (report is None or report.kind != "document" or report.role not in roles
                    or has_code(report.findings, NOT_READ)):
                return
            member = tasks[outcome.index].member
            doc = Document(member, self.limits, counter)
            key = f"{report.sha256}.{doc.format}"
            opener = member.open if member.archive is not None else None
            counter.count_ahead(key, doc.source_name, member.disk, member.blob, opener,
                                outcome.views.get("quick_page_count"), False)

        return arrived

    def _adopt(self, doc: Document, member: Member, outcome: Outcome,
               package: str) -> tuple[Document, FileReport]:
        if outcome.report is not None:
            adopt(doc, outcome.views)
            estimate = outcome.views.get("quick_page_count")
            if estimate is not None and self.page_counter is not None:
                self.page_counter.record(estimate)  # the run's note tallies it
            return seal(doc, outcome.report), outcome.report
        reason = outcome.failure or "the reader process gave no answer"
        budget_hit = None
        if outcome.budget:
            budget = self.pool.limits.package_budget_seconds
            budget_hit = Hit(evidence=reason, message="time_budget", threshold=budget,
                             args={"reason": reason, "threshold": f"{budget:g}"})
        return failed_pair(self.stamper, self.limits, member, package, reason, budget_hit)

    def close(self) -> None:
        if self._own_pool:
            self.pool.close()

    def __enter__(self) -> IsolatedReader:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def open_reader(profile: Profile, stamper: Stamper, limits: ReadLimits, *,
                jobs: int | None = None, isolate: bool = True,
                page_counter: PageCounter | None = None, cache: FileCache | None = None,
                progress: Progress | None = None, pool: WorkerPool | None = None
                ) -> FileReader:
    """The reader for a run: isolated workers unless ``isolate`` is False. ``page_counter``
    (the run's, in this process) goes into the Documents package rules read; the ``cache``
    is read and written here, never in a worker. ``pool``: workers the caller keeps between
    runs (``worker_pool``), else the reader starts its own."""
    if isolate:
        return IsolatedReader(profile, stamper, limits, jobs, page_counter, cache, progress,
                              pool)
    return InProcessReader(stamper, limits, page_counter, cache, progress)
