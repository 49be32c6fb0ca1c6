"""Documents sent in their electronic signature files (``Справка.docx.cms``): read as the
documents they are; a signature alone is named; one whose document cannot be read out of it is
never a pass."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import build_zip, codes, only, run
from tests.signed_files import encrypt, sign
from validator.commands.main import main
from validator.core.findings import Severity, Status, Verdict
from validator.discovery.signed import document_name, signed_document
from validator.settings.options import Settings

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SAMPLE = SAMPLES / "compliant-item"
REFERENCE = "Справка_рус.docx"


def _signed_item(tmp_path: Path, name: str = REFERENCE, *, keep: bool = False,
                 signed: bytes | None = None, as_name: str | None = None) -> Path:
    """The compliant sample with ``name`` signed (attached) as ``as_name`` (``name.cms``)."""
    package = tmp_path / "item"
    shutil.copytree(SAMPLE, package)
    original = (package / name).read_bytes()
    if not keep:
        (package / name).unlink()
    target = as_name or f"{name}.cms"
    (package / target).write_bytes(sign(original) if signed is None else signed)
    return package


def _file(report: object, name: str) -> object:
    return next(f for p in report.packages for f in p.files  # type: ignore[attr-defined]
                if f.path.endswith("/" + name))


def test_a_signed_reference_is_read_as_the_document_it_carries(tmp_path: Path) -> None:
    package = _signed_item(tmp_path)
    report = run(package)
    assert report.packages[0].verdict is Verdict.ACCEPT
    assert not report.all_findings()
    signed = _file(report, "Справка_рус.docx.cms")
    data = (package / "Справка_рус.docx.cms").read_bytes()
    assert (signed.format, signed.kind, signed.role, signed.language, signed.pages) == (
        "cms", "document", "reference", "ru", 1)
    assert dict(signed.extra)["signed"] == "docx"
    assert signed.size == len(data)  # the file's own size and hash, as sent
    import hashlib
    assert signed.sha256 == hashlib.sha256(data).hexdigest()


def test_a_signed_deck_named_without_its_own_extension_is_checked_as_a_deck(
        tmp_path: Path) -> None:
    """``Таныстырылым_қаз.cms``: the bytes say it is a .pptx; the presentation rules run."""
    package = _signed_item(tmp_path, "Таныстырылым_қаз.pptx", as_name="Таныстырылым_қаз.cms")
    report = run(package, settings=Settings(select=("SLD",)))
    deck = _file(report, "Таныстырылым_қаз.cms")
    assert (deck.kind, deck.role, deck.slides, dict(deck.extra)["signed"]) == (
        "presentation", "presentation", 3, "pptx")
    assert report.packages[0].verdict is Verdict.ACCEPT


def test_a_signed_deck_is_held_to_the_rules(tmp_path: Path) -> None:
    """The non-compliant sample's Russian deck (4:3), signed: SLD001 fires on the .cms file."""
    package = tmp_path / "item"
    shutil.copytree(SAMPLES / "non-compliant-item", package)
    deck = package / "Таныстырылым_қаз.pptx"
    (package / "Таныстырылым_қаз.pptx.cms").write_bytes(sign(deck.read_bytes()))
    deck.unlink()
    report = run(package)
    hits = [f for f in only(report, "SLD001") if f.file.endswith(".cms")]
    assert [(h.severity, h.measured) for h in hits] == [(Severity.ERROR, 1.3333)]


def test_a_signed_copy_beside_its_document_is_one_material(tmp_path: Path) -> None:
    """``Справка_рус.docx`` and ``Справка_рус.docx.cms``: one reference, no LNG001, and the
    reports say the second is the first in its signature file."""
    package = _signed_item(tmp_path, keep=True)
    report = run(package)
    assert not report.all_findings()
    copies = dict(report.packages[0].extra)["copies"]
    assert copies == [{"path": f"{package.as_posix()}/Справка_рус.docx.cms",
                       "of": f"{package.as_posix()}/Справка_рус.docx"}]
    out = CliRunner().invoke(main, ["--lang", "ru", "check", str(package), "--no-cache"])
    line = next(x for x in out.output.splitlines() if "Справка_рус.docx.cms [" in x)
    assert "документ .docx прочитан из файла электронной подписи" in line
    assert "«Справка_рус.docx» в файле электронной подписи" in line
    html = CliRunner().invoke(main, ["--lang", "kk", "check", str(package), "--no-cache",
                                     "--format", "html"]).output
    assert "сондай-ақ қол қойылған түрі: «Справка_рус.docx.cms»" in html


def test_a_detached_signature_is_a_note_naming_its_document(tmp_path: Path) -> None:
    package = _signed_item(tmp_path, keep=True, as_name="Справка_рус.docx.p7s",
                           signed=sign((SAMPLE / REFERENCE).read_bytes(), detached=True))
    report = run(package)
    hits = only(report, "FIL002")
    assert [(h.file.rsplit("/", 1)[-1], h.severity, h.status, h.not_read) for h in hits] == [
        ("Справка_рус.docx.p7s", Severity.INFO, Status.VIOLATION, False)]
    assert hits[0].message("en") == ("«Справка_рус.docx.p7s» is the electronic signature of "
                                     "«Справка_рус.docx», kept apart from it: not a material, "
                                     "it is not checked (nor is the signature)")
    assert "электронная подпись документа «Справка_рус.docx»" in hits[0].message("ru")
    assert "«Справка_рус.docx» құжатының" in hits[0].message("kk")
    assert report.packages[0].verdict is Verdict.ACCEPT_WITH_NOTES


def test_a_detached_signature_without_its_document_says_so(tmp_path: Path) -> None:
    """``Справка_рус.p7s`` signs a document that is not in the package (sent as the
    signature alone, the reference missing): a note that says so, besides LNG001."""
    package = _signed_item(tmp_path, as_name="Справка_рус.p7s",
                           signed=sign((SAMPLE / REFERENCE).read_bytes(), detached=True))
    report = run(package)
    hits = only(report, "FIL002")
    assert [(h.file.rsplit("/", 1)[-1], h.severity) for h in hits] == [
        ("Справка_рус.p7s", Severity.INFO)]
    assert "that document is not beside it" in hits[0].message("en")
    assert "а этого документа рядом нет" in hits[0].message("ru")
    assert "ал ол құжат қасында жоқ" in hits[0].message("kk")
    assert [f.file.rsplit("/", 1)[-1] for f in only(report, "LNG001")] == ["Анықтама_қаз.docx"]


@pytest.mark.parametrize(("name", "beside", "expected"), [
    ("Справка.docx.p7s", ["Справка.docx", "Справка.pdf"], "Справка.docx"),
    ("Справка.p7s", ["Справка.docx", "Доклад.pptx"], "Справка.docx"),
    ("Справка.p7s", ["Справка.docx", "Справка.pdf"], None),  # which one is not told
    ("СПРАВКА.DOCX.SIG", ["справка.docx"], "справка.docx"),
    ("Справка.docx.p7s", ["Доклад.docx"], None),
])
def test_the_document_a_detached_signature_signs(name: str, beside: list[str],
                                                 expected: str | None) -> None:
    assert signed_document(name, beside) == expected


@pytest.mark.parametrize(("signed", "message", "words"), [
    (b"\x30\x82\x10\x00" + bytes(50), "signature-damaged", "could not be read out of it"),
    (None, "signature-encrypted", "encrypted for its recipient"),
], ids=["damaged", "encrypted"])
def test_a_signature_file_whose_document_is_not_read_is_never_a_pass(
        tmp_path: Path, signed: bytes | None, message: str, words: str) -> None:
    """Needs review whatever rules are chosen, and the Kazakh reference is not blamed for the
    Russian one that was not read (no LNG001)."""
    data = encrypt((SAMPLE / REFERENCE).read_bytes()) if signed is None else signed
    package = _signed_item(tmp_path, signed=data)
    for settings in (Settings(), Settings(select=("SLD",)), Settings(ignore=("FIL002",))):
        report = run(package, settings=settings)
        hits = only(report, "FIL002")
        assert [(h.status, h.not_read) for h in hits] == [(Status.NEEDS_REVIEW, True)]
        assert words in hits[0].message("en")
        assert report.packages[0].verdict is Verdict.NEEDS_REVIEW
        assert only(report, "LNG001") == []
        assert only(report, "PKG001") == []  # the reference is there, by its name


def test_an_archive_not_read_does_not_make_its_partner_missing(tmp_path: Path) -> None:
    """The Russian reference sent as .rar: needs review, and no LNG001 on the Kazakh one."""
    package = tmp_path / "item"
    shutil.copytree(SAMPLE, package)
    (package / REFERENCE).unlink()
    (package / "Справка_рус.rar").write_bytes(b"Rar!\x1a\x07\x01\x00" + bytes(100))
    report = run(package)
    assert codes(report) == [("FIL002", "Справка_рус.rar")]
    assert report.packages[0].verdict is Verdict.NEEDS_REVIEW


def test_signed_documents_in_a_zip_are_read(tmp_path: Path) -> None:
    files = {p.name: p.read_bytes() for p in SAMPLE.iterdir()}
    files["Справка_рус.docx.cms"] = sign(files.pop(REFERENCE), form="base64")
    archive = tmp_path / "item.zip"
    archive.write_bytes(build_zip(files))
    report = run(archive)
    assert report.packages[0].verdict is Verdict.ACCEPT
    assert dict(_file(report, "Справка_рус.docx.cms").extra)["signed"] == "docx"


def test_the_input_is_not_modified_and_fix_leaves_a_signed_document_as_it_is(
        tmp_path: Path) -> None:
    """``validator fix``: the signed deck (over 10 MB: SLD003, which fix would shrink) is
    copied byte for byte, and the report says why it was not changed."""
    package = tmp_path / "item"
    shutil.copytree(SAMPLES / "non-compliant-item", package)
    deck = package / "Презентация_рус.pptx"
    signed = package / "Презентация_рус.pptx.cms"
    signed.write_bytes(sign(deck.read_bytes()))
    deck.unlink()
    before = signed.read_bytes()
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["fix", str(package), "--output", str(out),
                                       "--format", "json"])
    assert signed.read_bytes() == before
    assert (out / "item" / signed.name).read_bytes() == before
    doc = json.loads(result.output)
    fixes = [f for f in doc["fixes"] if f["source"].endswith(".cms")]
    assert [(s["code"], s["reason"], s["details"]) for f in fixes for s in f["skipped"]] == [
        ("SLD003", "signed", {"format": "cms"})]
    assert [f["fixes"] for f in fixes] == [[]]


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("Справка.docx.cms", b"anything", "Справка.docx"),
    ("Справка.pdf.p7m", b"anything", "Справка.pdf"),
    ("Справка.cms", b"%PDF-1.7\n", "Справка.pdf"),
    ("Справка.cms", b"plain words", "Справка"),
    ("Справка.docx.cms. ", b"anything", "Справка.docx"),
])
def test_the_document_is_named_by_the_signature_files_name_else_its_bytes(
        name: str, data: bytes, expected: str) -> None:
    assert document_name(name, data) == expected


def test_signed_documents_make_a_package_and_other_signatures_do_not(tmp_path: Path) -> None:
    """A folder of ``*.docx.cms`` files only is an item's package; a release's
    ``.tar.gz.sig`` beside a repository's README does not make the root one."""
    signed_only = tmp_path / "signed"
    signed_only.mkdir()
    for path in SAMPLE.iterdir():
        (signed_only / f"{path.name}.cms").write_bytes(sign(path.read_bytes()))
    report = run(signed_only)
    assert [(p.path, p.verdict, len(p.files)) for p in report.packages] == [
        (signed_only.as_posix(), Verdict.ACCEPT, 8)]
    repository = tmp_path / "repository"
    shutil.copytree(SAMPLE, repository / "item")
    (repository / "README.md").write_text("Материалы\n", encoding="utf-8")
    (repository / "release.tar.gz.sig").write_bytes(b"-----BEGIN PGP SIGNATURE-----\n")
    report = run(repository)
    assert [p.path for p in report.packages] == [(repository / "item").as_posix()]


def test_a_signed_zip_is_never_a_pass(tmp_path: Path) -> None:
    """``Материалы.zip.cms``: the files of the zip inside were not read, so the signature
    file needs review instead of being a note on a file that is not a material."""
    inner = build_zip({REFERENCE: (SAMPLE / REFERENCE).read_bytes()})
    package = _signed_item(tmp_path, signed=sign(inner), as_name="Материалы.zip.cms")
    report = run(package)
    hits = only(report, "FIL002")
    assert [(h.file.rsplit("/", 1)[-1], h.status, h.not_read) for h in hits] == [
        ("Материалы.zip.cms", Status.NEEDS_REVIEW, True)]
    assert "'Материалы.zip'" in hits[0].evidence
    assert report.packages[0].verdict is Verdict.NEEDS_REVIEW
