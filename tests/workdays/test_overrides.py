"""The override file: validation errors name the file and entry; overrides win."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from validator.calendar.workdays import (
    CalendarError,
    WorkCalendar,
    library_is_working_day,
    load_overrides,
)

from .conftest import OVERRIDES


def test_every_entry_has_a_reason_and_its_library_note_is_true() -> None:
    overrides = load_overrides(OVERRIDES)
    assert len(overrides.entries) == 6
    for entry in overrides.entries:
        assert entry.reason and entry.source
        assert entry.in_library is not None, entry
        agrees = library_is_working_day(entry.date) == (entry.kind == "working_day")
        assert agrees is entry.in_library, entry


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cal.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('reviewed_years = [2025]\ncolour = "red"\n', r"cal\.toml: unknown key\(s\) colour"),
        ('[[day_off]]\ndate = "2025-13-01"\nreason = "x"\n',
         r"cal\.toml: \[\[day_off\]\] entry 1 \(date 2025-13-01\): 'date' '2025-13-01' is not"),
        ('[[day_off]]\ndate = 20250101\nreason = "x"\n', r"entry 1 .*must be a date"),
        ('[[working_day]]\ndate = 2025-01-04T10:00:00\nreason = "x"\n', r"must be a date"),
        ('[[day_off]]\nreason = "x"\n', r"\[\[day_off\]\] entry 1: 'date' is missing"),
        ('[[day_off]]\ndate = "2025-01-06"\n', r"entry 1 \(date 2025-01-06\): 'reason'"),
        ('[[day_off]]\ndate = "2025-01-06"\nreason = "x"\nwhy = 1\n',
         r"entry 1 \(date 2025-01-06\): unknown key\(s\) why"),
        ('[[day_off]]\ndate = "2025-01-06"\nreason = "x"\n'
         '[[working_day]]\ndate = "2025-01-06"\nreason = "y"\n',
         r"cal\.toml: 2025-01-06 is listed both as day_off and as working_day"),
        ('[[day_off]]\ndate = "2025-01-06"\nreason = "x"\n'
         '[[day_off]]\ndate = "2025-01-06"\nreason = "y"\n', r"listed twice"),
        ("reviewed_years = ['2025']\n", r"reviewed_years"),
        ('[[day_off]]\ndate = "2025-01-06"\nreason = "x"\nin_library = "yes"\n', "in_library"),
        ("day_off = 3\n", r"array of tables"),
        ("this is not toml", r"cal\.toml: not valid TOML"),
    ],
)
def test_bad_override_files(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(CalendarError, match=message):
        load_overrides(_write(tmp_path, text))


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CalendarError, match="cannot read"):
        load_overrides(tmp_path / "absent.toml")


def test_overrides_win_over_the_library(tmp_path: Path) -> None:
    # A hypothetical 2027 transfer: Mon 17 May off, Sat 15 May worked; and a library
    # holiday (Independence Day 2027, Thu 16 Dec) declared worked.
    path = _write(tmp_path, (
        'reviewed_years = [2027]\n'
        '[[day_off]]\ndate = 2027-05-17\nreason = "test transfer"\n'
        '[[working_day]]\ndate = "2027-05-15"\nreason = "test transfer"\n'
        '[[working_day]]\ndate = "2027-12-16"\nreason = "test"\n'
    ))
    cal = WorkCalendar.from_file(path)
    assert library_is_working_day(dt.date(2027, 5, 17)) is True
    assert cal.is_working_day(dt.date(2027, 5, 17)) is False
    assert cal.is_working_day(dt.date(2027, 5, 15)) is True
    assert cal.is_working_day(dt.date(2027, 12, 16)) is True
    assert cal.is_reviewed(dt.date(2027, 6, 1))
    # Fri 21 May meeting: 20, 19, 18, (17 off), 15 (worked Saturday) -> 5th is 14 May
    assert cal.submission_deadline(dt.date(2027, 5, 21), 5) == dt.date(2027, 5, 14)
    assert [e.date for e in cal.overrides.entries] == sorted(e.date for e in cal.overrides.entries)


def test_calendar_is_immutable(calendar: WorkCalendar) -> None:
    with pytest.raises(AttributeError):
        calendar.overrides = calendar.overrides  # type: ignore[misc]
