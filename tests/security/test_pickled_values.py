"""The values reader processes send in thousands are pickled as their fields in order
(``__reduce__``): every field, present or future, must come back."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from validator.core.findings import FileReport, Finding
from validator.core.location import Box, Location, Root
from validator.core.pickled import by_fields
from validator.formats.pptx import Deck, SlideRef
from validator.formats.textblocks import TextBlock
from validator.reader.tasks import dumps, loads


@pytest.mark.parametrize("cls", [Location, TextBlock, Box, Root, Finding, FileReport, Deck,
                                 SlideRef])
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


def test_a_finding_of_a_slide_comes_back_equal() -> None:
    from validator.core.findings import Severity, Status

    box = Box(12192000, 6858000, 1, 2, 3, 4)
    place = Location(slide=2, shape="Title 1", box=box)
    finding = Finding("SLD002", "min-font-size", Severity.ERROR, Status.NEEDS_REVIEW, "15.3",
                      "item", "deck.pptx", place, (("ru", "мелко"), ("kk", "ұсақ")),
                      measured=12.5, threshold=20, unit="pt", locations=(place, place),
                      root=Root("ppt/slideMasters/slideMaster1.xml", "p:txStyles"))
    report = FileReport("deck.pptx", "pptx", "presentation", 100, "ab" * 32, (finding,),
                        language_shares={"kk": 0.5, "ru": 0.5})
    deck = Deck(12192000, 6858000, True, "ppt/presentation.xml",
                (SlideRef(1, "ppt/slides/slide1.xml", True),))
    assert loads(dumps((report, deck))) == (report, deck)


@by_fields
@dataclasses.dataclass(frozen=True, slots=True)
class _One:
    value: str


@by_fields
@dataclasses.dataclass(frozen=True, slots=True)
class _NoField:
    pass


@pytest.mark.parametrize("value", [_One("one"), _NoField()])
def test_a_class_of_one_field_or_none_comes_back(value: object) -> None:
    """attrgetter of one name gives the value itself, not a tuple: one field must still be
    passed back as one argument."""
    assert pickle.loads(pickle.dumps(value)) == value


def test_a_field_outside_the_constructor_is_refused() -> None:
    with pytest.raises(TypeError, match="outside the constructor"):
        by_fields(dataclasses.dataclass(frozen=True)(type("Late", (), {
            "__annotations__": {"x": int}, "x": dataclasses.field(default=0, init=False)})))
