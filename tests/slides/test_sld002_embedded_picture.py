"""SLD002 on text in the stored picture of an embedded object says where that text lives: in
the embedded object, mended there (open it and enlarge its text, or replace it), never "set in
the presentation's design" or "enlarge it on the slide master"."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run
from tests.slides.test_font_ole_preview import deck_with_preview, emf_text_at
from validator.core.catalogue import rule_text
from validator.core.findings import Finding, Status

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "office"


def _sld002(path: Path) -> list[Finding]:
    return [f for f in run(path, isolate=False).all_findings() if f.code == "SLD002"]


def test_small_text_in_an_embedded_documents_picture(tmp_path: Path) -> None:
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(deck_with_preview(emf_text_at(10)))
    [f] = _sld002(deck)
    assert (f.status, f.measured, f.location.slide, f.location.shape) == (
        Status.VIOLATION, 10.0, 1, "Object 7")
    assert "preview picture (EMF) of the embedded Word document" in f.evidence
    assert f.message("en") == (
        'text in the picture of the embedded object "Object 7" is 10 pt (minimum 20 pt): '
        '"Preview text"; the size is set inside the embedded object, not in the presentation: '
        "open the object (double-click it) and enlarge its text, or replace the object with "
        "text or a picture whose text is at least 20 pt")
    assert f.message("ru").startswith("текст на изображении внедрённого объекта «Object 7»")
    assert "размер задан внутри внедрённого объекта" in f.message("ru")
    assert "ендірілген нысанның ішінде берілген" in f.message("kk")
    for lang in ("en", "ru", "kk"):
        assert "{" not in f.message(lang)
    assert "presentation's design" not in f.message("en")
    assert "оформлении презентации" not in f.message("ru")


def test_how_to_fix_names_the_embedded_object() -> None:
    assert "the embedded object for text in its picture" in rule_text("SLD002", "en").how_to_fix
    assert "во внедрённом объекте для текста на его изображении" in rule_text(
        "SLD002", "ru").how_to_fix
    assert "ендірілген нысан суретіндегі мәтінді" in rule_text("SLD002", "kk").how_to_fix


@pytest.mark.corpus
def test_embedded_slide_in_the_corpus_deck() -> None:
    """45541_Footer.pptx, slide 8, «Object 3»: the WMF picture of an embedded PowerPoint
    slide, its text at 12.01 pt at the smallest; its Webdings bullets are not quoted."""
    path = CORPUS / "45541_Footer.pptx"
    if not path.is_file():
        pytest.skip("45541_Footer.pptx not in the shared corpus")
    [f] = [f for f in _sld002(path) if f.location.slide == 8
           and f.location.shape == "Object 3"]
    assert f.measured == 12.01
    assert '"Size and Location' in f.message("en") and '"n n' not in f.message("en")
    assert "preview picture (WMF) of the embedded PowerPoint slide" in f.evidence
    assert f.message("ru").startswith("текст на изображении внедрённого объекта «Object 3» "
                                      "имеет размер 12,01 пт (минимум 20 пт)")
    assert "оформлении презентации" not in f.message("ru")
