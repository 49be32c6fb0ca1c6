"""Documents as the parent of an isolated run holds them: sealed, nothing parsed here.

A file read by a worker process (or taken from the cache) is a ``SealedDocument``: it has the
views the worker computed and sent (``files.views.DocumentViews``) and its kind from the
report; asking for any other parsing view raises ``UnreadableError`` (with the reason the file
could not be read, when it could not) instead of parsing the file outside the worker's time
and memory limits. A file its worker could not read at all is a ``FailedDocument``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from validator.core.findings import NOT_READ_OR_LOCKED, FileReport
from validator.files.document import Document
from validator.files.views import DocumentViews

if TYPE_CHECKING:
    from validator.files.member import Member, ReadLimits
    from validator.paging import PageCounter


class SealedDocument(Document):
    """A file read elsewhere, with the views it was given (see the module doc)."""

    sealed = True

    def __init__(self, member: Member, limits: ReadLimits, page_counter: PageCounter | None,
                 *, kind: str | None = None, views: DocumentViews | None = None,
                 failure: str | None = None) -> None:
        super().__init__(member, limits, page_counter)
        self.failure = failure
        views = views or DocumentViews()
        # the report's kind, else the name's
        self.adopt(replace(views, kind=kind or self.declared_kind))


class FailedDocument(SealedDocument):
    """A file its worker could not read at all (it died, hung or ran out of memory)."""

    def __init__(self, member: Member, limits: ReadLimits, failure: str) -> None:
        super().__init__(member, limits, None, failure=failure)


def seal(doc: Document, report: FileReport) -> SealedDocument:
    """``doc`` with the views computed so far, sealed: nothing more is parsed in this process.
    A report that says the file is unreadable gives the reason every other view raises."""
    failure = next((f.evidence or f.code for f in report.findings if f.code in NOT_READ_OR_LOCKED),
                   None)
    return SealedDocument(doc.member, doc.limits, doc.page_counter, kind=report.kind,
                          views=doc.views(), failure=failure)
