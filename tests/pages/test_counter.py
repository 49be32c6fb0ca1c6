"""PageCounter: which method counts which file, and when LibreOffice starts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pages.build import prose_doc
from validator.paging.counter import PageCounter
from validator.paging.counts import PageCountUnavailable
from validator.paging.libreoffice import LibreOfficeSetup


@pytest.mark.corpus
def test_pdf_only_run_never_starts_libreoffice(corpus: Path) -> None:
    with PageCounter() as counter:
        result = counter.count(corpus / "pdf" / "004-pdflatex-4-pages_pdflatex-4-pages.pdf")
        assert (result.pages, result.method) == (4, "pdf")
        assert counter.libreoffice_starts == 0


def test_docx_goes_to_libreoffice_when_present(tmp_path: Path,
                                               libreoffice_setup: LibreOfficeSetup) -> None:
    docs = [prose_doc(tmp_path, f"d{n}", 8 * n + 2) for n in range(3)]
    with PageCounter(libreoffice=libreoffice_setup) as counter:
        results = [counter.count(p) for p in docs]
        assert {r.method for r in results} == {"libreoffice"}
        assert counter.libreoffice_starts == 1
        assert "Times New Roman ->" in results[0].evidence
        assert "app.xml says 1 page(s)" in results[0].evidence  # python-docx's constant
        assert results[0].declared_pages == 1


def test_estimate_when_libreoffice_is_not_used(tmp_path: Path) -> None:
    path = prose_doc(tmp_path, "d", 10)
    with PageCounter(use_libreoffice=False) as counter:
        result = counter.count(path)
        assert result.method == "estimate"
        assert result.uncertainty > 0
        assert counter.libreoffice_starts == 0


@pytest.mark.parametrize("suffix", [".odt", ".rtf", ".doc"])
def test_non_ooxml_without_libreoffice_is_unavailable(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"x{suffix}"
    path.write_bytes(b"{\\rtf1 hello}")
    with PageCounter(use_libreoffice=False) as counter, \
            pytest.raises(PageCountUnavailable, match="needs LibreOffice"):
        counter.count(path)


def test_rtf_with_libreoffice(tmp_path: Path, libreoffice_setup: LibreOfficeSetup) -> None:
    path = tmp_path / "note.rtf"
    path.write_text("{\\rtf1\\ansi hello\\page second\\page third}", encoding="ascii")
    with PageCounter(libreoffice=libreoffice_setup) as counter:
        result = counter.count(path)
        assert (result.pages, result.method) == (3, "libreoffice")


def test_other_files_are_not_counted(tmp_path: Path) -> None:
    path = tmp_path / "deck.pptx"
    path.write_bytes(b"")
    with PageCounter(use_libreoffice=False) as counter, \
            pytest.raises(PageCountUnavailable, match="not counted"):
        counter.count(path)


def test_empty_file_is_unavailable(tmp_path: Path) -> None:
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    with PageCounter() as counter, pytest.raises(PageCountUnavailable, match="empty"):
        counter.count(path)
    assert counter.libreoffice_starts == 0
