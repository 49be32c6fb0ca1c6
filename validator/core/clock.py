"""When a check ran: Kazakhstan time, fixed by ``SOURCE_DATE_EPOCH`` for reproducible output.

Every report states the moment its check started (``Report.checked_at``). Kazakhstan keeps one
time zone, UTC+5, across the country since 2024; a fixed offset is used rather than the tz
database's ``Asia/Almaty``, so an outdated tz database on a server cannot shift the stated time.
``SOURCE_DATE_EPOCH`` (seconds since 1970-01-01 UTC, the reproducible-builds convention) fixes
the time, so that tests and published examples produce the same bytes on every run.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping

from validator.core.errors import WordedError

#: Kazakhstan time (UTC+05:00).
KAZAKHSTAN = dt.timezone(dt.timedelta(hours=5))


def check_time(environ: Mapping[str, str] | None = None) -> dt.datetime:
    """The current time in Kazakhstan, to the second, or ``SOURCE_DATE_EPOCH`` when it is set.

    A ``SOURCE_DATE_EPOCH`` that is not a whole number of seconds is a configuration error: a
    reproducible run must not silently fall back to the clock.
    """
    env = os.environ if environ is None else environ
    fixed = env.get("SOURCE_DATE_EPOCH", "").strip()
    if fixed:
        try:
            seconds = int(fixed)
            return dt.datetime.fromtimestamp(seconds, KAZAKHSTAN)
        except (ValueError, OverflowError, OSError):
            raise WordedError("config.source_date_epoch", value=fixed) from None
    return dt.datetime.now(KAZAKHSTAN).replace(microsecond=0)


def stated(moment: dt.datetime) -> str:
    """``moment`` as ISO 8601 in Kazakhstan time, e.g. ``2026-03-02T14:05:00+05:00``."""
    return moment.astimezone(KAZAKHSTAN).isoformat()


def stated_utc(moment: dt.datetime) -> str:
    """``moment`` as ISO 8601 in UTC with ``Z`` (SARIF's and JUnit's convention)."""
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def shown(moment: dt.datetime) -> str:
    """``moment`` for people: ``2026-03-02 14:05:00`` in Kazakhstan time."""
    return moment.astimezone(KAZAKHSTAN).strftime("%Y-%m-%d %H:%M:%S")
