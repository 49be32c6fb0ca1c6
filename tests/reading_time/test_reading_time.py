"""Reading-time estimate: syllable counts per language and minutes at the profile rate."""

from __future__ import annotations

from pathlib import Path

import pytest

from validator.materials.reading_time import (
    SpeechRate,
    count_syllables,
    count_words,
    estimate_reading,
)

RATE = SpeechRate("syllables", {"kk": 280, "ru": 280, "default": 280}, 2.0, "test")
WORDS = SpeechRate("words", {"kk": 95, "ru": 110}, 2.0, "test")
FLORES = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "text"


@pytest.mark.parametrize(
    ("text", "syllables"),
    [
        ("Доклад", 2),
        ("Заседание акимата", 5 + 4),
        ("Ёлка", 2),
        ("Баяндама", 4),
        ("Өскемен қаласы әкімдігінің", 3 + 3 + 5),
        ("Құрметті әріптестер!", 3 + 4),
        ("", 0),
        ("— , . ;", 0),
        ("2025 жыл", 4 * 2 + 1),
        ("Excel Microsoft", 2 + 3),
        ("ЖҚТБ", 0),  # letters spelled out are not counted: an accepted underestimate
    ],
)
def test_count_syllables(text: str, syllables: float) -> None:
    assert count_syllables(text, 2.0) == syllables


def test_count_words() -> None:
    assert count_words("Өскемен қаласы, 2025 жылғы 1,5 млрд теңге — кәсіп-орын") == 8


def test_minutes_at_the_rate() -> None:
    text = "баяндама " * 700  # 4 syllables each: 2800 syllables
    estimate = estimate_reading(text, "kk", RATE)
    assert estimate.amount == 2800
    assert estimate.minutes == pytest.approx(10.0)
    assert (estimate.unit, estimate.rate, estimate.language) == ("syllables", 280.0, "kk")


def test_words_per_minute_alternative() -> None:
    estimate = estimate_reading("слово " * 1100, "ru", WORDS)
    assert estimate.minutes == pytest.approx(10.0)
    assert estimate.unit == "words"


def test_default_rate_and_missing_rate() -> None:
    assert estimate_reading("доклад", "mixed", RATE).rate == 280
    with pytest.raises(ValueError, match="no positive speech rate"):
        estimate_reading("доклад", "mixed", WORDS)


@pytest.mark.corpus
@pytest.mark.parametrize(("lang", "name", "per_word"), [("ru", "rus_Cyrl", 2.58),
                                                          ("kk", "kaz_Cyrl", 2.90)])
def test_syllables_per_word_on_flores(lang: str, name: str, per_word: float) -> None:
    # The figures that justify the default rate (docstring of validator.materials.reading_time).
    path = FLORES / f"flores200-devtest.{name}.txt"
    if not path.exists():
        pytest.skip(f"corpus file missing: {path}")
    text = path.read_text(encoding="utf-8")
    letters_only = "".join(ch for ch in text if not ch.isdigit())
    words = len([w for w in letters_only.split() if any(c.isalpha() for c in w)])
    ratio = count_syllables(letters_only, 0) / words
    assert ratio == pytest.approx(per_word, abs=0.06)


def test_parallel_texts_take_similar_time() -> None:
    # FLORES line 1 in both languages: a syllable rate keeps them within 25% of each other.
    path_ru = FLORES / "flores200-devtest.rus_Cyrl.txt"
    path_kk = FLORES / "flores200-devtest.kaz_Cyrl.txt"
    if not (path_ru.exists() and path_kk.exists()):
        pytest.skip("FLORES corpus missing")
    ru = path_ru.read_text(encoding="utf-8")
    kk = path_kk.read_text(encoding="utf-8")
    minutes_ru = estimate_reading(ru, "ru", RATE).minutes
    minutes_kk = estimate_reading(kk, "kk", RATE).minutes
    assert 0.8 < minutes_kk / minutes_ru < 1.25
