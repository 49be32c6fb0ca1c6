"""The writing system of a word, and Kazakh written in the Arabic script.

The detector knows Kazakh, Russian and English; a text in any other script must never be
called one of them.  Words are sorted by the script of their first letter (after look-alike
repair, a word has one script): ``cyrillic``, ``latin``, or the Unicode name of another script
in lower case (``arabic``, ``greek``, ``hebrew``, ``armenian``...; Chinese, Japanese and
Korean letters are all ``cjk``).

Kazakhs in China, Mongolia, Iran and Afghanistan write Kazakh in an Arabic alphabet of their
own: the high hamza ``ٴ`` marks a front-vowel word, ``ٵ ٶ ٷ ٸ`` are letters with it, and
``ۇ ڭ ە ۋ`` stand for ұ/ү, ң, е, у.  Those letters and the Kazakh function words tell it from
Arabic and Persian, which use none of them; Uyghur, which shares ``ۇ ڭ ە``, writes ``ئ``, ``ې``
and ``ۈ``, which Kazakh does not.
"""

from __future__ import annotations

import functools
import unicodedata

CYRILLIC = "cyrillic"
LATIN = "latin"
ARABIC = "arabic"
CJK = "cjk"

_CJK_NAMES = frozenset({"CJK", "HIRAGANA", "KATAKANA", "HANGUL", "BOPOMOFO", "KATAKANA-HIRAGANA"})
_NAME_ALIASES = {"ARABIC-INDIC": ARABIC}

# Letters only Kazakh writes in the Arabic script (the high hamza and the letters with it).
KK_ARABIC_MARKS = frozenset("\u0674\u0675\u0676\u0677\u0678")
# Letters Kazakh shares with Uyghur (and Sorani Kurdish) but Arabic and Persian never use.
KK_ARABIC_LETTERS = frozenset("\u06c7\u06ad\u06d5\u06cb\u06c6")
# Letters of Uyghur (ئ ې ۈ) and Sorani Kurdish (ێ ڵ ڕ) that Kazakh does not use.
UYGHUR_LETTERS = frozenset("\u0626\u06d0\u06c8\u06ce\u06b5\u0695")
# Share of the words with Kazakh letters that makes Arabic-script text Kazakh by itself.
KK_ARABIC_LETTER_SHARE = 0.3

# Frequent Kazakh words in the Arabic script (және, мен, бен, пен, үшін, бұл, осы, деп, бір,
# да, де, та, те, емес, бар, жоқ, ол, олар, сол, болып, туралы, бойынша, арқылы, ғана, қана,
# кезде, кейін, біз, сіз; with and without the high hamza where spellings vary).
_KK_ARABIC_FUNCTION_TEXT = """
    جانە مەن بەن پەن ٴۇشىن ۇشىن بۇل وسى دەپ ٴبىر بىر دا دە تا تە ەمەس بار جوق ول ولار سول
    بولىپ تۋرالى بويىنشا ارقىلى عانا قانا ٴدە ٴتە كەزدە كەيىن ٴبىز ٴسىز
"""
KK_ARABIC_FUNCTION_WORDS = frozenset(_KK_ARABIC_FUNCTION_TEXT.split())


@functools.lru_cache(maxsize=4096)
def script_of(ch: str) -> str | None:
    """The script of one letter, or ``None`` for a character that is not a letter."""
    if not ch.isalpha():
        return None
    if "\u0400" <= ch <= "\u052f":
        return CYRILLIC
    if ch.isascii() or "\u00c0" <= ch <= "\u02af" or "\u1e00" <= ch <= "\u1eff":
        return LATIN
    name = unicodedata.name(ch, "")
    first = name.split(" ", 1)[0] if name else ""
    if first in _CJK_NAMES:
        return CJK
    first = _NAME_ALIASES.get(first, first)
    return first.lower() or "unknown"


def word_script(word: str) -> str | None:
    """The script of a word: that of its first letter."""
    for ch in word:
        found = script_of(ch)
        if found is not None:
            return found
    return None


def arabic_kazakh(words: list[str]) -> bool:
    """Do these Arabic-script words read as Kazakh?  Kazakh's own marks in one word in ten,
    Kazakh function words together with letters Arabic and Persian never use, or those
    letters in 30 % of the words; and fewer Uyghur or Kurdish letters than Kazakh marks."""
    marked = sum(1 for w in words if not KK_ARABIC_MARKS.isdisjoint(w))
    lettered = sum(1 for w in words if not KK_ARABIC_LETTERS.isdisjoint(w))
    uyghur = sum(1 for w in words if not UYGHUR_LETTERS.isdisjoint(w))
    function = sum(1 for w in words if w in KK_ARABIC_FUNCTION_WORDS)
    if uyghur > marked:
        return False
    if marked and marked * 10 >= len(words):
        return True
    if uyghur:
        return False
    return (function >= 1 and lettered >= 1) or lettered >= KK_ARABIC_LETTER_SHARE * len(words)
