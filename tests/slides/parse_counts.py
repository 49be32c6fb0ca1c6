"""Counting how often each XML part of a package is parsed, for the tests that assert a part
is parsed once (with a tree or without)."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from validator.formats import ooxml


def count_parses(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """From now on, each part's parses by name: trees built (``ooxml.parse_xml``) and
    well-formedness passes without a tree (``ooxml.WellFormed``) alike."""
    parsed: Counter[str] = Counter()
    real_parse, real_sink = ooxml.parse_xml, ooxml.WellFormed.__init__

    def parse(data: bytes, what: str, max_elements: int | None = None) -> Any:
        parsed[what] += 1
        return real_parse(data, what, max_elements)

    def sink(self: ooxml.WellFormed, what: str) -> None:
        parsed[what] += 1
        real_sink(self, what)

    monkeypatch.setattr(ooxml, "parse_xml", parse)
    monkeypatch.setattr(ooxml.WellFormed, "__init__", sink)
    return parsed
