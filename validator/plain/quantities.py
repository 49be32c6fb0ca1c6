"""Numbers with their units, sizes, and language names in the report's language.

Reports for people say "3 слайда", "10,4 МБ", "русский язык", never "3 slides", "10868440
байт" or "ru 1.00": units take their plural forms from the catalogue (``plain.unit.*``,
Russian one/few/many, English one/many, Kazakh one form: no plural after a numeral), sizes
are shown in binary kilobytes or megabytes as Windows Explorer shows them, languages by name.
The JSON report keeps the raw values (bytes, codes, shares).
"""

from __future__ import annotations

from validator.core.catalogue import LANGS, plural, ui_texts
from validator.core.catalogue import number_text as number_text  # the reports use it from here
from validator.materials.roles import Localized

_KB = 1024
#: Units measured as a share of 1, shown as a percentage.
_SHARES = frozenset({"share", "confidence"})
_MB = 1024 * 1024


def unit_word(unit: str, n: float, lang: str) -> str | None:
    """The unit's word for ``n`` (None when the catalogue does not know the unit)."""
    forms = ui_texts(lang).get(f"plain.unit.{unit}")
    return None if forms is None else plural(n, forms, lang)


def quantity(value: object, unit: str | None, lang: str) -> str:
    """A measured value with its unit in words: ``14 пт``, ``3 слайда``, ``12,1 мин``.

    A unit the catalogue does not know is left out (the number alone), so no internal unit
    label reaches a person; a ``ratio`` is named as the proportion a person knows when it is
    one (``4:3 (1,33)``), else a bare number.
    """
    if value is None:
        return "-"
    if not isinstance(value, int | float) or isinstance(value, bool):
        shown = str(value)  # "3x2" rows by columns reads as "3 × 2"
        return shown.replace("x", " × ") if unit == "rows x columns" else shown
    if unit in _SHARES:
        return f"{number_text(round(value * 100, 1), lang)} % {unit_word(unit, 5, lang) or ''}"\
            .rstrip()
    shown = number_text(value, lang)
    if unit == "ratio":
        proportion = proportion_text(value)
        return f"{proportion} ({shown})" if proportion else shown
    word = unit_word(unit, value, lang) if unit else None
    return f"{shown} {word}" if word else shown


def proportion_text(value: float) -> str | None:
    """A width-to-height ratio as the proportion of small whole numbers it is (``16:9`` for
    1.7778, ``4:3`` for 1.3333; denominators up to 16, within 0.0005), None otherwise (an A4
    page's 1.414 is no such proportion)."""
    from fractions import Fraction

    if not 0 < value < 100:
        return None
    near = Fraction(value).limit_denominator(16)
    if abs(float(near) - value) > 0.0005:
        return None
    return f"{near.numerator}:{near.denominator}"


def size_text(size: int, lang: str) -> str:
    """A file size as a person reads it: ``10,36 МБ``, ``34 КБ``, ``512 байт``."""
    if size >= _MB:
        return quantity(round(size / _MB, 2), "MB", lang)
    if size >= _KB:
        return quantity(round(size / _KB), "KB", lang)
    return quantity(size, "bytes", lang)


def language_name(code: str | None, lang: str) -> str:
    """A language by name (``русский язык``); the code itself when the catalogue lacks it."""
    if not code:
        return ""
    return ui_texts(lang).get(f"language.{code}", code)


def shares_words(shares: dict[str, float] | None, lang: str) -> str:
    """``казахский 93 %, русский 7 %``, largest first (empty when unknown)."""
    if not shares:
        return ""
    words = ui_texts(lang)
    ordered = sorted(shares.items(), key=lambda kv: (-kv[1], kv[0]))
    return ", ".join(f"{words.get(f'share.{k}', k)} {round(v * 100)} %" for k, v in ordered)


def localized_shares(shares: dict[str, float]) -> Localized:
    """``shares_words`` in every language, for a message's argument."""
    return Localized({lang: shares_words(shares, lang) for lang in LANGS})


def localized_language(code: str) -> Localized:
    """``language_name`` in every language, for a message's argument."""
    return Localized({lang: language_name(code, lang) for lang in LANGS})


def localized_number(value: float) -> Localized:
    """``number_text`` in every language (``10,36`` / ``10.36``), for a message's argument."""
    return Localized({lang: number_text(value, lang) for lang in LANGS})


def localized_decimal(value: float, digits: int) -> Localized:
    """``value`` with exactly ``digits`` decimals in every language (``10,0`` / ``10.0``): a
    measure shown beside a whole-number limit keeps its decimal, so 10.01 min is not "10"."""
    return Localized({lang: number_text(value, lang, spec=f".{digits}f") for lang in LANGS})


def localized_days(n: int) -> Localized:
    """``5 рабочих дней`` / ``5 жұмыс күні`` / ``5 working days``, for a message's argument."""
    return Localized({lang: quantity(n, "working days", lang) for lang in LANGS})


def localized_unit_label(unit: str) -> Localized:
    """``unit_label`` in every language, for a message's argument."""
    return Localized({lang: unit_label(unit, lang) for lang in LANGS})


def unit_label(unit: str, lang: str) -> str:
    """A bare unit label (``MB`` -> ``МБ``), as the catalogue says it for more than one."""
    return unit_word(unit, 5, lang) or unit
