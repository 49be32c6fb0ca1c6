"""The calendar against the official 2024-2026 Kazakhstan calendars (five-day week).

The tables list every weekday that was not worked and every weekend day that was, as
published (holiday law, statutory shifts of weekend holidays, МТСЗН transfer orders, the
2026 constitution change). Extend them each year with the override file.
"""

from __future__ import annotations

import datetime as dt

import pytest

from validator.calendar.workdays import WorkCalendar, library_is_working_day

D = dt.date
OFFICIAL = {
    2024: {
        "weekday_off": [D(2024, 1, 1), D(2024, 1, 2), D(2024, 3, 8), D(2024, 3, 21),
                        D(2024, 3, 22), D(2024, 3, 25), D(2024, 5, 1), D(2024, 5, 7),
                        D(2024, 5, 8), D(2024, 5, 9), D(2024, 7, 8), D(2024, 8, 30),
                        D(2024, 10, 25), D(2024, 12, 16)],
        "weekend_worked": [D(2024, 5, 4)],
        "working_days": 249,
    },
    2025: {
        "weekday_off": [D(2025, 1, 1), D(2025, 1, 2), D(2025, 1, 3), D(2025, 1, 7),
                        D(2025, 3, 10), D(2025, 3, 21), D(2025, 3, 24), D(2025, 3, 25),
                        D(2025, 5, 1), D(2025, 5, 7), D(2025, 5, 9), D(2025, 6, 6),
                        D(2025, 7, 7), D(2025, 9, 1), D(2025, 10, 27), D(2025, 12, 16)],
        "weekend_worked": [D(2025, 1, 5)],
        "working_days": 246,
    },
    2026: {
        "weekday_off": [D(2026, 1, 1), D(2026, 1, 2), D(2026, 1, 7), D(2026, 3, 9),
                        D(2026, 3, 23), D(2026, 3, 24), D(2026, 3, 25), D(2026, 5, 1),
                        D(2026, 5, 7), D(2026, 5, 11), D(2026, 5, 27), D(2026, 7, 6),
                        D(2026, 10, 26), D(2026, 12, 16)],
        "weekend_worked": [],
        "working_days": 247,
    },
}


def _days(year: int) -> list[dt.date]:
    start = dt.date(year, 1, 1)
    return [start + dt.timedelta(days=i) for i in range((dt.date(year + 1, 1, 1) - start).days)]


def _official_working(day: dt.date) -> bool:
    table = OFFICIAL[day.year]
    if day in table["weekend_worked"]:
        return True
    return day.weekday() < 5 and day not in table["weekday_off"]


@pytest.mark.parametrize("year", sorted(OFFICIAL))
def test_every_day_of_the_year_matches_the_official_calendar(
    calendar: WorkCalendar, year: int
) -> None:
    wrong = [d for d in _days(year) if calendar.is_working_day(d) != _official_working(d)]
    assert wrong == []
    assert sum(calendar.is_working_day(d) for d in _days(year)) == OFFICIAL[year]["working_days"]


@pytest.mark.parametrize("year", sorted(OFFICIAL))
def test_the_library_alone_also_matches(year: int) -> None:
    # Documents the library's state: when this fails after an upgrade, the override file
    # must carry the difference (and its in_library notes change).
    wrong = [d for d in _days(year) if library_is_working_day(d) != _official_working(d)]
    assert wrong == []


@pytest.mark.parametrize(
    ("day", "working", "why"),
    [
        (D(2024, 5, 4), True, "Saturday worked by transfer"),
        (D(2024, 5, 8), False, "transferred day off"),
        (D(2025, 1, 5), True, "Sunday worked by transfer"),
        (D(2025, 1, 3), False, "transferred day off"),
        (D(2025, 3, 24), False, "Nauryz 22 Mar (Sat) shifted to Monday"),
        (D(2025, 3, 25), False, "Nauryz 23 Mar (Sun) shifted to Tuesday"),
        (D(2026, 3, 25), False, "Nauryz 22 Mar 2026 (Sun) shifted"),
        (D(2025, 6, 6), False, "Kurban Ait 2025"),
        (D(2024, 6, 17), True, "Kurban Ait 2024 fell on Sunday and is not shifted"),
        (D(2026, 5, 27), False, "Kurban Ait 2026"),
        (D(2026, 8, 31), True, "no Constitution Day (observed) after the 2026 constitution"),
        (D(2025, 9, 1), False, "Constitution Day 2025 (Sat) shifted to Monday"),
        (D(2024, 1, 8), True, "Orthodox Christmas 2024 on Sunday is not shifted"),
        (D(2025, 11, 29), False, "ordinary Saturday"),
        (D(2025, 11, 30), False, "ordinary Sunday"),
        (D(2025, 12, 1), True, "ordinary Monday"),
    ],
)
def test_named_days(calendar: WorkCalendar, day: dt.date, working: bool, why: str) -> None:
    assert calendar.is_working_day(day) is working, why


def test_constitution_day_moves_to_15_march_from_2027(calendar: WorkCalendar) -> None:
    assert calendar.is_working_day(D(2027, 3, 15)) is False
    assert calendar.is_working_day(D(2027, 8, 30)) is True


def test_unreviewed_years_are_flagged(calendar: WorkCalendar) -> None:
    assert calendar.is_reviewed(D(2026, 12, 31))
    assert not calendar.is_reviewed(D(2027, 1, 4))
    assert not calendar.is_reviewed(D(2023, 12, 29))
