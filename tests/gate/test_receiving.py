"""What receiving a submission does once rather than per receipt."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.gate.conftest import Env
from validator.calendar import workdays
from validator.gate.intake import receipt_dates


def test_a_deadline_is_worked_out_once_per_meeting_and_day(env: Env,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    intake = env.gate.intake
    reads: list[object] = []
    original = workdays.WorkCalendar.from_file

    def counted(path: object) -> object:
        reads.append(path)
        return original(path)  # type: ignore[arg-type]

    monkeypatch.setattr(workdays.WorkCalendar, "from_file", staticmethod(counted))
    meeting, day = dt.date(2030, 3, 5), dt.date(2030, 2, 25)
    expected = receipt_dates(intake.profile, meeting, day)
    assert len(reads) == 1
    # the gate's answers equal the engine's, and the calendar file is read once per key
    for _ in range(3):
        assert intake.dates(meeting, day, False) == expected
    assert len(reads) == 2
    later = dt.date(2030, 3, 4)  # a later arrival: another answer, read once more
    assert intake.dates(meeting, later, False) == receipt_dates(intake.profile, meeting, later)
    assert intake.dates(meeting, later, False)[1] != expected[1]
    assert intake.dates(meeting, day, True) == receipt_dates(intake.profile, meeting, day, True)
    assert len(reads) == 2 + 2 + 2
