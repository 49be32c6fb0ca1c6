"""GitHub Actions workflow commands: one annotation per finding, without code scanning.

Printed in a workflow step, each line becomes an annotation on the file in the run's summary
and, for files a pull request changes, on the pull request::

    ::error file=item1/Слайды.pptx,title=SLD002 min-font-size::slide 3, shape «Title 1»: ...

Severity ``error`` is ``::error``, ``warning`` is ``::warning``, ``info`` is ``::notice``; a
finding that needs review is at least a warning (it fails the run as errors do) and its title
says so. Waived findings are left out (they count for nothing). Documents have no lines, so no
``line`` is given: the annotation belongs to the whole file. A file inside a zip is annotated
at the zip (the file in the repository), the member named in the message.

Values are escaped as GitHub's toolkit does (``escapeData`` / ``escapeProperty``): ``%``, CR
and LF in the message; those and ``:`` and ``,`` in properties. So a file name can neither end
the command nor start a new one. GitHub shows at most 10 annotations of each kind per step:
the worst findings come first.
"""

from __future__ import annotations

from validator.core.catalogue import ui
from validator.core.findings import Finding, Report, Severity, Status
from validator.reports.common import clause_label, finding_where, split_member

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


def _line(f: Finding, lang: str) -> str:
    artifact, member = split_member(f.file)
    place = finding_where(f, lang)
    if member:
        place = f"{member}: {place}" if place else member
    message = f.message(lang)
    text = f"{place}: {message}" if place else message
    title = f"{f.code} {f.name}"
    if f.status is Status.NEEDS_REVIEW:
        title += f" ({ui(lang, 'status.needs-review')})"
    props = f"file={escape_property(artifact)},title={escape_property(title)}"
    return f"::{_command(f)} {props}::{escape_data(f'{text} ({clause_label(f, lang)})')}"


def _rank(f: Finding) -> tuple[int, tuple[str, tuple[int, int, str, int, str], str]]:
    order = {"error": 0, "warning": 1, "notice": 2}
    return order[_command(f)], f.sort_key()


def render(report: Report, lang: str = "en") -> str:
    findings = sorted((f for f in report.all_findings() if f.status is not Status.WAIVED),
                      key=_rank)
    return "".join(_line(f, lang) + "\n" for f in findings)
