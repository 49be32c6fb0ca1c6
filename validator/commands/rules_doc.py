"""The rule catalogue as people read it: `validator rules`, `validator explain`,
`validator profiles`, docs/RULES.md.

In Kazakh and Russian a rule is named by its code and its title in that language; the English
identifier (``min-font-size``) is shown in English only. Severities are words of the language.
``explain`` ends with the rule's settings in the profile, for the people who write profiles:
the keys as the profile's file spells them, the values with the language's decimal comma.
"""

from __future__ import annotations

from collections.abc import Mapping

from validator.checks import ALL_RULES, RULES_BY_CODE
from validator.core.catalogue import RuleText, clause_ref, rule_text_in, ui
from validator.core.errors import WordedError
from validator.reports import jsontext
from validator.settings.profile import (
    Profile,
    RuleSettings,
    load_profile,
    resolve_profile_path,
    shipped_profiles,
)


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
        return _markdown(rows, lang)
    return _text(rows, lang)


def _severity_word(label: str, lang: str) -> str:
    """``error`` / ``ошибка`` / ``қате``; ``off`` for a rule the profile leaves out."""
    return ui(lang, "rules.off") if label == "off" else ui(lang, "severity." + label)


def _markdown(rows: list[dict[str, str | None]], lang: str) -> str:
    """The table of docs/RULES.md in English; in Kazakh and Russian without the English
    identifier, with headings and severities in the language."""
    if lang == "en":
        out = ["| code | name | clause | severity | what it checks |", "|---|---|---|---|---|"]
        for row in rows:
            out.append(f"| {row['code']} | {row['name']} | {row['clause'] or '-'} | "
                       f"{row['severity']} | {row['summary']} |")
        return "\n".join(out) + "\n"
    out = [f"| {ui(lang, 'rules.col.code')} | {ui(lang, 'col.clause')} | "
           f"{ui(lang, 'col.severity')} | {ui(lang, 'rules.col.checks')} |", "|---|---|---|---|"]
    for row in rows:
        out.append(f"| {row['code']} | {row['clause'] or '-'} | "
                   f"{_severity_word(str(row['severity']), lang)} | {row['summary']} |")
    return "\n".join(out) + "\n"


def _text(rows: list[dict[str, str | None]], lang: str) -> str:
    """One aligned line per rule: code, (English: identifier), clause, severity, title. The
    columns are as wide as their widest value, so a rule citing several clauses
    (``15.2, 15.5``) keeps the columns after it in line."""
    severities = [_severity_word(str(r["severity"]), lang) for r in rows]
    clause_w = max(6, *(len(r["clause"] or "-") for r in rows))
    severity_w = max(8, *(len(s) + 1 for s in severities))
    name_w = max(len(str(r["name"])) for r in rows)
    out = []
    for row, severity in zip(rows, severities, strict=True):
        name = f"{row['name']:<{name_w}}  " if lang == "en" else ""
        out.append(f"{row['code']}  {name}{row['clause'] or '-':<{clause_w}} "
                   f"{severity:<{severity_w}} {row['title']}")
    return "\n".join(out) + "\n"


def profiles_list(lang: str) -> str:
    """`validator profiles`: id, date, title in ``lang`` and the number of rules, a line each."""
    out = []
    for path in shipped_profiles():
        p = load_profile(path)
        out.append(f"{p.id}\t{p.version}\t{p.title[lang]}\t"
                   f"{ui(lang, 'profiles.rules', n=len(p.rules))}")
    return "".join(line + "\n" for line in out)


def _unknown_rule(code: str) -> WordedError:
    """An unknown code for `explain`, naming the closest known one (``SDL002`` -> SLD002)."""
    import difflib

    close = difflib.get_close_matches(code, sorted(RULES_BY_CODE), n=1, cutoff=0.6)
    if close:
        return WordedError("usage.unknown_rule.close", code=code, close=close[0])
    return WordedError("usage.unknown_rule", code=code)


def explain_rule(code: str, profile_name: str, lang: str) -> str:
    """Return one rule's documentation in ``lang``, with its settings in the profile."""
    rule = RULES_BY_CODE.get(code)
    if rule is None:
        raise _unknown_rule(code)
    profile = _profile(profile_name)
    rs = profile.rules.get(code)
    text = _texts(code, lang, rs)
    head = f"{code} {rule.name}" if lang == "en" else code
    lines = [f"{head}: {text.title}", "", text.summary, "", text.explanation, ""]
    if text.how_to_fix:
        lines += [f"{ui(lang, 'report.how_to_fix_label')}: {text.how_to_fix}", ""]
    if text.how_to_fix_pdf:
        lines += [f"{ui(lang, 'report.how_to_fix_pdf_label')}: {text.how_to_fix_pdf}", ""]
    if rs is None:
        lines.append(f"{ui(lang, 'profile')} {profile.id}: {ui(lang, 'rules.off')}")
        return "\n".join(lines) + "\n"
    lines.append(f"{ui(lang, 'profile')} {profile.id}: {clause_ref(rs.clause, lang)}, "
                 f"{ui(lang, 'severity.' + rs.severity.label)}")
    quote = profile.clause_text(rs.clause, lang)
    if quote:
        lines.append(f"  «{quote}»")
    if rs.params:
        lines.append(ui(lang, "explain.settings", code=code))
        lines += [f"  {name} = {_shown(value, lang)}" for name, value in rs.params.items()]
    if rs.cases:
        lines.append(ui(lang, "explain.cases", code=code))
        lines += [f"  {case}: {ui(lang, 'severity.' + sev.label)}"
                  for case, sev in rs.cases.items()]
    return "\n".join(lines) + "\n"


def _shown(value: object, lang: str = "en") -> str:
    """A parameter value for people: lists joined by commas, tables as ``key = value``,
    numbers with a decimal comma in Kazakh and Russian (``0,01``; ``20`` for ``20.0``)."""
    if isinstance(value, Mapping):
        return ", ".join(f"{k} = {_shown(v, lang)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(_shown(v, lang) for v in value)
    if isinstance(value, float) and lang != "en":
        return str(int(value)) if value.is_integer() else repr(value).replace(".", ",")
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
        if text.how_to_fix_pdf:
            out += [f"**{ui(lang, 'report.how_to_fix_pdf_label')}:** {text.how_to_fix_pdf}", ""]
        if rs is None:
            out += [f"{ui(lang, 'profile')} `{profile.id}`: off", ""]
            continue
        clause = f"{ui(lang, 'clause')} {rs.clause}" if rs.clause else ui(lang, "no_clause")
        out.append(f"{ui(lang, 'profile')} `{profile.id}`: {clause}, "
                   f"{ui(lang, 'severity.' + rs.severity.label)}.")
        quote = profile.clause_text(rs.clause, lang)
        if quote:
            out += ["", f"> {quote}"]
        rows = [f"- `{name}` = {_shown(value, lang)}" for name, value in rs.params.items()]
        rows += [f"- {case}: {ui(lang, 'severity.' + sev.label)}"
                 for case, sev in rs.cases.items()]
        out += ["", *rows, ""] if rows else [""]
    return "\n".join(out).rstrip("\n") + "\n"
