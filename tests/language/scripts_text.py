"""Kazakh test text in other alphabets, made from the FLORES Cyrillic sentences.

Small letter-by-letter transliterations, good enough to stand for what people write:
the Arabic-script alphabet used by Kazakhs in China (the high hamza ``ٴ`` opens a word with a
front vowel unless ``е``, ``к`` or ``г`` already mark it), the 2021 Latin alphabet (ä ğ ı ñ ö
ū ü ş) and the 2018 one (acute accents á ǵ ń ó ú ý, ı for и/й, sh/ch digraphs).
"""

from __future__ import annotations

import re

_ARABIC = {
    "а": "ا", "ә": "ا", "б": "ب", "в": "ۆ", "г": "گ", "ғ": "ع", "д": "د", "е": "ە",
    "ё": "يو", "ж": "ج", "з": "ز", "и": "ي", "й": "ي", "к": "ك", "қ": "ق", "л": "ل",
    "м": "م", "н": "ن", "ң": "ڭ", "о": "و", "ө": "و", "п": "پ", "р": "ر", "с": "س",
    "т": "ت", "у": "ۋ", "ұ": "ۇ", "ү": "ۇ", "ф": "ف", "х": "ح", "һ": "ھ", "ц": "تس",
    "ч": "چ", "ш": "ش", "щ": "ش", "ъ": "", "ы": "ى", "і": "ى", "ь": "", "э": "ە",
    "ю": "يۋ", "я": "يا",
}
_LATIN_2021 = {
    "а": "a", "ә": "ä", "б": "b", "в": "v", "г": "g", "ғ": "ğ", "д": "d", "е": "e",
    "ё": "io", "ж": "j", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "q", "л": "l",
    "м": "m", "н": "n", "ң": "ñ", "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ұ": "ū", "ү": "ü", "ф": "f", "х": "h", "һ": "h", "ц": "ts",
    "ч": "ch", "ш": "ş", "щ": "şş", "ъ": "", "ы": "y", "і": "ı", "ь": "", "э": "e",
    "ю": "iu", "я": "ia",
}
_LATIN_2018 = {
    **_LATIN_2021,
    "ә": "á", "ғ": "ǵ", "и": "ı", "й": "ı", "ң": "ń", "ө": "ó", "у": "ý", "ұ": "u",
    "ү": "ú", "ш": "sh", "щ": "sh", "і": "i",
}
_WORD_RE = re.compile(r"[^\W\d_]+")
_FRONT = frozenset("әөүі")
_FRONT_MARKED = frozenset("екг")


def _letters(text: str, table: dict[str, str]) -> str:
    out = []
    for ch in text:
        low = ch.lower()
        rep = table.get(low)
        if rep is None:
            out.append(ch)
        else:
            out.append(rep.capitalize() if ch != low else rep)
    return "".join(out)


def to_arabic(text: str) -> str:
    """Kazakh Cyrillic text in the Kazakh Arabic-script alphabet (no capitals there)."""

    def word(m: re.Match[str]) -> str:
        low = m.group().lower()
        hamza = "ٴ" if not _FRONT.isdisjoint(low) and _FRONT_MARKED.isdisjoint(low) else ""
        return hamza + "".join(_ARABIC.get(ch, ch) for ch in low)

    return _WORD_RE.sub(word, text).replace(",", "،").replace("?", "؟")


def to_latin_2021(text: str) -> str:
    """Kazakh Cyrillic text in the 2021 Latin alphabet."""
    return _letters(text, _LATIN_2021)


def to_latin_2018(text: str) -> str:
    """Kazakh Cyrillic text in the 2018 Latin alphabet."""
    return _letters(text, _LATIN_2018)
