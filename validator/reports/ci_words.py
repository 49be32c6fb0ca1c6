"""What the CI formats (GitHub annotations, GitLab Code Quality, JUnit) say of a rule.

A rule is named by its code and, in English, its identifier (``SLD002 min-font-size``); in
Kazakh and Russian by its code and its title in that language, since the English identifier
is shown in the English reports only (docs/REPORT_FORMAT.md). The advice on how to fix it is
the rule's own, with the thresholds of the report's profile filled in.
"""

from __future__ import annotations

from collections.abc import Iterable

from validator.core.catalogue import ui
from validator.core.findings import Finding, Report, Status
from validator.reports.common import how_to_fix, rule_title


def rule_label(f: Finding, lang: str, report: Report | None = None) -> str:
    """``SLD002 min-font-size`` in English; ``SLD002 Слайдтардағы мәтін ...`` otherwise."""
    if lang == "en":
        return f"{f.code} {f.name}"
    return f"{f.code} {rule_title(f.code, lang, report)}"


def fix_advice(code: str, lang: str, report: Report | None = None,
               files: Iterable[str] = ()) -> str:
    """``How to fix: ...`` in ``lang`` for findings on ``files`` (``how_to_fix``); empty when
    the rule has no advice."""
    text = how_to_fix(code, lang, report, files)
    return f"{ui(lang, 'report.how_to_fix_label')}: {text}" if text else ""


def finding_kind(f: Finding, lang: str) -> str:
    """A finding's severity in words, and its status when it is not a plain violation:
    ``ошибка``, ``замечание``, ``предупреждение; требует проверки``. An informational note is
    never called a violation."""
    word = ui(lang, "severity." + f.severity.label)
    if f.status is Status.VIOLATION:
        return word
    return f"{word}; {ui(lang, 'status.' + f.status.value)}"
