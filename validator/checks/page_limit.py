"""DOC001 reference-page-limit: references and information notes of at most 5 pages (15.1).

Applies to the files whose role (from the role classifier, shown in every report) is one the
profile lists: references, information notes and information materials, not drafts, reports
or participant lists. Pages are counted exactly from a PDF's page tree; a word-processing
file is laid out by one LibreOffice process of the run (with metric-compatible fonts), or,
without LibreOffice, estimated from its content with real font metrics. The finding says
which method produced the number.

A count that cannot decide is ``needs-review``, never a pass or a violation: the limit page
nearly full or the next one nearly empty (Word and LibreOffice can disagree by a line or
two), an estimate within ``estimate_margin`` pages of the limit, a count over the limit made
without a Times-New-Roman-metric font (substitutes are wider), a Word-saved page count that
disagrees at the limit, or a file whose pages could not be counted. A file that was not read
(FIL001, FIL003) or is password-protected (SEC003) is not counted at all: its own finding
says why, once.

Parameters: ``roles``, ``max_pages`` (5), ``full_last_page`` and ``empty_last_page`` (shares of
the last page), ``estimate_margin`` (pages).
Fails: a 7-page справка. Passes: a 3-page справка, or a 12-page draft resolution.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from validator.checks.base import Hit, Param, Params, rule
from validator.core.errors import LimitError, UnreadableError
from validator.core.findings import NOT_READ, Location, Status
from validator.paging import BorderlinePolicy, PageCount, PageCountUnavailable
from validator.plain.causes import localized_cause
from validator.plain.quantities import localized_decimal

if TYPE_CHECKING:
    from validator.checks.base import FileEntry, PackageContext


def _policy(params: Params) -> BorderlinePolicy:
    return BorderlinePolicy(
        full_last_page=float(params["full_last_page"]),
        empty_last_page=float(params["empty_last_page"]),
        estimate_margin=float(params["estimate_margin"]),
    )


def _message(count: PageCount, limit: int, borderline: bool) -> str:
    if not borderline:
        return "default" if count.method == "libreoffice" else f"over_{count.method}"
    if count.tnr_metric_font is False and count.pages > limit:
        return "fonts"
    if count.method == "estimate":
        return "borderline_estimate"
    if (count.declared_by_word and count.declared_pages is not None
            and count.declared_pages != count.pages):
        return "borderline_word"
    return "borderline"


def judge(count: PageCount, params: Params, path: str) -> Hit | None:
    """The DOC001 hit for one counted file, or None when it is within the limit."""
    limit = int(params["max_pages"])
    borderline = count.borderline(limit, _policy(params))
    if count.pages <= limit and not borderline:
        return None
    fill = count.last_page_fill
    fractional = count.fractional_pages
    return Hit(
        location=Location(page=count.pages),
        measured=count.pages,
        threshold=limit,
        unit="pages",
        evidence=f"{count.method}: {count.evidence}",
        status=Status.NEEDS_REVIEW if borderline else Status.VIOLATION,
        message=_message(count, limit, borderline),
        args={
            "pages": count.pages,
            "limit": limit,
            "method": count.method,
            "fill": "?" if fill is None else f"{fill:.0%}",
            "approx": "?" if fractional is None else localized_decimal(fractional, 1),
            "declared": "" if count.declared_pages is None else count.declared_pages,
        },
        file=path,
    )


def _unreadable(entry: FileEntry) -> bool:
    """The file was not read, or is locked by a password: its own finding (FIL001, FIL003,
    SEC003) says why, and its pages are not counted (a count would only repeat that). A PDF
    that opens without a password (SEC003 ``restricted``) and a scan whose pages are
    counted from its page tree are counted as usual."""
    return any(f.code in NOT_READ or (f.code == "SEC003" and f.not_read)
               for f in entry.report.findings)


@rule(
    code="DOC001",
    name="reference-page-limit",
    scope="package",
    params={
        "roles": Param("str-list", "roles the page limit applies to"),
        "max_pages": Param("int", "most pages allowed", positive=True),
        "full_last_page": Param("float", "at max_pages, a fuller last page needs review"),
        "empty_last_page": Param("float", "at max_pages + 1, an emptier last page needs review"),
        "estimate_margin": Param("float", "an estimate this close to the limit needs review"),
    },
)
def reference_page_limit(ctx: PackageContext, params: Params) -> Iterator[Hit]:
    roles = set(params["roles"])
    for entry in ctx.files:
        report = entry.report
        if report.role not in roles or report.kind != "document" or _unreadable(entry):
            continue
        try:
            count = entry.document.page_count
        except (PageCountUnavailable, UnreadableError, LimitError) as exc:
            yield Hit(
                evidence=f"pages not counted: {exc}",
                status=Status.NEEDS_REVIEW,
                message="uncounted",
                args={"reason": (localized_cause(str(exc), report.path)
                                 if not isinstance(exc, PageCountUnavailable)
                                 else localized_cause("no layout", report.path)),
                      "limit": int(params["max_pages"])},
                file=report.path,
            )
            continue
        hit = judge(count, params, report.path)
        if hit is not None:
            yield hit
