"""Text decoded with the wrong code page (mojibake), which must never be called en or ru.

A file's bytes read in the wrong encoding turn Cyrillic into strings such as ``Ð¡Ð¿Ñ€Ð°Ð²ÐºÐ°``
(UTF-8 read as Windows-1252), ``РЎРїСЂР°РІРєР°`` (UTF-8 read as Windows-1251), ``Ñïðàâêà``
(Windows-1251 read as Windows-1252) or ``‘Їа ўЄ `` (DOS code page 866 read as Windows-1251).
The letters are Latin or odd Cyrillic, so a detector would call them English or Russian.

The test undoes each likely mistake: the text is encoded back with the code page it was read
with and decoded with the one it was written in.  It is mojibake when that gives Cyrillic text
(at least 80 % of the non-ASCII letters Kazakh or Russian ones, and those at least half of
all letters) while the text itself is not already such: for UTF-8, a valid multi-byte
sequence per letter is itself the proof (ordinary text never encodes to one); for a
single-byte code page, at most half of the text's own non-ASCII letters may be Kazakh or
Russian, or decoding must raise that share by 25 points or give 1.3 times as many letters.
ASCII letters are left out of the shares: names and codes in Latin letters pass through every
mistake unchanged.  KZ-1048 text read as Windows-1251 (``Ќазаќстан``) is not reported here:
it is repaired letter by letter (``normalize.py``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from validator.language.lexicon import KK_LETTERS, RU_LETTERS

# (the code page the text was read with, the one it was written in)
_MISTAKES = (
    ("cp1252", "utf-8"),
    ("cp1251", "utf-8"),
    ("cp1252", "cp1251"),
    ("cp1251", "cp866"),
    ("cp1252", "cp866"),
)
# Share of the decoded letters that must be Kazakh or Russian ones.
MIN_DECODED_SHARE = 0.8
# Share of the text's own non-ASCII letters that may be Kazakh or Russian ones.
MAX_OWN_SHARE = 0.5
# Undecodable bytes allowed per decoded letter (a reader may have dropped a few bytes).
MAX_REPLACED = 0.25
MIN_LETTERS = 3
#: Share of a file's text in a wrong encoding from which its text counts as not read.
UNREADABLE_SHARE = 0.5
#: How the code pages of a mistake are named to people.
CODE_PAGES = {"cp1251": "Windows-1251", "cp1252": "Windows-1252", "utf-8": "UTF-8",
              "cp866": "CP866"}
# ... unless decoding raises that share by this much (cp866 read as cp1251 keeps half the
# lower-case letters Russian: р-я become а-п).
MIN_GAIN = 0.25
# ... or decoding turns signs into letters: this many times the text's own non-ASCII letters
# (cp866 read as cp1251 shows ¬ « ® ¤ § for м л о д з).
MIN_LETTER_GAIN = 1.3
# Share of all decoded letters that must be non-ASCII (the text was mostly not ASCII).
MIN_NON_ASCII = 0.5

_ALPHABET = KK_LETTERS | RU_LETTERS
# Box-drawing, block and shade signs (what DOS code page 866 holds at 0xB0-0xDF): a decoding
# that gives them was the wrong guess ("Бетўўў" read back from cp866 is "┴хЄввв").
_DRAWING_RE = re.compile("[\u2500-\u259f]")
# Characters that a code-page mistake produces: Latin-1 letters and signs, the Cyrillic
# letters of other languages, the Windows punctuation of bytes 0x80-0x9F.
_SUSPECT_RE = re.compile("[\u00a1-\u00ff\u0402-\u0405\u0407-\u040f\u0452-\u0455\u0457-\u045f"
                         "\u2018-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122\u0152\u0153\u0160"
                         "\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc]")


def _share(text: str) -> tuple[float, int]:
    """Share of the non-ASCII letters of ``text`` that are Kazakh or Russian, and how many
    non-ASCII letters there are (ASCII words, names and codes pass through every mistake
    unchanged and say nothing)."""
    letters = [ch for ch in text if ch.isalpha() and not ch.isascii()]
    if not letters:
        return 0.0, 0
    return sum(1 for ch in letters if ch in _ALPHABET) / len(letters), len(letters)


def _encode(text: str, codepage: str) -> bytes | None:
    """``text`` as the bytes it was read from; characters U+0080-U+009F stand for the bytes
    a Windows code page leaves undefined (readers pass them through), and U+FFFD (a reader
    that replaced them) for an unknown continuation byte."""
    try:
        return text.encode(codepage)
    except UnicodeEncodeError:
        pass
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode(codepage)
        except UnicodeEncodeError:
            if "\u0080" <= ch <= "\u009f":
                out.append(ord(ch))
            elif ch == "\ufffd":
                out.append(0x80)
            else:
                return None
    return bytes(out)


def mojibake(text: str) -> str | None:
    """``"<written> read as <read>"`` when ``text`` is mojibake, else ``None``. Of the
    mistakes that fit, the one whose decoding is the most Kazakh or Russian letters: text
    written in code page 866 and read as Windows-1252 also decodes, worse, as Windows-1251."""
    if _SUSPECT_RE.search(text) is None:
        return None
    own, own_letters = _share(text)
    best: tuple[float, str] | None = None
    for read_as, written in _MISTAKES:
        raw = _encode(text, read_as)
        if raw is None:
            continue
        decoded = raw.decode(written, errors="replace")
        if decoded == text or _DRAWING_RE.search(decoded):
            continue  # box-drawing and block signs are never text: not this mistake
        share, letters = _share(decoded)
        if letters < MIN_LETTERS or share < MIN_DECODED_SHARE:
            continue
        if letters < MIN_NON_ASCII * sum(1 for ch in decoded if ch.isalpha()):
            continue  # mostly ASCII text with a few accents or quotes (Spanish, English)
        if written == "utf-8":
            if decoded.count("\ufffd") > MAX_REPLACED * letters:
                continue
        elif (own > MAX_OWN_SHARE and share - own < MIN_GAIN
              and letters < MIN_LETTER_GAIN * own_letters):
            continue
        if best is None or share > best[0]:  # the likeliest mistake; on a tie, the first
            best = (share, f"{written} read as {read_as}")
    return None if best is None else best[1]


def code_pages(mistake: str) -> tuple[str, str]:
    """The names of the code page a ``mistake`` wrote the text in and the one it was read in."""
    written, read_as = mistake.split(" read as ")
    return CODE_PAGES.get(written, written), CODE_PAGES.get(read_as, read_as)


def repaired(text: str, mistake: str) -> str:
    """``text`` decoded as it was written, for a ``mistake`` that ``mojibake`` returned."""
    written, read_as = mistake.split(" read as ")
    raw = _encode(text, read_as)
    return text if raw is None else raw.decode(written, errors="replace")


def garbled(texts: Sequence[str]) -> tuple[list[tuple[int, str]], float]:
    """The texts that are mojibake, as (index, mistake), and the share of all non-space
    characters they hold (0 when there are none)."""
    found: list[tuple[int, str]] = []
    total = wrong = 0
    for n, text in enumerate(texts):
        size = len(text) - sum(1 for ch in text if ch.isspace())
        total += size
        mistake = mojibake(text)
        if mistake is not None:
            found.append((n, mistake))
            wrong += size
    return found, (wrong / total if total else 0.0)


def example(texts: Sequence[str], found: Sequence[tuple[int, str]]) -> tuple[int, str]:
    """Of ``found`` (``garbled``'s), the text to quote and its mistake: the mistake that holds
    the most characters, and its first text of at least 10 characters (a "№" read wrong says
    little, and a short text may pass for more than one mistake)."""
    weight: dict[str, int] = {}
    for n, mistake in found:
        weight[mistake] = weight.get(mistake, 0) + len(texts[n])
    mistake = max(weight, key=lambda m: weight[m])
    same = [n for n, m in found if m == mistake]
    return next((n for n in same if len(repaired(texts[n], mistake).strip()) >= 10),
                same[0]), mistake
