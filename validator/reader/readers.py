"""File readers for a run: each turns a package's members into (Document, FileReport) pairs.

``IsolatedReader`` (the default) sends every file to a ``WorkerPool``; the worker runs the
run's per-file check (``tasks.FileCheck``) and returns the FileReport and the views it
computed (``files.views.DocumentViews``: text, markers and figures, table shapes), and the
parent holds each file as a ``SealedDocument``: those views, and no parsing of its own, so
package rules read the worker's results and a hostile file is never parsed outside the
worker's limits (a file from the cache is sealed the same way). A file whose worker died,
hung or ran out of memory gets the report the check gives for it (FIL001 with the reason),
and a ``FailedDocument`` whose parsed views raise ``UnreadableError``.

Files are handed to the workers largest first (``largest_first``), so a long file does not
start last and run alone while the other workers wait.

``InProcessReader`` reads in the calling process, through the same check: for debugging
(``validator check --no-isolation``) and for callers that are already isolated.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Protocol

from validator.core.findings import FileReport
from validator.files.document import Document
from validator.files.member import Member
from validator.paging import PageCounter
from validator.reader.isolation import WorkerPool
from validator.reader.sealed import FailedDocument, seal
from validator.reader.tasks import FileCheck, Outcome, Task

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


class Progress(Protocol):
    """Told about the work of a run (the command line draws a bar on a terminal)."""

    def add(self, files: int) -> None:
        """``files`` more files will be checked."""

    def advance(self, path: str) -> None:
        """One file is done."""


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


class InProcessReader:
    """Reads files in this process (no limits beyond the reading limits): debugging only."""

    def __init__(self, check: FileCheck, page_counter: PageCounter | None = None,
                 cache: FileCache | None = None, progress: Progress | None = None) -> None:
        self.check = check
        self.page_counter = page_counter
        self.cache = cache
        self.progress = progress

    def read(self, batches: Sequence[Batch]) -> list[Checked]:
        out: list[Checked] = []
        for package, members in batches:
            row: Checked = []
            for m in members:
                try:
                    row.append(self.check.inspect(m, package, self.page_counter, self.cache))
                except MemoryError:
                    raise
                except Exception as exc:  # fail closed, as a worker's failure is
                    row.append(self.check.failed(m, package, _parent_failure(exc)))
                if self.progress is not None:
                    self.progress.advance(m.path)
            out.append(row)
        return out

    def close(self) -> None:
        return None


class IsolatedReader:
    """Reads every file in a worker process with the profile's time and memory limits."""

    def __init__(self, check: FileCheck, pool: WorkerPool, *, own_pool: bool = False,
                 page_counter: PageCounter | None = None, cache: FileCache | None = None,
                 progress: Progress | None = None) -> None:
        self.check = check
        self.page_counter = page_counter
        self.cache = cache
        self.progress = progress
        #: A pool the caller keeps between runs is the caller's to close; ``own_pool``: this
        #: reader closes it.
        self._own_pool = own_pool
        self.pool = pool
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
                    doc, cached, key = self.check.cached(m, package, self.page_counter,
                                                         self.cache)
                except Exception as exc:  # its bytes cannot be hashed here: FIL001, not exit 2
                    doc, report = self.check.failed(m, package, _parent_failure(exc))
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
                        self.check.store(self.cache, key, pair[0], pair[1])
                    checked.append(pair)
            out.append(checked)
        return out

    def _count_ahead(self, tasks: list[Task]) -> Callable[[Outcome], None] | None:
        """What the check does as soon as a worker's outcome arrives (e.g. LibreOffice
        counts a reference's pages while the workers read)."""
        arrival = self.check.arrival(self.page_counter)
        if arrival is None:
            return None

        def arrived(outcome: Outcome) -> None:
            arrival(tasks[outcome.index].member, outcome)

        return arrived

    def _adopt(self, doc: Document, member: Member, outcome: Outcome,
               package: str) -> tuple[Document, FileReport]:
        if outcome.report is not None:
            doc.adopt(outcome.views)
            estimate = outcome.views.get("quick_page_count")
            if estimate is not None and self.page_counter is not None:
                self.page_counter.record(estimate)  # the run's note tallies it
            return seal(doc, outcome.report), outcome.report
        reason = outcome.failure or "the reader process gave no answer"
        budget = self.pool.limits.package_budget_seconds if outcome.budget else None
        return self.check.failed(member, package, reason, budget)

    def close(self) -> None:
        if self._own_pool:
            self.pool.close()

    def __enter__(self) -> IsolatedReader:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def open_reader(check: FileCheck, *, pool: WorkerPool | None = None,
                own_pool: bool = False, page_counter: PageCounter | None = None,
                cache: FileCache | None = None, progress: Progress | None = None
                ) -> FileReader:
    """The reader for a run: the ``pool``'s isolated workers, or this process when there is
    no pool (debugging). ``page_counter`` (the run's, in this process) goes into the
    Documents package rules read; the ``cache`` is read and written here, never in a worker.
    ``own_pool``: the reader closes the pool when it closes."""
    if pool is not None:
        return IsolatedReader(check, pool, own_pool=own_pool, page_counter=page_counter,
                              cache=cache, progress=progress)
    return InProcessReader(check, page_counter, cache, progress)
