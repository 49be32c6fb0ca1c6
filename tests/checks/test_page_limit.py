"""DOC001 reference-page-limit: which counts are violations, which need review, which pass.

The role comes from the role classifier through the file's report; these tests construct that
input (a FileReport with the role) around real documents built here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

from tests.conftest import build_pdf
from tests.pages.build import kz_page, prose
from tests.pages.conftest import libreoffice_setup  # noqa: F401 (fixture)
from validator.checks.base import FileEntry, PackageContext, RunContext
from validator.checks.page_limit import judge, reference_page_limit
from validator.core.catalogue import LANGS, format_message
from validator.core.findings import FileReport, Status
from validator.files.document import Document
from validator.files.member import Member
from validator.paging import PageCount, PageCounter
from validator.paging.counts import Method
from validator.run.filecheck import read_limits
from validator.settings.profile import Profile

A4 = (595.0, 842.0)


@pytest.fixture(scope="module")
def estimating_counter() -> Iterator[PageCounter]:
    with PageCounter(use_libreoffice=False) as counter:
        yield counter


def params(profile: Profile) -> dict[str, object]:
    return dict(profile.rules["DOC001"].params)


def count(pages: int, method: Method, fill: float | None, fonts: bool | None = True,
          declared: int | None = None, by_word: bool = False) -> PageCount:
    return PageCount(pages, method, fill, 0.0, "measured", fonts, declared, by_word)


@pytest.mark.parametrize(
    ("result", "status", "message"),
    [
        (count(3, "pdf", None, None), None, None),
        (count(5, "pdf", None, None), None, None),
        (count(6, "pdf", None, None), Status.VIOLATION, "over_pdf"),
        (count(4, "libreoffice", 0.97), None, None),
        (count(5, "libreoffice", 0.5), None, None),
        (count(5, "libreoffice", 0.95), Status.NEEDS_REVIEW, "borderline"),
        (count(6, "libreoffice", 0.08), Status.NEEDS_REVIEW, "borderline"),
        (count(6, "libreoffice", 0.5), Status.VIOLATION, "default"),
        (count(9, "libreoffice", 0.05), Status.VIOLATION, "default"),
        (count(6, "libreoffice", 0.5, declared=5, by_word=True), Status.NEEDS_REVIEW,
         "borderline_word"),
        (count(8, "libreoffice", 0.5, fonts=False), Status.NEEDS_REVIEW, "fonts"),
        (count(3, "libreoffice", 0.5, fonts=False), None, None),
        (count(4, "estimate", 0.3), None, None),  # 3.3 pages
        (count(5, "estimate", 0.7), Status.NEEDS_REVIEW, "borderline_estimate"),  # 4.7
        (count(6, "estimate", 0.3), Status.NEEDS_REVIEW, "borderline_estimate"),  # 5.3
        (count(6, "estimate", 0.8), Status.VIOLATION, "over_estimate"),  # 5.8
    ],
)
def test_judge(profile: Profile, result: PageCount, status: Status | None,
               message: str | None) -> None:
    hit = judge(result, params(profile), "item/Справка.docx")
    if status is None:
        assert hit is None
        return
    assert hit is not None
    assert (hit.status, hit.message, hit.measured, hit.threshold, hit.unit) == (
        status, message, result.pages, 5, "pages")
    assert hit.file == "item/Справка.docx"
    assert hit.evidence.startswith(f"{result.method}: ")
    for lang in LANGS:  # every template fills in every language
        text = format_message("DOC001", lang, hit.message, dict(hit.args))
        assert str(result.pages) in text or "≈" in text


def _docx(tmp: Path, name: str, paragraphs: int) -> Path:
    doc = docx.Document()
    kz_page(doc)
    prose(doc, paragraphs, repeat=3)
    path = tmp / name
    doc.save(str(path))
    return path


def _context(profile: Profile, counter: PageCounter,
             files: list[tuple[Path, str | None]]) -> PackageContext:
    limits = read_limits(profile)
    entries = []
    for path, role in files:
        document = Document(Member(f"item/{path.name}", path.name, disk=path), limits, counter)
        report = FileReport(path=document.path, format=document.format, kind=document.kind,
                            size=document.size, sha256=document.sha256, findings=(), role=role)
        entries.append(FileEntry(document, report))
    return PackageContext("item", tuple(entries), (), RunContext())


def test_rule_on_real_files(tmp_path: Path, profile: Profile,
                            estimating_counter: PageCounter) -> None:
    long_ref = _docx(tmp_path, "Справка.docx", 60)  # about 9.5 pages of TNR 14
    short_ref = _docx(tmp_path, "Анықтама.docx", 4)
    long_draft = _docx(tmp_path, "Проект постановления.docx", 36)
    pdf_ref = tmp_path / "Информация.pdf"
    pdf_ref.write_bytes(build_pdf([A4] * 7))
    ctx = _context(profile, estimating_counter, [
        (long_ref, "reference"), (short_ref, "reference"), (long_draft, "draft-resolution"),
        (pdf_ref, "information-note"),
    ])
    hits = {h.file: h for h in reference_page_limit.check(ctx, profile.rules["DOC001"].params)}
    assert set(hits) == {"item/Справка.docx", "item/Информация.pdf"}
    pdf = hits["item/Информация.pdf"]
    assert (pdf.status, pdf.message, pdf.measured) == (Status.VIOLATION, "over_pdf", 7)
    est = hits["item/Справка.docx"]
    assert est.status is Status.VIOLATION and est.message == "over_estimate"
    assert isinstance(est.measured, int) and est.measured >= 8
    assert "layout estimate" in est.evidence and "Times New Roman ->" in est.evidence


def test_role_missing_means_not_measured(tmp_path: Path, profile: Profile,
                                         estimating_counter: PageCounter) -> None:
    ctx = _context(profile, estimating_counter, [(_docx(tmp_path, "x.docx", 36), None)])
    assert list(reference_page_limit.check(ctx, profile.rules["DOC001"].params)) == []


def test_uncountable_reference_needs_review(tmp_path: Path, profile: Profile) -> None:
    path = _docx(tmp_path, "Справка.docx", 2)
    with PageCounter(use_libreoffice=False) as counter:
        ctx = _context(profile, counter, [(path, "reference")])
        ctx.files[0].document.page_counter = None  # a run that cannot count pages at all
        hits = list(reference_page_limit.check(ctx, profile.rules["DOC001"].params))
    assert [(h.status, h.message) for h in hits] == [(Status.NEEDS_REVIEW, "uncounted")]
    assert "counts no pages" in hits[0].evidence


@pytest.mark.usefixtures("libreoffice_setup")
def test_libreoffice_count_in_finding(tmp_path: Path, profile: Profile) -> None:
    path = _docx(tmp_path, "Справка.docx", 36)
    with PageCounter() as counter:
        ctx = _context(profile, counter, [(path, "reference")])
        hits = list(reference_page_limit.check(ctx, profile.rules["DOC001"].params))
        assert counter.libreoffice_starts == 1
    assert len(hits) == 1 and hits[0].status is Status.VIOLATION
    assert hits[0].message == "default" and hits[0].evidence.startswith("libreoffice: ")
