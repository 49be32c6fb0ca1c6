"""Properties that hold for any text: no crash, well-formed results, stable repairs."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from validator.language import language_from_filename, mixed_script_words
from validator.language.detect import detect
from validator.language.normalize import normalise
from validator.language.parity import compare_units, extract_figures

ALPHABET = st.sampled_from(
    [
        *"абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіАӘҒҚҢӨҰҮҺІ",
        *"aeiocpxyYIЌЇЅ .,;:!?«»\"-0123456789\n",
        "\u200b", "\u00ad", "\u00a0", "жыл", "и", "в", "және", "the",
    ]
)
TEXT = st.lists(ALPHABET, max_size=80).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_detect_is_total_and_well_formed(text: str) -> None:
    r = detect(text)
    assert r.language in ("kk", "ru", "en", "mixed", "undetermined")
    assert r.script in ("cyrillic", "latin", "mixed", None)
    assert r.words >= 0
    if r.language == "undetermined":
        assert not r.shares
    else:
        assert abs(sum(r.shares.values()) - 1.0) <= 0.02
        assert all(0 < v <= 1 for v in r.shares.values())
    if r.language == "mixed":
        assert sum(v >= 0.2 for v in r.shares.values()) >= 2


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_defects_point_into_the_text(text: str) -> None:
    for f in mixed_script_words(text):
        assert text[f.offset : f.offset + len(f.word)] == f.word


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_a_text_equals_itself(text: str) -> None:
    assert compare_units(text, text).equal
    for f in extract_figures(text):
        assert f.value


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_filename_never_fails(name: str) -> None:
    assert language_from_filename(name) in ("kk", "ru", None)
