"""Figures of a text, normalised so that the Kazakh and Russian ways of writing them agree.

* thousands separated by (narrow) spaces -> one number (``4 589 731`` -> ``4589731``);
* decimal comma -> dot, leading zeros dropped (``09`` -> ``9``, ``2,50`` -> ``2.5``);
* ``dd.mm.yyyy`` -> day, month and year;
* Kazakh case suffixes after a hyphen are dropped (``18-інде`` -> ``18``);
* a month name next to a day number -> its month number (``9 желтоқсандағы``,
  ``мамырдың 18-інде``, ``31 декабря``); alone, a month name is an ordinary word
  (``қазан`` is also Kazan, ``маусым`` also a season);
* scale words (``400 тысяч`` = ``400 мың`` = ``400 000``) and Roman numerals (``XV`` = 15);
* numbers spelled out in words are found separately, only to excuse a figure the other
  language writes in digits.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from validator.language.structure import ITEM_RE, SUBITEM_RE

KK_MONTH_STEMS = (
    ("қаңтар", 1), ("ақпан", 2), ("наурыз", 3), ("сәуір", 4), ("мамыр", 5), ("маусым", 6),
    ("шілде", 7), ("тамыз", 8), ("қыркүйек", 9), ("қыркүйег", 9), ("қазан", 10),
    ("қараша", 11), ("желтоқсан", 12),
)
RU_MONTH_STEMS = (
    ("январ", 1), ("феврал", 2), ("март", 3), ("апрел", 4), ("мая", 5), ("май", 5),
    ("мае", 5), ("июн", 6), ("июл", 7), ("август", 8), ("сентябр", 9), ("октябр", 10),
    ("ноябр", 11), ("декабр", 12),
)
_MONTHS = {stem: n for stem, n in (*KK_MONTH_STEMS, *RU_MONTH_STEMS)}
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))

_SUPERSCRIPT_RE = re.compile(r"(?<=[^\W\d_])[\u00b2\u00b3\u00b9\u2070-\u209f]+")
_SPACE_CLASS = "[ \u00a0\u202f\u2009\u2007]"
_NUMBER_RE = re.compile(
    rf"(?<![\d.,])\d{{1,3}}(?:{_SPACE_CLASS}\d{{3}})+(?:,\d+)?(?![\d])"  # 4 589 731,5
    r"|(?<![\d.])\d{1,2}\.\d{1,2}\.\d{2,4}(?![\d])"  # 09.12.2025
    r"|\d+(?:[.,]\d+)?"  # 2025 / 2,5 / 3.14
)
_DAY_MONTH_RE = re.compile(
    rf"(?<![\d])(\d{{1,2}})(?:-?[^\W\d_]{{0,5}})?\s*(?:({_MONTH_ALT})[^\W\d_]*)",
    re.IGNORECASE,
)
_MONTH_DAY_RE = re.compile(
    rf"\b({_MONTH_ALT})[^\W\d_]*\s+(\d{{1,2}})(?![\d.,])(?:-[^\W\d_]+)?", re.IGNORECASE
)
# Scale words after a number: "400 тысяч" = "400 мың" = "400 000"; "1,5 млрд".
_SCALES = (
    ("тысяч", 3), ("тыс", 3), ("мың", 3), ("миллиард", 9), ("млрд", 9), ("миллион", 6),
    ("млн", 6), ("трлн", 12), ("триллион", 12),
)
_SCALE_RE = re.compile(
    r"\s?(" + "|".join(w for w, _ in _SCALES) + r")(?![^\W\d_]{4})", re.IGNORECASE
)
# Roman numerals (centuries, chapters); Cyrillic І in Kazakh text stands for Latin I.
_ROMAN_RE = re.compile(r"(?<![^\W\d_])[IVXLІ]{1,7}(?![^\W\d_])")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}
# Number words: exact Russian forms; Kazakh stems with the few endings that cannot turn them
# into other words ("он" + "да" is "онда", there; "үш" + "ін" is "үшін", for).
_RU_NUMBER_FORMS = {
    1: "один одна одно одного одной одному первый первая первое первого первой первом",
    2: "два две двух двум двумя второй второго вторая второе втором дважды",
    3: "три трёх трех трём трем тремя третий третья третье третьего третьей трижды",
    4: "четыре четырёх четырех четырьмя четвёртый четвертый четвёртая четвертая четвертого",
    5: "пять пяти пятью пятый пятая пятое пятого пятой",
    6: "шесть шести шестой шестая шестое шестого",
    7: "семь семи седьмой седьмая седьмое седьмого",
    8: "восемь восьми восьмой восьмая восьмое восьмого",
    9: "девять девяти девятый девятая девятое девятого",
    10: "десять десяти десятый десятая десятое десятого",
    11: "одиннадцать одиннадцати", 12: "двенадцать двенадцати", 15: "пятнадцать пятнадцати",
    20: "двадцать двадцати", 30: "тридцать тридцати", 40: "сорок сорока",
    50: "пятьдесят пятидесяти", 100: "сто ста", 1000: "тысяча тысячи тысяч тысячу",
}
_KK_NUMBER_STEMS = {
    "бір": 1, "екі": 2, "үш": 3, "төрт": 4, "бес": 5, "алты": 6, "жеті": 7, "сегіз": 8,
    "тоғыз": 9, "он": 10, "жиырма": 20, "отыз": 30, "қырық": 40, "елу": 50, "алпыс": 60,
    "жетпіс": 70, "сексен": 80, "тоқсан": 90, "жүз": 100, "мың": 1000,
}
_KK_NUMBER_ENDINGS = ("", "інші", "ыншы", "нші", "ншы", "еу", "ау", "і", "ы")
_KK_NO_POSSESSIVE = {"он", "үш", "бір", "жүз"}


def _number_word_table() -> dict[str, int]:
    table = {w: v for v, forms in _RU_NUMBER_FORMS.items() for w in forms.split()}
    for stem, value in _KK_NUMBER_STEMS.items():
        for ending in _KK_NUMBER_ENDINGS:
            if ending in ("і", "ы") and stem in _KK_NO_POSSESSIVE:
                continue
            table[stem + ending] = value
    return table


_NUMBER_WORDS = _number_word_table()
_WORD_RUN_RE = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Figure:
    """One normalised figure: its value (``"2025"``, ``"2.5"``, ``"month:12"``) and where the
    raw text it came from starts in the unit."""

    value: str
    offset: int
    raw: str


def _clean(text: str) -> str:
    text = _SUPERSCRIPT_RE.sub(lambda m: " " * len(m.group()), text)
    return unicodedata.normalize("NFKC", text)


def _number_value(raw: str) -> str:
    digits = re.sub(_SPACE_CLASS, "", raw).replace(",", ".")
    whole, _, frac = digits.partition(".")
    whole = whole.lstrip("0") or "0"
    frac = frac.rstrip("0")
    return f"{whole}.{frac}" if frac else whole


def _roman(raw: str) -> int | None:
    """Value of a well-formed Roman numeral up to 89, else None."""
    raw = raw.replace("І", "I")
    total = 0
    for i, ch in enumerate(raw):
        v = _ROMAN_VALUES[ch]
        nxt = _ROMAN_VALUES[raw[i + 1]] if i + 1 < len(raw) else 0
        total += -v if v < nxt else v
    if total <= 0 or _to_roman(total) != raw:
        return None
    return total


def _to_roman(n: int) -> str:
    out = ""
    for value, sym in ((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += sym
            n -= value
    return out


def _scaled(value: str, text: str, end: int) -> tuple[str, int]:
    """Apply a scale word right after a number (``400 тысяч``) to its value."""
    m = _SCALE_RE.match(text, end)
    if m is None:
        return value, end
    power = next(p for w, p in _SCALES if m.group(1).lower() == w)
    whole, _, frac = value.partition(".")
    frac = (frac + "0" * power)[:power]
    digits = (whole + frac).lstrip("0") or "0"
    rest = (value.partition(".")[2])[power:]
    return (f"{digits}.{rest}" if rest else digits), m.end()


def extract_figures(text: str, skip_markers: bool = True) -> list[Figure]:
    """Normalised numbers, dates, amounts and percentages of ``text``, in order.

    Structure markers (``3.`` / ``4)`` opening an item) are left out when ``skip_markers``,
    because :func:`extract_markers` compares them separately.
    NFKC may change lengths only for rare compatibility characters, so offsets are offsets
    into the NFKC form, which equals the input for ordinary text.
    """
    text = _clean(text)
    taken: set[int] = set()
    if skip_markers:
        for rx in (ITEM_RE, SUBITEM_RE):
            for m in rx.finditer(text):
                taken.add(m.start(1))
    figures: list[Figure] = []
    month_spans: list[tuple[int, int]] = []
    for rx, day_group, month_group in ((_DAY_MONTH_RE, 1, 2), (_MONTH_DAY_RE, 2, 1)):
        for m in rx.finditer(text):
            if any(s <= m.start() < e for s, e in month_spans):
                continue
            month = _MONTHS[m.group(month_group).lower()]
            day = int(m.group(day_group))
            if 1 <= day <= 31:
                figures.append(Figure(f"month:{month}", m.start(month_group), m.group(month_group)))
                month_spans.append((m.start(), m.end()))
    for m in _NUMBER_RE.finditer(text):
        if m.start() in taken:
            continue
        raw = m.group()
        if re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{2,4}", raw):
            d, mo, y = raw.split(".")
            year = int(y) + (2000 if len(y) == 2 else 0)
            figures.append(Figure(str(int(d)), m.start(), raw))
            figures.append(Figure(f"month:{int(mo)}", m.start(), raw))
            figures.append(Figure(str(year), m.start(), raw))
        else:
            value, _ = _scaled(_number_value(raw), text, m.end())
            figures.append(Figure(value, m.start(), raw))
    for m in _ROMAN_RE.finditer(text):
        number = _roman(m.group())
        if number is not None and m.start() not in taken:
            figures.append(Figure(str(number), m.start(), m.group()))
    figures.sort(key=lambda f: f.offset)
    return figures


def spelled_numbers(text: str) -> Counter[str]:
    """Small numbers written as words (``екі``, ``тоғызы``, ``двух``, ``седьмой``), by value.

    Used only to excuse a figure that the other language writes in digits; a word never
    counts as a figure of its own, so it cannot hide a changed digit elsewhere.
    """
    found: Counter[str] = Counter()
    total = current = 0
    in_run = False
    previous_end = -2
    for m in _WORD_RUN_RE.finditer(text.lower()):
        value = _NUMBER_WORDS.get(m.group())
        if in_run and (value is None or m.start() - previous_end > 1):
            found[str(total + current)] += 1
            total = current = 0
            in_run = False
        if value is None:
            continue
        if value >= 1000:  # бес мың, пять тысяч
            total += (current or 1) * value
            current = 0
        elif value == 100:  # екі жүз
            current = (current or 1) * value
        else:  # он тоғыз, двадцать пять
            current += value
        in_run = True
        previous_end = m.end()
    if in_run:
        found[str(total + current)] += 1
    return found
