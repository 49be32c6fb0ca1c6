"""FIL002: a picture presentation (slides that are pictures of their text) is not a pass.

A Russian deck exported as pictures of its slides was "compliant": no text to measure, so no
SLD002, and its pair compared against no text gave LNG003 "figures only in the Kazakh deck"
errors. Its text was never read; it now needs review, whatever rules are chosen.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu

from tests.conftest import run
from tests.slides.helpers import open_doc
from validator.core.findings import Location, Severity, Status, Verdict
from validator.core.outcome import exit_code
from validator.settings.options import Settings
from validator.slides.pictured import picture_slides

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
W, H = 12192000, 6858000


def _png(colour: tuple[int, int, int] = (30, 90, 200)) -> io.BytesIO:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (160, 90), colour).save(out, "PNG")
    out.seek(0)
    return out


def deck(path: Path, slides: list[str], hidden: tuple[int, ...] = ()) -> Path:
    """A 16:9 deck of ``slides``: ``picture`` (one picture over the whole slide), ``small``
    (a picture over a quarter of it), ``text`` (a title), ``photo+title``, ``background`` (a
    picture background, nothing on the slide), ``table+picture``."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(W), Emu(H)
    for kind in slides:
        slide = prs.slides.add_slide(prs.slide_layouts[6])  # blank
        if kind in ("picture", "photo+title", "table+picture"):
            slide.shapes.add_picture(_png(), 0, 0, Emu(W), Emu(H))
        if kind == "small":
            slide.shapes.add_picture(_png(), 0, 0, Emu(W // 2), Emu(H // 2))
        if kind in ("text", "photo+title"):
            box = slide.shapes.add_textbox(Emu(500000), Emu(300000), Emu(8000000), Emu(900000))
            box.text_frame.text = "Итоги работы за 2025 год"
        if kind == "table+picture":
            slide.shapes.add_table(2, 2, Emu(0), Emu(0), Emu(4000000), Emu(1000000))
        if kind == "background":
            fill = slide.background.fill
            fill.solid()  # then made a picture fill below
    prs.save(str(path))
    if "background" in slides:
        _picture_backgrounds(path)
    for number in hidden:
        _hide(path, number)
    return path


def _rewrite(path: Path, part: str, change: Callable[[bytes], bytes]) -> None:
    import zipfile

    with zipfile.ZipFile(path) as src:
        items = [(i.filename, src.read(i)) for i in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, body in items:
            dst.writestr(name, change(body) if name == part else body)


def _picture_backgrounds(path: Path) -> None:
    import re
    import zipfile

    with zipfile.ZipFile(path) as z:
        slides = [n for n in z.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
        bodies = {n: z.read(n) for n in slides}
    for name, body in bodies.items():
        if b"<p:bg>" in body:
            _rewrite(path, name, lambda b: re.sub(
                rb"<p:bg>.*?</p:bg>",
                b'<p:bg><p:bgPr><a:blipFill><a:blip r:embed="rIdMissing"/><a:stretch>'
                b"<a:fillRect/></a:stretch></a:blipFill><a:effectLst/></p:bgPr></p:bg>", b))


def _hide(path: Path, number: int) -> None:
    _rewrite(path, f"ppt/slides/slide{number}.xml",
             lambda b: b.replace(b"<p:sld ", b'<p:sld show="0" ', 1))


def _slides(path: Path) -> tuple[tuple[int, ...], int]:
    doc = open_doc(path)
    return picture_slides(doc.ooxml, doc.deck)


@pytest.mark.parametrize(("slides", "hidden", "expected"), [
    (["picture", "picture"], (), ((1, 2), 2)),
    (["text", "picture", "small", "photo+title"], (), ((2,), 4)),  # a titled photo has text
    (["background", "text"], (), ((1,), 2)),
    (["table+picture"], (), ((), 1)),  # a table's text is read
    (["picture", "picture", "text"], (2,), ((1,), 2)),  # a hidden slide is not shown
])
def test_which_slides_are_pictures(tmp_path: Path, slides: list[str],
                                   hidden: tuple[int, ...],
                                   expected: tuple[tuple[int, ...], int]) -> None:
    assert _slides(deck(tmp_path / "d.pptx", slides, hidden)) == expected


@pytest.mark.parametrize("settings", [Settings(), Settings(select=("SLD",)),
                                      Settings(ignore=("FIL002",))])
def test_a_picture_presentation_is_not_a_pass(tmp_path: Path, settings: Settings) -> None:
    item = tmp_path / "item"
    shutil.copytree(SAMPLES / "compliant-item", item)
    deck(item / "Презентация_рус.pptx", ["picture", "picture", "picture"])
    report = run(item, settings=settings)
    [hit] = [f for f in report.all_findings() if f.code != "SLD004"]
    assert (hit.code, hit.status, hit.measured, hit.location) == (
        "FIL002", Status.NEEDS_REVIEW, 3, Location(slide=1))
    assert hit.file.endswith("Презентация_рус.pptx")
    assert hit.message("ru").startswith("слайды 1, 2, 3 показывают рисунок и не содержат "
                                        "своего текста")
    assert hit.message("kk").startswith("1, 2, 3 слайдтары сурет көрсетеді")
    assert report.packages[0].verdict is Verdict.NEEDS_REVIEW
    assert exit_code(report, Severity.ERROR) == 1


@pytest.mark.parametrize("slides", [["text", "picture"], ["text", "text", "photo+title"]])
def test_a_deck_with_a_photo_or_two_is_read_as_it_is(tmp_path: Path,
                                                      slides: list[str]) -> None:
    path = deck(tmp_path / "Презентация_рус.pptx", slides)
    assert [f.code for f in run(path).all_findings() if f.code == "FIL002"] == []
