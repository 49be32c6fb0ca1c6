"""Page counts of documents: exact for PDFs, LibreOffice layout or an estimate for DOCX."""

from __future__ import annotations

from validator.paging.counter import COUNTABLE, PageCounter
from validator.paging.counts import BorderlinePolicy, FontCheck, PageCount, PageCountUnavailable

__all__ = [
    "COUNTABLE",
    "BorderlinePolicy",
    "FontCheck",
    "PageCount",
    "PageCountUnavailable",
    "PageCounter",
]
