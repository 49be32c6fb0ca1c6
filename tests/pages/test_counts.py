"""Borderline decisions of a page count against a limit, case by case."""

from __future__ import annotations

import pytest

from validator.paging.counts import BorderlinePolicy, Method, PageCount

POLICY = BorderlinePolicy(full_last_page=0.9, empty_last_page=0.15, estimate_margin=0.5)


def count(pages: int, method: Method, fill: float | None, *, fonts: bool | None = True,
          declared: int | None = None, by_word: bool = False) -> PageCount:
    return PageCount(pages, method, fill, 0.0, "test", fonts, declared, by_word)


@pytest.mark.parametrize(
    ("result", "borderline"),
    [
        (count(5, "pdf", None, fonts=None), False),
        (count(6, "pdf", None, fonts=None), False),
        (count(5, "libreoffice", 0.95), True),  # nearly full 5th page
        (count(5, "libreoffice", 0.80), False),
        (count(6, "libreoffice", 0.05), True),  # nearly empty 6th page
        (count(6, "libreoffice", 0.40), False),
        (count(7, "libreoffice", 0.02), False),  # two pages over: a verdict
        (count(4, "libreoffice", 0.99), False),
        (count(5, "libreoffice", None), True),  # fill unknown at the edge
        (count(3, "libreoffice", None), False),
        (count(5, "estimate", 0.6), True),  # 4.6 pages: within half a page
        (count(5, "estimate", 0.4), False),  # 4.4 pages
        (count(6, "estimate", 0.4), True),  # 5.4 pages
        (count(6, "estimate", 0.6), False),  # 5.6 pages
        (count(6, "estimate", None), True),
        (count(9, "estimate", None), False),
        (count(8, "libreoffice", 0.5, fonts=False), True),  # wider substitutes: not proof
        (count(3, "libreoffice", 0.5, fonts=False), False),  # substitutes only inflate
        (count(6, "libreoffice", 0.5, declared=5, by_word=True), True),
        (count(6, "libreoffice", 0.5, declared=5, by_word=False), False),
        (count(6, "libreoffice", 0.5, declared=1, by_word=True), False),
    ],
)
def test_borderline(result: PageCount, borderline: bool) -> None:
    assert result.borderline(5, POLICY) is borderline


def test_fractional_pages() -> None:
    assert count(6, "estimate", 0.25).fractional_pages == pytest.approx(5.25)
    assert count(6, "libreoffice", None).fractional_pages is None
