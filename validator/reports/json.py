"""The JSON report: a versioned public contract (docs/REPORT_FORMAT.md, docs/report.schema.json).

Scripts and the other formats rely on it; fields are added, never renamed or removed, within a
``schema_version``.

The same builders write the stored form of a report (``dump``), which the cache and the gate
keep and ``validator.reports.load`` reads back into the model: the document ``render`` writes,
plus what rendering in every language needs (each finding's and notice's messages in kk, ru
and en, the finding's package, the profile's titles, the active rules with their titles and
the quoted clauses). A stored report renders in every format and language exactly as the
report it was made from.
"""

from __future__ import annotations

import json
from typing import Any

from validator.core.catalogue import LANGS
from validator.core.clock import stated
from validator.core.findings import FileReport, Finding, PackageReport, Report
from validator.reports import jsontext
from validator.reports.common import notice_text, rule_title, shown_state
from validator.reports.summary import summary

SCHEMA_VERSION = 1
#: The language of the language-bound fields (``message``, ``title``) of a stored report.
STORED_LANG = "en"


def finding_dict(f: Finding, lang: str, stored: bool = False) -> dict[str, Any]:
    out = {
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
    }
    if stored:
        out["package"] = f.package
        out["messages"] = dict(f.messages)
        if f.not_read:
            out["not_read"] = True
        if f.waiver is not None:
            out["waiver"] = f.waiver
    elif f.waiver:
        out["waiver"] = f.waiver
    return out


def file_dict(r: FileReport, lang: str, stored: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "path": r.path,
        "format": r.format,
        "kind": r.kind,
        "role": r.role,
        "role_reason": r.role_reason,
        "language": r.language,
        "language_shares": r.language_shares,
        "script": r.script,
        "state": shown_state(r),
        "size": r.size,
        "sha256": r.sha256,
        "slides": r.slides,
        "pages": r.pages,
        "pages_method": r.pages_method,
        "findings": [finding_dict(f, lang, stored) for f in r.findings],
    }
    for key, value in r.extra:
        out[key] = value
    return out


def package_dict(p: PackageReport, lang: str, stored: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "path": p.path,
        "verdict": p.verdict.value,
        "findings": [finding_dict(f, lang, stored) for f in p.findings],
        "files": [file_dict(f, lang, stored) for f in p.files],
    }
    for key, value in p.extra:
        out[key] = value
    return out


def report_dict(report: Report, lang: str, stored: bool = False) -> dict[str, Any]:
    profile: dict[str, Any] = {"id": report.profile.id, "version": report.profile.version,
                               "title": report.profile.title.get(lang)}
    notices = []
    for n in report.notices:
        notice: dict[str, Any] = {"key": n.key, "args": dict(n.args),
                                  "message": notice_text(n, lang)}
        if stored:
            notice["messages"] = {code: notice_text(n, code) for code in LANGS}
        notices.append(notice)
    out: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "validator", "version": report.tool_version},
        "profile": profile,
        "lang": lang,
        "checked_at": None if report.checked_at is None else stated(report.checked_at),
        "packages": [package_dict(p, lang, stored) for p in report.packages],
        "findings": [finding_dict(f, lang, stored) for f in report.findings],
        "summary": summary(report),
        "notes": list(report.notes),
        "notices": notices,
    }
    if stored:
        profile["titles"] = dict(report.profile.title)
        out["rules"] = [{"code": r.code, "name": r.name, "severity": r.severity.label,
                         "clause": r.clause,
                         "title": {code: rule_title(r.code, code, report) for code in LANGS},
                         "params": dict(r.params)}
                        for r in report.rules]
        out["clauses"] = report.clauses
        out["coverage"] = [c.to_dict() for c in report.coverage]
    return out


def render(report: Report, lang: str = "en") -> str:
    return jsontext.dumps(report_dict(report, lang)) + "\n"


def dump(report: Report) -> str:
    """The stored form of ``report`` (see the module docstring); ``load`` reads it back."""
    return json.dumps(report_dict(report, STORED_LANG, stored=True), ensure_ascii=False,
                      allow_nan=False, separators=(",", ":"))
