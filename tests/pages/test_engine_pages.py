"""Page counts in file reports: estimates for files no rule measures, the best count otherwise."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import build_pdf, run
from tests.pages.build import prose_doc
from validator.checks.base import FileEntry
from validator.core.findings import FileReport
from validator.files.document import Document
from validator.files.member import Member
from validator.paging import PageCounter
from validator.paging.libreoffice import LibreOfficeSetup
from validator.run.filecheck import read_limits
from validator.run.packagecheck import _with_best_pages
from validator.settings.profile import Profile


def test_report_pages_without_starting_libreoffice(tmp_path: Path) -> None:
    item = tmp_path / "item"
    item.mkdir()
    prose_doc(item, "Проект постановления", 30)
    (item / "Информация.pdf").write_bytes(build_pdf([(595.0, 842.0)] * 3))
    report = run(item)
    files = {f.path.rsplit("/", 1)[-1]: f for f in report.packages[0].files}
    draft = files["Проект постановления.docx"]
    assert draft.pages_method == "estimate" and draft.pages is not None and draft.pages >= 4
    pdf = files["Информация.pdf"]
    assert (pdf.pages, pdf.pages_method) == (3, "pdf")
    assert len(report.notes) == 1
    assert "estimate 1" in report.notes[0] and "Times New Roman ->" in report.notes[0]


def test_report_takes_the_count_a_rule_asked_for(
        tmp_path: Path, profile: Profile, libreoffice_setup: LibreOfficeSetup) -> None:
    path = prose_doc(tmp_path, "Справка", 30)
    with PageCounter(libreoffice=libreoffice_setup) as counter:
        doc = Document(Member("item/Справка.docx", "Справка.docx", disk=path),
                       read_limits(profile), counter)
        quick = doc.quick_page_count
        report = FileReport(path=doc.path, format="docx", kind="document", size=doc.size,
                            sha256=doc.sha256, findings=(), role="reference",
                            pages=quick.pages, pages_method=quick.method)
        entry = FileEntry(doc, report)
        assert _with_best_pages(entry) is report  # nothing better was asked for
        exact = doc.page_count  # what DOC001 asks for
        updated = _with_best_pages(entry)
        assert counter.libreoffice_starts == 1
    assert (updated.pages, updated.pages_method) == (exact.pages, "libreoffice")
    assert abs(quick.pages - exact.pages) <= 1
