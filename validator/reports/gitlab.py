"""GitLab Code Quality: the JSON array GitLab reads from ``artifacts:reports:codequality``.

Each finding that counts (waived ones are left out) is one issue with GitLab's fields:
``description`` (the rule, the place and the message in the report's language; the rule by
its code and, in Kazakh and Russian, its title in that language, the English identifier in
English only),
``check_name`` (the rule code), ``fingerprint`` (unique in the file, stable across runs, so
merge requests show new and fixed issues), ``severity`` and ``location.path`` with
``location.lines.begin`` (1: documents have no lines). A file inside a zip is located at the
zip, the member named in the description. The rule's advice on how to fix it is the Code
Climate ``content.body`` (Markdown), which the Code Climate specification gives for such text;
GitLab's merge request widget shows ``description`` only.

Severity (GitLab's five words; docs/CI.md):

- ``blocker``: a file that was not read (FIL001, FIL003, SEC003): nothing in it was checked;
- ``critical``: an error of a security rule (SEC001-SEC005: active content);
- ``major``: any other error, and a finding that needs review (it fails the run too);
- ``minor``: a warning; ``info``: an info.

A finding that says a file or its text was not read (``not_read``: also a legacy file not
converted, a scan OCR did not read) is a ``blocker`` whatever its rule. The run's notices
(``--exit-zero`` made the exit code 0 although the run fails, files not read, an expired
waiver) are issues too, ``info``, checked as ``validator``, located at the first package: Code
Quality has no other place for what concerns the whole run.
"""

from __future__ import annotations

import hashlib
from typing import Any

from validator.core.catalogue import ui
from validator.core.findings import (
    NOT_READ_OR_LOCKED,
    Finding,
    Notice,
    Report,
    Severity,
    Status,
)
from validator.reports import jsontext
from validator.reports.ci_words import fix_advice, rule_label
from validator.reports.common import clause_label, finding_where, notice_text, split_member


def severity(f: Finding) -> str:
    """GitLab's severity word for a finding (the mapping in the module's docstring)."""
    if f.not_read or f.code in NOT_READ_OR_LOCKED:
        return "blocker"
    if f.severity is Severity.ERROR:
        return "critical" if f.code.startswith("SEC") else "major"
    if f.status is Status.NEEDS_REVIEW:
        return "major"
    return "minor" if f.severity is Severity.WARNING else "info"


def _issue(f: Finding, occurrence: int, lang: str, report: Report) -> dict[str, Any]:
    artifact, member = split_member(f.file)
    place = finding_where(f, lang)
    if member:
        place = f"{member}: {place}" if place else member
    text = f"{place}: {f.message(lang)}" if place else f.message(lang)
    status = (f" [{ui(lang, 'status.needs-review')}]"
              if f.status is Status.NEEDS_REVIEW else "")
    key = f"{f.fingerprint}:{occurrence}".encode()
    issue: dict[str, Any] = {
        "type": "issue",
        "description": f"{rule_label(f, lang, report)}{status}: {text} "
                       f"({clause_label(f, lang)})",
        "check_name": f.code,
        "fingerprint": hashlib.sha256(key).hexdigest(),
        "severity": severity(f),
        "location": {"path": artifact, "lines": {"begin": 1}},
    }
    advice = fix_advice(f.code, lang, report, (f.file,))
    if advice:
        issue["content"] = {"body": advice}
    return issue


def render(report: Report, lang: str = "en") -> str:
    findings = sorted((f for f in report.all_findings() if f.status is not Status.WAIVED),
                      key=Finding.sort_key)
    seen: dict[str, int] = {}
    issues = []
    for f in findings:
        seen[f.fingerprint] = seen.get(f.fingerprint, 0) + 1
        issues.append(_issue(f, seen[f.fingerprint], lang, report))
    where = report.packages[0].path if report.packages and report.packages[0].path else "."
    issues.extend(_notice(n, lang, where) for n in report.notices)
    return jsontext.dumps(issues) + "\n"


def _notice(notice: Notice, lang: str, where: str) -> dict[str, Any]:
    """A run notice as an ``info`` issue of the check ``validator``."""
    key = f"{notice.key}:{sorted(notice.args)}".encode()
    return {"type": "issue", "description": notice_text(notice, lang), "check_name": "validator",
            "fingerprint": hashlib.sha256(key).hexdigest(), "severity": "info",
            "location": {"path": where, "lines": {"begin": 1}}}
