"""What `validator fix` prints: per file, what was fixed, what was not and why, what remains.

Pure functions of a ``FixRun``. Text in the chosen language; JSON is the corrected copies'
report (docs/REPORT_FORMAT.md) whose files carry ``fixes``, beside the run's own lists.
"""

from __future__ import annotations

import json
from typing import Any

from validator.core.catalogue import ui
from validator.core.findings import Status
from validator.fix.pictures import PPI
from validator.fix.records import FixRecord
from validator.fix.run import PERSON, FixRun
from validator.reports.common import finding_logical
from validator.reports.json import report_dict


def _remaining(run: FixRun, lang: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    if run.report is None:
        return out
    for pkg in run.report.packages:
        for f in pkg.findings:
            out.setdefault(pkg.path, []).append(
                f"{f.code} {ui(lang, 'severity.' + f.severity.label)}")
        for fr in pkg.files:
            for f in fr.findings:
                if f.status is Status.WAIVED:
                    continue
                where = finding_logical(f)
                out.setdefault(fr.path, []).append(
                    f"{f.code} {ui(lang, 'severity.' + f.severity.label)}"
                    f"{' ' + where if where else ''}")
    return out


def record_text(r: FixRecord, lang: str) -> str:
    """One change in words: ``fix.rec.<kind>`` with the record's place and values."""
    args = dict(r.args)
    if r.kind == "picture":
        steps = []
        if args.get("pixels"):
            steps.append(ui(lang, "fix.step.scale", pixels=args["pixels"], ppi=PPI))
        if args.get("jpeg"):
            steps.append(ui(lang, "fix.step.jpeg", quality=args["jpeg"]))
        args = {"steps": "; ".join(steps), "target": args.get("target", "")}
    values = {"where": r.where, "before": r.before, "after": r.after, **args}
    return ui(lang, f"fix.rec.{r.kind}", **values)


def render_text(run: FixRun, lang: str) -> str:
    lines: list[str] = []
    verb = "fix.would" if run.report is None else "fix.fixed"
    remaining = _remaining(run, lang)
    for fix in run.fixes:
        lines.append(ui(lang, "fix.file", source=fix.source, target=fix.target))
        for r in fix.records:
            label = ui(lang, verb if r.safe or run.report is None else "fix.unsafe")
            lines.append(f"  {label} {r.code} {record_text(r, lang)}")
        for code, why, args in fix.skipped:
            details = dict(args)
            if "kind" in details:
                details["kind"] = ui(lang, f"fix.kind.{details['kind']}")
            lines.append(f"  {ui(lang, 'fix.not_fixed')} {code}: "
                         f"{ui(lang, 'fix.why.' + why, **details)}")
        for item in remaining.get(fix.target, []):
            lines.append(f"  {ui(lang, 'fix.remains')} {item}")
        if not fix.records and not fix.skipped:
            lines.append(f"  {ui(lang, 'fix.nothing')}")
    for path in run.not_copied:
        lines.append(ui(lang, "fix.not_copied", path=path))
    changes = sum(len(f.records) for f in run.fixes)
    files = sum(1 for f in run.fixes if f.records)
    if run.report is None:
        lines.append(ui(lang, "fix.diff_summary", fixes=changes, files=files))
    else:
        left = sum(len(v) for v in remaining.values())
        lines.append(ui(lang, "fix.summary", fixes=changes, files=files, remaining=left))
        person = sorted({f.code for f in run.report.all_findings()} & PERSON)
        if person:
            lines.append(ui(lang, "fix.person", codes=", ".join(person)))
    return "\n".join(lines) + "\n"


def render_json(run: FixRun, lang: str) -> str:
    doc: dict[str, Any] = {
        "fixes": [f.to_dict() for f in run.fixes],
        "not_copied": list(run.not_copied),
        "report": report_dict(run.report, lang) if run.report is not None else None,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
