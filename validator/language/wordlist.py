"""The Kazakh word list shipped with the package, and respelling searches against it.

``kk_words.txt.gz`` holds 1.17 million lower-case Kazakh word forms, expanded from Debian's
``hunspell-kk`` dictionary by ``scripts/build_kk_lexicon.py`` (MPL-1.1, see
``kk_words.LICENSE.txt``).  It ships inside the package so that verdicts never depend on what
the machine has installed.  The forms are sorted by their UTF-8 bytes and kept as one bytes
object (about 28 MB once decompressed, read on first use and kept for the process); lookups
binary-search the bytes directly, so no million small strings are ever built.

The word list is a spelling dictionary, not a complete one: forms with two or more endings
(``маусымына``) are often missing, so "not in the list" never makes a word wrong by itself.
A word is only judged wrong when a respelling of it *is* in the list.
"""

from __future__ import annotations

import functools
import zlib
from collections.abc import Mapping
from importlib import resources

RESOURCE = "kk_words.txt.gz"
GZIP_WBITS = 31  # zlib: a gzip header and trailer
# Respellings tried at most per word (a long word with many ambiguous letters).
MAX_STEPS = 4000


@functools.cache
def _data() -> bytes:
    """The decompressed word list, read once per process.  The gzip trailer's size lets zlib
    allocate the output once (gzip.decompress would grow it and peak at twice the size)."""
    raw = resources.files("validator.language").joinpath(RESOURCE).read_bytes()
    size = int.from_bytes(raw[-4:], "little")  # ISIZE: the uncompressed size mod 2**32
    data = zlib.decompress(raw, GZIP_WBITS, max(size, 1))
    if not data.endswith(b"\n"):
        raise ValueError(f"{RESOURCE} is damaged: reinstall the package")
    return data


def _lower_bound(data: bytes, key: bytes) -> int:
    """Offset of the first line of ``data`` that sorts at or after ``key``."""
    lo, hi = 0, len(data)
    while lo < hi:
        mid = (lo + hi) // 2
        start = data.rfind(b"\n", lo, mid) + 1 if mid > lo else lo
        start = max(start, lo)
        end = data.find(b"\n", start)
        if data[start:end] < key:
            lo = end + 1
        else:
            hi = start
    return lo


def is_word(word: str) -> bool:
    """Is ``word`` (any case) a Kazakh word form of the list?"""
    key = word.lower().encode("utf-8")
    data = _data()
    return data.startswith(key + b"\n", _lower_bound(data, key))


def is_form(word: str, endings: tuple[str, ...], depth: int = 3) -> bool:
    """Is ``word`` a word of the list, or one with up to ``depth`` of ``endings`` added
    (the stem left has two letters at least)?"""
    low = word.lower()
    if is_word(low):
        return True
    if depth == 0:
        return False
    return any(
        low.endswith(e) and len(low) - len(e) >= 2 and is_form(low[: -len(e)], endings, depth - 1)
        for e in endings
    )


def has_prefix(prefix: str) -> bool:
    """Does any word of the list begin with ``prefix`` (lower case)?"""
    key = prefix.encode("utf-8")
    data = _data()
    return data.startswith(key, _lower_bound(data, key))


def respell(word: str, choices: Mapping[str, str], keep: bool = True) -> tuple[str, ...]:
    """The words of the list reached from ``word`` by replacing letters with their
    ``choices`` (letter -> the letters it may stand for, likeliest first), with the fewest
    replacements; empty when there is none.  ``keep=False`` means a letter with choices must
    be replaced (a letter of no alphabet).  Ties are all returned, ordered by how likely
    their letters are (``кол`` -> ``көл``, ``қол``: both words).  The case of the first
    letter (or of the whole word, when it is all capitals) is kept.  The search walks the word
    letter by letter and drops every prefix that no word begins with, so it stays small even
    for long words."""
    low = word.lower()
    found: list[tuple[int, int, str]] = []
    steps = 0

    def walk(prefix: str, i: int, changes: int, rank: int) -> None:
        nonlocal steps
        steps += 1
        if steps > MAX_STEPS:
            return
        if i == len(low):
            if changes and is_word(prefix):
                found.append((changes, rank, prefix))
            return
        ch = low[i]
        alts = choices.get(ch, "")
        options = [(ch, 0)] if keep or not alts else []
        options.extend((alt, n) for n, alt in enumerate(alts))
        for alt, n in options:
            candidate = prefix + alt
            if has_prefix(candidate):
                walk(candidate, i + 1, changes + (alt != ch), rank + n)

    walk("", 0, 0, 0)
    if not found:
        return ()
    fewest = min(c for c, _, _ in found)
    best = sorted((r, w) for c, r, w in found if c == fewest)
    return tuple(case_like(word, w) for _, w in best)


def case_like(model: str, word: str) -> str:
    """``word`` in the case of ``model``: all capitals, a capital first letter, or lower."""
    if len(model) > 1 and model.isupper():
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word

