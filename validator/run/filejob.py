"""The run's check of one file, as the reader receives it (``reader.tasks.FileCheck``).

``FileJob`` carries the profile, the user's settings and the reading limits to every reader
process, and there runs the file rules (``filecheck.check_file``), then computes the views
package rules read (``failsafe.shipped_views``: the text always, so that a file whose text
cannot be extracted safely is caught under the worker's limits and not later in the parent,
whatever rules were chosen; markers and figures, table shapes when an active rule reads
them). A view that fails adds FIL001 or FIL003 to the file's report. It also says what a file
that could not be read at all gets (FIL001 with the reason), how the cache keeps a file, and
starts LibreOffice's exact page count of a reference as soon as its worker is done.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any

from validator.checks import RULES_BY_CODE
from validator.checks.base import KEPT_VIEWS, Hit
from validator.core.errors import LimitError, UnreadableError
from validator.core.findings import NOT_READ, FileReport, Finding, has_code
from validator.core.outcome import not_read
from validator.files.document import Document
from validator.files.views import DocumentViews
from validator.reader.isolation import WorkerLimits, WorkerPool
from validator.reader.sealed import FailedDocument
from validator.reader.tasks import Outcome
from validator.run.failsafe import quietly, shipped_views
from validator.run.filecheck import cached_file, check_file, read_limits, store_file
from validator.run.stamping import Stamper, limit_hit, unreadable_hit

if TYPE_CHECKING:
    from validator.files.member import Member, ReadLimits
    from validator.paging import PageCounter
    from validator.settings.options import Settings
    from validator.settings.profile import Profile
    from validator.storage.cache import FileCache


@dataclass(frozen=True)
class FileJob:
    """One run's check of a file: its profile, the user's settings and the reading limits.
    Pickled to each reader process; the stamper is made where it is used."""

    profile: Profile
    settings: Settings
    limits: ReadLimits

    @classmethod
    def of(cls, profile: Profile, settings: Settings) -> FileJob:
        return cls(profile, settings, read_limits(profile))

    @cached_property
    def stamper(self) -> Stamper:
        """The stamper of the process that uses this job (made there: never pickled)."""
        return Stamper(self.profile, self.settings)

    @cached_property
    def views(self) -> tuple[str, ...]:
        """The views this run's package rules read (``failsafe.shipped_views``)."""
        return shipped_views(self.stamper)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("stamper", None)
        state.pop("views", None)
        return state

    def inspect(self, member: Member, package: str, page_counter: PageCounter | None,
                cache: FileCache | None = None) -> tuple[Document, FileReport]:
        """Check one file and compute the views package rules read (see the module doc)."""
        doc, report = check_file(member, self.stamper, self.limits, package, page_counter,
                                 cache)
        readable = not any(not_read(f) for f in report.findings)  # a restricted PDF is read
        if readable and doc.declared_kind in ("presentation", "document", "spreadsheet"):
            extra = self._warm(doc, package)
            if extra:
                findings = tuple(sorted(report.findings + tuple(extra), key=Finding.sort_key))
                report = replace(report, findings=findings)
        return doc, report

    def _warm(self, doc: Document, package: str) -> list[Finding]:
        """Compute the shipped views; a view that fails gives its FIL001/FIL003 finding."""
        for name in self.views:
            try:
                getattr(doc, name)
            except MemoryError:
                raise
            except Exception as exc:  # fail closed: a view that cannot be computed is a finding
                if isinstance(exc, LimitError):
                    code, hit = "FIL003", limit_hit(exc)
                else:
                    code, hit = "FIL001", unreadable_hit(
                        f"{name}: {exc}" if isinstance(exc, UnreadableError)
                        else f"{name} could not finish: {type(exc).__name__}: {exc}")
                rule = RULES_BY_CODE[code]
                if not self.stamper.active(rule):
                    return []
                finding = self.stamper.stamp(rule, hit, package, doc.path)
                return [] if finding is None else [finding]
        return []

    def shipped(self, doc: Document) -> DocumentViews:
        """The computed views of ``doc`` that travel to the parent: those package rules read,
        and the others it computed that are plain frozen values."""
        return doc.views(self.views + KEPT_VIEWS)

    def failed(self, member: Member, package: str, reason: str,
               budget_seconds: float | None = None) -> tuple[Document, FileReport]:
        """A file that could not be read at all, with FIL001 giving ``reason`` (or that its
        package's time budget ran out). Its size and hash are left empty when even its bytes
        cannot be read."""
        failed = FailedDocument(member, self.limits, reason)
        hit = unreadable_hit(reason)
        if budget_seconds is not None:
            hit = Hit(evidence=reason, message="time_budget", threshold=budget_seconds,
                      args={"reason": reason, "threshold": budget_seconds})
        finding = self.stamper.stamp(RULES_BY_CODE["FIL001"], hit, package, failed.path)
        report = FileReport(path=failed.path, format=failed.format or "none",
                            kind=failed.declared_kind, size=quietly(lambda: failed.size, 0),
                            sha256=quietly(lambda: failed.sha256, ""),
                            findings=() if finding is None else (finding,))
        return failed, report

    def cached(self, member: Member, package: str, page_counter: PageCounter | None,
               cache: FileCache | None) -> tuple[Document, FileReport | None, str | None]:
        return cached_file(member, self.limits, package, page_counter, cache)

    def store(self, cache: FileCache | None, key: str | None, doc: Document,
              report: FileReport) -> None:
        store_file(cache, key, doc, report)

    def arrival(self, page_counter: PageCounter | None
                ) -> Callable[[Member, Outcome], None] | None:
        """Start a reference's exact page count as soon as its worker is done, when the page
        limit rule will ask for it: LibreOffice counts while the workers read."""
        rule = RULES_BY_CODE.get("DOC001")
        settings = self.profile.rules.get("DOC001")
        if (page_counter is None or rule is None or settings is None
                or not self.stamper.active(rule)):
            return None
        roles = set(settings.params.get("roles", ()))
        counter, limits = page_counter, self.limits

        def arrived(member: Member, outcome: Outcome) -> None:
            report = outcome.report
            if (report is None or report.kind != "document" or report.role not in roles
                    or has_code(report.findings, NOT_READ)):
                return
            doc = Document(member, limits, counter)
            key = f"{report.sha256}.{doc.format}"
            counter.count_ahead(key, doc.source_name, *doc.count_input(),
                                outcome.views.get("quick_page_count"), False)

        return arrived


def worker_pool(profile: Profile, settings: Settings, jobs: int | None = None, *,
                fork: bool = False) -> WorkerPool:
    """Worker processes for runs with this profile and these settings (``jobs`` of them,
    default one per core), with the profile's limits. Workers start on the first file;
    ``fork``: the caller starts no thread (``reader.isolation``)."""
    return WorkerPool(FileJob.of(profile, settings), worker_limits(profile),
                      jobs or os.cpu_count() or 1, fork=fork)


def worker_limits(profile: Profile) -> WorkerLimits:
    """The worker limits of the profile's ``[rules.FIL001]``."""
    settings = profile.rules.get("FIL001")
    if settings is None:
        raise UnreadableError("the profile has no [rules.FIL001] worker limits")
    p = settings.params
    return WorkerLimits(float(p["worker_timeout_seconds"]), int(p["worker_memory_mb"]),
                        int(p["worker_max_files"]), float(p["package_time_budget_seconds"]))
