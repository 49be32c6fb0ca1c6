from __future__ import annotations

from pathlib import Path

import pytest

from validator.calendar.workdays import WorkCalendar

OVERRIDES = Path(__file__).resolve().parents[2] / "rules" / "kz-calendar-overrides.toml"


@pytest.fixture(scope="session")
def calendar() -> WorkCalendar:
    return WorkCalendar.from_file(OVERRIDES)
