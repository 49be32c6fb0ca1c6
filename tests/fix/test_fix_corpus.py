"""The fixes against their invariants on real decks, and against LibreOffice's rendering.

Corpus: every deck the checks read is fixed with --unsafe-fixes; the copy opens in python-pptx,
has the same slides, keeps every run's text (LNG004's letters excepted), has no run of slide
text under the minimum left except text other programs draw (SmartArt, embedded objects; a
chart's text is raised in the chart's part), and fixing it again changes nothing. LibreOffice:
built decks and the sample's deck render to as many pages as before, and no text of the
corrected copies renders under 20 pt where the originals had some.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation

from bench.crosscheck_fonts import find_soffice, render
from tests.fix.test_fix_cases import _body_style
from tests.slides.decks import add_slide, fill_placeholder, new_deck, para, save, set_level_size
from validator.api import check
from validator.core.findings import NOT_READ, has_code
from validator.files.document import Document
from validator.files.member import Member
from validator.fix.run import fix_document
from validator.formats.pdf_fonts import iter_spans
from validator.run.filecheck import read_limits
from validator.settings.profile import load_profile, resolve_profile_path
from validator.slides.runs import A

PROFILE = load_profile(resolve_profile_path("oskemen-2025"))
CORPUS = Path("../shared/corpus/office")
DECKS = sorted(p for p in CORPUS.glob("*") if p.suffix.lower() in (".pptx", ".pptm", ".ppsx",
                                                                    ".potx")) \
    if CORPUS.is_dir() else []
MIN = PROFILE.rules["SLD002"].params["min_size_pt"] - PROFILE.rules["SLD002"].params[
    "tolerance_pt"]


def _slide_texts(data: bytes) -> list[str]:
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in sorted(z.namelist()):
            if name.startswith("ppt/slides/slide") and name.endswith(".xml"):
                out += [t.text or "" for t in etree.fromstring(z.read(name)).iter(f"{A}t")]
    return out


def _only_letters_repaired(old: str, new: str) -> bool:
    return len(old) == len(new) and all(
        a == b or (a.isascii() and "\u0400" <= b <= "\u04ff") for a, b in zip(old, new,
                                                                               strict=True))


@pytest.mark.corpus
@pytest.mark.skipif(not DECKS, reason="shared corpus not present")
def test_every_corpus_deck_fixed_keeps_its_invariants(tmp_path: Path) -> None:
    report = check([str(p) for p in DECKS], isolate=False, profile=PROFILE)
    reports = {fr.path: fr for pkg in report.packages for fr in pkg.files}
    limits = read_limits(PROFILE)
    fixed = unchanged = 0
    for deck in DECKS:
        fr = reports[str(deck)]
        if has_code(fr.findings, NOT_READ):
            continue
        doc = Document(Member(str(deck), deck.name, disk=deck), limits)
        data, name, _done = fix_document(doc, fr, PROFILE, unsafe=True)
        doc.close()
        if data is None:
            unchanged += 1
            continue
        fixed += 1
        original = deck.read_bytes()
        try:
            before = Presentation(io.BytesIO(original))
        except (ValueError, KeyError):  # python-pptx opens no templates (.potx)
            before = None
        if before is not None:
            assert len(Presentation(io.BytesIO(data)).slides) == len(before.slides), deck.name
        old_texts, new_texts = _slide_texts(original), _slide_texts(data)
        assert len(old_texts) == len(new_texts), deck.name
        assert all(_only_letters_repaired(a, b) for a, b in zip(old_texts, new_texts,
                                                                 strict=True)), deck.name
        copy = Document(Member(name, name, blob=data), limits)
        small = [r for r in copy.slide_runs if r.size_pt is not None and r.size_pt < MIN
                 and r.kind not in ("smartart", "object")]
        assert small == [], (deck.name, small[:3])
        again, _, redo = fix_document(copy, fr, PROFILE, unsafe=True)
        assert redo.records == () and again is None, (deck.name, redo.records[:3])
        copy.close()
    # Measured 2026-12-04: 65 of the 82 readable decks corrected, 17 with nothing to mend.
    assert fixed >= 60 and fixed + unchanged >= 80


def _require_soffice() -> None:
    if find_soffice() is None:
        message = "LibreOffice (soffice) is not installed; the rendering check needs it"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (CI=true: install libreoffice-impress-nogui)")
        pytest.skip(message)


def _min_span(pdf: Path) -> tuple[int, float]:
    pages = list(iter_spans(pdf.read_bytes(), 50_000_000))
    sizes = [s.size for page in pages for s in page if s.text.strip()]
    return len(pages), min(sizes)


def test_libreoffice_renders_the_corrected_copies_at_the_minimum(tmp_path: Path) -> None:
    _require_soffice()
    prs = new_deck()
    set_level_size(_body_style(prs), 1, 1600)
    set_level_size(_body_style(prs), 2, 1400)
    for n in range(3):
        slide = add_slide(prs, "content")
        slide.shapes.title.text = f"Раздел {n}"
        fill_placeholder(slide, 1, para(f"Основной текст {n}"),
                         para(f"Второй уровень {n}", lvl=1))
    built = tmp_path / "in" / "built.pptx"
    built.parent.mkdir()
    built.write_bytes(save(prs))
    sample = Path("samples/non-compliant-item/Таныстырылым_қаз.pptx")
    limits = read_limits(PROFILE)
    originals, copies = [], []
    for source in (built, sample):
        fr = next(fr for pkg in check(str(source), isolate=False).packages for fr in pkg.files)
        doc = Document(Member(str(source), source.name, disk=source), limits)
        data, _name, _ = fix_document(doc, fr, PROFILE, unsafe=True)
        doc.close()
        assert data is not None
        out = tmp_path / "out" / f"{source.stem}.fixed.pptx"
        out.parent.mkdir(exist_ok=True)
        out.write_bytes(data)
        originals.append(source)
        copies.append(out)
    pdfs = render([*originals, *copies], tmp_path / "render")
    for source, fixed in zip(originals, copies, strict=True):
        pages_before, smallest_before = _min_span(pdfs[source])
        pages_after, smallest_after = _min_span(pdfs[fixed])
        assert pages_after == pages_before
        assert smallest_before < 19.5
        assert smallest_after >= 19.95, (fixed.name, smallest_after)
