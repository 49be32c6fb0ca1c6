"""What `validator fix` prints: per file, what was fixed, what was not and why, what remains
and how to fix it (once per code, as the text report says it), and which codes need a person.

Pure functions of a ``FixRun``. Text in the chosen language; JSON is the corrected copies'
report (docs/REPORT_FORMAT.md) whose files carry ``fixes``, beside the run's own lists.
"""

from __future__ import annotations

from typing import Any

from validator.core.catalogue import ui
from validator.core.findings import Finding, Status
from validator.fix.records import FileFix
from validator.fix.run import OPTION_REASONS, FixRun
from validator.reports import jsontext
from validator.reports.common import how_to_fix_lines
from validator.reports.fix_words import fix_place_text, record_text, skipped_text
from validator.reports.json import report_dict
from validator.reports.text import finding_text


def _remaining(run: FixRun) -> dict[str, list[Finding]]:
    """The findings left in the corrected copies (waived ones left out), by path."""
    out: dict[str, list[Finding]] = {}
    if run.report is None:
        return out
    for pkg in run.report.packages:
        for f in pkg.findings:
            out.setdefault(pkg.path, []).append(f)
        for fr in pkg.files:
            for f in fr.findings:
                if f.status is Status.WAIVED:
                    continue
                out.setdefault(fr.path, []).append(f)
    return out


def person_codes(run: FixRun) -> list[str]:
    """The codes left in the corrected copies that a person must act on: every one left,
    except where the file's "not fixed" line names an option of the run that would fix it
    (``--unsafe-fixes``)."""
    by_target = {f.target: f for f in run.fixes}
    codes: set[str] = set()
    for path, findings in _remaining(run).items():
        fix = by_target.get(path)
        lifted = {code for code, why, _ in fix.skipped if why in OPTION_REASONS} \
            if fix is not None else set()
        codes.update(f.code for f in findings if f.code not in lifted)
    return sorted(codes)


def _left_lines(findings: list[Finding], run: FixRun, lang: str) -> list[str]:
    """What remains of a file, each finding once, then how to fix each code once."""
    lines = [f"  {ui(lang, 'fix.remains')} {finding_text(f, lang)}" for f in findings]
    return lines + how_to_fix_lines(findings, lang, "      ", run.report)


def _file_lines(fix: FileFix, run: FixRun, lang: str, left: list[Finding]) -> list[str]:
    verb = "fix.would" if run.report is None else "fix.fixed"
    lines = [ui(lang, "fix.file", source=fix.source, target=fix.target)]
    for r in fix.records:
        label = ui(lang, verb if r.safe or run.report is None else "fix.unsafe")
        lines.append(f"  {label} {r.code} {record_text(r, lang)}")
    for code, why, args in fix.skipped:
        lines.append(f"  {ui(lang, 'fix.not_fixed')} "
                     f"{skipped_text(code, why, args, fix.source, lang)}")
    lines.extend(_left_lines(left, run, lang))
    if not fix.records and not fix.skipped:
        lines.append(f"  {ui(lang, 'fix.nothing')}")
    return lines


def render_text(run: FixRun, lang: str) -> str:
    lines: list[str] = []
    remaining = _remaining(run)
    left = sum(len(v) for v in remaining.values())
    for fix in run.fixes:
        lines.extend(_file_lines(fix, run, lang, remaining.pop(fix.target, [])))
    for path, items in remaining.items():  # the package's own and the files not changed
        lines.append(path)
        lines.extend(_left_lines(items, run, lang))
    for path in run.not_copied:
        lines.append(ui(lang, "fix.not_copied", path=path))
    changes = sum(len(f.records) for f in run.fixes)
    files = sum(1 for f in run.fixes if f.records)
    if run.report is None:
        lines.append(ui(lang, "fix.diff_summary", fixes=changes, files=files))
    else:
        lines.append(ui(lang, "fix.summary", fixes=changes, files=files, remaining=left))
        person = person_codes(run)
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
