"""Reading one file the way every run does, and the worker process that does it in isolation.

``inspect_file`` is the single path a file takes: the file rules (``filecheck.check_file``),
then the views package rules read (``checks.base.SHIPPED_VIEWS``, e.g. ``text_blocks``) are
computed, so that a file whose text cannot be extracted safely is caught here, under the
worker's limits, and not later in the parent. A view that fails adds FIL001 or FIL003 to the
file's report.

The worker's page counter makes layout estimates only (the report's page count); exact counts
with LibreOffice, which DOC001 asks for, are made in the parent by the run's counter.

``worker_main`` runs in a child process (started by ``validator.run.isolation`` with forkserver or
spawn, never fork): it limits its own address space (``RLIMIT_AS``), core dumps and file
writes, then answers tasks one at a time over a pipe with the FileReport and the computed
views. A MemoryError ends the worker with ``EXIT_MEMORY`` after it reports; the parent replaces
it.
"""

from __future__ import annotations

import copyreg
import io
import os
import pickle
import resource
import signal
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from validator.checks import RULES_BY_CODE
from validator.checks.base import KEPT_VIEWS as KEPT_VIEWS
from validator.checks.base import SHIPPED_VIEWS as SHIPPED_VIEWS
from validator.core.errors import LimitError, UnreadableError
from validator.core.findings import Finding
from validator.core.outcome import not_read
from validator.run.filecheck import check_file
from validator.run.stamping import limit_hit, unreadable_hit

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from validator.core.findings import FileReport
    from validator.files.document import Document, Member, ReadLimits
    from validator.paging import PageCounter
    from validator.run.stamping import Stamper
    from validator.storage.cache import FileCache

#: Exit status of a worker that ran out of memory (after reporting it, when it could).
EXIT_MEMORY = 86


@dataclass(frozen=True, slots=True)
class Task:
    """One file to read: its position in the batch, the member and its package's path."""

    index: int
    member: Member
    package: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a worker sends back: the report and views, or why it could not finish."""

    index: int
    report: FileReport | None
    views: dict[str, Any]
    failure: str | None = None
    memory: bool = False
    #: Not read (or stopped): its package's reading time budget ran out.
    budget: bool = False


def mapping_proxy(items: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    """Rebuild a read-only mapping on unpickling."""
    return MappingProxyType(items)


def _reduce_proxy(m: MappingProxyType[Any, Any]) -> tuple[Any, ...]:
    return (mapping_proxy, (dict(m),))


class _Pickler(pickle.Pickler):
    """Pickles MappingProxyType (used by profiles) as its dict, without global registration."""

    def __init__(self, file: io.BytesIO) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.dispatch_table = {**copyreg.dispatch_table, MappingProxyType: _reduce_proxy}


def dumps(value: Any) -> bytes:
    buffer = io.BytesIO()
    _Pickler(buffer).dump(value)
    return buffer.getvalue()


def loads(data: bytes) -> Any:
    return pickle.loads(data)


def _warm(doc: Document, stamper: Stamper, package: str) -> list[Any]:
    """Compute the shipped views; a view that fails gives its FIL001/FIL003 finding."""
    for name in SHIPPED_VIEWS:
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
            if not stamper.active(rule):
                return []
            finding = stamper.stamp(rule, hit, package, doc.path)
            return [] if finding is None else [finding]
    return []


def inspect_file(member: Member, stamper: Stamper, limits: ReadLimits, package: str,
                 page_counter: PageCounter | None = None,
                 cache: FileCache | None = None) -> tuple[Document, FileReport]:
    """Check one file and compute the views package rules read (see the module doc)."""
    doc, report = check_file(member, stamper, limits, package, page_counter, cache)
    readable = not any(not_read(f) for f in report.findings)  # a restricted PDF is read
    if readable and doc.declared_kind in ("presentation", "document", "spreadsheet"):
        extra = _warm(doc, stamper, package)
        if extra:
            findings = tuple(sorted(report.findings + tuple(extra), key=Finding.sort_key))
            report = replace(report, findings=findings)
    return doc, report


def views_of(doc: Document) -> dict[str, Any]:
    """The computed views of ``doc`` that can travel to the parent."""
    return {name: doc.__dict__[name] for name in SHIPPED_VIEWS + KEPT_VIEWS
            if name in doc.__dict__}


def adopt(doc: Document, views: dict[str, Any]) -> Document:
    """Install views computed elsewhere into a fresh ``doc`` (they are cached properties)."""
    doc.__dict__.update(views)
    return doc


def set_limits(memory_mb: int) -> None:
    """Limit this process: address space, no core dumps, no file writes."""
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write fails with EFBIG, not a kill
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))


def _answer(conn: Connection, stamper: Stamper, limits: ReadLimits, task: Task,
            page_counter: PageCounter) -> None:
    """Read one task's file and send the outcome; after a MemoryError the worker exits."""
    try:
        doc, report = inspect_file(task.member, stamper, limits, task.package, page_counter)
        views = views_of(doc)
        doc.close()
        try:
            data = dumps(Outcome(task.index, report, views))
        except (pickle.PicklingError, TypeError, AttributeError):
            data = dumps(Outcome(task.index, report, {}))
    except MemoryError:
        data = b""
    except Exception as exc:  # an engine bug: the file still gets a finding
        data = dumps(Outcome(task.index, None, {},
                             failure=f"internal error: {type(exc).__name__}: {exc}"))
    if not data:
        try:
            conn.send_bytes(dumps(Outcome(task.index, None, {}, memory=True,
                                          failure="ran out of memory")))
        finally:
            os._exit(EXIT_MEMORY)
    conn.send_bytes(data)


def worker_main(conn: Connection, setup: bytes, memory_mb: int) -> None:
    """Entry point of a worker process: limits, then tasks until the pipe closes."""
    import logging

    from validator.paging import PageCounter
    from validator.run.stamping import Stamper

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    set_limits(memory_mb)
    try:
        profile, settings, limits = loads(setup)
        stamper = Stamper(profile, settings)
        # Layout estimates only: LibreOffice (exact counts for DOC001) runs in the parent.
        with PageCounter(use_libreoffice=False) as page_counter:
            while True:
                try:
                    message = conn.recv_bytes()
                except (EOFError, OSError):
                    return
                if not message:
                    return
                task: Task = loads(message)
                _answer(conn, stamper, limits, task, page_counter)
    except MemoryError:
        os._exit(EXIT_MEMORY)
