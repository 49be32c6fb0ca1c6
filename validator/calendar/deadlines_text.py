"""The text of ``validator deadlines``: the clause 9, 15, 16, 17 dates of one meeting.

Pure: takes the computed dates and a language, returns text. The words are data
(``validator/messages/_deadlines.toml``), in Kazakh, Russian and English.
"""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

from validator.calendar.deadlines import SOURCE_COMMAND_LINE, SOURCE_INTAKE, MeetingDeadline
from validator.plain.quantities import quantity


@functools.lru_cache(maxsize=1)
def _words() -> Mapping[str, Mapping[str, Any]]:
    path = resources.files("validator") / "messages" / "_deadlines.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


def words(lang: str) -> Mapping[str, Any]:
    """The command's words in ``lang`` (kk, ru or en)."""
    return _words()[lang]


def render_deadlines(meeting: dt.date, dates: Sequence[MeetingDeadline], lang: str,
                     extraordinary: bool = False, day_off: bool = False) -> str:
    """One line per date: clause, date, weekday, what happens; then the counting rule.
    ``day_off``: the meeting date is not a working day, which is said under the heading
    (a weekend or a holiday is more often a mistyped date than a meeting)."""
    w = words(lang)
    lines = [w["heading"].format(meeting=meeting.isoformat(),
                                 weekday=w["weekdays"][meeting.weekday()])]
    if day_off:
        lines.append(w["day_off"].format(meeting=meeting.isoformat()))
    refs = [w["clause"].format(clause=d.rule.clause) for d in dates]  # "15-тармақ"
    width = max((len(r) for r in refs), default=0)
    for d, ref in zip(dates, refs, strict=True):
        what = w.get(d.rule.key, d.rule.key)
        lines.append(f"  {ref:<{width}}  {d.date.isoformat()} "
                     f"{w['weekdays'][d.date.weekday()]:<11}  {what}")
    lines.append("")
    if extraordinary:
        lines.append(w["extraordinary"])
    lines.append(w["convention"])
    unreviewed = sorted({year for d in dates for year in d.unreviewed_years})
    if unreviewed:
        lines.append(w["unreviewed"].format(years=", ".join(str(y) for y in unreviewed)))
    return "\n".join(lines) + "\n"


#: The sources of a meeting date that are words, not paths, and their keys in the words.
_SOURCE_WORDS = {SOURCE_COMMAND_LINE: "source_command_line", SOURCE_INTAKE: "source_intake"}


def source_words(source: str, lang: str) -> str:
    """Where a meeting date came from, as a reader of ``lang`` says it: the command line and
    the intake service in words, a manifest's or a folder's path as it is."""
    key = _SOURCE_WORDS.get(source)
    return str(words(lang)[key]) if key else source


def dates_line(dates: Mapping[str, Any], lang: str) -> str:
    """The package's submission dates as one line of the text report."""
    w = words(lang)
    key = "dates_extraordinary" if dates.get("extraordinary") else "dates"
    if dates.get("submitted") is None:
        key = "dates_unjudged"
    days = dates.get("working_days")
    phrase = quantity(days, "working days", lang) if isinstance(days, int) else str(days)
    line = str(w[key].format(**dates, working_days_words=phrase))
    source = str(dates.get("source", SOURCE_COMMAND_LINE))
    if source not in _SOURCE_WORDS:
        folder = source.rsplit("/", 1)[-1] != "manifest.toml"
        line += "; " + str(w["dates_folder" if folder else "dates_source"].format(**dates))
    if not dates.get("calendar_reviewed", True):
        line += "; " + str(w["dates_unreviewed"])
    return line
