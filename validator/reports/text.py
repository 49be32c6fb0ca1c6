"""The text report for people: grouped by package and file, a verdict per package, a summary.

Pure: returns plain text. The CLI adds colour (click.style) only when writing to a terminal,
by ``colourise``; this module's ``render`` never emits escape codes.
"""

from __future__ import annotations

from validator.calendar.deadlines_text import dates_line, source_words
from validator.core.catalogue import ui
from validator.core.findings import Finding, Report
from validator.reports.common import (
    checked_line,
    copies_of,
    finding_where,
    how_to_fix_lines,
    in_package,
    language_text,
    member_of,
    notice_text,
    role_reason_text,
    role_text,
    same_file,
    shown_state,
    signed_file,
    slug_clause,
)
from validator.reports.summary import summary


def finding_text(f: Finding, lang: str, file: str = "") -> str:
    """A finding in words: code, severity (and status when not a violation), its place in
    plain words and the message. The technical place and evidence are left to the JSON
    report (docs/REPORT_FORMAT.md). ``file`` names the member a package's finding is about
    (a link inside the package), when it is not the package itself."""
    where = ", ".join(w for w in (file, finding_where(f, lang)) if w)
    status = "" if f.status.value == "violation" else f" [{ui(lang, 'status.' + f.status.value)}]"
    place = f" · {where}" if where else ""
    return f"{f.code} {ui(lang, 'severity.' + f.severity.label)}{status}{place}: {f.message(lang)}"


def _finding_line(f: Finding, lang: str, file: str = "") -> str:
    """One finding of the report: ``finding_text``, its clause and its waiver."""
    waiver = f" - {ui(lang, 'report.waived', reason=f.waiver)}" if f.waiver else ""
    return f"    {finding_text(f, lang, file)} ({slug_clause(f, lang)}){waiver}"


def _header(report: Report, lang: str) -> list[str]:
    """What the run took as packages (and the meeting date each carries), first."""
    lines = [ui(lang, "report.packages_found", n=len(report.packages))]
    for pkg in report.packages:
        dates = dict(pkg.extra).get("dates")
        meeting = ""
        if isinstance(dates, dict):
            meeting = " - " + ui(lang, "report.meeting_from", date=dates["meeting"],
                                 source=source_words(str(dates["source"]), lang))
        # A package named "" (a service's, named as received) is shown by its date alone.
        shown = f"{pkg.path}{meeting}" if pkg.path else meeting.removeprefix(" - ")
        if shown:
            lines.append(f"  {shown}")
    return [*lines, ""]


def _outside(report: Report, lang: str) -> list[str]:
    """Findings that belong to no package (a link or unreadable folder in a container)."""
    if not report.findings:
        return []
    lines = [f"{ui(lang, 'report.outside')}:"]
    for f in report.findings:
        lines.append(f"  {f.file}")
        lines.append(_finding_line(f, lang))
    return [*lines, ""]


def render(report: Report, lang: str = "en") -> str:
    lines: list[str] = _header(report, lang) if report.packages else []
    lines.extend(_outside(report, lang))
    if not report.packages:
        lines.append(ui(lang, "no_packages"))
    for pkg in report.packages:
        verdict = ui(lang, "verdict." + pkg.verdict.value)
        lines.append(f"{ui(lang, 'package')}{' ' + pkg.path if pkg.path else ''}: {verdict}")
        dates = dict(pkg.extra).get("dates")
        if dates:
            lines.append("  " + dates_line(dates, lang))
        for f in pkg.findings:
            lines.append(_finding_line(f, lang, member_of(f, pkg.path)))
        lines.extend(how_to_fix_lines(pkg.findings, lang, "      ", report))
        copies = copies_of(pkg)
        for fr in pkg.files:
            state_key = "state." + shown_state(fr)
            facts = [fr.format]
            if fr.role:
                role = role_text(fr.role, lang)
                why = role_reason_text(fr.role_reason, lang)
                facts.append(f"{role} ({why})" if why else role)
            if fr.language:
                facts.append(language_text(fr.language, fr.language_shares, lang))
            if fr.script not in (None, "cyrillic"):  # a note: Cyrillic is what is expected
                known = ("latin", "arabic", "mixed", "cjk", "greek")
                facts.append(ui(lang, "script." + (fr.script if fr.script in known else "other")))
            if fr.slides is not None:
                facts.append(ui(lang, "count.slides", n=fr.slides))
            if fr.pages is not None:
                facts.append(ui(lang, "count.pages", n=fr.pages))
            extra = dict(fr.extra)
            for fact in ("signed", "converted_from", "read_as"):  # how the file was read
                if extra.get(fact):
                    facts.append(ui(lang, fact, format=extra[fact]))
            if fr.path in copies:
                of = copies[fr.path]
                key = ("copy_same" if same_file(pkg, fr.path, of)
                       else "copy_signed" if signed_file(pkg, fr.path) else "copy_of")
                facts.append(ui(lang, key, name=in_package(of, pkg.path)))
            lines.append(f"  {fr.path} [{', '.join(facts)}]: {ui(lang, state_key)}")
            for f in fr.findings:
                lines.append(_finding_line(f, lang))
            lines.extend(how_to_fix_lines(fr.findings, lang, "      ", report))
        lines.append("")
    s = summary(report)
    lines.append(ui(lang, "summary", packages=s["packages"], files=s["files"],
                    errors=s["by_severity"]["error"], warnings=s["by_severity"]["warning"],
                    infos=s["by_severity"]["info"], reviews=s["by_status"]["needs-review"]))
    lines.extend(notice_text(n, lang) for n in report.notices)
    lines.append(checked_line(report, lang))
    return "\n".join(lines) + "\n"


def colourise(text: str) -> str:
    """Colour severities for a terminal (the CLI calls this only when stdout is a TTY)."""
    import click

    colours = {"error": "red", "warning": "yellow"}
    out = []
    for line in text.splitlines():
        words = line.split()
        if line.startswith("    ") and len(words) > 1:
            for label, colour in colours.items():
                if words[1] == label or words[1] in _LOCAL_LABELS.get(label, ()):
                    line = click.style(line, fg=colour)
                    break
        out.append(line)
    return "\n".join(out) + "\n"


_LOCAL_LABELS = {"error": ("ошибка", "қате"), "warning": ("предупреждение", "ескерту")}
