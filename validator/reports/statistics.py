"""``--statistics``: how many findings each rule had, most frequent first (as ruff and flake8).

Waived findings are counted apart, so a waiver never hides how often a rule fires. With the JSON
format the same numbers are a ``statistics`` object inside the report, not text beside it.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from validator.core.catalogue import ui
from validator.core.findings import Report, Status
from validator.reports import jsontext
from validator.reports.common import rule_title
from validator.reports.json import report_dict


def counts(report: Report) -> list[tuple[str, int, int]]:
    """(code, active findings, waived findings) per rule that fired, most active first."""
    active: Counter[str] = Counter()
    waived: Counter[str] = Counter()
    for f in report.all_findings():
        (waived if f.status is Status.WAIVED else active)[f.code] += 1
    codes = set(active) | set(waived)
    return sorted(((c, active[c], waived[c]) for c in codes), key=lambda r: (-r[1], -r[2], r[0]))


def render(report: Report, lang: str = "en") -> str:
    rows = counts(report)
    lines = [ui(lang, "stats.heading") + ":"]
    if not rows:
        lines.append("  " + ui(lang, "no_findings"))
    width = max((len(str(n)) for _, n, _ in rows), default=1)
    for code, n, w in rows:
        waived = f" (+{w} {ui(lang, 'status.waived')})" if w else ""
        lines.append(f"  {n:>{width}}  {code}  {rule_title(code, lang, report)}{waived}")
    return "\n".join(lines) + "\n"


def statistics_dict(report: Report, lang: str = "en") -> dict[str, Any]:
    """The ``statistics`` object of the JSON report (docs/REPORT_FORMAT.md)."""
    return {"rules": [{"code": code, "title": rule_title(code, lang, report), "count": n,
                       "waived": w} for code, n, w in counts(report)]}


def render_json(report: Report, lang: str = "en") -> str:
    """The JSON report with the ``statistics`` object added after its own keys
    (``--statistics``), written once from the report."""
    data = report_dict(report, lang)
    data["statistics"] = statistics_dict(report, lang)
    return jsontext.dumps(data) + "\n"
