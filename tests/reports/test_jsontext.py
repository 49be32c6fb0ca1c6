"""``reports.jsontext.dumps`` writes exactly what ``json.dumps(obj, ensure_ascii=False,
indent=2)`` writes (``sort_keys`` too), and refuses what json refuses: on random nested
values, on the edges of json's rules, and on the reports of the samples in every format that
is JSON, in kk, ru and en."""

from __future__ import annotations

import enum
import json
import math
import random
from pathlib import Path
from typing import Any

import pytest

from validator import api
from validator.reports import json as json_report
from validator.reports import jsontext, sarif, statistics

ROOT = Path(__file__).resolve().parents[2]


class Colour(enum.StrEnum):
    RED = "red"


class Level(enum.IntEnum):
    HIGH = 3


class Words(dict[str, str]):
    """A dict subclass, as the reports' localized texts are."""


def _reference(obj: Any, sort_keys: bool = False) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=sort_keys)


_STRINGS = ["", "a", "Справка «№ 5»", "Анықтама — ә ғ қ ң ө ұ ү һ і", "tab\tquote\"back\\slash",
            "\x00\x1f\u2028\u2029", "emoji \U0001F600", "</script>", " "]
_NUMBERS: list[Any] = [0, -1, 2**70, -(2**70), 0.0, -0.0, 1.5, 1e-07, 1e22, 1 / 3, math.nan,
                       math.inf, -math.inf, True, False, None, Level.HIGH, Colour.RED]


def _value(rng: random.Random, depth: int) -> Any:
    roll = rng.random()
    if depth > 4 or roll < 0.45:
        return rng.choice(_STRINGS + _NUMBERS)
    size = rng.randint(0, 4)
    if roll < 0.6:
        return [_value(rng, depth + 1) for _ in range(size)]
    if roll < 0.7:
        return tuple(_value(rng, depth + 1) for _ in range(size))
    if roll < 0.8:
        return Words({rng.choice(_STRINGS): rng.choice(_STRINGS) for _ in range(size)})
    return {rng.choice(_STRINGS): _value(rng, depth + 1) for _ in range(size)}


@pytest.mark.parametrize("seed", range(200))
def test_random_values(seed: int) -> None:
    value = _value(random.Random(seed), 0)
    assert jsontext.dumps(value) == _reference(value)
    assert jsontext.dumps(value, sort_keys=True) == _reference(value, sort_keys=True)


@pytest.mark.parametrize("key", [1, -5, 2.5, math.nan, math.inf, True, False, None, 2**70,
                                 Level.HIGH, Colour.RED])
def test_keys_json_converts(key: Any) -> None:
    value = {key: [1, {"x": key}]}
    assert jsontext.dumps(value) == _reference(value)


@pytest.mark.parametrize("value", [[], {}, (), [[]], {"a": {}}, "x", 5, None, [None, [], {}]])
def test_empty_and_scalar(value: Any) -> None:
    assert jsontext.dumps(value) == _reference(value)


@pytest.mark.parametrize("value", [{1, 2}, b"bytes", object(), [1, {"a": {3}}], {(1, 2): 3},
                                   {b"k": 1}, 1j])
def test_refuses_what_json_refuses(value: Any) -> None:
    with pytest.raises(TypeError):
        _reference(value)
    with pytest.raises(TypeError):
        jsontext.dumps(value)


def test_sorting_mixed_keys_fails_as_json_does() -> None:
    value = {"a": 1, 2: 3}
    with pytest.raises(TypeError):
        _reference(value, sort_keys=True)
    with pytest.raises(TypeError):
        jsontext.dumps(value, sort_keys=True)


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_reports_of_the_samples(lang: str) -> None:
    report = api.check(ROOT / "samples", isolate=False, jobs=1)
    assert report.all_findings()  # the samples have findings to write
    assert json_report.render(report, lang) == _reference(
        json_report.report_dict(report, lang)) + "\n"
    assert sarif.render(report, lang) == _reference(sarif.sarif_dict(report, lang),
                                                    sort_keys=True) + "\n"
    rendered = json_report.render(report, lang)
    with_stats = statistics.render_json(report, lang)
    data = json.loads(with_stats)
    assert data["statistics"]["rules"]  # the counts were added
    assert with_stats == _reference(data) + "\n"
    assert {k: v for k, v in data.items() if k != "statistics"} == json.loads(rendered)
    assert list(data)[-1] == "statistics"  # after the report's own keys, as before
