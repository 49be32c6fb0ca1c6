"""SEC002-SEC005 cases and severities beyond the hostile-file table, and fail-closed behaviour
when the security rules are switched off."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run as check
from tests.security import hostile as h
from validator.checks.external_content import case_of
from validator.core.findings import FileReport, Finding
from validator.settings.options import Settings

CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _file(tmp_path: Path, name: str, data: bytes, settings: Settings | None = None
          ) -> FileReport:
    path = tmp_path / name
    path.write_bytes(data)
    report = check(path, isolate=False, settings=settings or Settings())
    [file] = [f for p in report.packages for f in p.files]
    return file


def _sec(file: FileReport) -> list[Finding]:
    """The file's security findings (the slide and language rules judge other things)."""
    return [f for f in file.findings if f.code.startswith(("SEC", "FIL"))]


def _codes(file: FileReport) -> list[tuple[str, str, object]]:
    return [(f.code, f.severity.label, f.measured) for f in _sec(file)]


@pytest.mark.parametrize(("kind", "case"), [
    ("attachedTemplate", "template"), ("oleObject", "linked-object"),
    ("externalLinkPath", "linked-object"), ("image", "linked-picture"),
    ("video", "linked-picture"), ("frame", "frame"), ("subDocument", "frame"),
    ("hyperlink", "hyperlink"), ("customXml", "other"),
])
def test_external_relationship_kinds(kind: str, case: str) -> None:
    assert case_of(kind) == case


@pytest.mark.parametrize(("kind", "severity"), [
    ("oleObject", "error"), ("frame", "error"), ("attachedTemplate", "error"),
    ("customXml", "warning"), ("hyperlink", "info"),
])
def test_external_relationship_severity_comes_from_the_profile(
        kind: str, severity: str, tmp_path: Path) -> None:
    target = "file://///10.0.0.1/share/x"
    file = _file(tmp_path, "d.pptx",
                 h.pptx(slide_rels=[("rId7", f"{h.RT}/{kind}", target, True)]))
    assert _codes(file) == [("SEC004", severity, target)]


def test_hyperlinks_are_one_note_per_address(tmp_path: Path) -> None:
    rels = [(f"rId{i}", f"{h.RT}/hyperlink", "https://gov.kz/", True) for i in range(5)]
    file = _file(tmp_path, "d.pptx", h.pptx(slide_rels=rels))
    [finding] = _sec(file)
    assert (finding.code, finding.measured) == ("SEC004", "https://gov.kz/")
    assert "5 place(s)" in finding.message("en")


def test_macro_enabled_deck_under_its_own_extension(tmp_path: Path) -> None:
    file = _file(tmp_path, "d.pptm", h.pptx(main_type=h.PPTM_MAIN))
    assert _codes(file) == [("SEC002", "error", h.PPTM_MAIN)]
    assert _sec(file)[0].message("en").startswith("the file is macro-enabled")
    assert "макростарды қолдайды" in _sec(file)[0].message("kk")


def test_embedded_package_and_chart_workbook(tmp_path: Path) -> None:
    chart = b'<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>'
    parts = {
        "ppt/embeddings/Document1.docx": h.docx(),
        "ppt/embeddings/Book1.xlsx": h.xlsx(),
        "ppt/charts/chart1.xml": chart,
        "ppt/charts/_rels/chart1.xml.rels": h.rels_xml([
            ("rId1", f"{h.RT}/package", "../embeddings/Book1.xlsx", False)]),
    }
    file = _file(tmp_path, "d.pptx", h.pptx(
        parts=parts, types={"ppt/charts/chart1.xml": CHART_TYPE},
        slide_rels=[("rId3", f"{h.RT}/package", "../embeddings/Document1.docx", False)]))
    got = sorted((f.code, f.severity.label, f.measured, f.message("en")) for f in _sec(file))
    assert got == [
        ("SEC005", "info", "Book1.xlsx", "chart data workbook Book1.xlsx"),
        ("SEC005", "warning", "Document1.docx", "embedded file Document1.docx"),
    ]


def test_encrypted_file_is_not_also_unreadable(tmp_path: Path) -> None:
    data = h.cfb({"EncryptionInfo": b"\x04\x00", "EncryptedPackage": b"\x00"})
    file = _file(tmp_path, "secret.pptx", data)
    assert [f.code for f in file.findings] == ["SEC003"]  # nothing else is judged


def test_encrypted_file_is_reported_even_when_sec003_is_ignored(tmp_path: Path) -> None:
    """A file that cannot be opened is never hidden by options (fail closed)."""
    data = h.cfb({"EncryptionInfo": b"\x04\x00", "EncryptedPackage": b"\x00"})
    file = _file(tmp_path, "secret.pptx", data, settings=Settings(ignore=("SEC003",)))
    assert [f.code for f in file.findings] == ["SEC003"]
    assert "password-protected" in file.findings[0].evidence and file.findings[0].not_read


def test_real_encryption_by_msoffcrypto(tmp_path: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = tmp_path / "plain.docx"
    plain.write_bytes(h.docx())
    encrypted = tmp_path / "secret.docx"
    with plain.open("rb") as src, encrypted.open("wb") as dst:
        OOXMLFile(src).encrypt("пароль", dst)
    report = check(encrypted, isolate=False)
    [file] = [f for p in report.packages for f in p.files]
    assert [(f.code, f.severity.label) for f in file.findings] == [("SEC003", "error")]


def test_aes_pdf_without_a_crypto_library(monkeypatch: pytest.MonkeyPatch) -> None:
    """pypdf raises DependencyError for AES when no crypto library is there: still SEC003."""
    import pypdf._encryption as enc
    from pypdf.errors import DependencyError

    from validator.core.errors import EncryptedError
    from validator.formats.pdf import read_pdf

    data = h.pdf(user_password="", owner_password="o", algorithm="AES-256")

    def missing(*args: object, **kwargs: object) -> bytes:
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(enc, "aes_cbc_decrypt", missing)
    monkeypatch.setattr(enc, "aes_ecb_decrypt", missing)
    monkeypatch.setattr(enc, "aes_ecb_encrypt", missing)
    with pytest.raises(EncryptedError, match="cannot be decrypted here"):
        read_pdf(data, 1 << 25)
