"""`validator coverage`: the regulation's clauses and how far the checks judge each.

Pure functions of a profile's coverage records (validator.core.coverage) and its title: text for a
terminal, JSON (``{"clauses": [{"clause", "status", "rules", "note"}]}``, the note in kk, ru and
en) for programs, Markdown for documentation. Statuses and headings are in the chosen language.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from validator.core.catalogue import ui
from validator.core.coverage import STATUSES, ClauseCoverage
from validator.reports import jsontext


def status_text(status: str, lang: str) -> str:
    return ui(lang, f"coverage.status.{status}")


def summary_line(coverage: Sequence[ClauseCoverage], lang: str) -> str:
    n = Counter(c.status for c in coverage)
    return ui(lang, "coverage.summary", total=len(coverage), automated=n["automated"],
              partly=n["partly"], person=n["person"], na=n["not-applicable"])


def render_json(coverage: Sequence[ClauseCoverage], profile_id: str, profile_version: str) -> str:
    doc = {
        "profile": {"id": profile_id, "version": profile_version},
        "statuses": list(STATUSES),
        "clauses": [c.to_dict() for c in coverage],
    }
    return jsontext.dumps(doc) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(coverage: Sequence[ClauseCoverage], title: str, lang: str) -> str:
    head = (f"| {ui(lang, 'col.clause')} | {ui(lang, 'col.coverage_status')} | "
            f"{ui(lang, 'col.rules')} | {ui(lang, 'col.coverage_note')} |")
    lines = [f"# {ui(lang, 'coverage.title', profile=title)}", "", head, "|---|---|---|---|"]
    for c in coverage:
        rules = ", ".join(c.rules) or "-"
        lines.append(f"| {c.clause} | {status_text(c.status, lang)} | {rules} | "
                     f"{_cell(c.note_in(lang))} |")
    lines += ["", summary_line(coverage, lang)]
    return "\n".join(lines) + "\n"


def render_text(coverage: Sequence[ClauseCoverage], title: str, lang: str) -> str:
    width = max((len(status_text(s, lang)) for s in STATUSES), default=0)
    lines = [ui(lang, "coverage.title", profile=title), ""]
    for c in coverage:
        rules = f" [{', '.join(c.rules)}]" if c.rules else ""
        lines.append(f"{c.clause:<6}{status_text(c.status, lang):<{width}}  "
                     f"{c.note_in(lang)}{rules}")
    lines += ["", summary_line(coverage, lang)]
    return "\n".join(lines) + "\n"


def render(coverage: Sequence[ClauseCoverage], title: Mapping[str, str], profile_id: str,
           profile_version: str, lang: str, fmt: str) -> str:
    """The coverage table of one profile in ``fmt`` (text, json or markdown)."""
    name = title.get(lang) or profile_id
    if fmt == "json":
        return render_json(coverage, profile_id, profile_version)
    if fmt == "markdown":
        return render_markdown(coverage, name, lang)
    return render_text(coverage, name, lang)
