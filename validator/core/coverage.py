"""What the checks cover of the whole regulation, clause by clause.

A profile's ``[coverage."N"]`` tables list every numbered clause and sub-clause of its
regulation with one of four statuses:

- ``automated``: the listed rules decide it;
- ``partly``: the listed rules decide part of it, and the note says what a person must still
  look at;
- ``person``: no tool can judge it from the files, and the note says why;
- ``not-applicable``: the clause is not about the materials a body submits.

The data is reviewed clause by clause against the regulation's text, so it lives in the
profile (another akimat's regulation has other clauses), never in code. ``validator coverage``
prints it, and the HTML report ends with what it leaves to a person. This module only parses
and validates; it imports only the toolkit's errors, so the report model can carry its
records.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from validator.core.errors import Said, WordedValueError

STATUSES = ("automated", "partly", "person", "not-applicable")
LANGS = ("kk", "ru", "en")
_CLAUSE = re.compile(r"^[1-9][0-9]*(\.[1-9][0-9]*)?$")
_KEYS = frozenset({"status", "rules", *LANGS})


@dataclass(frozen=True, slots=True)
class ClauseCoverage:
    """One clause of the regulation and how far the checks judge it."""

    clause: str
    status: str
    rules: tuple[str, ...]
    note: tuple[tuple[str, str], ...]

    def note_in(self, lang: str) -> str:
        return dict(self.note).get(lang, "")

    @property
    def left_to_person(self) -> bool:
        """True when a person must still look at something this clause asks of materials."""
        return self.status in ("partly", "person")

    def to_dict(self) -> dict[str, Any]:
        return {"clause": self.clause, "status": self.status, "rules": list(self.rules),
                "note": dict(self.note)}


def clause_key(clause: str) -> tuple[int, ...]:
    """Sort key: 9 < 15 < 15.1 < 15.10 < 16."""
    return tuple(int(part) for part in clause.split("."))


def parse_coverage(raw: Any, known: Collection[str], enabled: Collection[str],
                   where: str) -> tuple[ClauseCoverage, ...]:
    """Validate a profile's ``[coverage]`` table.

    ``known`` are the catalogue's rule codes (any other code is an error), ``enabled`` the ones
    the profile switches on. A rule the profile leaves off judges nothing, so it is dropped from
    the entry, which then says less: ``automated`` becomes ``partly``, and an entry left with no
    rule becomes ``person``. Raises a ``WordedValueError`` naming the file, the clause and the
    key.
    """
    if not isinstance(raw, Mapping):
        raise WordedValueError("coverage.table", where=where)
    out: list[ClauseCoverage] = []
    for clause, table in raw.items():
        at = Said("coverage.at", where=where, clause=str(clause))
        if not _CLAUSE.match(str(clause)):
            raise WordedValueError("coverage.clause", where=at)
        if not isinstance(table, Mapping):
            raise WordedValueError("config.not_table", where=at)
        unknown = sorted(set(table) - _KEYS)
        if unknown:
            raise WordedValueError("coverage.unknown_key", where=at, key=unknown[0])
        status = table.get("status")
        if status not in STATUSES:
            raise WordedValueError("coverage.status", where=at, statuses=", ".join(STATUSES),
                                   value=repr(status))
        codes = table.get("rules", [])
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            raise WordedValueError("coverage.rules_list", where=at)
        for code in codes:
            if code not in known:
                raise WordedValueError("profile.unknown_rule", where=at, code=code)
        if status in ("automated", "partly") and not codes:
            raise WordedValueError("coverage.needs_rules", where=at, status=status)
        if status in ("person", "not-applicable") and codes:
            raise WordedValueError("coverage.no_rules", where=at, status=status)
        for lang in LANGS:
            text = table.get(lang)
            if not isinstance(text, str) or not text.strip():
                raise WordedValueError("coverage.note", where=at, lang=lang)
        active = tuple(c for c in codes if c in enabled)
        if len(active) < len(codes):
            status = "partly" if active else "person"
        out.append(ClauseCoverage(str(clause), status, active,
                                  tuple((lang, table[lang]) for lang in LANGS)))
    return tuple(sorted(out, key=lambda c: clause_key(c.clause)))


def uncovered_rule_clauses(coverage: tuple[ClauseCoverage, ...],
                           rule_clauses: Mapping[str, str | None]) -> list[Said]:
    """Rules whose cited clause does not list them in its coverage entry (profile errors).

    ``rule_clauses`` maps each enabled rule to its clause field (``"15.2, 15.5"`` names two).
    """
    listed = {c.clause: set(c.rules) for c in coverage}
    problems: list[Said] = []
    for code, clause in sorted(rule_clauses.items()):
        for one in (part.strip() for part in (clause or "").split(",") if part.strip()):
            if code not in listed.get(one, set()):
                problems.append(Said("coverage.uncovered", code=code, clause=one))
    return problems
