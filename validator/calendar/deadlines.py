"""Dates the regulation sets around one meeting (clauses 9, 15, 16, 17 of the Oskemen profile).

Each date is described by a `DeadlineRule` taken from the profile, so another akimat's
regulation (other clause numbers, other counts) is data, not code. Three kinds exist:

- ``working-days-before``: the N-th working day strictly before the meeting (on or before it
  the thing must happen), e.g. materials 5 working days before (clause 15);
- ``working-days-after``: the N-th working day after the meeting, e.g. the signed protocol is
  sent within 3 working days (clause 17);
- ``day-of-month-before-quarter``: a calendar day of the month before the meeting's quarter,
  e.g. the quarterly list of issues approved by the 20th (clause 9).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, cast

from validator.core.errors import Said, WordedValueError

if TYPE_CHECKING:  # the calendar is passed in; workdays uses this module, not the reverse
    from validator.calendar.workdays import WorkCalendar

DeadlineKind = Literal["working-days-before", "working-days-after", "day-of-month-before-quarter"]
KINDS: tuple[DeadlineKind, ...] = (
    "working-days-before", "working-days-after", "day-of-month-before-quarter",
)
_RULE_KEYS = frozenset({"key", "clause", "kind", "value"})
#: Where a package's meeting date came from when no file of the package gave it (the report's
#: ``dates.source``; otherwise it is the path of the manifest or of the dated folder): the
#: command line or the library's arguments, or the intake service (the agenda item submitted
#: to, or the apparatus's form).
SOURCE_COMMAND_LINE = "command line"
SOURCE_INTAKE = "intake service"


@dataclass(frozen=True)
class DeadlineRule:
    """One dated obligation: its message key, the clause that sets it, how it is counted."""

    key: str
    clause: str
    kind: DeadlineKind
    value: int


@dataclass(frozen=True)
class MeetingDeadline:
    """A computed date for one meeting.

    `unreviewed_years`: the years the working days counted run through that nobody has
    checked against the official calendar (none for calendar-day rules).
    """

    rule: DeadlineRule
    date: dt.date
    unreviewed_years: tuple[int, ...] = ()

    @property
    def reviewed(self) -> bool:
        """Whether every year the count runs through has been reviewed."""
        return not self.unreviewed_years


def parse_deadline_rules(raw: Iterable[object], label: str) -> tuple[DeadlineRule, ...]:
    """Validate deadline rules from a profile; `label` names the profile in errors."""
    rules: list[DeadlineRule] = []
    for index, item in enumerate(raw, 1):
        where = Said("deadline.at", where=label, index=str(index))
        if not isinstance(item, Mapping):
            raise WordedValueError("config.not_table", where=where)
        entry = cast(Mapping[str, Any], item)
        unknown = sorted(set(entry) - _RULE_KEYS)
        if unknown:
            raise WordedValueError("deadline.unknown_keys", where=where, keys=", ".join(unknown))
        key, clause, kind, value = (entry.get(k) for k in ("key", "clause", "kind", "value"))
        if not isinstance(key, str) or not key:
            raise WordedValueError("deadline.key", where=where)
        at = Said("deadline.at_key", where=where, key=key)
        if not isinstance(clause, str) or not clause:
            raise WordedValueError("deadline.clause", where=at)
        if kind not in KINDS:
            raise WordedValueError("deadline.kind", where=at, kinds=", ".join(KINDS))
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 60:
            raise WordedValueError("deadline.value", where=at)
        if kind == "day-of-month-before-quarter" and not 1 <= value <= 28:
            raise WordedValueError("deadline.day", where=at)
        rules.append(DeadlineRule(key, clause, cast(DeadlineKind, kind), value))
    keys = [r.key for r in rules]
    if len(set(keys)) != len(keys):
        raise WordedValueError("deadline.unique", where=label, keys=", ".join(keys))
    return tuple(rules)


def quarter_list_date(meeting: dt.date, day: int) -> dt.date:
    """`day` of the month before the calendar quarter that contains `meeting`."""
    quarter_start_month = 3 * ((meeting.month - 1) // 3) + 1
    if quarter_start_month == 1:
        return dt.date(meeting.year - 1, 12, day)
    return dt.date(meeting.year, quarter_start_month - 1, day)


def deadline_date(calendar: WorkCalendar, meeting: dt.date, rule: DeadlineRule) -> dt.date:
    """The date `rule` sets for a meeting on `meeting`."""
    if rule.kind == "working-days-before":
        return calendar.shift(meeting, -rule.value)
    if rule.kind == "working-days-after":
        return calendar.shift(meeting, rule.value)
    return quarter_list_date(meeting, rule.value)


def meeting_deadlines(
    calendar: WorkCalendar, meeting: dt.date, rules: Iterable[DeadlineRule]
) -> tuple[MeetingDeadline, ...]:
    """Every date of `rules` for a meeting, in the order the rules are given."""
    result = []
    for rule in rules:
        day = deadline_date(calendar, meeting, rule)
        unreviewed = () if rule.kind == "day-of-month-before-quarter" else tuple(
            year for year in range(min(day, meeting).year, max(day, meeting).year + 1)
            if not calendar.is_reviewed(dt.date(year, 1, 1)))
        result.append(MeetingDeadline(rule, day, unreviewed))
    return tuple(result)
