"""PDF page counts come from the page tree, exactly; unreadable PDFs say why."""

from __future__ import annotations

from pathlib import Path

import pytest

from validator.paging.counts import PageCountUnavailable
from validator.paging.pdf import count_pdf_pages


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("name", "pages"),
    [
        ("001-trivial_minimal-document.pdf", 1),
        ("004-pdflatex-4-pages_pdflatex-4-pages.pdf", 4),
        ("007-imagemagick-images_imagemagick-images.pdf", 6),
        ("009-pdflatex-geotopo_GeoTopo-komprimiert.pdf", 117),
        ("026-latex-multicolumn_multicolumn.pdf", 3),
    ],
)
def test_corpus_pdf_pages(corpus: Path, name: str, pages: int) -> None:
    result = count_pdf_pages(corpus / "pdf" / name)
    assert result.pages == pages
    assert result.method == "pdf"
    assert result.uncertainty == 0.0
    assert f"{pages} page(s)" in result.evidence


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("005-libreoffice-writer-password_libreoffice-writer-password.pdf", "decrypted"),
        ("017-unreadable-meta-data_unreadablemetadata.pdf", "Invalid object in /Pages"),
    ],
)
def test_unreadable_pdf(corpus: Path, name: str, reason: str) -> None:
    with pytest.raises(PageCountUnavailable, match=reason):
        count_pdf_pages(corpus / "pdf" / name)


def test_not_a_pdf(tmp_path: Path) -> None:
    bogus = tmp_path / "x.pdf"
    bogus.write_bytes(b"this is not a PDF at all")
    with pytest.raises(PageCountUnavailable, match="PDF page tree unreadable"):
        count_pdf_pages(bogus)
