"""The meeting date a folder's name carries, as offices name meeting folders.

A name gives the date when it starts with one (``2026-03-12``, ``12.03.2026``, ``12 марта
2026``), or when it says it is a meeting's and the date stands next to that word: after it, as
Russian writes it (``Заседание 12.03.2026``, ``Заседание акимата № 5 от 12 марта 2026 г.``),
or before it, as Kazakh writes it (``2026 жылғы 12 наурыздағы әкімдік отырысы``). Between the
word and the date there is no other number but the meeting's own (``№ 5``), so ``Справка от
12.03.2026`` or ``Заседание 2 квартал 12.03.2026`` carries none: a document's date, or
another number, is never taken for the meeting's. A day that does not exist is no date.
"""

from __future__ import annotations

import datetime as dt
import re

#: Month names by the start every form of them shares (Russian genitive ``марта``, Kazakh
#: ``наурыз``, ``наурыздағы``); May in Russian is matched whole (``мая``, ``май``).
_MONTHS: tuple[tuple[str, int], ...] = (
    ("январ", 1), ("феврал", 2), ("март", 3), ("апрел", 4), ("июн", 6), ("июл", 7),
    ("август", 8), ("сентябр", 9), ("октябр", 10), ("ноябр", 11), ("декабр", 12),
    ("қаңтар", 1), ("ақпан", 2), ("наурыз", 3), ("сәуір", 4), ("мамыр", 5), ("маусым", 6),
    ("шілде", 7), ("тамыз", 8), ("қыркүйек", 9), ("қазан", 10), ("қараша", 11),
    ("желтоқсан", 12),
)
_WORD = r"[^\W\d_]+"
#: The forms of a date: (pattern with groups, order of the groups as year/month/day).
_FORMS: tuple[tuple[str, str], ...] = (
    (r"(\d{4})-(\d{2})-(\d{2})", "ymd"),
    (r"(\d{1,2})\.(\d{1,2})\.(\d{4})", "dmy"),
    (rf"(\d{{1,2}})\s+({_WORD})\s+(\d{{4}})", "dmy"),
    (rf"(\d{{4}})\s*(?:жылғы|жыл|ж\.)?\s*(\d{{1,2}})\s*-?\s*({_WORD})", "ydm"),
)
_DATE = "|".join(f"(?:{pattern})" for pattern, _ in _FORMS)
_KAZAKH_DATE = _FORMS[3][0]
_MEETING = r"(?:заседани|отырыс|meeting)[^\W\d_]*"
#: What may stand between the word and the date: no digit but a meeting's number.
_BETWEEN = r"(?:[^\d№]|№\s*\d{1,4}){0,40}?"
#: (pattern, the forms its groups belong to): at the start of the name, any form; after the
#: word for a meeting, any form; before it, only the Kazakh order (year, day, month).
_PLACES: tuple[tuple[re.Pattern[str], tuple[tuple[str, str], ...]], ...] = (
    (re.compile(rf"(?i)^(?:{_DATE})(?!\d)"), _FORMS),
    (re.compile(rf"(?i)(?:^|[^\w]){_MEETING}{_BETWEEN}(?:{_DATE})(?!\d)"), _FORMS),
    (re.compile(rf"(?i)(?<!\d){_KAZAKH_DATE}[^\d]{{0,40}}?{_MEETING}"), _FORMS[3:]),
)


def _month(word: str) -> int | None:
    low = word.lower()
    if low in ("мая", "май"):
        return 5
    return next((n for stem, n in _MONTHS if low.startswith(stem)), None)


def _date(groups: tuple[str | None, ...],
          forms: tuple[tuple[str, str], ...]) -> dt.date | None:
    """The date of the form that matched (three groups per form, in ``forms`` order)."""
    for index, (_, order) in enumerate(forms):
        part = [g for g in groups[3 * index:3 * index + 3] if g is not None]
        if len(part) < 3:
            continue
        values = dict(zip(order, part, strict=True))
        month = values["m"]
        number = int(month) if month.isdigit() else _month(month)
        if number is None:
            return None
        try:
            return dt.date(int(values["y"]), number, int(values["d"]))
        except ValueError:
            return None
    return None


def date_in_name(name: str) -> dt.date | None:
    """The meeting date ``name`` carries (see the module), or None."""
    for pattern, forms in _PLACES:
        found = pattern.search(name)
        if found is not None:
            return _date(found.groups(), forms)
    return None
