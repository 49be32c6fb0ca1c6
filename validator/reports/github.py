"""GitHub Actions workflow commands: one annotation per finding, without code scanning.

Printed in a workflow step, each line becomes an annotation on the file in the run's summary
and, for files a pull request changes, on the pull request::

    ::error file=item1/Слайды.pptx,title=SLD002 min-font-size::slide 3, shape «Title 1»: ...

The title names the rule by its code and, in Kazakh and Russian, its title in that language
(the English identifier in English only). The message ends with the clause, then, on a line of
its own, the rule's advice on how to fix it.
Severity ``error`` is ``::error``, ``warning`` is ``::warning``, ``info`` is ``::notice``; a
finding that needs review is at least a warning (it fails the run as errors do) and its title
says so. Waived findings are left out (they count for nothing). Documents have no lines, so no
``line`` is given: the annotation belongs to the whole file. A file inside a zip is annotated
at the zip (the file in the repository), the member named in the message.

Values are escaped as GitHub's toolkit does (``escapeData`` / ``escapeProperty``): ``%``, CR
and LF in the message; those and ``:`` and ``,`` in properties. So a file name can neither end
the command nor start a new one. GitHub shows at most 10 annotations of each kind per step:
the worst findings come first. The run's notices (``--exit-zero`` made the exit code 0 although
the run fails, files not read, an expired waiver) come before them, each a ``::warning``
without a file, shown in the run's summary.
"""

from __future__ import annotations

from validator.core.catalogue import ui
from validator.core.findings import Finding, Report, Severity, Status
from validator.reports.ci_words import fix_advice, rule_label
from validator.reports.common import clause_label, finding_where, notice_text, split_member

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """A command's message: ``%``, CR and LF percent-encoded (GitHub's ``escapeData``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A command's property value: also ``:`` and ``,`` (GitHub's ``escapeProperty``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(f: Finding) -> str:
    if f.status is Status.NEEDS_REVIEW and f.severity is not Severity.ERROR:
        return "warning"
    return _COMMAND[f.severity]


def _line(f: Finding, lang: str, report: Report) -> str:
    artifact, member = split_member(f.file)
    place = finding_where(f, lang)
    if member:
        place = f"{member}: {place}" if place else member
    message = f.message(lang)
    text = f"{place}: {message}" if place else message
    title = rule_label(f, lang, report)
    if f.status is Status.NEEDS_REVIEW:
        title += f" ({ui(lang, 'status.needs-review')})"
    props = f"file={escape_property(artifact)},title={escape_property(title)}"
    body = f"{text} ({clause_label(f, lang)})"
    advice = fix_advice(f.code, lang, report, (f.file,))
    if advice:
        body += f"\n{advice}"
    return f"::{_command(f)} {props}::{escape_data(body)}"


def _rank(f: Finding) -> tuple[int, tuple[str, tuple[int, int, str, int, str], str]]:
    order = {"error": 0, "warning": 1, "notice": 2}
    return order[_command(f)], f.sort_key()


def render(report: Report, lang: str = "en") -> str:
    findings = sorted((f for f in report.all_findings() if f.status is not Status.WAIVED),
                      key=_rank)
    notices = [f"::warning::{escape_data(notice_text(n, lang))}" for n in report.notices]
    return "".join(line + "\n" for line in
                   (*notices, *(_line(f, lang, report) for f in findings)))
