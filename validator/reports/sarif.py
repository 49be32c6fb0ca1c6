"""SARIF 2.1.0 for code scanning (GitHub) and SARIF viewers.

Documents have no lines, so every result points at line 1 of its file (GitHub needs a
``startLine``) and says where inside the file in ``logicalLocations``
(``slide[3]/shape[Title 1]``) and in ``properties``. GitHub would hash line 1 of a binary file
to tell results apart, merging findings on different slides; each result therefore carries the
finding's own fingerprint (rule, file, slide/page, shape id) as ``primaryLocationLineHash``,
with GitHub's ``:N`` occurrence suffix numbering findings that share a fingerprint (several
paragraphs of one document, say) in report order.
A file inside a submitted zip is reported at the zip, with the member in ``properties``.
Waived findings stay in the log, marked with an external, accepted suppression.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from validator.core.catalogue import clause_ref, rule_text_in, ui
from validator.core.clock import stated_utc
from validator.core.findings import Finding, Location, Report, RuleInfo, Severity, Status
from validator.reports import jsontext
from validator.reports.common import (
    PROJECT_URL,
    finding_where,
    notice_text,
    rule_url,
    split_member,
)

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
#: GitHub truncates longer descriptions; the limit is its documented maximum.
MAX_DESCRIPTION = 1024
#: GitHub code scanning's limit of results in one run (a larger file is rejected).
MAX_RESULTS = 25_000
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_PROBLEM = {Severity.ERROR: "error", Severity.WARNING: "warning",
            Severity.INFO: "recommendation"}


def _cut(text: str, limit: int = MAX_DESCRIPTION) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _artifact(path: str) -> dict[str, str]:
    """Where a file is: relative to the checkout (``%SRCROOT%``) as GitHub needs, or a
    ``file://`` URI when the check was given an absolute path. Percent-encoded (spaces,
    Cyrillic)."""
    path = path.replace("\\", "/")
    if PurePosixPath(path).is_absolute():
        return {"uri": "file://" + quote(path, safe="/")}
    return {"uri": quote(path, safe="/"), "uriBaseId": "%SRCROOT%"}


def _rule_descriptor(info: RuleInfo, report: Report, lang: str) -> dict[str, Any]:
    try:
        text = rule_text_in(info.code, lang, info.clause, dict(info.params))
        title, summary, explanation = text.title, text.summary, text.explanation
        how = text.how_to_fix
    except (KeyError, OSError):
        title = summary = explanation = info.name
        how = ""
    quote_text = report.clause_text(info.clause, lang)
    cite = ui(lang, "report.clause_quote", ref=clause_ref(info.clause, lang))
    clause_line = (f"{cite}: «{quote_text}»" if info.clause and quote_text
                   else ui(lang, "report.no_clause"))
    fix_line = f"{ui(lang, 'report.how_to_fix_label')}: {how}\n\n" if how else ""
    help_text = f"{fix_line}{explanation}\n\n{clause_line}\n\n{rule_url(info.code)}"
    help_md = (f"{fix_line}{explanation}\n\n> {clause_line}\n\n"
               f"[{info.code}]({rule_url(info.code)})")
    props: dict[str, Any] = {
        "tags": ["documents", info.code[:3]],
        "precision": "high",
        "problem.severity": _PROBLEM[info.severity],
    }
    if info.clause:
        props["clause"] = info.clause
    return {
        "id": info.code,
        "name": info.name,
        "shortDescription": {"text": _cut(title)},
        "fullDescription": {"text": _cut(summary)},
        "help": {"text": help_text, "markdown": help_md},
        "helpUri": rule_url(info.code),
        "defaultConfiguration": {"level": _LEVEL[info.severity]},
        "properties": props,
    }


def _rules(report: Report) -> list[RuleInfo]:
    """Active rules, plus any rule that fired but the report does not list (never dropped)."""
    rules = list(report.rules)
    known = {r.code for r in rules}
    for f in report.all_findings():
        if f.code not in known:
            known.add(f.code)
            rules.append(RuleInfo(f.code, f.name, f.severity, f.clause))
    return rules


def _location(f: Finding, place: Location, artifact: str, member: str | None
              ) -> dict[str, Any]:
    """One SARIF location: the file (line 1: documents have no lines) and the place inside."""
    logical = place.logical()
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": _artifact(artifact),
            "region": {"startLine": 1},
        },
    }
    if logical or member:
        qualified = "/".join(p for p in (f.file, logical) if p)
        location["logicalLocations"] = [{
            "name": logical or member,
            "fullyQualifiedName": qualified,
            "kind": "element",
        }]
    return location


def _result(f: Finding, index: int, occurrence: int, report: Report,
            lang: str) -> dict[str, Any]:
    artifact, member = split_member(f.file)
    place = finding_where(f, lang)
    message = f.message(lang)
    if member:
        place = f"{member}: {place}" if place else member
    text = f"{place}: {message}" if place else message
    locations = [_location(f, loc, artifact, member) for loc in f.places]
    props: dict[str, Any] = {"status": f.status.value, "package": f.package}
    if f.clause:
        props["clause"] = f.clause
        quote_text = report.clause_text(f.clause, lang)
        if quote_text:
            props["clauseText"] = quote_text
    if member:
        props["member"] = member
    props.update(f.location.to_dict())
    for key in ("measured", "threshold", "unit"):
        value = getattr(f, key)
        if value is not None:
            props[key] = value
    if f.evidence:
        props["evidence"] = f.evidence
    if f.root is not None:
        props["root"] = f.root.to_dict()
    result: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": index,
        "level": _LEVEL[f.severity],
        "message": {"text": text},
        "locations": locations,
        "partialFingerprints": {
            "primaryLocationLineHash": f"{f.fingerprint}:{occurrence}",
            "validatorFingerprint/v1": f.fingerprint,
        },
        "properties": props,
    }
    if f.status is Status.WAIVED:
        result["suppressions"] = [{
            "kind": "external",
            "status": "accepted",
            "justification": f.waiver or "",
        }]
    return result


def _occurrences(findings: list[Finding]) -> list[int]:
    """1 for the first finding with a fingerprint, 2 for the second, and so on."""
    seen: dict[str, int] = {}
    out = []
    for f in findings:
        seen[f.fingerprint] = seen.get(f.fingerprint, 0) + 1
        out.append(seen[f.fingerprint])
    return out


def sarif_dict(report: Report, lang: str = "en") -> dict[str, Any]:
    rules = _rules(report)
    index = {r.code: i for i, r in enumerate(rules)}
    findings = sorted(report.all_findings(), key=Finding.sort_key)
    notes = [*report.notes, *(notice_text(n, lang) for n in report.notices)]
    if len(findings) > MAX_RESULTS:
        # GitHub rejects a run with more results: keep the worst, and say how many are left.
        kept = sorted(findings, key=lambda f: (-int(f.severity), f.sort_key()))[:MAX_RESULTS]
        notes.append(ui(lang, "report.more", n=len(findings) - MAX_RESULTS))
        findings = sorted(kept, key=Finding.sort_key)
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if report.checked_at is not None:
        invocation["startTimeUtc"] = stated_utc(report.checked_at)
    if notes:
        invocation["toolExecutionNotifications"] = [
            {"level": "note", "message": {"text": note}} for note in notes
        ]
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "validator",
                "version": report.tool_version,
                "semanticVersion": report.tool_version,
                "informationUri": PROJECT_URL,
                "rules": [_rule_descriptor(r, report, lang) for r in rules],
            }},
            "invocations": [invocation],
            "originalUriBaseIds": {"%SRCROOT%": {
                "description": {"text": "the folder the check was run from"}}},
            "results": [_result(f, index[f.code], n, report, lang)
                        for f, n in zip(findings, _occurrences(findings), strict=True)],
            "columnKind": "unicodeCodePoints",
            "properties": {"profile": {"id": report.profile.id,
                                       "version": report.profile.version}},
        }],
    }


def render(report: Report, lang: str = "en") -> str:
    return jsontext.dumps(sarif_dict(report, lang), sort_keys=True) + "\n"
