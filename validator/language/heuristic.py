"""Deterministic Kazakh/Russian/English evidence from letters and function words.

Settles the confident cases on its own (most sentences) and is the only component that knows
Latin-script Kazakh; whatever it leaves open goes to the statistical backend.  Works on text
already repaired by :func:`validator.language.normalize.normalise`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from validator.language.lexicon import (
    EN_FUNCTION_WORDS,
    KK_FUNCTION_WORDS,
    KK_LATIN_FUNCTION_WORDS,
    KK_LATIN_LETTERS,
    KK_LATIN_WEAK_LETTERS,
    KK_LETTERS,
    KK_SUFFIXES,
    RU_FUNCTION_WORDS,
    RU_SUFFIXES,
)
from validator.language.scripts import ARABIC, CYRILLIC, LATIN, arabic_kazakh, word_script

_QUOTE_RE = re.compile("[«“\"]")
_QUOTED_RE = re.compile(r"«[^»]{0,80}»|“[^”]{0,80}”|\"[^\"]{0,80}\"")
_WORD_RE = re.compile(r"[^\W\d_]+")
# A 2017 Kazakh Latin letter: a letter and an apostrophe ("Respy'blikasy", "ja'ne"), not an
# English contraction ("don't", "it's", "we're").
_APOSTROPHE_LETTER_RE = re.compile(r"[aougnycsi]['’](?!(?:t|s|ll|re|ve|d|m)$)[a-z]")
_NAME_RE = re.compile(r"(?<![^\W\d_-])[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][^\W\d_]*[әғқңөұүһіӘҒҚҢӨҰҮҺІ][^\W\d_]*"
                      r"|(?<![^\W\d_-])[ӘҒҚҢӨҰҮҺІ][^\W\d_]*")

# Share of Cyrillic words that must carry a Kazakh letter for a confident "kk"; below it a
# few Kazakh names inside Russian text (Самрук-Қазына) cannot make the text Kazakh.
KK_LETTER_SHARE = 0.2
# Share of Latin words with Kazakh-Latin letters that makes Latin text Kazakh.
KK_LATIN_SHARE = 0.15
# Words from which a Cyrillic text is long enough to be judged on evidence alone.
LONG_TEXT_WORDS = 4


@dataclass(frozen=True)
class Evidence:
    """Counts of language evidence in one piece of text."""

    cyrillic: int
    latin: int
    kk_letter: int
    kk_latin: int
    kk_function: int
    ru_function: int
    en_function: int
    kk_suffix: int
    ru_suffix: int
    other: int = 0
    other_script: str | None = None
    kk_arabic: bool = False
    kk_latin_weak: int = 0
    kk_latin_function: int = 0

    @property
    def words(self) -> int:
        """Words with letters (numbers and punctuation are not words)."""
        return self.cyrillic + self.latin + self.other

    @property
    def kk_score(self) -> float:
        """Weighted Kazakh evidence."""
        return self.kk_letter + self.kk_function + 0.5 * self.kk_suffix

    @property
    def ru_score(self) -> float:
        """Weighted Russian evidence."""
        return self.ru_function + 0.5 * self.ru_suffix


@dataclass(frozen=True)
class Verdict:
    """The heuristic's answer: a language, or None when it is not confident."""

    language: str | None
    evidence: Evidence
    reason: str


def gather(words: list[str], suffixes: bool = True) -> Evidence:
    """Count the evidence carried by ``words`` (already split and lower-cased).

    Word endings are the weakest evidence and the costliest to count; ``suffixes=False``
    skips them for the first, fast look.  Words in a script other than Cyrillic or Latin are
    counted apart (``other``, the commonest such script in ``other_script``).
    """
    cyr = lat = kk_letter = kk_latin = kk_fw = ru_fw = en_fw = kk_suf = ru_suf = 0
    weak = latin_fw = 0
    others: dict[str, list[str]] = {}
    for low in words:
        if "\u0400" <= low[0] <= "\u052f":
            cyr += 1
            if not KK_LETTERS.isdisjoint(low):
                kk_letter += 1
            elif low in KK_FUNCTION_WORDS:
                kk_fw += 1
            elif low in RU_FUNCTION_WORDS:
                ru_fw += 1
            elif suffixes and len(low) >= 5:
                if low.endswith(KK_SUFFIXES):
                    kk_suf += 1
                if low.endswith(RU_SUFFIXES):
                    ru_suf += 1
            continue
        script = LATIN if low.isascii() else word_script(low)
        if script not in (LATIN, CYRILLIC, None):
            others.setdefault(script, []).append(low)
            continue
        lat += 1
        if not KK_LATIN_LETTERS.isdisjoint(low) or _APOSTROPHE_LETTER_RE.search(low):
            kk_latin += 1
        elif low in KK_LATIN_FUNCTION_WORDS:
            latin_fw += 1
        elif not KK_LATIN_WEAK_LETTERS.isdisjoint(low):
            weak += 1
        elif low in EN_FUNCTION_WORDS:
            en_fw += 1
    other = sum(len(v) for v in others.values())
    main = max(others, key=lambda k: len(others[k])) if others else None
    kk_arabic = main == ARABIC and arabic_kazakh(others[ARABIC])
    return Evidence(cyr, lat, kk_letter, kk_latin, kk_fw, ru_fw, en_fw, kk_suf, ru_suf,
                    other, main, kk_arabic, weak, latin_fw)


def judge(words: list[str], original: list[str] | None = None, text: str | None = None) -> Verdict:
    """Decide from letters and function words first; count word endings only if needed.

    ``words`` are lower-cased; ``original`` (the same words as written) and ``text`` let a
    Kazakh verdict be checked: Kazakh letters only in capitalised or quoted words are names
    («Қазақстан темір жолы», Өскемен) inside what may well be Russian text, so such a
    verdict is left open for the statistical detector.
    """
    verdict = decide(gather(words, suffixes=False))
    if verdict.language is None and verdict.evidence.words:
        verdict = decide(gather(words))
    if (
        verdict.reason == "kk-letters"
        and original is not None
        and not _common_kk_word(original, text)
    ):
        return Verdict(None, verdict.evidence, "kk-names-only")
    return verdict


def without_names(text: str) -> str:
    """``text`` without quoted spans and capitalised words with Kazakh letters (names), for
    the statistical detector when those names are all the Kazakh evidence there is; the text
    itself when nothing else would remain."""
    rest = _QUOTED_RE.sub(" ", text)
    rest = _NAME_RE.sub(" ", rest)
    return rest if _WORD_RE.search(rest) else text


def _common_kk_word(original: list[str], text: str | None) -> bool:
    """Is there a lower-case word with a Kazakh letter outside quotes (or is all text upper
    case, as in headings)?"""
    if text is not None and _QUOTE_RE.search(text):
        original = _WORD_RE.findall(_QUOTED_RE.sub(" ", text))
    if not any(w[:1].islower() for w in original):
        return any(not KK_LETTERS.isdisjoint(w) for w in original)
    return any(w[:1].islower() and not KK_LETTERS.isdisjoint(w) for w in original)


def decide(ev: Evidence) -> Verdict:
    """Return a confident language when the evidence settles it, else ``None``."""
    if ev.words == 0:
        return Verdict(None, ev, "no-words")
    if ev.other > ev.cyrillic + ev.latin:
        if ev.kk_arabic:
            return Verdict("kk", ev, "kk-arabic-script")
        return Verdict(None, ev, f"script:{ev.other_script}")
    if ev.latin > ev.cyrillic:
        # the acute vowels of 2018 count only beside a Kazakh function word (not in Spanish)
        weak = ev.kk_latin_weak if ev.kk_latin_function else 0
        kk = ev.kk_latin + weak + ev.kk_latin_function
        if kk >= KK_LATIN_SHARE * ev.latin and kk > ev.en_function and (ev.kk_latin or weak):
            return Verdict("kk", ev, "kk-latin-letters")
        return Verdict("en", ev, "latin-script")
    kk_share = ev.kk_letter / ev.cyrillic
    if ev.cyrillic >= LONG_TEXT_WORDS:
        if kk_share >= KK_LETTER_SHARE and ev.kk_score > ev.ru_score:
            return Verdict("kk", ev, "kk-letters")
        if ev.kk_letter == 0 and ev.kk_function == 0 and ev.ru_function >= 1:
            return Verdict("ru", ev, "ru-function-words")
        if kk_share < KK_LETTER_SHARE and ev.ru_function >= 2 and ev.ru_score >= 2 * ev.kk_score:
            return Verdict("ru", ev, "ru-function-words")
        return Verdict(None, ev, "open")
    if ev.kk_letter and not ev.ru_function:
        return Verdict("kk", ev, "kk-letters")
    if ev.ru_function and not ev.kk_letter and not ev.kk_function:
        return Verdict("ru", ev, "ru-function-words")
    return Verdict(None, ev, "open")
