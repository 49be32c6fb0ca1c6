"""Regulation profiles: ``rules/<id>.toml`` loaded once into an immutable ``Profile``.

A profile names its regulation (title in kk/ru/en, decree, date), quotes the clauses it cites,
and switches rules on with their clause, severity (per case where a rule has cases) and typed
parameters. Rules a profile does not list are off. Every key is checked on load; an error names
the file, the rule and the key, and stops the run (exit code 2).
"""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from validator.calendar.deadlines import DeadlineRule, parse_deadline_rules
from validator.checks.base import Rule
from validator.core.coverage import ClauseCoverage, parse_coverage, uncovered_rule_clauses
from validator.core.errors import Said, WordedError
from validator.core.findings import ProfileInfo, Severity
from validator.core.shipped import shipped_profiles_dir as shipped_profiles_dir
from validator.core.tomlfile import read_toml
from validator.discovery.rules import DiscoveryRules, parse_discovery

LANGS = ("kk", "ru", "en")
_PROFILE_KEYS = {"id", "version", "title", "decree", "date", "source", "notes"}
_RULE_KEYS = {"clause", "severity", "cases"}


@dataclass(frozen=True, slots=True)
class RuleSettings:
    """How a profile applies one rule."""

    code: str
    clause: str | None
    severity: Severity
    cases: Mapping[str, Severity]
    params: Mapping[str, Any]

    def severity_for(self, case: str | None) -> Severity:
        if case is not None and case in self.cases:
            return self.cases[case]
        return self.severity


@dataclass(frozen=True, slots=True)
class Profile:
    id: str
    version: str
    title: Mapping[str, str]
    decree: str
    date: dt.date | None
    source: str
    path: str
    clauses: Mapping[str, Mapping[str, str]]
    rules: Mapping[str, RuleSettings]
    deadlines: tuple[DeadlineRule, ...] = ()
    coverage: tuple[ClauseCoverage, ...] = ()
    discovery: DiscoveryRules | None = None  # [discovery]: how packages are found in a tree

    @property
    def info(self) -> ProfileInfo:
        return ProfileInfo(self.id, self.version, dict(self.title))

    def clause_text(self, clause: str | None, lang: str) -> str | None:
        if clause is None:
            return None
        quotes = self.clauses.get(clause)
        return None if quotes is None else quotes.get(lang)


def shipped_profiles() -> list[Path]:
    return sorted(p for p in shipped_profiles_dir().glob("*.toml") if _is_profile(p))


def _is_profile(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return "profile" in tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError):
        return False


def resolve_profile_path(name_or_path: str, base: Path | None = None) -> Path:
    """Return the file of a profile given by id (``oskemen-2025``) or by path."""
    candidate = Path(name_or_path)
    if base is not None and not candidate.is_absolute():
        relative = base / candidate
        if relative.suffix == ".toml" and relative.is_file():
            return relative
    if candidate.suffix == ".toml" and candidate.is_file():
        return candidate
    shipped = shipped_profiles_dir() / f"{name_or_path}.toml"
    if shipped.is_file():
        return shipped
    known = ", ".join(p.stem for p in shipped_profiles()) or "none"
    raise WordedError("usage.unknown_profile", name=name_or_path, known=known)


def _severity(value: Any, where: str | Said) -> Severity:
    if not isinstance(value, str):
        raise WordedError("profile.severity_type", where=where, value=repr(value))
    try:
        return Severity.parse(value)
    except ValueError:
        raise WordedError("profile.severity_unknown", where=where, value=value) from None


def _lang_table(value: Any, where: str | Said) -> dict[str, str]:
    if not isinstance(value, dict) or set(value) != set(LANGS) or not all(
        isinstance(v, str) and v.strip() for v in value.values()
    ):
        raise WordedError("profile.lang_table", where=where)
    return dict(value)


def _known(names: Any) -> str | Said:
    """A list of names for a message, or "none"."""
    return ", ".join(names) or Said("profile.none")


def _rule_settings(code: str, table: Any, rule: Rule, where: str) -> RuleSettings:
    if not isinstance(table, dict):
        raise WordedError("profile.must_be_table", where=Said("profile.at_table", where=where,
                                                               table=f"rules.{code}"))
    at = Said("profile.at_rule", where=where, code=code)
    allowed = _RULE_KEYS | set(rule.params)
    for key in table:
        if key not in allowed:
            raise WordedError("profile.rule_option", where=at, key=key, code=code,
                              known=_known(sorted(rule.params)))
    clause = table.get("clause")
    if clause is not None and not isinstance(clause, str):
        raise WordedError("profile.rule_clause_type", where=at)
    if "severity" not in table:
        raise WordedError("profile.rule_severity_missing", where=at)
    severity = _severity(table["severity"], at)
    cases_raw = table.get("cases", {})
    if not isinstance(cases_raw, dict):
        raise WordedError("profile.rule_cases_type", where=at)
    cases: dict[str, Severity] = {}
    for case, sev in cases_raw.items():
        if case not in rule.cases:
            raise WordedError("profile.rule_case_unknown", where=at, case=case,
                              known=_known(rule.cases))
        cases[case] = _severity(sev, Said("profile.at_case", where=at, case=case))
    params: dict[str, Any] = {}
    for name, spec in rule.params.items():
        if name not in table:
            raise WordedError("profile.rule_param_missing", where=at, name=name, doc=spec.doc)
        try:
            params[name] = spec.validate(table[name])
        except WordedError as exc:
            raise WordedError("profile.rule_param_value", where=at, name=name,
                              problem=exc.phrase) from None
    return RuleSettings(code, clause, severity, MappingProxyType(cases), MappingProxyType(params))


def load_profile(path: Path, rules: Mapping[str, Rule] | None = None) -> Profile:
    """Load and validate a profile file against the rule catalogue. Every error is a
    ``WordedError``: said in the language of the command line that loads the profile."""
    if rules is None:
        from validator.checks import RULES_BY_CODE

        rules = RULES_BY_CODE
    where = str(path)
    data = read_toml(path, "profile")
    for key in data:
        if key not in ("profile", "clauses", "rules", "deadlines", "coverage", "discovery"):
            raise WordedError("profile.unknown_table", where=where, key=key)
    head = data.get("profile")
    if not isinstance(head, dict):
        raise WordedError("profile.no_head", where=where)
    for key in head:
        if key not in _PROFILE_KEYS:
            raise WordedError("profile.head_key", where=where, key=key)
    for key in ("id", "version"):
        if not isinstance(head.get(key), str) or not head[key]:
            raise WordedError("profile.head_string", where=where, key=key)
    title = _lang_table(head.get("title"), Said("profile.at_table", where=where,
                                                 table="profile.title"))
    date = head.get("date")
    if date is not None and not isinstance(date, dt.date):
        raise WordedError("profile.head_date", where=where)
    clauses_raw = data.get("clauses", {})
    if not isinstance(clauses_raw, dict):
        raise WordedError("profile.must_be_table",
                          where=Said("profile.at_table", where=where, table="clauses"))
    clauses = {
        str(k): MappingProxyType(_lang_table(v, Said("profile.at_table", where=where,
                                                     table=f'clauses."{k}"')))
        for k, v in clauses_raw.items()
    }
    rules_raw = data.get("rules", {})
    if not isinstance(rules_raw, dict):
        raise WordedError("profile.must_be_table",
                          where=Said("profile.at_table", where=where, table="rules"))
    settings: dict[str, RuleSettings] = {}
    for code, table in rules_raw.items():
        rule = rules.get(code)
        if rule is None:
            raise WordedError("profile.unknown_rule", where=where, code=code)
        rs = _rule_settings(code, table, rule, where)
        if rs.clause is not None and rs.clause not in clauses:
            raise WordedError("profile.clause_unquoted", clause=rs.clause,
                              where=Said("profile.at_rule", where=where, code=code))
        settings[code] = rs
    deadlines = _deadlines(data.get("deadlines", []), clauses, where)
    coverage = _coverage(data.get("coverage"), rules, settings, where)
    return Profile(
        id=head["id"],
        version=head["version"],
        title=MappingProxyType(title),
        decree=str(head.get("decree", "")),
        date=date,
        source=str(head.get("source", "")),
        path=where,
        clauses=MappingProxyType(clauses),
        rules=MappingProxyType(settings),
        deadlines=deadlines,
        coverage=coverage,
        discovery=parse_discovery(data.get("discovery"), where),
    )


def _coverage(raw: Any, known: Mapping[str, Rule], settings: Mapping[str, RuleSettings],
              where: str) -> tuple[ClauseCoverage, ...]:
    """The ``[coverage]`` table: optional, but when given, every rule's clause lists it."""
    if raw is None:
        return ()
    coverage = parse_coverage(raw, known, settings, where)
    problems = uncovered_rule_clauses(coverage, {c: s.clause for c, s in settings.items()})
    if problems:
        raise WordedError("profile.problem", where=where, problem=problems[0])
    return coverage


def _deadlines(raw: Any, clauses: Mapping[str, Any], where: str) -> tuple[DeadlineRule, ...]:
    """The ``[[deadlines]]`` dates around a meeting (``validator deadlines``)."""
    if not isinstance(raw, list):
        raise WordedError("profile.deadlines_array", where=where)
    rules = parse_deadline_rules(raw, where)
    for r in rules:
        if r.clause not in clauses:
            raise WordedError("profile.deadline_clause", where=where, key=r.key,
                              clause=r.clause)
    return rules


DEFAULT_PROFILE = "oskemen-2025"


@functools.lru_cache(maxsize=1)
def shipped_discovery() -> DiscoveryRules:
    """The ``[discovery]`` rules of the default shipped profile, read on their own: what tells
    a package from a container before a run's profile is known (the search for a config
    file, which may name another profile)."""
    path = resolve_profile_path(DEFAULT_PROFILE)
    return parse_discovery(read_toml(path, "profile").get("discovery"), str(path))
