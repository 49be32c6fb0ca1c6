"""Scanned PDFs are read by OCR (Tesseract kaz+rus+eng) in the reader's sandbox."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import only, run
from tests.ocr.scans import draw_page, image_pdf, scan_of
from validator.core.findings import FileState, Severity, Status
from validator.core.outcome import exit_code
from validator.settings.options import Settings
from validator.settings.profile import Profile

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "compliant-item"
FLORES = ROOT.parent / "shared" / "corpus" / "text"

needs_ocr = pytest.mark.skipif(shutil.which("tesseract") is None or
                               shutil.which("pdftoppm") is None,
                               reason="tesseract-ocr and poppler-utils are installed by .ci/run")


def _flores(lang: str, start: int, count: int) -> list[str]:
    path = FLORES / f"flores200-devtest.{lang}.txt"
    if path.exists():
        lines = path.read_text(encoding="utf-8").splitlines()
        return lines[start:start + count]
    pytest.skip("the FLORES texts of ../shared/corpus are not here")


def _file(report: object, name: str) -> object:
    return next(f for p in report.packages for f in p.files  # type: ignore[attr-defined]
                if f.path.endswith(name))


@needs_ocr
@pytest.mark.parametrize(("lang", "expected"), [("kaz_Cyrl", "kk"), ("rus_Cyrl", "ru")])
def test_a_scan_is_read_in_its_language(tmp_path: Path, lang: str, expected: str) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(image_pdf([draw_page(_flores(lang, 0, 8), 200)], 200))
    report = run(path)
    scanned = report.packages[0].files[0]
    assert scanned.language == expected
    assert scanned.state is FileState.COMPLIANT


@needs_ocr
@pytest.mark.parametrize("stamp", ["ДСП", "Для служебного пользования",
                                   "Қызмет бабында пайдалану үшін"])
def test_a_stamp_on_a_scan_is_sec001(tmp_path: Path, stamp: str) -> None:
    path = tmp_path / "Анықтама_қаз.pdf"
    path.write_bytes(image_pdf([draw_page(_flores("kaz_Cyrl", 10, 6), 200, stamp=stamp)], 200))
    hits = only(run(path), "SEC001")
    assert len(hits) == 1, hits
    assert hits[0].status is Status.VIOLATION
    assert hits[0].location.page == 1
    assert "read by OCR, confidence 0." in hits[0].evidence


@needs_ocr
def test_no_parity_violation_between_a_scan_and_its_text(tmp_path: Path) -> None:
    item = tmp_path / "item"
    shutil.copytree(SAMPLE, item)
    source = item / "Анықтама_қаз.docx"
    scan = scan_of(source, tmp_path, 200, skew=1.0, noise=0.002)
    source.unlink()
    (item / "Анықтама_қаз.pdf").write_bytes(scan)
    report = run(item)
    assert _file(report, "Анықтама_қаз.pdf").language == "kk"  # type: ignore[attr-defined]
    assert only(report, "LNG003") == []  # neither a violation nor a doubt
    assert only(report, "LNG001") == []


@pytest.mark.parametrize("settings", [Settings(), Settings(select=("SLD",)),
                                      Settings(ignore=("FIL002",))])
def test_without_tesseract_a_scan_needs_review(tmp_path: Path, settings: Settings,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever rules the user chose: the pages that were not read are never a pass."""
    bare = tmp_path / "bin"
    bare.mkdir()
    monkeypatch.setenv("PATH", str(bare))
    path = tmp_path / "scan.pdf"
    path.write_bytes(image_pdf([draw_page(["Мәтін жоқ."], 100)], 100))
    report = run(path, isolate=False, settings=settings)
    hits = only(report, "FIL002")
    assert [(h.status, h.severity, h.measured) for h in hits] == [
        (Status.NEEDS_REVIEW, Severity.WARNING, 1)]
    assert "install tesseract-ocr-kaz" in hits[0].message("en")
    assert "установите tesseract-ocr-kaz" in hits[0].message("ru")
    assert "tesseract-ocr-kaz және tesseract-ocr-rus" in hits[0].message("kk")
    assert report.packages[0].files[0].state is not FileState.COMPLIANT


@needs_ocr
@pytest.mark.parametrize("settings", [Settings(), Settings(select=("SLD001",)),
                                      Settings(ignore=("FIL", "LNG"))])
def test_unsure_ocr_turns_a_finding_into_needs_review(tmp_path: Path,
                                                      settings: Settings) -> None:
    """A scan read this unsurely is a text not read: whatever rules the user chose, it is
    needs-review and fails the run, never a pass."""
    # Tiny type at a low resolution: Tesseract reads little and is unsure of it.
    path = tmp_path / "scan.pdf"
    page = draw_page(_flores("rus_Cyrl", 20, 6), 60, stamp="ДСП", font_pt=8)
    path.write_bytes(image_pdf([page], 60))
    report = run(path, settings=settings)
    review = [h for h in only(report, "FIL002") if h.status is Status.NEEDS_REVIEW]
    assert len(review) == 1 and review[0].measured < 0.7  # type: ignore[operator]
    assert review[0].not_read
    assert "low confidence" in review[0].message("en")
    assert report.packages[0].files[0].state is FileState.NEEDS_REVIEW
    assert exit_code(report, Severity.ERROR) == 1  # even with --fail-level error


@pytest.mark.parametrize(("confidence", "status"), [(0.95, Status.VIOLATION),
                                                    (0.5, Status.NEEDS_REVIEW)])
def test_a_finding_on_ocr_text_carries_the_confidence(confidence: float, status: Status,
                                                      profile: Profile) -> None:
    from validator.checks.base import Hit
    from validator.core.findings import Location
    from validator.files.document import Document
    from validator.files.member import Member
    from validator.files.views import DocumentViews
    from validator.formats.pdf_text import PdfText
    from validator.formats.textblocks import TextBlock
    from validator.run.filecheck import read_limits
    from validator.run.ocr_review import ocr_hit

    limits = read_limits(profile)
    doc = Document(Member("scan.pdf", "scan.pdf", blob=b"%PDF-1.4"), limits)
    doc.adopt(DocumentViews(pdf_text=PdfText(
        (TextBlock("ДСП", Location(page=1), "page", ocr_confidence=confidence),),
        ocr_pages=(1,), confidence=confidence)))
    hit = ocr_hit("SEC001", Hit(location=Location(page=1), evidence="header: 'ДСП'"), (doc,))
    assert hit.status is status
    assert hit.evidence == f"header: 'ДСП'; scan.pdf read by OCR, confidence {confidence:.2f}"
    # A rule that does not read text is left alone.
    assert ocr_hit("SLD001", Hit(evidence="x"), (doc,)).evidence == "x"
    # Parity compares single characters: on OCR text, a person confirms it on the page.
    assert ocr_hit("LNG003", Hit(location=Location(page=1)), (doc,)).status is \
        Status.NEEDS_REVIEW


@needs_ocr
def test_scanned_pages_past_the_limit_are_named_for_review(tmp_path: Path,
                                                           profile: Profile) -> None:
    from dataclasses import replace

    from validator.checks import RULES_BY_CODE
    from validator.files.document import Document
    from validator.files.member import Member
    from validator.run.filecheck import read_limits

    limits = read_limits(profile)
    limits = replace(limits, ocr=replace(limits.ocr, max_pages=1))
    pages = [draw_page(_flores("rus_Cyrl", 30 + 5 * n, 5), 100) for n in range(3)]
    doc = Document(Member("scan.pdf", "scan.pdf", blob=image_pdf(pages, 100)), limits)
    text = doc.pdf_text
    assert (text.ocr_pages, text.unread_pages) == ((1,), (2, 3))
    assert [b.location.page for b in doc.text_blocks] == [1]
    hits = list(RULES_BY_CODE["FIL002"].check(doc, profile.rules["FIL002"].params))
    assert [(h.status, h.message, h.args["pages"]) for h in hits] == [
        (Status.NEEDS_REVIEW, "not-read", "2, 3")]
