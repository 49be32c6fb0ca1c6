"""Any text in: a role from the vocabulary and a reason out, markings from the known set."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from validator.materials.markings import _MARKINGS, markings_in_line
from validator.materials.roles import ROLES, classify_role

CANONICAL = {m for m, _ in _MARKINGS}
TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=300)


@settings(max_examples=150, deadline=None)
@given(name=TEXT, lines=st.lists(TEXT, max_size=20), title=st.none() | TEXT)
def test_classify_any_text(name: str, lines: list[str], title: str | None) -> None:
    result = classify_role(name, lines, title)
    assert result.role in ROLES
    assert result.reason


@settings(max_examples=150, deadline=None)
@given(line=TEXT)
def test_markings_any_text(line: str) -> None:
    assert set(markings_in_line(line)) <= CANONICAL


@settings(max_examples=200, deadline=None)
@given(prefix=st.lists(st.sampled_from(["Экз.", "№", "2", "Дана", "1"]), max_size=3),
       marking=st.sampled_from(sorted(CANONICAL)))
def test_a_stamp_with_copy_numbers_is_found(prefix: list[str], marking: str) -> None:
    assert marking in markings_in_line(" ".join([marking, *prefix]))
