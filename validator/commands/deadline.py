"""``validator deadlines``: the profile's dated obligations for one meeting, as text.

Loads the profile (its ``[[deadlines]]`` and the PKG002 working-day calendar), computes the
dates and renders them in the requested language. For an extraordinary meeting the materials
are due on the meeting day (PKG002's ``extraordinary_working_days``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from validator.calendar.deadlines import meeting_deadlines
from validator.calendar.deadlines_text import render_deadlines
from validator.calendar.workdays import WorkCalendar, calendar_path, check_year
from validator.core.errors import WordedError
from validator.settings.profile import load_profile, resolve_profile_path


def deadline_text(meeting: dt.date, profile_name: str, lang: str,
                  extraordinary: bool = False) -> str:
    """The dates around ``meeting`` under ``profile_name``, in ``lang``."""
    try:
        check_year(meeting)
    except WordedError as exc:
        raise WordedError("usage.param", param="--meeting-date", message=exc.phrase) from None
    profile = load_profile(resolve_profile_path(profile_name))
    settings = profile.rules.get("PKG002")
    if settings is None or not profile.deadlines:
        raise WordedError("profile.no_deadlines", where=profile.path)
    calendar = WorkCalendar.from_file(calendar_path(settings.params["calendar"]))
    rules = profile.deadlines
    if extraordinary:
        n = settings.params["extraordinary_working_days"]
        rules = tuple(dataclasses.replace(r, value=n) if r.key == "materials" else r
                      for r in rules)
    dates = meeting_deadlines(calendar, meeting, rules)
    return render_deadlines(meeting, dates, lang, extraordinary,
                            day_off=not calendar.is_working_day(meeting))
