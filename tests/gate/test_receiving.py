"""What receiving a submission does once rather than per receipt."""

from __future__ import annotations

import datetime as dt
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tests.gate.conftest import Env, make_env
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


def test_packages_are_stored_a_few_at_a_time(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Eight submissions at once with ``receiving_threads=2``: every one gets its receipt,
    and no more than two are stored and registered at the same moment (under a burst, forty
    at once spent the gate's CPU on handing the interpreter and locks around)."""
    from validator.gate import submitting

    env = make_env(tmp_path, receiving_threads=2, max_checks=0)
    busy, most = [0], [0]
    lock = threading.Lock()
    real = submitting.receive

    def counted(*args: Any) -> Any:
        with lock:
            busy[0] += 1
            most[0] = max(most[0], busy[0])
        try:
            time.sleep(0.2)
            return real(*args)
        finally:
            with lock:
                busy[0] -= 1

    monkeypatch.setattr(submitting, "receive", counted)
    files = {"Справка_рус.docx": b"PK\x03\x04 not a real document"}
    with env.client:
        env.item_id("roads", "2030-03-05", "1. Ремонт дорог")  # made before the burst
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda _: env.submit("roads", files), range(8)))
    assert [a.status_code for a in answers] == [202] * 8
    assert sorted(a.json()["receipt"]["version"] for a in answers) == list(range(1, 9))
    assert most[0] == 2
