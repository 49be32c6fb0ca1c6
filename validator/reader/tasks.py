"""What travels between the parent and a reader process: tasks, outcomes, the pickling of
both, and the per-file check the reader is given (``FileCheck``)."""

from __future__ import annotations

import copyreg
import io
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Protocol

from validator.files.views import DocumentViews

if TYPE_CHECKING:
    from validator.core.findings import FileReport
    from validator.files.document import Document
    from validator.files.member import Member
    from validator.paging import PageCounter
    from validator.storage.cache import FileCache


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
    views: DocumentViews = field(default_factory=DocumentViews)
    failure: str | None = None
    memory: bool = False
    #: Not read (or stopped): its package's reading time budget ran out.
    budget: bool = False


class FileCheck(Protocol):
    """The check of one file, as the run gives it to the reader. It is pickled to every
    reader process, so it carries what it needs (profile, settings, limits) and nothing
    that belongs to one process."""

    def inspect(self, member: Member, package: str, page_counter: PageCounter | None,
                cache: FileCache | None = None) -> tuple[Document, FileReport]:
        """Check the file and compute the views package rules read."""
        ...

    def shipped(self, doc: Document) -> DocumentViews:
        """The views of a checked ``doc`` that go back to the parent."""
        ...

    def failed(self, member: Member, package: str, reason: str,
               budget_seconds: float | None = None) -> tuple[Document, FileReport]:
        """A file that could not be read at all (FIL001 with ``reason``; ``budget_seconds``:
        its package's time budget ran out)."""
        ...

    def cached(self, member: Member, package: str, page_counter: PageCounter | None,
               cache: FileCache | None) -> tuple[Document, FileReport | None, str | None]:
        """The file's document, its cached report (None when not cached) and cache key."""
        ...

    def store(self, cache: FileCache | None, key: str | None, doc: Document,
              report: FileReport) -> None:
        """Keep a checked file's report and views in the cache."""
        ...

    def arrival(self, page_counter: PageCounter | None
                ) -> Callable[[Member, Outcome], None] | None:
        """What to do as soon as a worker's outcome arrives (e.g. start an exact page
        count), or None."""
        ...


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
