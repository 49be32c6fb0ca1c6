"""How long a report takes to read aloud (clause 15.4: reports of at most 7-10 minutes).

Unit: syllables. Kazakh and Russian syllables are counted as vowel letters (every syllable of
both languages has exactly one vowel nucleus, written with one vowel letter); a syllable rate
treats the two languages alike although Kazakh words are longer (agglutination), which a
words-per-minute rate would not. Measured on FLORES-200 devtest (1,012 parallel sentences):
2.58 vowels per Russian word, 2.90 per Kazakh word.

Default rate (profile parameter ``syllables_per_minute``): 280 for both languages, i.e.
4.7 syllables per second including pauses. Source: the conventional rate of prepared public
speech in Russian, 100-120 words per minute (centre 110) * 2.58 syllables per word = 284,
rounded down to 280; the same syllable rate in Kazakh gives about 97 words per minute.
Spontaneous Russian articulation is faster (about 5 syllables per second, ORD corpus
studies) but reports are read with pauses; the profile can change the number.

Alternative (profile ``unit = "words"``): words per minute, 110 for Russian, 95 for Kazakh.

Numbers are spoken as words: each digit counts as ``syllables_per_digit`` syllables (2 by
default: "сто двадцать пять" is 6 syllables for 3 digits, "жүз жиырма бес" 5). Latin text
(names, English) counts groups of vowel letters.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

Unit = Literal["syllables", "words"]

RU_VOWELS = frozenset("аеёиоуыэюя")
KK_VOWELS = frozenset("аәеёиоөуұүыіэюя")
CYRILLIC_VOWELS = RU_VOWELS | KK_VOWELS
_LATIN_VOWEL_GROUP = re.compile(r"[aeiouy]+")
_LATIN_WORD = re.compile(r"[a-z]+")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+(?:[.,]\d+)*")
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class SpeechRate:
    """Profile parameters: unit, rate per language (and ``default``), digit weight, source."""

    unit: Unit
    per_minute: Mapping[str, float]
    syllables_per_digit: float
    source: str

    def rate_for(self, language: str) -> float:
        """The rate for `language`, else the profile's ``default`` rate."""
        rate = self.per_minute.get(language, self.per_minute.get("default"))
        if rate is None or rate <= 0:
            raise ValueError(f"no positive speech rate for language {language!r} "
                             "and no 'default' rate")
        return float(rate)


@dataclass(frozen=True)
class ReadingEstimate:
    """The estimate and what it was computed from, for the finding's evidence."""

    minutes: float
    amount: float
    unit: Unit
    rate: float
    language: str


def count_syllables(text: str, syllables_per_digit: float) -> float:
    """Vowel letters in Cyrillic words, vowel groups in Latin words, digits weighted."""
    lower = text.lower()
    cyrillic = sum(1 for ch in lower if ch in CYRILLIC_VOWELS)
    latin = sum(
        max(1, len(_LATIN_VOWEL_GROUP.findall(word))) for word in _LATIN_WORD.findall(lower)
    )
    digits = len(_DIGIT.findall(lower))
    return cyrillic + latin + digits * syllables_per_digit


def count_words(text: str) -> int:
    """Words and numbers (a hyphenated word is one word)."""
    return len(_WORD.findall(text))


def estimate_reading(text: str, language: str, rate: SpeechRate) -> ReadingEstimate:
    """Minutes needed to read `text` aloud in `language` at the profile's rate."""
    per_minute = rate.rate_for(language)
    amount = (
        count_syllables(text, rate.syllables_per_digit)
        if rate.unit == "syllables" else float(count_words(text))
    )
    return ReadingEstimate(amount / per_minute, amount, rate.unit, per_minute, language)


KAZAKH_ONLY = frozenset("әғқңөұүһі")


def guess_language(text: str) -> str:
    """``kk`` when Kazakh-only letters make up at least 1% of the Cyrillic letters, else ``ru``.

    Only picks the rate: the default rates are equal, and the language rules (LNG) are the
    authority on a document's language. Text without Cyrillic letters is ``default``.
    """
    cyrillic = [ch for ch in text.lower() if "\u0400" <= ch <= "\u04ff"]
    if not cyrillic:
        return "default"
    kazakh = sum(1 for ch in cyrillic if ch in KAZAKH_ONLY)
    return "kk" if kazakh / len(cyrillic) >= 0.01 else "ru"
