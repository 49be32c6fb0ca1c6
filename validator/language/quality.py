"""Kazakh text quality: words that mix scripts, legacy-encoding letters, lost Kazakh letters.

Each finding names the word, where it starts in the original text, what kind of defect it is
and, when one exists, the corrected spelling.  Lost Kazakh letters (Kazakh typed on a Russian
keyboard) and letters of no alphabet (left by pseudo-Unicode "Kazakh" fonts) are judged per
word against the shipped Kazakh word list: a word is flagged only when it is not a Kazakh word
while a respelling with Kazakh letters is (``уакыт`` -> ``уақыт``), so correct Kazakh that
happens to need none of its own letters («Мектептер мен ауруханалар жылыту маусымына дайын»)
stays silent.  Lost letters are looked for only in sentences read as Kazakh, so Russian words
that a respelling turns into Kazakh ones (``как`` -> ``қақ``) are never flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from validator.language.backend import Backend
from validator.language.defects import FOREIGN_LETTER, KZ1048, NO_KAZAKH_LETTERS
from validator.language.detect import classify_segment
from validator.language.heuristic import judge
from validator.language.lexicon import (
    FOREIGN_LOOKALIKES,
    KEYBOARD_LOSSES,
    KK_ENDINGS,
    KK_LETTERS,
    KZ1048_MOJIBAKE,
    PSEUDO_UNICODE_LIKELY,
    RU_LETTERS,
)
from validator.language.normalize import WORD_RE, fix_word, is_cyrillic, normalise
from validator.language.wordlist import case_like, is_form, is_word, respell

# Shorter words are not judged (abbreviations: км, ад).
MIN_LETTERS = 3
# Words with lost letters a text needs, when it writes other Kazakh letters, to be flagged.
MIN_LOST_WORDS = 2
# Respellings named in a finding at most (``кол`` -> ``көл / қол``).
MAX_SUGGESTIONS = 2
_ALPHABET = RU_LETTERS | KK_LETTERS
_KK_LOWER = "әғқңөұүһі"

_KZ1048_MAP = str.maketrans(KZ1048_MOJIBAKE)
_FOREIGN_MAP = str.maketrans(FOREIGN_LOOKALIKES)
_SPECIAL_RE = re.compile("[" + "".join(KZ1048_MOJIBAKE) + "".join(FOREIGN_LOOKALIKES) + "]")
_WORD_WITH_SCRIPTS_RE = re.compile(r"[^\W\d_]+")
_SENTENCE_RE = re.compile(r"[^.!?…\n]+[.!?…]*")
_FIRST_WORD_RE = re.compile(r"[\s«\"“(\[\-–—]*")


@dataclass(frozen=True)
class MixedScriptWord:
    """One defective word, where it starts, the kind of defect and its fix."""

    word: str
    offset: int
    kind: str
    fix: str | None


def _stray_letters(word: str) -> set[str]:
    """Cyrillic letters of ``word`` that belong to neither the Kazakh nor the Russian
    alphabet (and are not a known KZ-1048 or look-alike substitute)."""
    return {ch for ch in word if is_cyrillic(ch) and ch.isalpha() and ch not in _ALPHABET}


def _stray_fix(word: str, stray: set[str]) -> str | None:
    """The Kazakh word meant by a word with letters of no alphabet, when the word list
    knows it (``кӛмек`` -> ``көмек``)."""
    choices = {}
    for ch in {c.lower() for c in stray}:
        likely = PSEUDO_UNICODE_LIKELY.get(ch, "")
        choices[ch] = likely + "".join(k for k in _KK_LOWER if k not in likely)
    found = respell(word, choices, keep=False)
    return found[0] if found else None  # the font's letter is known: one reading


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
        stray = _stray_letters(word)
        if stray:
            fix = _stray_fix(word, stray)
            if fix is not None:
                yield MixedScriptWord(word, m.start(), FOREIGN_LETTER, fix)
            continue
        mixed = fix_word(word)
        if mixed is not None:
            yield MixedScriptWord(word, m.start(), mixed[1], mixed[0])


def keyboard_respelling(word: str, lacking: str = _KK_LOWER) -> str | None:
    """The Kazakh spelling of a word typed without (some of) its Kazakh letters (``уакыт``
    -> ``уақыт``, ``колыңыз`` -> ``қолыңыз``), putting in only the ``lacking`` letters; or
    ``None`` when the word is a Kazakh word as it stands, has letters outside the Kazakh and
    Russian alphabets, or no respelling is a Kazakh word."""
    choices = {k: "".join(a for a in v if a in lacking) for k, v in KEYBOARD_LOSSES.items()}
    low = word.lower()
    if (
        len(word) < MIN_LETTERS
        or not any(choices.get(ch) for ch in low)
        or not all(ch in _ALPHABET for ch in word)
        or is_form(word, KK_ENDINGS)
    ):
        return None
    found = respell(word, choices)
    if not found and word[:1].islower():  # names (Даниден, Шика) get no extra ending
        found = _respell_with_ending(word, choices)
    return " / ".join(found[:MAX_SUGGESTIONS]) if found else None


def _respell_with_ending(word: str, choices: Mapping[str, str]) -> tuple[str, ...]:
    """A respelling as a word of the list plus one more ending, both respelled (the list
    holds one ending at most: ``провинциясынын`` -> ``провинциясы`` + ``ның``)."""
    low = word.lower()
    found: list[tuple[int, str]] = []
    for ending in KK_ENDINGS:
        if len(low) - len(ending) < MIN_LETTERS:
            continue
        tail = low[-len(ending):]
        if not all(a == b or a in choices.get(b, "") for a, b in zip(ending, tail, strict=True)):
            continue
        head = low[: -len(ending)]
        heads = (head,) if is_word(head) else respell(head, choices)[:1]
        for h in heads:
            changes = _changes(h, head) + _changes(ending, tail)
            if changes:
                found.append((changes, h + ending))
    if not found:
        return ()
    fewest = min(c for c, _ in found)
    return tuple(dict.fromkeys(case_like(word, w) for c, w in sorted(found) if c == fewest))


def _changes(a: str, b: str) -> int:
    return sum(1 for x, y in zip(a, b, strict=True) if x != y)


def _lost_letters(text: str, backend: Backend | None) -> Iterator[MixedScriptWord]:
    """Words that a respelling with Kazakh letters makes Kazakh, in sentences read as Kazakh.

    A word counts only when the Kazakh letters its respelling puts in are used nowhere in the
    text: a writer whose keyboard lacks ``қ`` loses it in every word, while a Kazakh text
    that writes ``қ`` elsewhere and has ``кандала`` or ``каталан`` holds a loanword or a
    name, not a lost letter.  A single such word in a text that does write Kazakh letters is
    a loanword too (``пул``, ``тажин``, ``каталан`` twice): one lost letter shows in two
    different words at least.
    """
    # the Kazakh letters the writer can type (Latin i for і and KZ-1048 letters count)
    used = set(normalise(text).lower()) & set(_KK_LOWER)
    lacking = "".join(k for k in _KK_LOWER if k not in used)
    if not lacking:
        return
    found: list[MixedScriptWord] = []
    for m in _SENTENCE_RE.finditer(text):
        sentence = m.group()
        clean = normalise(sentence)
        original = WORD_RE.findall(clean)
        verdict = judge([w.lower() for w in original], original, clean).language
        if verdict != "kk" and (verdict is not None
                                or classify_segment(clean, backend).language != "kk"):
            continue  # the heuristic first, lingua only when it is open (as detect does)
        first = _FIRST_WORD_RE.match(sentence)
        first_at = first.end() if first else 0
        candidates: list[MixedScriptWord] = []
        for w in _WORD_WITH_SCRIPTS_RE.finditer(sentence):
            word = w.group()
            if word[:1].isupper() and w.start() > first_at and not word.isupper():
                continue  # a name inside the sentence (Гана, not ғана)
            fix = keyboard_respelling(word, lacking)
            if fix is None:
                continue
            candidates.append(MixedScriptWord(word, m.start() + w.start(), NO_KAZAKH_LETTERS, fix))
        found.extend(candidates)
    if len({f.word.lower() for f in found}) >= MIN_LOST_WORDS or (found and not used):
        yield from found


def mixed_script_words(text: str, backend: Backend | None = None) -> Iterator[MixedScriptWord]:
    """Yield the script defects of ``text`` in order: look-alike letters from another script,
    KZ-1048 letters read as Windows-1251, other alphabets' look-alikes and letters of no
    alphabet, and words of Kazakh sentences typed without their Kazakh letters."""
    found = list(_word_findings(text))
    found.extend(_lost_letters(text, backend))
    yield from sorted(found, key=lambda f: f.offset)
