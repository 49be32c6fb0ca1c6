"""The rule catalogue as people read it: `validator rules`, `validator explain`, docs/RULES.md."""

from __future__ import annotations

from collections.abc import Mapping

from validator.checks import ALL_RULES, RULES_BY_CODE
from validator.core.catalogue import RuleText, rule_text_in, ui
from validator.core.errors import ConfigError
from validator.reports import jsontext
from validator.settings.profile import Profile, RuleSettings, load_profile, resolve_profile_path


def _profile(name: str) -> Profile:
    return load_profile(resolve_profile_path(name))


def _texts(code: str, lang: str, rs: RuleSettings | None) -> RuleText:
    """A rule's texts with the profile's thresholds and clause (placeholders "…" when off)."""
    if rs is None:
        return rule_text_in(code, lang, None, {})
    return rule_text_in(code, lang, rs.clause, rs.params)


def rules_table(profile_name: str, lang: str, fmt: str) -> str:
    """Return every rule with its clause and severity in the profile, as text/json/markdown."""
    profile = _profile(profile_name)
    rows = []
    for r in sorted(ALL_RULES, key=lambda rule: rule.code):
        rs = profile.rules.get(r.code)
        texts = _texts(r.code, lang, rs)
        rows.append({
            "code": r.code,
            "name": r.name,
            "title": texts.title,
            "clause": rs.clause if rs else None,
            "severity": rs.severity.label if rs else "off",
            "summary": texts.summary,
        })
    if fmt == "json":
        return jsontext.dumps(rows) + "\n"
    if fmt == "markdown":
        out = ["| code | name | clause | severity | what it checks |", "|---|---|---|---|---|"]
        for row in rows:
            out.append(f"| {row['code']} | {row['name']} | {row['clause'] or '-'} | "
                       f"{row['severity']} | {row['summary']} |")
        return "\n".join(out) + "\n"
    width = max(len(str(r["name"])) for r in rows)
    out = []
    for row in rows:
        clause = row["clause"] or "-"
        out.append(f"{row['code']}  {row['name']:<{width}}  {clause:<6} {row['severity']:<8} "
                   f"{row['title']}")
    return "\n".join(out) + "\n"


def explain_rule(code: str, profile_name: str, lang: str) -> str:
    """Return one rule's documentation in ``lang``, with its settings in the profile."""
    rule = RULES_BY_CODE.get(code)
    if rule is None:
        raise ConfigError(f"unknown rule {code!r} (see `validator rules`)")
    profile = _profile(profile_name)
    rs = profile.rules.get(code)
    text = _texts(code, lang, rs)
    lines = [f"{code} {rule.name}: {text.title}", "", text.summary, "", text.explanation, ""]
    if text.how_to_fix:
        lines += [f"{ui(lang, 'report.how_to_fix_label')}: {text.how_to_fix}", ""]
    if rs is None:
        lines.append(f"{ui(lang, 'profile')} {profile.id}: off")
    else:
        clause = f"{ui(lang, 'clause')} {rs.clause}" if rs.clause else ui(lang, "no_clause")
        lines.append(f"{ui(lang, 'profile')} {profile.id}: {clause}, "
                     f"{ui(lang, 'severity.' + rs.severity.label)}")
        quote = profile.clause_text(rs.clause, lang)
        if quote:
            lines.append(f"  «{quote}»")
        for name, value in rs.params.items():
            shown = dict(value) if hasattr(value, "items") else value
            lines.append(f"  {name} = {shown}")
        for case, sev in rs.cases.items():
            lines.append(f"  {case}: {sev.label}")
    return "\n".join(lines) + "\n"


def _shown(value: object) -> str:
    """A parameter value for people: lists joined by commas, tables as ``key = value``."""
    if isinstance(value, Mapping):
        return ", ".join(f"{k} = {v}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def rules_pages(profile_name: str, lang: str) -> str:
    """Return one Markdown section per rule (docs/RULES.md): title, summary, explanation, how
    to fix, then the clause, severity, cases and parameters the profile gives it. Thresholds
    and clause numbers in the texts are filled from the same profile."""
    profile = _profile(profile_name)
    out: list[str] = []
    for r in sorted(ALL_RULES, key=lambda rule: rule.code):
        rs = profile.rules.get(r.code)
        text = _texts(r.code, lang, rs)
        out += [f"## {r.code} {r.name}", "", f"**{text.title}.** {text.summary}", "",
                text.explanation.strip(), ""]
        if text.how_to_fix:
            out += [f"**{ui(lang, 'report.how_to_fix_label')}:** {text.how_to_fix}", ""]
        if rs is None:
            out += [f"{ui(lang, 'profile')} `{profile.id}`: off", ""]
            continue
        clause = f"{ui(lang, 'clause')} {rs.clause}" if rs.clause else ui(lang, "no_clause")
        out.append(f"{ui(lang, 'profile')} `{profile.id}`: {clause}, "
                   f"{ui(lang, 'severity.' + rs.severity.label)}.")
        quote = profile.clause_text(rs.clause, lang)
        if quote:
            out += ["", f"> {quote}"]
        rows = [f"- `{name}` = {_shown(value)}" for name, value in rs.params.items()]
        rows += [f"- {case}: {ui(lang, 'severity.' + sev.label)}"
                 for case, sev in rs.cases.items()]
        out += ["", *rows, ""] if rows else [""]
    return "\n".join(out).rstrip("\n") + "\n"
