"""Counting working days: deadlines before a meeting, lateness, shifts across years."""

from __future__ import annotations

import datetime as dt

import pytest

from validator.calendar.deadlines import (
    DeadlineRule,
    meeting_deadlines,
    parse_deadline_rules,
    quarter_list_date,
)
from validator.calendar.workdays import WorkCalendar

D = dt.date


@pytest.mark.parametrize(
    ("meeting", "materials", "agenda", "protocol", "press"),
    [
        # the worked examples of the research notes (wrapper and library agree)
        (D(2024, 5, 10), D(2024, 4, 30), D(2024, 5, 3), D(2024, 5, 15), D(2024, 5, 21)),
        (D(2025, 1, 10), D(2024, 12, 31), D(2025, 1, 6), D(2025, 1, 15), D(2025, 1, 21)),
        (D(2025, 3, 28), D(2025, 3, 18), D(2025, 3, 20), D(2025, 4, 2), D(2025, 4, 8)),
        (D(2026, 9, 4), D(2026, 8, 28), D(2026, 9, 1), D(2026, 9, 9), D(2026, 9, 15)),
    ],
)
def test_worked_examples(
    calendar: WorkCalendar, meeting: dt.date, materials: dt.date, agenda: dt.date,
    protocol: dt.date, press: dt.date,
) -> None:
    assert calendar.submission_deadline(meeting, 5) == materials
    assert calendar.submission_deadline(meeting, 3) == agenda
    assert calendar.shift(meeting, 3) == protocol
    assert calendar.shift(meeting, 7) == press


@pytest.mark.parametrize(
    ("meeting", "n", "deadline"),
    [
        (D(2025, 12, 1), 5, D(2025, 11, 24)),   # Monday meeting: the week before, weekend skipped
        (D(2025, 12, 1), 1, D(2025, 11, 28)),   # 1st working day before a Monday is Friday
        (D(2026, 1, 5), 5, D(2025, 12, 25)),    # across New Year (1-2 Jan off) into 2025
        (D(2026, 1, 8), 3, D(2025, 12, 31)),   # 6, 5 Jan; 2 and 1 Jan off; 31 Dec
        (D(2025, 3, 27), 5, D(2025, 3, 17)),    # 26, (Nauryz 21-25 skipped), 20, 19, 18, 17
        (D(2024, 5, 10), 5, D(2024, 4, 30)),    # counts working Saturday 4 May
        (D(2026, 9, 1), 1, D(2026, 8, 31)),     # 31 Aug 2026 is working
        (D(2025, 9, 2), 1, D(2025, 8, 29)),     # 1 Sep 2025 was off
        (D(2025, 11, 29), 1, D(2025, 11, 28)),  # a meeting on a Saturday still counts back
        (D(2025, 12, 1), 0, D(2025, 12, 1)),    # extraordinary: same day
    ],
)
def test_submission_deadline(
    calendar: WorkCalendar, meeting: dt.date, n: int, deadline: dt.date
) -> None:
    assert calendar.submission_deadline(meeting, n) == deadline


def test_deadline_is_strictly_before_and_counts_exactly_n_working_days(
    calendar: WorkCalendar,
) -> None:
    day = D(2024, 1, 1)
    while day < D(2027, 1, 1):
        deadline = calendar.submission_deadline(day, 5)
        assert deadline < day
        assert calendar.is_working_day(deadline)
        assert calendar.working_days_between(deadline, day - dt.timedelta(days=1)) == 4
        day += dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("deadline", "submitted", "late"),
    [
        (D(2025, 11, 24), D(2025, 11, 20), 0),
        (D(2025, 11, 24), D(2025, 11, 24), 0),
        (D(2025, 11, 24), D(2025, 11, 25), 1),
        (D(2025, 11, 24), D(2025, 11, 27), 3),
        (D(2025, 11, 28), D(2025, 11, 29), 1),  # Saturday counts as received Monday
        (D(2025, 11, 28), D(2025, 12, 1), 1),
        (D(2025, 3, 20), D(2025, 3, 24), 1),    # Fri 21 Mar (Nauryz) ... received Wed 26 Mar
    ],
)
def test_working_days_late(
    calendar: WorkCalendar, deadline: dt.date, submitted: dt.date, late: int
) -> None:
    assert calendar.working_days_late(deadline, submitted) == late


def test_shift_limits(calendar: WorkCalendar) -> None:
    with pytest.raises(ValueError, match="limit"):
        calendar.shift(D(2025, 1, 1), 10_000)
    with pytest.raises(ValueError, match="negative"):
        calendar.submission_deadline(D(2025, 1, 1), -1)


RULES = (
    DeadlineRule("quarter-list", "9", "day-of-month-before-quarter", 20),
    DeadlineRule("issue-withdrawal", "9", "working-days-before", 5),
    DeadlineRule("materials", "15", "working-days-before", 5),
    DeadlineRule("agenda", "16", "working-days-before", 3),
    DeadlineRule("protocol", "17", "working-days-after", 3),
)


def test_clause_dates_for_a_meeting(calendar: WorkCalendar) -> None:
    dates = calendar.meeting_dates(D(2025, 3, 28), RULES)
    assert dates == meeting_deadlines(calendar, D(2025, 3, 28), RULES)
    assert [(d.rule.key, d.rule.clause, d.date) for d in dates] == [
        ("quarter-list", "9", D(2024, 12, 20)),
        ("issue-withdrawal", "9", D(2025, 3, 18)),
        ("materials", "15", D(2025, 3, 18)),
        ("agenda", "16", D(2025, 3, 20)),
        ("protocol", "17", D(2025, 4, 2)),
    ]
    assert all(d.reviewed for d in dates)


def test_dates_in_an_unreviewed_year_say_so(calendar: WorkCalendar) -> None:
    dates = meeting_deadlines(calendar, D(2027, 1, 14), RULES)
    assert [d.reviewed for d in dates] == [True, False, False, False, False]
    assert dates[0].date == D(2026, 12, 20)
    # a count from a reviewed year into one that is not names only the year not reviewed
    assert [d.unreviewed_years for d in dates] == [(), (2027,), (2027,), (2027,), (2027,)]


@pytest.mark.parametrize(
    ("meeting", "expected"),
    [
        (D(2025, 1, 15), D(2024, 12, 20)),
        (D(2025, 4, 1), D(2025, 3, 20)),
        (D(2025, 6, 30), D(2025, 3, 20)),
        (D(2025, 7, 1), D(2025, 6, 20)),
        (D(2025, 12, 31), D(2025, 9, 20)),
    ],
)
def test_quarter_list_date(meeting: dt.date, expected: dt.date) -> None:
    assert quarter_list_date(meeting, 20) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ([{"key": "a", "clause": "9", "kind": "weeks", "value": 1}], "'kind' must be one of"),
        ([{"key": "a", "clause": "9", "kind": "working-days-before", "value": -1}], "0..60"),
        ([{"key": "a", "clause": "9", "kind": "working-days-before", "value": 1, "x": 1}],
         "unknown key"),
        ([{"key": "a", "clause": "9", "kind": "day-of-month-before-quarter", "value": 31}],
         "1..28"),
        ([{"key": "a", "clause": "9", "kind": "working-days-before", "value": 1}] * 2,
         "unique"),
        ([{"clause": "9", "kind": "working-days-before", "value": 1}], "'key'"),
    ],
)
def test_bad_deadline_rules(raw: list[object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_deadline_rules(raw, "profile.toml")


def test_years_outside_the_calendar_are_refused(calendar: WorkCalendar) -> None:
    with pytest.raises(ValueError, match="outside the calendar's years 2000-2100"):
        calendar.submission_deadline(D(1999, 12, 31), 5)
    with pytest.raises(ValueError, match="outside"):
        calendar.working_days_late(D(2025, 1, 1), D(2201, 1, 1))
    # long but valid spans are counted, not refused
    assert calendar.working_days_late(D(2024, 1, 1), D(2026, 12, 31)) == 249 + 246 + 247


def test_today_is_taken_in_kazakhstan_time() -> None:
    from validator.calendar.workdays import KZ_TZ, kazakhstan_today
    from validator.checks.base import RunContext

    now = dt.datetime.now(dt.UTC)
    assert KZ_TZ.utcoffset(None) == dt.timedelta(hours=5)
    assert kazakhstan_today() in {(now + dt.timedelta(hours=5)).date(),
                                  (now + dt.timedelta(hours=5, seconds=5)).date()}
    assert RunContext().today == kazakhstan_today()
