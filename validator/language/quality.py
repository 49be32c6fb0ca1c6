"""Kazakh text quality: words that mix scripts, legacy-encoding letters, lost Kazakh letters.

Each finding names the word (or sentence), where it starts in the original text, what kind of
defect it is and, when one exists, the corrected spelling.  Genuine Russian text must stay
silent, so the "Kazakh typed with Russian letters" case needs both positive Kazakh evidence and
a confident statistical verdict.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from validator.language.backend import Backend, default_backend
from validator.language.heuristic import gather
from validator.language.lexicon import FOREIGN_LOOKALIKES, KK_LETTERS, KZ1048_MOJIBAKE
from validator.language.normalize import WORD_RE, fix_word, normalise

LATIN_IN_CYRILLIC = "latin-in-cyrillic"
CYRILLIC_IN_LATIN = "cyrillic-in-latin"
KZ1048 = "kz1048-mojibake"
FOREIGN_LETTER = "foreign-letter"
NO_KAZAKH_LETTERS = "kazakh-without-kazakh-letters"

# A sentence must have this many Cyrillic words before it can be called Kazakh without letters.
MIN_WORDS_NO_LETTERS = 5
# ... and lingua must be this sure it is Kazakh.
MIN_CONFIDENCE_NO_LETTERS = 0.9

_KZ1048_MAP = str.maketrans(KZ1048_MOJIBAKE)
_FOREIGN_MAP = str.maketrans(FOREIGN_LOOKALIKES)
_SPECIAL_RE = re.compile("[" + "".join(KZ1048_MOJIBAKE) + "".join(FOREIGN_LOOKALIKES) + "]")
_WORD_WITH_SCRIPTS_RE = re.compile(r"[^\W\d_]+")
_SENTENCE_RE = re.compile(r"[^.!?…\n]+[.!?…]*")


@dataclass(frozen=True)
class MixedScriptWord:
    """One defective word (or, for lost Kazakh letters, sentence) and its fix."""

    word: str
    offset: int
    kind: str
    fix: str | None


def _word_findings(text: str) -> Iterator[MixedScriptWord]:
    for m in _WORD_WITH_SCRIPTS_RE.finditer(text):
        word = m.group()
        if _SPECIAL_RE.search(word):
            repaired = word.translate(_KZ1048_MAP)
            kind = KZ1048 if repaired != word else FOREIGN_LETTER
            repaired = repaired.translate(_FOREIGN_MAP)
            mixed = fix_word(repaired)
            yield MixedScriptWord(word, m.start(), kind, mixed[0] if mixed else repaired)
            continue
        mixed = fix_word(word)
        if mixed is not None:
            yield MixedScriptWord(word, m.start(), mixed[1], mixed[0])


def _lost_letters(text: str, backend: Backend | None) -> Iterator[MixedScriptWord]:
    for m in _SENTENCE_RE.finditer(text):
        sentence = m.group()
        clean = normalise(sentence)
        words = WORD_RE.findall(clean.lower())
        ev = gather(words)
        if (
            ev.cyrillic < MIN_WORDS_NO_LETTERS
            or ev.latin
            or ev.kk_letter
            or ev.ru_function
            or ev.kk_function + ev.kk_suffix < 2
            or any(not KK_LETTERS.isdisjoint(w) for w in words)
        ):
            continue
        conf = (backend or default_backend()).confidences(clean)
        if conf.get("kk", 0.0) >= MIN_CONFIDENCE_NO_LETTERS:
            lead = len(sentence) - len(sentence.lstrip())
            yield MixedScriptWord(sentence.strip(), m.start() + lead, NO_KAZAKH_LETTERS, None)


def mixed_script_words(text: str, backend: Backend | None = None) -> Iterator[MixedScriptWord]:
    """Yield the script defects of ``text`` in order: look-alike letters from another script,
    KZ-1048 letters read as Windows-1251, other alphabets' look-alikes, and sentences that
    read as Kazakh but carry no Kazakh letter at all."""
    found = list(_word_findings(text))
    found.extend(_lost_letters(text, backend))
    yield from sorted(found, key=lambda f: f.offset)
