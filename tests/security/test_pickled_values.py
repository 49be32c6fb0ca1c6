"""The values reader processes send in thousands are pickled as their fields in order
(``__reduce__``): every field, present or future, must come back."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from validator.core.location import Location
from validator.formats.textblocks import TextBlock
from validator.reader.tasks import dumps, loads


@pytest.mark.parametrize("cls", [Location, TextBlock])
def test_every_field_survives_the_trip_to_the_parent(cls: type) -> None:
    names = [f.name for f in dataclasses.fields(cls)]
    value = cls(**{name: f"value of {name}" for name in names})  # each field told apart
    for back in (pickle.loads(pickle.dumps(value)), loads(dumps(value))):
        assert type(back) is cls
        assert [getattr(back, n) for n in names] == [f"value of {n}" for n in names]


def test_a_block_with_its_location_comes_back_equal() -> None:
    block = TextBlock("Әкімдік", Location(slide=3, shape="Title 1", paragraph=2), "title",
                      hidden=True, ocr_confidence=0.75)
    assert loads(dumps((block, [block]))) == (block, [block])
