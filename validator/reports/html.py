"""The HTML report: one self-contained page for a person who never saw the tool.

The verdict per package comes first, then each package's files (kind, role, language shares,
pages), then every finding with the regulation's clause quoted in the chosen language, and a
wireframe of each slide with findings. One file: the CSS is inline, nothing is fetched (a
Content-Security-Policy forbids it), and everything taken from the files is escaped by Jinja2's
autoescaping, so a file named ``<img src=x onerror=alert(1)>.pptx`` shows as text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from validator.calendar.deadlines_text import dates_line
from validator.core.catalogue import clause_ref, ui
from validator.core.clock import stated
from validator.core.findings import FileReport, PackageReport, Report, Status
from validator.plain.quantities import language_name, size_text
from validator.reports.common import (
    TECHNICAL_LANG,
    checked_line,
    copies_of,
    details_text,
    finding_where,
    how_to_fix,
    in_package,
    measure_text,
    member_of,
    notice_text,
    role_reason_text,
    role_text,
    rule_title,
    rule_url,
    same_file,
    shares_text,
    shown_state,
    signed_file,
    technical_pointer,
)
from validator.reports.slides import slide_pictures
from validator.reports.statistics import counts
from validator.reports.summary import summary

if TYPE_CHECKING:
    import jinja2
    import markupsafe


@cache
def _template() -> jinja2.Template:
    import jinja2

    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters["breakable"] = breakable
    source = (resources.files("validator.reports") / "templates" / "report.html")
    return env.from_string(source.read_text(encoding="utf-8"))


_BREAK_AFTER = re.compile(r"([/\\_])")


def breakable(path: object) -> markupsafe.Markup:
    """A displayed path, escaped, with a line-break opportunity (``<wbr>``) after each ``/``,
    ``\\`` and ``_``, so a long file name wraps between its parts on a narrow screen instead of
    every few letters. The escaped text holds none of these characters in its entities."""
    import markupsafe

    escaped = str(markupsafe.escape(str(path)))
    return markupsafe.Markup(_BREAK_AFTER.sub(r"\1<wbr>", escaped))


def _counts(pkg: PackageReport) -> dict[str, int]:
    active = [f for f in pkg.all_findings() if f.status is not Status.WAIVED]
    return {
        "errors": sum(1 for f in active if f.severity.label == "error"),
        "warnings": sum(1 for f in active if f.severity.label == "warning"),
        "reviews": sum(1 for f in active if f.status is Status.NEEDS_REVIEW),
    }


def _pairs(pkg: PackageReport) -> list[dict[str, tuple[str, list[tuple[str, str]]]]]:
    """The package's Kazakh and Russian versions, a row per pair: in each language the file
    matched first, then its copies (``pairs`` and ``copies`` of the package record,
    ``packagecheck._pairing_facts``), each named inside its package with the catalogue key
    that says what it is: another format (``report.copy``), the same file twice
    (``report.copy_same``) or the material in its signature file (``report.copy_signed``)."""
    pairs = dict(pkg.extra).get("pairs")
    if not isinstance(pairs, list):
        return []
    also: dict[str, list[tuple[str, str]]] = {}
    for copy, of in copies_of(pkg).items():
        key = ("report.copy_same" if same_file(pkg, copy, of)
               else "report.copy_signed" if signed_file(pkg, copy) else "report.copy")
        also.setdefault(of, []).append((key, in_package(copy, pkg.path)))

    def files(path: str) -> tuple[str, list[tuple[str, str]]]:
        return in_package(path, pkg.path), also.get(path, [])

    return [{lang: files(str(pair.get(lang))) for lang in ("kk", "ru")}
            for pair in pairs if isinstance(pair, Mapping)]


def _dates(pkg: PackageReport, lang: str) -> str:
    """The package's submission dates as one line (empty when no meeting date is known)."""
    dates = dict(pkg.extra).get("dates")
    return dates_line(dates, lang) if isinstance(dates, Mapping) else ""


def _file_view(fr: FileReport, lang: str) -> dict[str, Any]:
    return {
        "report": fr,
        "state": shown_state(fr),
        "language": language_name(fr.language, lang),
        "shares": shares_text(fr.language_shares, lang),
        "size": size_text(fr.size, lang),
        "pictures": slide_pictures(fr, lang),
    }


def _first_of_rule(report: Report) -> set[int]:
    """The findings that carry their rule's "how to fix": the first one of each rule in each
    list (a file's, a package's, the run's own), so the line shows once per rule per file."""
    lists = [report.findings, *(p.findings for p in report.packages),
             *(fr.findings for p in report.packages for fr in p.files)]
    firsts: set[int] = set()
    for findings in lists:
        seen: set[str] = set()
        for f in findings:
            if f.status is not Status.WAIVED and f.code not in seen:
                seen.add(f.code)
                firsts.add(id(f))
    return firsts


def render(report: Report, lang: str = "en") -> str:
    s = summary(report)
    firsts = _first_of_rule(report)

    def t(key: str, **args: Any) -> str:
        return ui(lang, key, **args)

    packages = []
    for pkg in report.packages:
        pairs = _pairs(pkg)
        packages.append({
            "report": pkg,
            "counts": _counts(pkg),
            "files": [_file_view(fr, lang) for fr in pkg.files],
            "pairs": pairs,
            "dates": _dates(pkg, lang),
        })
    return _template().render(
        lang=lang,
        t=t,
        report=report,
        packages=packages,
        summary_line=t("summary", packages=s["packages"], files=s["files"],
                       errors=s["by_severity"]["error"], warnings=s["by_severity"]["warning"],
                       infos=s["by_severity"]["info"], reviews=s["by_status"]["needs-review"]),
        where=lambda f: finding_where(f, lang),
        member=lambda f, package: in_package(member_of(f, package), package),
        clause_words=lambda clause: clause_ref(clause, lang),
        measure=lambda f: measure_text(f, lang),
        details=lambda f: details_text(f, lang),
        technical=technical_pointer(lang, report.all_findings(), report.notes),
        show_notes=lang == TECHNICAL_LANG,
        quote=lambda f: report.clause_text(f.clause, lang),
        rule_title=lambda code: rule_title(code, lang, report),
        rule_url=rule_url,
        how=lambda f: how_to_fix(f.code, lang, report, (f.file,)),
        shows_how=lambda f: id(f) in firsts,
        role=lambda r: role_text(r, lang),
        role_why=lambda r: role_reason_text(r, lang),
        rel=in_package,
        profile_title=report.profile.title.get(lang) or report.profile.id,
        checked=checked_line(report, lang),
        checked_at=None if report.checked_at is None else stated(report.checked_at),
        notices=[notice_text(n, lang) for n in report.notices],
        per_rule=counts(report),
        not_covered=[c for c in report.coverage if c.left_to_person],
    )
