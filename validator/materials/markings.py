"""Restricted-information markings (clause 15: such documents never go in an electronic package).

A marking is a stamp: «Для служебного пользования», «ДСП», «Қызмет бабында пайдалану үшін»
(«ҚБПҮ»), «Құпия», «Аса құпия», «Секретно», «Совершенно секретно», «Особой важности». It is
looked for where stamps are put: page headers and footers, the first lines of the body,
watermarks and document properties. The caller passes those texts with their location;
this module is pure.

Against false alarms, a line counts only when it reads like a stamp: the marking plus at most
`MAX_EXTRA_WORDS` other words, not counting copy numbers ("Экз. № 2", "Дана № 1") and
numbers. Ordinary sentences that mention the regime («в соответствии с Законом
«О государственных секретах»», «мемлекеттік құпиялар туралы заң», «документы с грифом «Для
служебного пользования» направляются на бумаге») have more words and are not markings, and
neither are «құпия сөз» (password), «құпиялар» (secrets, the noun) or «ДСП» as chipboard
(«плиты ДСП»).

Obfuscation is undone before matching: case, Latin look-alike letters inside Cyrillic words
(«ДCП» with a Latin C), and letters spaced or dotted apart («Д. С. П.», «С Е К Р Е Т Н О»).
"""

from __future__ import annotations

import re

MAX_EXTRA_WORDS = 4
# Latin (and other) look-alikes of Cyrillic letters, lower case.
_LOOKALIKES = str.maketrans({
    "a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "k": "к", "m": "м",
    "t": "т", "h": "н", "b": "в", "i": "і", "ə": "ә", "ı": "і", "u": "и", "n": "п",
})
_TOKEN = re.compile(r"[^\W_]+")

# (canonical marking, token sequences that spell it); longer phrases are tried first.
_MARKINGS: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...] = (
    ("Совершенно секретно", (("совершенно", "секретно"),)),
    ("Для служебного пользования", (("для", "служебного", "пользования"),)),
    ("Қызмет бабында пайдалану үшін", (("қызмет", "бабында", "пайдалану", "үшін"),)),
    ("Особой важности", (("особой", "важности"),)),
    ("Аса құпия", (("аса", "құпия"), ("аса", "кұпия"), ("аса", "купия"))),
    ("Секретно", (("секретно",),)),
    ("Құпия", (("құпия",), ("кұпия",), ("купия",))),
    ("ДСП", (("дсп",),)),
    ("ҚБПҮ", (("қбпү",), ("кбпү",), ("қбпу",))),
)
# Words that may stand beside a stamp without making it a sentence.
_IGNORABLE = frozenset({
    "экз", "экземпляр", "экземпляра", "дана", "данасы", "гриф", "грифом", "no", "nо", "пп",
    "п", "лист", "листов", "парақ", "бет",
})
# Words that turn a short line into something else.
_EXCLUDE = {
    "ДСП": re.compile(r"^(плит|лдсп|мдф|мебел|шкаф|стол|стел|панел|мм$)"),
    "Құпия": re.compile(r"^(сөз|соз|код|кілт|нөмір)"),
}


def _fold(word: str) -> str:
    """Map look-alike letters to Cyrillic when that leaves a purely Cyrillic word."""
    folded = word.translate(_LOOKALIKES)
    if all("\u0400" <= ch <= "\u04ff" or ch.isdigit() for ch in folded):
        return folded
    return word


def tokens(line: str) -> list[str]:
    """Lower-case word tokens, look-alikes folded, single letters spaced apart rejoined."""
    raw = [t.replace("ё", "е") for t in _TOKEN.findall(line.lower())]
    joined: list[str] = []
    run: list[str] = []
    for tok in [*raw, ""]:
        if len(tok) == 1 and not tok.isdigit():
            run.append(tok)
            continue
        if run:
            joined.extend(["".join(run)] if len(run) >= 3 else run)
            run = []
        if tok:
            joined.append(tok)
    return [_fold(t) for t in joined]


_FIRST_WORDS = frozenset(sp[0] for _, spellings in _MARKINGS for sp in spellings)


def _find_in_line(words: list[str]) -> list[tuple[str, int, int]]:
    found: list[tuple[str, int, int]] = []
    if not _FIRST_WORDS.intersection(words):
        return found
    taken = [False] * len(words)
    for marking, spellings in _MARKINGS:  # longer phrases first, so they take their words
        for spelling in spellings:
            n = len(spelling)
            for i in range(len(words) - n + 1):
                if tuple(words[i:i + n]) == spelling and not any(taken[i:i + n]):
                    found.append((marking, i, i + n))
                    for j in range(i, i + n):
                        taken[j] = True
    return found


def markings_in_line(line: str) -> list[str]:
    """Canonical markings that `line` carries as a stamp (empty for ordinary text)."""
    words = tokens(line)
    found = _find_in_line(words)
    if not found:
        return []
    covered = {j for _, start, end in found for j in range(start, end)}
    extra = [w for j, w in enumerate(words)
             if j not in covered and not w.isdigit() and w not in _IGNORABLE]
    if len(extra) > MAX_EXTRA_WORDS:
        return []
    result = []
    for marking, _, _ in sorted(found, key=lambda f: f[1]):
        exclude = _EXCLUDE.get(marking)
        if exclude and any(exclude.search(w) for w in extra):
            continue
        result.append(marking)
    return result
