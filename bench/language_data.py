"""Benchmark data for language identification and parity, derived from FLORES-200 devtest.

Short strings (1-3 words, stand-ins for slide titles and table cells) are contiguous word
windows of the sentences, punctuation stripped, drawn with a seeded generator.  Mixed
paragraphs join one Kazakh sentence with an unrelated Russian one, in both orders.  Planted
parity defects change one digit of one number, or the month of a date, on one side.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "text"
FILES = {
    "kk": "flores200-devtest.kaz_Cyrl.txt",
    "ru": "flores200-devtest.rus_Cyrl.txt",
    "en": "flores200-devtest.eng_Latn.txt",
}
_TOKEN_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_LETTER_RE = re.compile(r"[^\W\d_]")


def sentences(lang: str) -> list[str]:
    """The 1,012 devtest sentences of one language (line N is parallel across languages)."""
    return (CORPUS / FILES[lang]).read_text(encoding="utf-8").splitlines()


def short_strings(lang: str, n_words: int, seed: int = 7) -> list[str]:
    """One random window of ``n_words`` tokens per sentence that has enough letter tokens."""
    rng = random.Random(f"{seed}-{lang}-{n_words}")
    out: list[str] = []
    for sentence in sentences(lang):
        tokens = [t for t in _TOKEN_RE.findall(sentence) if _LETTER_RE.search(t)]
        if len(tokens) < n_words:
            continue
        start = rng.randrange(len(tokens) - n_words + 1)
        out.append(" ".join(tokens[start : start + n_words]))
    return out


_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def mixed_paragraphs() -> list[tuple[str, bool]]:
    """(kk sentence + unrelated ru sentence) in both orders, with the gold answer: mixed
    when each language holds at least 20 % of the words (the issue's definition)."""
    kk, ru = sentences("kk"), sentences("ru")
    n = len(kk)
    out: list[tuple[str, bool]] = []
    for i in range(n):
        j = (i + n // 2) % n
        a, b = len(_WORD_RE.findall(kk[i])), len(_WORD_RE.findall(ru[j]))
        gold = min(a, b) >= 0.2 * (a + b)
        out.append((kk[i] + " " + ru[j], gold))
        out.append((ru[j] + " " + kk[i], gold))
    return out


def single_language_paragraphs(lang: str) -> list[str]:
    """Two consecutive sentences of one language, for the false "mixed" rate."""
    s = sentences(lang)
    return [s[i] + " " + s[i + 1] for i in range(0, len(s) - 1)]


_MONTH_WORD_RE = re.compile(
    r"(?<=\d )(января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|"
    r"декабря|қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|"
    r"желтоқсан)"
)
_RU_SWAP = {"января": "февраля", "февраля": "марта", "марта": "апреля", "апреля": "мая",
            "мая": "июня", "июня": "июля", "июля": "августа", "августа": "сентября",
            "сентября": "октября", "октября": "ноября", "ноября": "декабря",
            "декабря": "января"}
_KK_SWAP = {"қаңтар": "ақпан", "ақпан": "наурыз", "наурыз": "сәуір", "сәуір": "мамыр",
            "мамыр": "маусым", "маусым": "шілде", "шілде": "тамыз", "тамыз": "қыркүйек",
            "қыркүйек": "қазан", "қазан": "қараша", "қараша": "желтоқсан",
            "желтоқсан": "қаңтар"}


@dataclass(frozen=True)
class PlantedPair:
    """A FLORES kk/ru pair with one figure changed on one side."""

    kk: str
    ru: str
    side: str
    change: str


def planted_pairs(seed: int = 11) -> list[PlantedPair]:
    """For every pair with a digit: one digit changed (and, where a month name follows a day
    number, a second item with the month changed), alternating the side changed."""
    rng = random.Random(seed)
    out: list[PlantedPair] = []
    for i, (kk, ru) in enumerate(zip(sentences("kk"), sentences("ru"), strict=True)):
        side = "kk" if i % 2 else "ru"
        text = kk if side == "kk" else ru
        digits = [m.start() for m in re.finditer(r"\d", text)]
        if not digits:
            continue
        pos = rng.choice(digits)
        new = rng.choice([d for d in "0123456789" if d != text[pos]])
        changed = text[:pos] + new + text[pos + 1 :]
        out.append(_pair(kk, ru, side, changed, f"digit {text[pos]}->{new}"))
        m = _MONTH_WORD_RE.search(text)
        if m:
            swap = _RU_SWAP if side == "ru" else _KK_SWAP
            changed = text[: m.start()] + swap[m.group(1)] + text[m.end() :]
            out.append(_pair(kk, ru, side, changed, f"month {m.group(1)}"))
    return out


def _pair(kk: str, ru: str, side: str, changed: str, change: str) -> PlantedPair:
    new_kk = changed if side == "kk" else kk
    new_ru = changed if side == "ru" else ru
    return PlantedPair(new_kk, new_ru, side, change)


def genuine_pairs_with_figures() -> list[tuple[str, str]]:
    """FLORES kk/ru pairs where either side has a digit."""
    return [
        (kk, ru)
        for kk, ru in zip(sentences("kk"), sentences("ru"), strict=True)
        if re.search(r"\d", kk + ru)
    ]


_LATIN_2021 = dict(zip(
    "аәбвгғдежзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
    ["a", "ä", "b", "v", "g", "ğ", "d", "e", "j", "z", "i", "i", "k", "q", "l", "m", "n", "ñ",
     "o", "ö", "p", "r", "s", "t", "u", "ū", "ü", "f", "h", "h", "ts", "ch", "ş", "şş", "", "y",
     "ı", "", "e", "iu", "ia"],
    strict=True,
))


def _latin(text: str) -> str:
    out = []
    for ch in text:
        low = ch.lower()
        rep = _LATIN_2021.get(low)
        if rep is None:
            out.append(ch)
        else:
            out.append(rep.capitalize() if ch != low else rep)
    return "".join(out)


def damaged_kazakh() -> dict[str, list[str]]:
    """FLORES kk sentences with the real defects of Kazakh text (spec section 4)."""
    kk = sentences("kk")
    latin_i = str.maketrans({"і": "i", "І": "I", "Ү": "Y"})
    mojibake = str.maketrans({"Қ": "Ќ", "қ": "ќ", "Һ": "Ћ", "һ": "ћ", "Ұ": "Ў", "ұ": "ў",
                              "Ә": "Ј", "ә": "ј", "Ө": "Ґ", "ө": "ґ", "Ғ": "Є", "ғ": "є",
                              "Ү": "Ї", "ү": "ї", "Ң": "Ѕ", "ң": "ѕ"})
    no_letters = str.maketrans("әқңөұүіғһӘҚҢӨҰҮІҒҺ", "акноууигхАКНОУУИГХ")
    return {
        "Latin i/Y for і/Ү": [s.translate(latin_i) for s in kk],
        "KZ-1048 read as cp1251": [s.translate(mojibake) for s in kk],
        "typed without Kazakh letters": [s.translate(no_letters) for s in kk],
        "Kazakh Latin alphabet (2021)": [_latin(s) for s in kk],
    }
