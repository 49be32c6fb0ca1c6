"""Counts shared by the reports: findings per severity and status, packages per verdict."""

from __future__ import annotations

from collections import Counter
from typing import Any

from validator.core.findings import Report, Severity, Status, Verdict


def summary(report: Report) -> dict[str, Any]:
    findings = [f for f in report.all_findings()]
    active = [f for f in findings if f.status is not Status.WAIVED]
    sev = Counter(f.severity.label for f in active)
    status = Counter(f.status.value for f in findings)
    verdicts = Counter(p.verdict.value for p in report.packages)
    per_rule = Counter(f.code for f in active)
    return {
        "packages": len(report.packages),
        "files": sum(len(p.files) for p in report.packages),
        "findings": len(active),
        "by_severity": {s.label: sev.get(s.label, 0) for s in sorted(Severity, reverse=True)},
        "by_status": {s.value: status.get(s.value, 0) for s in Status},
        "by_verdict": {v.value: verdicts.get(v.value, 0) for v in Verdict},
        "by_rule": dict(sorted(per_rule.items())),
    }
