"""SLD001 slide-aspect-ratio on decks and PDF slide decks built in the tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import build_pdf, build_pptx, only, run


def _presentation_xml(data: bytes) -> bytes:
    import io
    import zipfile

    return zipfile.ZipFile(io.BytesIO(data)).read("ppt/presentation.xml")


@pytest.mark.parametrize(
    ("width", "height", "fires", "ratio"),
    [
        pytest.param(12192000, 6858000, False, None, id="widescreen-13.333x7.5"),
        pytest.param(9144000, 5143500, False, None, id="on-screen-16x9-10x5.625"),
        pytest.param(24384000, 13716000, False, None, id="multiple-of-16x9"),
        pytest.param(12188952, 6858000, False, None, id="rounded-13.33in"),
        pytest.param(9144000, 5715000, True, 1.6, id="16x10"),
        pytest.param(9144000, 6858000, True, 1.3333, id="4x3"),
        pytest.param(None, None, True, 1.3333, id="no-sldSz-means-4x3"),
    ],
)
def test_pptx_ratio(tmp_path: Path, width: int | None, height: int | None, fires: bool,
                    ratio: float | None) -> None:
    path = tmp_path / "deck.pptx"
    path.write_bytes(build_pptx(width, height))
    hits = only(run(path), "SLD001")
    assert bool(hits) is fires
    if fires:
        assert hits[0].measured == ratio
        assert hits[0].threshold == 1.7778
        assert hits[0].clause == "15.3"
        assert hits[0].location.part == "ppt/presentation.xml"


def test_stale_type_attribute_is_ignored(tmp_path: Path) -> None:
    # python-pptx changes cx/cy and leaves the template's type="screen4x3" behind.
    data = build_pptx(12192000, 6858000)
    assert b'type="screen4x3"' in _presentation_xml(data)
    path = tmp_path / "deck.pptx"
    path.write_bytes(data)
    assert only(run(path), "SLD001") == []


def test_message_names_size_in_three_languages(tmp_path: Path) -> None:
    path = tmp_path / "deck.pptx"
    path.write_bytes(build_pptx(9144000, 6858000))
    hit = only(run(path), "SLD001")[0]
    assert "25.40 × 19.05 cm has aspect ratio 1.333" in hit.message("en")
    # a decimal comma in Kazakh and Russian
    assert "25,40 × 19,05 см" in hit.message("ru") and "1,333" in hit.message("ru")
    assert "регламент" in hit.message("ru")
    assert "25,40 × 19,05 см" in hit.message("kk") and "арақатынасы 1,333" in hit.message("kk")


@pytest.mark.parametrize(
    ("pages", "rotate", "fires"),
    [
        pytest.param([(960, 540)] * 3, 0, False, id="pdf-16x9"),
        pytest.param([(960, 540), (720, 540)], 0, True, id="pdf-one-4x3-page"),
        pytest.param([(540, 960)] * 2, 90, False, id="pdf-portrait-rotated-to-16x9"),
        pytest.param([(720, 540)] * 2, 0, True, id="pdf-4x3"),
    ],
)
def test_pdf_slide_deck(tmp_path: Path, pages: list[tuple[float, float]], rotate: int,
                        fires: bool) -> None:
    path = tmp_path / "slides.pdf"
    path.write_bytes(build_pdf(pages, rotate))
    report = run(path)
    assert report.packages[0].files[0].kind == "presentation"
    hits = only(report, "SLD001")
    assert bool(hits) is fires
    if fires:
        assert hits[0].location.page is not None


def test_portrait_pdf_is_a_document_not_a_deck(tmp_path: Path) -> None:
    path = tmp_path / "spravka.pdf"
    path.write_bytes(build_pdf([(595, 842)] * 2))
    report = run(path)
    f = report.packages[0].files[0]
    assert f.kind == "document" and f.pages == 2 and f.pages_method == "pdf"
    assert only(report, "SLD001") == []
