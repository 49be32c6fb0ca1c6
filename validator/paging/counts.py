"""Value objects of page counting: the count, how it was obtained, and the borderline test."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Method = Literal["pdf", "libreoffice", "estimate"]


@dataclass(frozen=True)
class FontCheck:
    """What Times New Roman resolves to on this machine (probed once per run).

    ``metric_compatible`` is True when fontconfig maps Times New Roman to a font with the same
    advance widths (Liberation Serif, Tinos or the real thing); without one, LibreOffice
    renders Cyrillic text about a quarter wider and page counts grow.
    """

    resolved_family: str
    resolved_file: str
    metric_compatible: bool
    evidence: str


@dataclass(frozen=True)
class BorderlinePolicy:
    """When a page count is too close to a limit to decide (values come from the profile).

    ``full_last_page``: at exactly ``limit`` pages, a last page filled more than this is
    borderline. ``empty_last_page``: at ``limit + 1`` pages, a last page filled less than this
    is borderline. ``estimate_margin``: an estimate whose fractional page count lies within
    this many pages of ``limit`` is borderline.
    """

    full_last_page: float
    empty_last_page: float
    estimate_margin: float


@dataclass(frozen=True)
class PageCount:
    """A page count with its provenance.

    ``last_page_fill`` is the share (0..1) of the last page's body height that is used, when
    the method can tell. ``uncertainty`` is the expected error in pages (0 for exact methods).
    ``tnr_metric_font`` says whether a Times-New-Roman-metric font was available for the
    rendering or the estimate (None for PDFs, whose layout is fixed). ``declared_pages`` is
    what docProps/app.xml claims (information only) and ``declared_by_word`` whether
    Microsoft Word wrote that claim.
    """

    pages: int
    method: Method
    last_page_fill: float | None
    uncertainty: float
    evidence: str
    tnr_metric_font: bool | None
    declared_pages: int | None = None
    declared_by_word: bool = False

    @property
    def fractional_pages(self) -> float | None:
        """Pages as a real number: full pages before the last one plus the last one's fill."""
        if self.last_page_fill is None:
            return None
        return self.pages - 1 + self.last_page_fill

    def borderline(self, limit: int, policy: BorderlinePolicy) -> bool:
        """True when this count cannot decide "at most ``limit`` pages" by itself.

        Without a Times-metric font, substitutes are wider, so a count at or under the limit
        still holds but a count over it is not proof.
        """
        if self.method == "pdf":
            return False
        if self.tnr_metric_font is False and self.pages > limit:
            return True
        edge = (limit, limit + 1)
        if (self.declared_by_word and self.declared_pages in edge and self.pages in edge
                and self.declared_pages != self.pages):
            return True
        frac = self.fractional_pages
        if self.method == "estimate":
            if frac is None:
                return abs(self.pages - limit) <= 1
            return abs(frac - limit) <= policy.estimate_margin
        fill = self.last_page_fill
        if fill is None:
            return self.pages in (limit, limit + 1)
        if self.pages == limit and fill > policy.full_last_page:
            return True
        return self.pages == limit + 1 and fill < policy.empty_last_page


class PageCountUnavailable(Exception):
    """No method could count the pages of a file (the reason is the message)."""


class LibreOfficeMissing(PageCountUnavailable):
    """LibreOffice (with python3-uno) is not installed: nothing it does can be done."""
