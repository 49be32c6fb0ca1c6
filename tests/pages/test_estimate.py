"""The layout estimator: structure it must get exactly, and agreement with LibreOffice."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from tests.pages.build import BUILDERS, build, kz_page, prose, prose_doc
from validator.paging.counts import FontCheck, PageCountUnavailable
from validator.paging.estimate import estimate_docx_pages
from validator.paging.libreoffice import LibreOfficeCounter
from validator.paging.metrics import FontBook

FONTS = FontBook()


def estimate(path: Path, check: FontCheck, fonts: FontBook = FONTS) -> int:
    return estimate_docx_pages(path, fonts, check).pages


@pytest.mark.parametrize(("name", "pages"), [("page_breaks", 3), ("page_break_before", 5),
                                              ("sections_landscape", 3), ("pictures", 4)])
def test_structural_page_counts(tmp_path: Path, font_check: FontCheck, name: str,
                                pages: int) -> None:
    """Explicit breaks, section starts and fixed-size pictures decide these counts alone."""
    assert estimate(build(name, tmp_path), font_check) == pages


def test_empty_document_is_one_page(tmp_path: Path, font_check: FontCheck) -> None:
    path = tmp_path / "empty.docx"
    docx.Document().save(str(path))
    result = estimate_docx_pages(path, FONTS, font_check)
    assert result.pages == 1
    assert result.method == "estimate"
    assert result.last_page_fill is not None and result.last_page_fill < 0.05


def test_more_text_never_fewer_pages(tmp_path: Path, metric_fonts: FontCheck) -> None:
    counts = [estimate(prose_doc(tmp_path, f"p{n}", n), metric_fonts) for n in range(2, 40, 4)]
    assert counts == sorted(counts)
    assert counts[0] == 1 and counts[-1] >= 6


@pytest.mark.parametrize(("smaller", "larger"), [
    ({"size": 12}, {"size": 14}),
    ({"spacing": 1.0}, {"spacing": 1.5}),
    ({"font": "Times New Roman"}, {"font": "Arial"}),
])
def test_denser_setting_gives_fewer_pages(tmp_path: Path, metric_fonts: FontCheck,
                                          smaller: dict[str, object],
                                          larger: dict[str, object]) -> None:
    low = estimate_docx_pages(prose_doc(tmp_path, "low", 20, **smaller), FONTS, metric_fonts)
    high = estimate_docx_pages(prose_doc(tmp_path, "high", 20, **larger), FONTS, metric_fonts)
    assert low.fractional_pages is not None and high.fractional_pages is not None
    assert low.fractional_pages < high.fractional_pages


def test_without_font_files_uses_documented_fallback(tmp_path: Path,
                                                     font_check: FontCheck) -> None:
    path = prose_doc(tmp_path, "plain", 20)
    result = estimate_docx_pages(path, FontBook(use_fonts=False), font_check)
    assert "average glyph widths" in result.evidence
    assert result.uncertainty > estimate_docx_pages(path, FONTS, font_check).uncertainty
    assert result.tnr_metric_font is False


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_within_one_page_of_libreoffice(tmp_path: Path, lo_counter: LibreOfficeCounter,
                                        metric_fonts: FontCheck, name: str) -> None:
    path = build(name, tmp_path)
    truth = lo_counter.count(path).pages
    assert abs(estimate(path, metric_fonts) - truth) <= 1, f"LibreOffice says {truth}"


@pytest.mark.parametrize("paragraphs", [6, 12, 18, 24, 30])
def test_prose_matches_libreoffice_exactly(tmp_path: Path, lo_counter: LibreOfficeCounter,
                                           metric_fonts: FontCheck, paragraphs: int) -> None:
    """Plain government-format prose (TNR 14, KZ margins) is what references mostly are."""
    doc = docx.Document()
    kz_page(doc)
    prose(doc, paragraphs, repeat=3)
    path = tmp_path / "prose.docx"
    doc.save(str(path))
    assert estimate(path, metric_fonts) == lo_counter.count(path).pages


def test_dtd_in_document_part_is_refused(tmp_path: Path, font_check: FontCheck) -> None:
    source = prose_doc(tmp_path, "src", 2)
    target = tmp_path / "dtd.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY e "boom">]>', 1)
            zout.writestr(item, data)
    with pytest.raises(PageCountUnavailable, match="DTD"):
        estimate_docx_pages(target, FONTS, font_check)


def test_not_a_zip_is_unavailable(tmp_path: Path, font_check: FontCheck) -> None:
    bogus = tmp_path / "bogus.docx"
    bogus.write_bytes(b"\xd0\xcf\x11\xe0 legacy or garbage")
    with pytest.raises(PageCountUnavailable, match="zip"):
        estimate_docx_pages(bogus, FONTS, font_check)


@pytest.mark.corpus
def test_corpus_documents_give_a_count_or_a_reason(corpus: Path, font_check: FontCheck) -> None:
    """Every corpus word-processing file yields a count or PageCountUnavailable, nothing else."""
    files = sorted(p for p in (corpus / "office").iterdir()
                   if p.suffix.lower() in (".docx", ".docm", ".dotx"))
    assert len(files) > 100
    counted = 0
    for path in files:
        try:
            result = estimate_docx_pages(path, FONTS, font_check)
        except PageCountUnavailable:
            continue
        assert result.pages >= 1
        counted += 1
    assert counted >= len(files) - 20
