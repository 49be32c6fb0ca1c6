"""Kazakhstan working days: the `holidays` package plus a reviewed override file.

Why both: `holidays` (>= 0.101) knows the public holidays of Kazakhstan, the statutory rule
that a holiday falling on a Saturday or Sunday moves to the next working day, and the
ministerial transfers of days off up to 2025. Transfers are announced by order of the
Minister of Labour and Social Protection every year, and the date of Kurban Ait is set each
year by the Spiritual Administration of Muslims, so the library lags behind reality. The
override file (``rules/kz-calendar-overrides.toml``) carries those facts, reviewed against
official sources, and wins over the library.

Counting convention (the project's decision, stated in user-facing text): "N working days
before the meeting" means the N-th working day strictly before the meeting day; the
meeting day itself is never counted. A submission on a non-working day counts as received
on the next working day.

The calendar is an immutable value: the library is consulted through a cached pure
function per year, and the overrides are frozen sets.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from validator.calendar.deadlines import meeting_deadlines
from validator.core.errors import Said, WordedError, WordedValueError
from validator.core.shipped import shipped_profiles_dir
from validator.core.tomlfile import read_toml

if TYPE_CHECKING:
    from validator.calendar.deadlines import DeadlineRule, MeetingDeadline

OverrideKind = Literal["day_off", "working_day"]

_ENTRY_KEYS = frozenset({"date", "reason", "source", "in_library"})
_TOP_KEYS = frozenset({"reviewed_years", "day_off", "working_day"})
_KINDS: tuple[OverrideKind, ...] = ("day_off", "working_day")
# A bound on how far a deadline may be shifted, so bad input cannot loop for long.
MAX_SHIFT = 366
# The years the calendar answers for (the library's data and the regulation's lifetime).
MIN_YEAR = 2000
MAX_YEAR = 2100


def check_year(day: dt.date) -> None:
    """Raise ``ValueError`` (a ``WordedValueError``, said in the user's language) for a date
    outside the years the calendar answers for."""
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise WordedValueError("calendar.year", date=day.isoformat(), first=str(MIN_YEAR),
                               last=str(MAX_YEAR))


#: Kazakhstan has used one time zone, UTC+5, since 1 March 2024.
KZ_TZ = dt.timezone(dt.timedelta(hours=5), "UTC+05")


def kazakhstan_today() -> dt.date:
    """Today's date in Kazakhstan, whatever the server's time zone (a submission at 23:30
    UTC is already the next day in Oskemen)."""
    return dt.datetime.now(KZ_TZ).date()


class CalendarError(WordedValueError):
    """The override file cannot be used; the message names the file and the entry, in the
    language of the command line (``calendar.*`` of the catalogue)."""


@dataclass(frozen=True)
class CalendarOverride:
    """One reviewed fact: `date` is a day off, or a working day, whatever the library says.

    `in_library` records what the reviewer found: True when `holidays` already agrees,
    False when the entry corrects or anticipates the library, None when not recorded.
    """

    date: dt.date
    kind: OverrideKind
    reason: str
    source: str = ""
    in_library: bool | None = None


@dataclass(frozen=True)
class CalendarOverrides:
    """The parsed override file: the years a person has reviewed and the entries."""

    label: str
    reviewed_years: frozenset[int]
    entries: tuple[CalendarOverride, ...]


@dataclass(frozen=True)
class _YearFacts:
    """What the library says about one year: days off on weekdays, worked weekend days."""

    weekday_days_off: frozenset[dt.date]
    weekend_workdays: frozenset[dt.date]


@functools.lru_cache(maxsize=128)
def _library_year(year: int) -> _YearFacts:
    """The `holidays` package's view of one Kazakhstan year (pure, hence cached)."""
    import holidays  # imported here so that loading the module stays cheap

    kz = holidays.country_holidays("KZ", years=year)
    off: set[dt.date] = set()
    worked: set[dt.date] = set()
    day = dt.date(year, 1, 1)
    while day.year == year:
        working = bool(kz.is_working_day(day))
        if day.weekday() < 5 and not working:
            off.add(day)
        elif day.weekday() >= 5 and working:
            worked.add(day)
        day += dt.timedelta(days=1)
    return _YearFacts(frozenset(off), frozenset(worked))


def library_is_working_day(day: dt.date) -> bool:
    """Whether `holidays` alone counts `day` as a working day in Kazakhstan."""
    facts = _library_year(day.year)
    if day.weekday() >= 5:
        return day in facts.weekend_workdays
    return day not in facts.weekday_days_off


def _entry_date(value: object, where: Said) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date | str):
        raise CalendarError("calendar.date_type", where=where, value=repr(value))
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CalendarError("calendar.date_invalid", where=where, value=repr(value)) from None


def _parse_entry(raw: object, kind: OverrideKind, index: int, label: str) -> CalendarOverride:
    where = Said("calendar.entry", file=label, kind=kind, index=str(index))
    if not isinstance(raw, Mapping):
        raise CalendarError("calendar.entry_table", where=where)
    if "date" in raw:
        where = Said("calendar.entry_date", file=label, kind=kind, index=str(index),
                     date=str(raw["date"]))
    unknown = sorted(set(raw) - _ENTRY_KEYS)
    if unknown:
        raise CalendarError("calendar.entry_keys", where=where, keys=", ".join(unknown),
                            allowed=", ".join(sorted(_ENTRY_KEYS)))
    if "date" not in raw:
        raise CalendarError("calendar.date_missing", where=where)
    day = _entry_date(raw["date"], where)
    reason = raw.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise CalendarError("calendar.reason_missing", where=where)
    source = raw.get("source", "")
    if not isinstance(source, str):
        raise CalendarError("calendar.source_text", where=where)
    in_library = raw.get("in_library")
    if in_library is not None and not isinstance(in_library, bool):
        raise CalendarError("calendar.in_library", where=where)
    return CalendarOverride(day, kind, reason.strip(), source.strip(), in_library)


def parse_overrides(data: Mapping[str, Any], label: str) -> CalendarOverrides:
    """Validate an already-parsed override document; `label` names it in errors."""
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise CalendarError("calendar.keys", file=label, keys=", ".join(unknown),
                            allowed=", ".join(sorted(_TOP_KEYS)))
    years = data.get("reviewed_years", [])
    if not isinstance(years, list) or not all(
        isinstance(y, int) and not isinstance(y, bool) and 1990 <= y <= 2100 for y in years
    ):
        raise CalendarError("calendar.years", file=label, value=repr(years))
    entries: list[CalendarOverride] = []
    for kind in _KINDS:
        raw_list = data.get(kind, [])
        if not isinstance(raw_list, list):
            raise CalendarError("calendar.kind_list", file=label, kind=kind)
        entries.extend(_parse_entry(raw, kind, i, label) for i, raw in enumerate(raw_list, 1))
    seen: dict[dt.date, CalendarOverride] = {}
    for entry in entries:
        earlier = seen.get(entry.date)
        if earlier is not None:
            if earlier.kind != entry.kind:
                raise CalendarError("calendar.both", file=label, date=entry.date.isoformat())
            raise CalendarError("calendar.twice", file=label, date=entry.date.isoformat(),
                                kind=entry.kind)
        seen[entry.date] = entry
    ordered = tuple(sorted(entries, key=lambda e: e.date))
    return CalendarOverrides(label, frozenset(years), ordered)


def load_overrides(path: Path) -> CalendarOverrides:
    """Read and validate an override file; errors name the file and the entry."""
    try:
        data = read_toml(path, "calendar")
    except WordedError as exc:
        raise CalendarError(exc.key, **exc.values) from None
    return parse_overrides(data, str(path))


def calendar_path(name: str) -> Path:
    """The override file named in the profile: absolute, or beside the shipped profiles."""
    path = Path(name)
    if path.is_absolute():
        return path
    return shipped_profiles_dir() / path


@dataclass(frozen=True)
class WorkCalendar:
    """Kazakhstan's five-day working week: library holidays, corrected by reviewed overrides."""

    overrides: CalendarOverrides
    _day_off: frozenset[dt.date] = field(init=False, repr=False, compare=False)
    _working: frozenset[dt.date] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        entries = self.overrides.entries
        object.__setattr__(self, "_day_off",
                           frozenset(e.date for e in entries if e.kind == "day_off"))
        object.__setattr__(self, "_working",
                           frozenset(e.date for e in entries if e.kind == "working_day"))

    @classmethod
    def from_file(cls, path: Path) -> WorkCalendar:
        """Build the calendar from a reviewed override file."""
        return cls(load_overrides(path))

    def is_working_day(self, day: dt.date) -> bool:
        """Overrides first, then the library."""
        if day in self._day_off:
            return False
        if day in self._working:
            return True
        return library_is_working_day(day)

    def is_reviewed(self, day: dt.date) -> bool:
        """Whether a person has checked `day`'s year against the official calendar."""
        return day.year in self.overrides.reviewed_years

    def shift(self, day: dt.date, n: int) -> dt.date:
        """The |n|-th working day after (n > 0) or before (n < 0) `day`, `day` not counted.

        n == 0 returns `day` itself, whatever it is.
        """
        if abs(n) > MAX_SHIFT:
            raise ValueError(f"cannot shift by {n} working days (limit {MAX_SHIFT})")
        check_year(day)
        step = dt.timedelta(days=1 if n > 0 else -1)
        remaining = abs(n)
        current = day
        while remaining:
            current += step
            if self.is_working_day(current):
                remaining -= 1
        return current

    def submission_deadline(self, meeting: dt.date, n: int) -> dt.date:
        """Last day to submit materials due `n` working days before `meeting`.

        n == 0 (an extraordinary meeting) is the meeting day itself.
        """
        if n < 0:
            raise ValueError(f"the number of working days must not be negative, got {n}")
        return self.shift(meeting, -n)

    def roll_forward(self, day: dt.date) -> dt.date:
        """`day` when it is a working day, otherwise the next working day."""
        return day if self.is_working_day(day) else self.shift(day, 1)

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days d with start < d <= end (0 when end <= start)."""
        if end <= start:
            return 0
        check_year(start)
        check_year(end)
        count = 0
        current = start
        while current < end:
            current += dt.timedelta(days=1)
            count += self.is_working_day(current)
        return count

    def working_days_late(self, deadline: dt.date, submitted: dt.date) -> int:
        """How many working days after `deadline` the submission counts as received.

        0 when on time. A submission on a non-working day counts as received on the next
        working day, so submitting on the Saturday after a Friday deadline is 1 day late.
        """
        if submitted <= deadline:
            return 0
        return self.working_days_between(deadline, self.roll_forward(submitted))

    def meeting_dates(self, meeting: dt.date,
                      rules: Iterable[DeadlineRule]) -> tuple[MeetingDeadline, ...]:
        """The dates a profile's deadline rules set for `meeting` (clauses 9, 15, 16, 17)."""
        return meeting_deadlines(self, meeting, rules)
