"""A short Markdown summary for a pull-request or merge-request comment.

A table of packages with their verdicts and counts, then at most ``MAX_ROWS`` findings, worst
first, in a collapsible block. Text from files (names, messages) is escaped for both Markdown
and HTML, since code-hosting sites render HTML inside Markdown.
"""

from __future__ import annotations

import html
import re

from validator.core.catalogue import ui
from validator.core.findings import Finding, Report, Status
from validator.reports.common import (
    checked_line,
    details_text,
    finding_where,
    how_to_fix_lines,
    notice_text,
    technical_pointer,
)
from validator.reports.summary import summary

MAX_ROWS = 50
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~!])")
_ICON = {"accept": "✅", "accept-with-notes": "☑️", "needs-review": "⚠️",
         "return-for-correction": "❌"}


def esc(text: str) -> str:
    """Escape ``text`` for one table cell: no HTML, no Markdown syntax, no line breaks."""
    text = " ".join(str(text).split())
    return _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def _order(f: Finding) -> tuple[int, int, tuple[str, tuple[int, int, str, int, str], str]]:
    review = 0 if f.status is Status.NEEDS_REVIEW else 1
    return (-int(f.severity), review, f.sort_key())


def _details(f: Finding, lang: str) -> str:
    """The finding's technical detail, folded inside its cell (empty when none)."""
    text = details_text(f, lang)
    if not text:
        return ""
    return (f"<details><summary>{html.escape(ui(lang, 'report.details'))}</summary>"
            f"{esc(text)}</details>")


def render(report: Report, lang: str = "en") -> str:
    s = summary(report)
    worst = max((p.verdict for p in report.packages), key=lambda v: v.rank, default=None)
    title = ui(lang, "report.title")
    head = (f"### {_ICON[worst.value]} {title}: {esc(ui(lang, 'verdict.' + worst.value))}"
            if worst else f"### {title}: {esc(ui(lang, 'no_packages'))}")
    lines = [head, ""]
    if report.packages:
        lines += [
            f"| {ui(lang, 'col.package')} | {ui(lang, 'col.verdict')} | {ui(lang, 'col.files')}"
            f" | {ui(lang, 'col.errors')} | {ui(lang, 'col.warnings')}"
            f" | {ui(lang, 'col.reviews')} |",
            "|---|---|--:|--:|--:|--:|",
        ]
        for p in report.packages:
            active = [f for f in p.all_findings() if f.status is not Status.WAIVED]
            errors = sum(1 for f in active if f.severity.label == "error")
            warnings = sum(1 for f in active if f.severity.label == "warning")
            reviews = sum(1 for f in active if f.status is Status.NEEDS_REVIEW)
            lines.append(f"| {esc(p.path or ui(lang, 'report.package_received'))} "
                         f"| {_ICON[p.verdict.value]} "
                         f"{esc(ui(lang, 'verdict.' + p.verdict.value))} | {len(p.files)} | "
                         f"{errors} | {warnings} | {reviews} |")
        lines.append("")
    if report.findings:
        lines += [f"**{esc(ui(lang, 'report.outside'))}**: "
                  + ", ".join(f"`{f.code}` {esc(f.file)}" for f in report.findings), ""]
    findings = sorted(report.all_findings(), key=_order)
    if findings:
        lines += [f"<details><summary>{html.escape(ui(lang, 'report.findings'))} "
                  f"({len(findings)})</summary>", "",
                  f"| {ui(lang, 'col.path')} | {ui(lang, 'col.where')} | {ui(lang, 'col.rule')}"
                  f" | {ui(lang, 'col.message')} | {ui(lang, 'col.clause')} |",
                  "|---|---|---|---|---|"]
        for f in findings[:MAX_ROWS]:
            status = "" if f.status is Status.VIOLATION else \
                f" ({esc(ui(lang, 'status.' + f.status.value))})"
            lines.append(
                f"| {esc(f.file)} | {esc(finding_where(f, lang)) or '-'} | "
                f"`{f.code}` {esc(ui(lang, 'severity.' + f.severity.label))}{status} | "
                f"{esc(f.message(lang))}{_details(f, lang)} | {esc(f.clause or '-')} |")
        if len(findings) > MAX_ROWS:
            lines += ["", esc(ui(lang, "report.more", n=len(findings) - MAX_ROWS))]
        pointer = technical_pointer(lang, findings[:MAX_ROWS])  # Markdown shows no notes
        if pointer:
            lines += ["", esc(pointer)]
        lines += ["", "</details>", ""]
        fixes = how_to_fix_lines(findings, lang, "- ", report, labelled=False)
        if fixes:
            lines += [f"**{esc(ui(lang, 'report.how_to_fix_label'))}**", "",
                      *(esc(line) for line in fixes), ""]
    lines.append(esc(ui(lang, "summary", packages=s["packages"], files=s["files"],
                        errors=s["by_severity"]["error"], warnings=s["by_severity"]["warning"],
                        infos=s["by_severity"]["info"], reviews=s["by_status"]["needs-review"])))
    lines.extend(f"\n{esc(notice_text(n, lang))}" for n in report.notices)
    lines += ["", esc(checked_line(report, lang))]
    return "\n".join(lines) + "\n"
