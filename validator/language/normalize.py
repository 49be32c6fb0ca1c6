"""Repair of look-alike letters before language analysis.

Real Kazakh documents carry Latin ``i`` for ``і``, Latin ``Y`` for ``Ү``, Latin a/c/e/o/p/x
inside Cyrillic words, letters of other Turkic alphabets, and KZ-1048 text read as
Windows-1251 (``Ќ`` for ``Қ`` ...).  Detectors mislabel such text, so every analysis works on
a repaired copy; the original text is never changed.  The same word-level repair gives the
suggested fix of the mixed-script quality check.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from validator.language.defects import CYRILLIC_IN_LATIN, LATIN_IN_CYRILLIC
from validator.language.lexicon import (
    CYRILLIC_TO_LATIN,
    FOREIGN_LOOKALIKES,
    KK_LETTERS,
    KZ1048_MOJIBAKE,
    LATIN_TO_CYRILLIC,
)

# A word: letters (any script), with inner apostrophes; digits and hyphens split words.
WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")

# Characters removed before analysis: format controls (ZWSP, soft hyphen, BOM, bidi marks).
_INVISIBLE_CHARS = "\u00ad\u061c\u180e\ufeff\u200b-\u200f\u202a-\u202e\u2060-\u2064"
_CHAR_REPAIR = str.maketrans({**KZ1048_MOJIBAKE, **FOREIGN_LOOKALIKES})
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE_CHARS}]")
# Quick test: does the text need any repair at all?
_NEEDS_REPAIR_RE = re.compile(
    f"[{_INVISIBLE_CHARS}{''.join(KZ1048_MOJIBAKE)}{''.join(FOREIGN_LOOKALIKES)}]"
    r"|[A-Za-z][\u0400-\u04ff]|[\u0400-\u04ff][A-Za-z]"
)
_MIXED_PAIR_RE = re.compile(r"[A-Za-z][\u0400-\u04ff]|[\u0400-\u04ff][A-Za-z]")
_LETTERS_RE = re.compile(r"[^\W\d_]+")


def is_cyrillic(ch: str) -> bool:
    """True for a letter of the Cyrillic blocks."""
    return "\u0400" <= ch <= "\u052f"


def is_latin(ch: str) -> bool:
    """True for a Latin letter (ASCII or Latin-1/Extended/IPA)."""
    return ("a" <= ch.lower() <= "z") or ("\u00c0" <= ch <= "\u02af" and ch.isalpha())


@dataclass(frozen=True)
class WordFix:
    """One word whose letters were repaired: where, what, and what it becomes."""

    start: int
    word: str
    fixed: str
    kind: str


def fix_word(word: str) -> tuple[str, str] | None:
    """Repair one word that mixes Cyrillic and Latin letters.

    Returns ``(fixed, kind)`` where kind is ``latin-in-cyrillic`` or ``cyrillic-in-latin``,
    or ``None`` when the word is not mixed or cannot be mapped letter by letter.
    The majority script of the word wins; Latin ``Y`` becomes Kazakh ``Ү`` only when the
    repaired word is Kazakh (has a Kazakh letter), otherwise Russian ``У``.
    """
    cyr = sum(1 for ch in word if is_cyrillic(ch))
    lat = sum(1 for ch in word if is_latin(ch))
    if not cyr or not lat:
        return None
    if cyr >= lat:
        if any(is_latin(ch) and ch not in LATIN_TO_CYRILLIC for ch in word):
            return None
        fixed = "".join(LATIN_TO_CYRILLIC.get(ch, ch) for ch in word)
        if "Y" in word and not any(ch in KK_LETTERS for ch in fixed.replace("Ү", "")):
            fixed = "".join(
                "У" if orig == "Y" else new for orig, new in zip(word, fixed, strict=True)
            )
        return fixed, LATIN_IN_CYRILLIC
    if any(is_cyrillic(ch) and ch not in CYRILLIC_TO_LATIN for ch in word):
        return None
    return "".join(CYRILLIC_TO_LATIN.get(ch, ch) for ch in word), CYRILLIC_IN_LATIN


def iter_word_fixes(text: str) -> Iterator[WordFix]:
    """Yield every mixed-script word of ``text`` that can be repaired, with its offset."""
    for m in _LETTERS_RE.finditer(text):
        if _MIXED_PAIR_RE.search(m.group()) is None:
            continue
        result = fix_word(m.group())
        if result is not None:
            yield WordFix(m.start(), m.group(), result[0], result[1])


def normalise(text: str) -> str:
    """Return a copy of ``text`` fit for language analysis.

    NFC; invisible format characters removed; KZ-1048 mojibake and foreign look-alike letters
    mapped to Kazakh letters; mixed-script words mapped to their majority script.
    Offsets are not preserved (invisible characters are dropped).
    """
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if _NEEDS_REPAIR_RE.search(text) is None:
        return text
    text = _INVISIBLE_RE.sub("", text).translate(_CHAR_REPAIR)
    if _MIXED_PAIR_RE.search(text) is None:
        return text
    parts: list[str] = []
    last = 0
    for fix in iter_word_fixes(text):
        parts.append(text[last : fix.start])
        parts.append(fix.fixed)
        last = fix.start + len(fix.word)
    parts.append(text[last:])
    return "".join(parts)
