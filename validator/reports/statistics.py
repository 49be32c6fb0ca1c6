"""``--statistics``: how many findings each rule had, most frequent first (as ruff and flake8).

Waived findings are counted apart, so a waiver never hides how often a rule fires.
"""

from __future__ import annotations

from collections import Counter

from validator.catalogue import ui
from validator.model import Report, Status
from validator.reports.common import rule_title


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
        lines.append(f"  {n:>{width}}  {code}  {rule_title(code, lang)}{waived}")
    return "\n".join(lines) + "\n"
