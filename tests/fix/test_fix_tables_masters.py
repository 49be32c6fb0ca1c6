"""The fix report names each change once: a table whose cells were raised is one line, and
the style of the second master of a deck is told from the first's."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from pptx.util import Emu

from tests.conftest import ROOT
from tests.fix.test_fix_cases import _codes, _round_trip
from tests.slides.decks import add_slide, new_deck, save
from validator.core.location import Location
from validator.fix.records import FixPlace, FixRecord
from validator.fix.table_cells import one_per_table
from validator.plain.places import part_words
from validator.reports.fix_words import record_text


def test_the_cells_of_a_table_are_one_change(tmp_path: Path) -> None:
    prs = new_deck()
    slide = add_slide(prs, "blank")
    table = slide.shapes.add_table(2, 3, Emu(457200), Emu(457200), Emu(6000000),
                                   Emu(1200000)).table
    for r in range(2):
        for c in range(3):
            cell = table.cell(r, c)
            cell.text = f"R{r + 1}C{c + 1}"
            cell.text_frame.paragraphs[0].runs[0].font.size = Emu(12700 * (11 if c == 2 else 12))
    out, _new, done = _round_trip(tmp_path, save(prs), "deck.pptx")
    [record] = done.records
    assert record.place.what == "table_cells" and record.place.number == 6
    assert record.before == "11 pt" and dict(record.args)["count"] == "6"
    assert record.where.endswith("/cells[R1C1,R1C2,R1C3,R2C1,R2C2,R2C3]")
    assert record_text(record, "ru") == \
        "слайд 1, надпись «Table 1», ячейки таблицы (6): 11 пт -> 20 пт"
    assert record_text(record, "kk") == \
        "1-слайд, «Table 1» жазуы, кесте ұяшықтары (6): 11 пт -> 20 пт"
    assert "SLD002" not in _codes(out)
    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))
    one_fix = jsonschema.Draft202012Validator({"$ref": "#/$defs/fix", "$defs": schema["$defs"]})
    one_fix.validate(record.to_dict())  # the JSON reports' schema knows a table's cells


def _cell(cell: str, before: str, shape: str = "Table 1") -> FixRecord:
    points = float(before.split()[0])  # the test's own shorthand
    return FixRecord("SLD002", f"slide[2]/shape[{shape}]/cell[{cell}]", before, "20 pt",
                     kind="size", args=(("before", before.split()[0]), ("after", "20"),
                                        ("set_in", "run"), ("count", "1")),
                     place=FixPlace(places=(Location(slide=2, shape=shape, cell=cell),)),
                     points=points)


def test_one_per_table_keeps_other_records_and_lone_cells_as_they_were() -> None:
    own = FixRecord("SLD002", "slide[2]/shape[Title]", "12 pt", "20 pt", kind="size",
                    place=FixPlace(places=(Location(slide=2, shape="Title"),)))
    lone = _cell("R1C1", "14 pt", shape="Table 2")
    records = [_cell("R1C1", "12 pt"), own, _cell("R2C1", "10 pt"), lone]
    merged, kept_own, kept_lone = one_per_table(records)
    assert (kept_own, kept_lone) == (own, lone)
    assert merged.before == "10 pt" and merged.place.number == 2
    assert merged.place.places == (Location(slide=2, shape="Table 1"),)


def test_a_second_master_is_numbered_the_first_is_not() -> None:
    first, third = "ppt/slideMasters/slideMaster1.xml", "ppt/slideMasters/slideMaster3.xml"
    assert (part_words(first, "ru"), part_words(third, "ru")) == \
        ("образец слайдов", "образец слайдов 3")
    assert (part_words(first, "kk"), part_words(third, "kk")) == \
        ("слайдтар үлгісі", "№3 слайдтар үлгісі")
    assert part_words(third, "en") == "slide master 3"
