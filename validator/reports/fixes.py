"""What `validator fix` prints: per file, what was fixed, what was not and why, what remains.

Pure functions of a ``FixRun``. Text in the chosen language; JSON is the corrected copies'
report (docs/REPORT_FORMAT.md) whose files carry ``fixes``, beside the run's own lists.
"""

from __future__ import annotations

from typing import Any

from validator.core.catalogue import ui
from validator.core.findings import Status
from validator.fix.run import PERSON, FixRun
from validator.reports import jsontext
from validator.reports.fix_words import fix_place_text, record_text, skipped_text
from validator.reports.json import report_dict
from validator.reports.text import finding_text


def _remaining(run: FixRun, lang: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    if run.report is None:
        return out
    for pkg in run.report.packages:
        for f in pkg.findings:
            out.setdefault(pkg.path, []).append(finding_text(f, lang))
        for fr in pkg.files:
            for f in fr.findings:
                if f.status is Status.WAIVED:
                    continue
                out.setdefault(fr.path, []).append(finding_text(f, lang))
    return out


def render_text(run: FixRun, lang: str) -> str:
    lines: list[str] = []
    verb = "fix.would" if run.report is None else "fix.fixed"
    remaining = _remaining(run, lang)
    left = sum(len(v) for v in remaining.values())
    for fix in run.fixes:
        lines.append(ui(lang, "fix.file", source=fix.source, target=fix.target))
        for r in fix.records:
            label = ui(lang, verb if r.safe or run.report is None else "fix.unsafe")
            lines.append(f"  {label} {r.code} {record_text(r, lang)}")
        for code, why, args in fix.skipped:
            lines.append(f"  {ui(lang, 'fix.not_fixed')} "
                         f"{skipped_text(code, why, args, fix.source, lang)}")
        for item in remaining.pop(fix.target, []):
            lines.append(f"  {ui(lang, 'fix.remains')} {item}")
        if not fix.records and not fix.skipped:
            lines.append(f"  {ui(lang, 'fix.nothing')}")
    for path, items in remaining.items():  # the package's own and the files not changed
        lines.append(path)
        lines.extend(f"  {ui(lang, 'fix.remains')} {item}" for item in items)
    for path in run.not_copied:
        lines.append(ui(lang, "fix.not_copied", path=path))
    changes = sum(len(f.records) for f in run.fixes)
    files = sum(1 for f in run.fixes if f.records)
    if run.report is None:
        lines.append(ui(lang, "fix.diff_summary", fixes=changes, files=files))
    else:
        lines.append(ui(lang, "fix.summary", fixes=changes, files=files, remaining=left))
        person = sorted({f.code for f in run.report.all_findings()} & PERSON)
        if person:
            lines.append(ui(lang, "fix.person", codes=", ".join(person)))
    return "\n".join(lines) + "\n"


def render_json(run: FixRun, lang: str) -> str:
    fixes = []
    for fix in run.fixes:
        done = fix.to_dict()
        for record, out in zip(fix.records, done["fixes"], strict=True):
            out["place_words"] = fix_place_text(record.place, lang)
        fixes.append(done)
    doc: dict[str, Any] = {
        "fixes": fixes,
        "not_copied": list(run.not_copied),
        "report": report_dict(run.report, lang) if run.report is not None else None,
    }
    return jsontext.dumps(doc) + "\n"
