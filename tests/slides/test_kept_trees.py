"""Opening a deck parses every XML part once; it keeps the trees of the parts the checks read
(slides, the layouts slides use, masters, themes, charts, relationships) and parses the others
(layouts no slide uses, notes, the application's settings) without building a tree.
``xml()`` still gives the tree of any part, parsed when asked."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pptx import Presentation

from tests.slides.parse_counts import count_parses
from validator.formats.ooxml import OoxmlPackage
from validator.run.filecheck import read_limits


def _deck_with_notes() -> bytes:
    prs = Presentation()  # the default template: 11 layouts
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = "Слайд"
    slide.notes_slide.notes_text_frame.text = "Баяндамашының жазбасы"
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def _open(data: bytes, profile: Any) -> OoxmlPackage:
    limits = read_limits(profile)
    return OoxmlPackage(data, limits.archive, limits.max_part_bytes, limits.max_part_elements)


def test_the_trees_kept_are_those_checks_read(monkeypatch: pytest.MonkeyPatch,
                                              profile: Any) -> None:
    parsed = count_parses(monkeypatch)
    pkg = _open(_deck_with_notes(), profile)
    kept = set(pkg._xml_cache)
    names = set(pkg.zip.names)
    layouts = {n for n in names if n.startswith("ppt/slideLayouts/slideLayout")}
    used = set(pkg.related("ppt/slides/slide1.xml", "slideLayout"))
    notes = {n for n in names if n.startswith(("ppt/notesSlides/notesSlide",
                                               "ppt/notesMasters/notesMaster"))}
    assert len(layouts) == 11 and len(used) == 1 and len(notes) == 2
    assert {"ppt/slides/slide1.xml", "ppt/slides/_rels/slide1.xml.rels",
            "ppt/slideMasters/slideMaster1.xml", "ppt/presentation.xml", *used} <= kept
    assert not (layouts - used) & kept
    assert not notes & kept and "ppt/presProps.xml" not in kept
    xml_parts = {n for n in names if n.endswith((".xml", ".rels"))}
    assert {f"part /{n}" for n in xml_parts} == set(parsed)  # every XML part, once
    assert max(parsed.values()) == 1
    unused = sorted(layouts - used)[0]
    assert pkg.xml(unused).tag.endswith("}sldLayout")  # parsed when asked
    assert parsed[f"part /{unused}"] == 2

