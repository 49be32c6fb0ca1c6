"""Numbers, dates and numbered structure of a kk and a ru text, and their comparison.

The two texts of a draft must carry the same figures (clause 22).  Figures are written
differently in each language, so each side is normalised before comparing:

* thousands separated by (narrow) spaces -> one number (``4 589 731`` -> ``4589731``);
* decimal comma -> dot, leading zeros dropped (``09`` -> ``9``, ``2,50`` -> ``2.5``);
* ``dd.mm.yyyy`` -> day, month and year;
* Kazakh case suffixes after a hyphen are dropped (``18-інде`` -> ``18``);
* a month name next to a day number -> its month number (``9 желтоқсандағы``,
  ``мамырдың 18-інде``, ``31 декабря``); alone, a month name is an ordinary word
  (``қазан`` is also Kazan, ``маусым`` also a season).

Numbers are compared as multisets per aligned unit (numbered item, slide, table row), so the
order of words, which differs between the languages, does not matter.
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from validator.language.numbers import Figure, extract_figures, spelled_numbers
from validator.language.structure import (
    Marker,
    NumberedItem,
    align_items,
    extract_markers,
    split_items,
)

__all__ = [
    "Figure",
    "Marker",
    "NumberedItem",
    "TextMarks",
    "UnitDiff",
    "align_items",
    "compare_structure",
    "compare_units",
    "extract_figures",
    "extract_markers",
    "length_ratio",
    "spelled_numbers",
    "split_items",
    "text_marks",
]


@dataclass(frozen=True, slots=True)
class TextMarks:
    """What pairing compares of a whole text: its numbered markers and its figures (normalised
    values), each in reading order. Small, so a worker can send it instead of the text being
    read again."""

    markers: tuple[str, ...]
    figures: tuple[str, ...]


def text_marks(text: str) -> TextMarks:
    """The numbered markers and figures of ``text``."""
    return TextMarks(tuple(m.label for m in extract_markers(text)),
                     tuple(f.value for f in extract_figures(text)))


@dataclass(frozen=True)
class UnitDiff:
    """What one side of an aligned kk/ru pair has that the other lacks."""

    kk_only: tuple[Figure, ...]
    ru_only: tuple[Figure, ...]
    kk_markers_only: tuple[Marker, ...]
    ru_markers_only: tuple[Marker, ...]

    @property
    def equal(self) -> bool:
        """True when numbers, dates and markers agree."""
        return not (self.kk_only or self.ru_only or self.kk_markers_only or self.ru_markers_only)


def _multiset_diff(a: Sequence[Figure], b: Sequence[Figure]) -> tuple[list[Figure], list[Figure]]:
    extra_a = Counter(f.value for f in a) - Counter(f.value for f in b)
    extra_b = Counter(f.value for f in b) - Counter(f.value for f in a)

    def pick(figures: Sequence[Figure], extra: Counter[str]) -> list[Figure]:
        out: list[Figure] = []
        left = Counter(extra)
        for f in reversed(figures):  # report the last occurrences, the usual odd ones out
            if left[f.value] > 0:
                out.append(f)
                left[f.value] -= 1
        return sorted(out, key=lambda f: f.offset)

    return pick(a, extra_a), pick(b, extra_b)


def _marker_diff(a: Sequence[Marker], b: Sequence[Marker]) -> tuple[list[Marker], list[Marker]]:
    matcher = difflib.SequenceMatcher(None, [m.label for m in a], [m.label for m in b], False)
    only_a: list[Marker] = []
    only_b: list[Marker] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            only_a.extend(a[i1:i2])
            only_b.extend(b[j1:j2])
    return only_a, only_b


def _excuse(figures: list[Figure], words: Counter[str]) -> list[Figure]:
    left = Counter(words)
    kept: list[Figure] = []
    for f in figures:
        if left[f.value] > 0:
            left[f.value] -= 1
        else:
            kept.append(f)
    return kept


def compare_units(kk_text: str, ru_text: str) -> UnitDiff:
    """Compare the figures and markers of one aligned kk/ru unit (item, slide, row).

    A figure present on one side only is excused when the other side spells that number out
    in words (``19`` / ``он тоғызы``), the commonest difference in genuine translations.
    """
    kk_only, ru_only = _multiset_diff(extract_figures(kk_text), extract_figures(ru_text))
    if kk_only:
        kk_only = _excuse(kk_only, spelled_numbers(ru_text))
    if ru_only:
        ru_only = _excuse(ru_only, spelled_numbers(kk_text))
    kk_m, ru_m = _marker_diff(extract_markers(kk_text), extract_markers(ru_text))
    return UnitDiff(tuple(kk_only), tuple(ru_only), tuple(kk_m), tuple(ru_m))


def compare_structure(kk_units: Sequence[str], ru_units: Sequence[str]) -> list[UnitDiff]:
    """Compare two lists of aligned units position by position (same length expected;
    a unit missing on one side is compared against empty text)."""
    n = max(len(kk_units), len(ru_units))
    kk = [*kk_units, *[""] * (n - len(kk_units))]
    ru = [*ru_units, *[""] * (n - len(ru_units))]
    return [compare_units(a, b) for a, b in zip(kk, ru, strict=True)]


def length_ratio(kk_text: str, ru_text: str) -> float | None:
    """kk/ru ratio of non-space characters; None when the Russian side is empty."""
    kk = sum(1 for ch in kk_text if not ch.isspace())
    ru = sum(1 for ch in ru_text if not ch.isspace())
    return kk / ru if ru else None
