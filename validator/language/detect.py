"""Language of a text block and of a whole document, by per-sentence voting.

Pipeline per sentence: repair look-alike letters, let the letter/function-word heuristic
settle confident cases, ask lingua (kk/ru/en) about the rest.  A block or document is the
word-weighted vote of its sentences: ``mixed`` when two languages each hold at least 20 % of
the words, ``undetermined`` when nothing could be decided (too little text is never guessed).
Text in a script other than Cyrillic or Latin (Kazakh in the Arabic script aside) and
mojibake are never given a language: their sentences stay undetermined, with the script or
the code-page mistake as the method, and when they hold as many words as the decided
sentences the whole text is undetermined.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from validator.language.backend import Backend, default_backend
from validator.language.heuristic import LONG_TEXT_WORDS, Evidence, judge, without_names
from validator.language.mojibake import mojibake
from validator.language.normalize import WORD_RE, normalise
from validator.language.scripts import CYRILLIC, LATIN

LANGUAGES = ("kk", "ru", "en")
# Share of the words that a second language must hold for "mixed" (the definition).
MIXED_SHARE = 0.2
# Short strings: lingua's top-1 minus top-2 confidence below this is too close to call.
SHORT_MARGIN = 0.5
# Words per chunk when a long sentence is searched for a missed language switch.
CHUNK_WORDS = 8

# Methods of sentences that no language may be given (a foreign script, mojibake).
BLOCKED = ("script:", "mojibake:")

_BILINGUAL_SEP_RE = re.compile(r"(?<=[^\W\d_.)»\"])\s+[/|]\s+(?=[«\"(]?[^\W_])")
_LONG_WORD_RE = re.compile(r"[^\W\d_]{4,}")
# A sentence ends at . ! ? … (maybe closed by a quote or bracket) followed by space and a
# capital letter or a digit, or at a newline.  Group 1 is the break to cut out.
_SENTENCE_END_RE = re.compile(
    r"[.!?…][\"»”)]?(\s+)(?=[«\"“(\[]?[A-Z0-9\u00c0-\u00de\u0400-\u042f\u0492\u049a\u04a2"
    r"\u04ae\u04b0\u04ba\u04d8\u04e8])|(\n\s*)"
)


@dataclass(frozen=True)
class LanguageResult:
    """Language of a text: the label, word shares, script, size and how it was decided."""

    language: str
    shares: Mapping[str, float] = field(default_factory=dict)
    script: str | None = None
    words: int = 0
    method: str = ""


@dataclass(frozen=True)
class SegmentLabel:
    """One sentence's label (None = undetermined), its word count and script counts."""

    language: str | None
    words: int
    cyrillic: int
    latin: int
    method: str
    other: int = 0
    other_script: str | None = None


def split_sentences(text: str) -> list[str]:
    """Split ``text`` into sentences; fragments under four words join their neighbour.

    A `` / `` or `` | `` after a word separates the two halves of a bilingual label
    ("Қорытынды / Заключение") when each half has a word of four letters or more; each half
    is split on its own and never merged across.
    """
    if _BILINGUAL_SEP_RE.search(text) is None:
        return _split_one(text)
    halves = _BILINGUAL_SEP_RE.split(text)
    if not all(_LONG_WORD_RE.search(h) for h in halves):  # units: "км / сағ", "тг / м²"
        return _split_one(text)
    return [s for half in halves for s in _split_one(half)]


def _split_one(text: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for m in _SENTENCE_END_RE.finditer(text):
        cut = m.start(1) if m.group(1) is not None else m.start(2)
        end = m.end(1) if m.group(1) is not None else m.end(2)
        parts.append(text[start:cut])
        start = end
    parts.append(text[start:])
    parts = [p for p in parts if p and not p.isspace()]
    if len(parts) <= 1:
        return parts
    merged: list[str] = []
    for part in parts:
        if merged and (
            len(WORD_RE.findall(merged[-1])) < LONG_TEXT_WORDS
            or len(WORD_RE.findall(part)) < LONG_TEXT_WORDS
        ):
            merged[-1] = merged[-1] + " " + part
        else:
            merged.append(part)
    return merged


def _tie_break(ev: Evidence) -> str | None:
    """Function words settle a close call; word endings alone are too weak: undetermined."""
    if ev.kk_function > ev.ru_function:
        return "kk"
    if ev.ru_function > ev.kk_function:
        return "ru"
    return None


def classify_segment(text: str, backend: Backend | None = None) -> SegmentLabel:
    """Label one already-normalised sentence or short string."""
    return _classify(text, WORD_RE.findall(text), backend)[0]


def label_segment(text: str, backend: Backend | None = None) -> list[SegmentLabel]:
    """Label one sentence; a long one holding evidence of both Kazakh and Russian is also
    cut into word chunks, and chunks that confidently disagree keep their own label (a
    sentence boundary the splitter missed: no final stop, lower-case start)."""
    original = WORD_RE.findall(text)
    whole, ev = _classify(text, original, backend)
    if len(original) < 2 * CHUNK_WORDS or not (ev.kk_letter and ev.ru_function):
        return [whole]
    chunks = [original[i : i + CHUNK_WORDS] for i in range(0, len(original), CHUNK_WORDS)]
    if len(chunks[-1]) < LONG_TEXT_WORDS:
        chunks[-2].extend(chunks.pop())
    verdicts = [judge([w.lower() for w in chunk], chunk) for chunk in chunks]
    found = {v.language for v in verdicts if v.language in ("kk", "ru")}
    if len(found) < 2:
        return [whole]
    return [
        SegmentLabel(
            v.language or whole.language, v.evidence.words, v.evidence.cyrillic,
            v.evidence.latin, "chunks",
        )
        for v in verdicts
    ]


def _classify(
    text: str, original: list[str], backend: Backend | None
) -> tuple[SegmentLabel, Evidence]:
    verdict = judge([w.lower() for w in original], original, text)
    ev = verdict.evidence
    garbled = mojibake(text) if ev.words else None
    if garbled is not None:
        return _label(None, ev, f"mojibake:{garbled}"), ev
    if verdict.language is not None or ev.words == 0 or verdict.reason.startswith(BLOCKED):
        return _label(verdict.language, ev, verdict.reason), ev
    query = without_names(text) if verdict.reason == "kk-names-only" else text
    conf = (backend or default_backend()).confidences(query)
    ranked = sorted(conf.items(), key=lambda kv: kv[1], reverse=True)
    (top, p1), (_, p2) = ranked[0], ranked[1]
    if p1 <= 0.0:
        language, method = _tie_break(ev), "lingua-empty"
    elif ev.words >= LONG_TEXT_WORDS or p1 - p2 >= SHORT_MARGIN:
        language, method = top, "lingua"
    else:
        language, method = _tie_break(ev), "lingua-close"
    return _label(language, ev, method), ev


def _label(language: str | None, ev: Evidence, method: str) -> SegmentLabel:
    return SegmentLabel(language, ev.words, ev.cyrillic, ev.latin, method, ev.other,
                        ev.other_script)


def _script(counts: Mapping[str, int]) -> str | None:
    """The script of most words; ``mixed`` when two scripts each hold >= 20 % of them."""
    total = sum(counts.values())
    if total == 0:
        return None
    if sum(1 for n in counts.values() if n >= MIXED_SHARE * total) >= 2:
        return "mixed"
    return max(counts, key=lambda k: counts[k])


def vote(labels: Sequence[SegmentLabel]) -> LanguageResult:
    """Combine sentence labels into one result, weighting each by its words."""
    counts = dict.fromkeys(LANGUAGES, 0)
    scripts = {CYRILLIC: 0, LATIN: 0}
    blocked: dict[str, int] = {}
    words = 0
    for seg in labels:
        words += seg.words
        scripts[CYRILLIC] += seg.cyrillic
        scripts[LATIN] += seg.latin
        if seg.other_script is not None:
            scripts[seg.other_script] = scripts.get(seg.other_script, 0) + seg.other
        if seg.language is not None:
            counts[seg.language] += seg.words
        elif seg.method.startswith(BLOCKED):
            blocked[seg.method] = blocked.get(seg.method, 0) + seg.words
    decided = sum(counts.values())
    script = _script(scripts)
    if blocked and sum(blocked.values()) >= decided:
        method = max(blocked, key=lambda k: blocked[k])
        return LanguageResult("undetermined", {}, script, words, method)
    if decided == 0:
        method = labels[0].method if len(labels) == 1 else "no-decided-sentence"
        return LanguageResult("undetermined", {}, script, words, method)
    shares = {lang: round(n / decided, 2) for lang, n in counts.items() if n}
    major = [lang for lang, n in counts.items() if n >= MIXED_SHARE * decided]
    language = "mixed" if len(major) >= 2 else max(counts, key=lambda k: counts[k])
    if len(labels) == 1:
        method = labels[0].method
    else:
        tally = ",".join(
            f"{lang}={sum(1 for s in labels if s.language == lang)}"
            for lang in LANGUAGES
            if counts[lang]
        )
        method = f"votes:{tally}"
    return LanguageResult(language, shares, script, words, method)


def label_text(text: str, backend: Backend | None = None) -> list[SegmentLabel]:
    """Sentence labels of one text block; a block that is mojibake as a whole is one
    undetermined label (checked before the look-alike repair, which would blur it)."""
    garbled = mojibake(text)
    if garbled is not None:
        original = WORD_RE.findall(text)
        ev = judge([w.lower() for w in original]).evidence
        return [_label(None, ev, f"mojibake:{garbled}")]
    clean = normalise(text)
    return [label for s in split_sentences(clean) for label in label_segment(s, backend)]


def detect(text: str, backend: Backend | None = None) -> LanguageResult:
    """Language of one text block (a paragraph, a slide's text, a cell)."""
    labels = label_text(text, backend)
    if not labels:
        return LanguageResult("undetermined", {}, None, 0, "no-words")
    return vote(labels)


def detect_document(blocks: Iterable[str], backend: Backend | None = None) -> LanguageResult:
    """Language of a whole document from its text blocks, by word-weighted voting."""
    labels: list[SegmentLabel] = []
    for block in blocks:
        labels.extend(label_text(block, backend))
    if not labels:
        return LanguageResult("undetermined", {}, None, 0, "no-words")
    return vote(labels)
