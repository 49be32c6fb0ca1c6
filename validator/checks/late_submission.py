"""PKG002 late-submission: materials arrive later than the regulation's working-day deadline.

Clause 15: materials reach the apparatus 5 (five) working days before the meeting; clause 16:
late materials may take the item off the agenda. The deadline is the ``working_days``-th
working day strictly before the meeting (Kazakhstan calendar: `holidays` plus the reviewed
override file ``calendar``); an extraordinary meeting (``--extraordinary``, clause 15's
exceptional cases) allows submission on the meeting day (``extraordinary_working_days``,
0). A submission on a non-working day counts as received on the next working day.

The meeting date comes from ``--meeting-date``, the package's ``manifest.toml``
(`validator.discovery.manifest`) or the name of the folder the package sits in
(``2026-03-12/``, ``Заседание 12 марта 2026/``, ``2026 жылғы 12 наурыздағы отырыс/``:
``discovery.meeting_names``); the
submission date from ``--submitted``, the manifest's ``submitted`` or the intake gate's
receipt time. Without a submission date, today stands in only while the meeting is still
ahead; for a meeting already held the rule states the deadline (case ``past-meeting``, info)
and judges nothing, so an archive of past meetings does not fail for ever. A manifest that
cannot be read is needs-review. Without a meeting date the rule does not run. When the counted
days run through a year nobody has reviewed against the official calendar, a late verdict is
``needs-review`` rather than a violation.

Parameters: ``working_days``, ``extraordinary_working_days``, ``calendar``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from validator.calendar.workdays import WorkCalendar, calendar_path, check_year
from validator.checks.base import Hit, Param, Params, rule
from validator.core.catalogue import LANGS
from validator.core.findings import Status
from validator.materials.roles import Localized
from validator.plain.quantities import localized_days

if TYPE_CHECKING:
    from validator.checks.base import PackageContext, RunContext


@dataclass(frozen=True)
class SubmissionDates:
    """The dates PKG002 judges, for the finding and for the report's package facts."""

    meeting: dt.date
    submitted: dt.date | None  # None: a meeting already held, no submission date given
    deadline: dt.date
    extraordinary: bool
    working_days: int
    days_late: int | None  # None: not judged
    reviewed: bool




def submission_dates(context: RunContext, params: Params) -> SubmissionDates | None:
    """Deadline and lateness for the run's dates (None when no meeting date is known)."""
    meeting = context.meeting_date
    if meeting is None:
        return None
    submitted = context.submitted
    if submitted is None and meeting >= context.today:
        submitted = context.today  # the meeting is ahead: a submission now would be today's
    for day in (meeting, submitted or meeting):
        check_year(day)  # a WordedValueError, a ConfigError: the run stops, said in --lang
    # An override file that cannot be used is a CalendarError, a WordedError: the run stops
    # and says why in the language of --lang.
    calendar = WorkCalendar.from_file(calendar_path(params["calendar"]))
    n = params["extraordinary_working_days"] if context.extraordinary else params["working_days"]
    deadline = calendar.submission_deadline(meeting, n)
    late = None if submitted is None else calendar.working_days_late(deadline, submitted)
    seen = (deadline, meeting) if submitted is None else (deadline, meeting, submitted)
    years = range(min(seen).year, max(seen).year + 1)
    reviewed = all(calendar.is_reviewed(dt.date(y, 1, 1)) for y in years)
    return SubmissionDates(meeting, submitted, deadline, context.extraordinary, n, late,
                           reviewed)


@rule(
    code="PKG002",
    name="late-submission",
    scope="package",
    params={
        "working_days": Param("int", "working days before the meeting materials are due"),
        "extraordinary_working_days": Param(
            "int", "the same for an extraordinary meeting (0: the meeting day)"),
        "calendar": Param("calendar",
                          "working-day override file, relative to the profiles folder"),
    },
    cases=("past-meeting",),
)
def late_submission(ctx: PackageContext, params: Params) -> Iterator[Hit]:
    problem = ctx.context.manifest_error
    if problem is not None:
        yield Hit(status=Status.NEEDS_REVIEW, message="manifest", evidence=str(problem),
                  args={"reason": Localized({lang: problem.said(lang) for lang in LANGS})})
        return
    dates = submission_dates(ctx.context, params)
    if dates is None or dates.days_late == 0:
        return
    if dates.days_late is None or dates.submitted is None:
        yield Hit(case="past-meeting", message="past-meeting",
                  evidence=(f"meeting {dates.meeting.isoformat()} already held, deadline "
                            f"{dates.deadline.isoformat()}; no submission date given "
                            "(--submitted or the manifest's submitted), lateness not judged"),
                  args={"meeting": dates.meeting.isoformat(),
                        "deadline": dates.deadline.isoformat(),
                        "n": localized_days(dates.working_days)})
        return
    yield Hit(
        status=Status.VIOLATION if dates.reviewed else Status.NEEDS_REVIEW,
        message=("unreviewed" if not dates.reviewed
                 else "extraordinary" if dates.extraordinary else "default"),
        measured=dates.days_late,
        threshold=0,
        unit="working days",
        evidence=(f"meeting {dates.meeting.isoformat()}, deadline {dates.deadline.isoformat()} "
                  f"({dates.working_days} working day(s) before"
                  f"{', extraordinary meeting' if dates.extraordinary else ''}), submitted "
                  f"{dates.submitted.isoformat()}"),
        args={"meeting": dates.meeting.isoformat(), "deadline": dates.deadline.isoformat(),
              "submitted": dates.submitted.isoformat(),
              "days": localized_days(dates.days_late), "n": localized_days(dates.working_days)},
    )
