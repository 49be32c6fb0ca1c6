"""The JSON report: a versioned public contract (docs/REPORT_FORMAT.md, docs/report.schema.json).

Scripts and the other formats rely on it; fields are added, never renamed or removed, within a
``schema_version``.
"""

from __future__ import annotations

import json
from typing import Any

from validator.model import FileReport, Finding, PackageReport, Report
from validator.reports.common import notice_text
from validator.reports.summary import summary

SCHEMA_VERSION = 1


def finding_dict(f: Finding, lang: str) -> dict[str, Any]:
    return {
        "code": f.code,
        "name": f.name,
        "severity": f.severity.label,
        "status": f.status.value,
        "clause": f.clause,
        "file": f.file,
        "location": f.location.to_dict(),
        "measured": f.measured,
        "threshold": f.threshold,
        "unit": f.unit,
        "evidence": f.evidence,
        "message": f.message(lang),
        "fingerprint": f.fingerprint,
        **({"locations": [loc.to_dict() for loc in f.locations]} if f.locations else {}),
        **({"root": f.root.to_dict()} if f.root else {}),
        **({"waiver": f.waiver} if f.waiver else {}),
    }


def file_dict(r: FileReport, lang: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "path": r.path,
        "format": r.format,
        "kind": r.kind,
        "role": r.role,
        "role_reason": r.role_reason,
        "language": r.language,
        "language_shares": r.language_shares,
        "script": r.script,
        "state": r.state.value if r.kind != "other" else "not-checked",
        "size": r.size,
        "sha256": r.sha256,
        "slides": r.slides,
        "pages": r.pages,
        "pages_method": r.pages_method,
        "findings": [finding_dict(f, lang) for f in r.findings],
    }
    for key, value in r.extra:
        out[key] = value
    return out


def package_dict(p: PackageReport, lang: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "path": p.path,
        "verdict": p.verdict.value,
        "findings": [finding_dict(f, lang) for f in p.findings],
        "files": [file_dict(f, lang) for f in p.files],
    }
    for key, value in p.extra:
        out[key] = value
    return out


def report_dict(report: Report, lang: str) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "validator", "version": report.tool_version},
        "profile": {"id": report.profile.id, "version": report.profile.version,
                    "title": report.profile.title.get(lang)},
        "lang": lang,
        "packages": [package_dict(p, lang) for p in report.packages],
        "findings": [finding_dict(f, lang) for f in report.findings],
        "summary": summary(report),
        "notes": list(report.notes),
        "notices": [{"key": n.key, "args": dict(n.args), "message": notice_text(n, lang)}
                    for n in report.notices],
    }


def render(report: Report, lang: str = "en") -> str:
    return json.dumps(report_dict(report, lang), ensure_ascii=False, indent=2) + "\n"
