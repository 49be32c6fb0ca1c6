"""E-mail messages in a package (.eml, Outlook's .msg): the documents attached to them were not
read, so the package needs review; a message with no document attached is a note."""

from __future__ import annotations

import shutil
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import only, run
from tests.security.cfb import cfb
from validator.core.findings import Severity, Status, Verdict
from validator.formats.mail import attached_documents, attached_files
from validator.settings.options import Settings

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "compliant-item"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _eml(attachments: dict[str, bytes], forwarded: dict[str, bytes] | None = None) -> bytes:
    message = EmailMessage()
    message["From"] = "apparatus@oskemen.kz"
    message["Subject"] = "Материалы к заседанию"
    message.set_content("Направляем материалы к заседанию акимата.")
    for name, data in attachments.items():
        message.add_attachment(data, maintype="application", subtype="octet-stream",
                               filename=name)
    if forwarded is not None:
        message.add_attachment(_eml_message(forwarded))
    return bytes(message)


def _eml_message(attachments: dict[str, bytes]) -> EmailMessage:
    inner = EmailMessage()
    inner["Subject"] = "Fwd"
    inner.set_content("Пересылаю.")
    for name, data in attachments.items():
        inner.add_attachment(data, maintype="application", subtype="pdf", filename=name)
    return inner


def _u(text: str) -> bytes:
    return text.encode("utf-16-le")


def _msg() -> bytes:
    """An Outlook message: a long name (Unicode), a short 8-bit one, a picture, and a message
    attached to the message with a PDF of its own."""
    return cfb({
        "__properties_version1.0": bytes(32),
        "__substg1.0_0037001F": _u("Материалы"),
        "__attach_version1.0_#00000000/__substg1.0_3707001F": _u("Справка_рус.docx"),
        "__attach_version1.0_#00000000/__substg1.0_37010102": b"PK\x03\x04",
        "__attach_version1.0_#00000001/__substg1.0_3704001E": "Доклад.ppt".encode("cp1251"),
        "__attach_version1.0_#00000002/__substg1.0_3707001F": _u("logo.png"),
        "__attach_version1.0_#00000003/__substg1.0_3701000D/"
        "__attach_version1.0_#00000000/__substg1.0_3707001F": _u("Анықтама.pdf"),
    })


def test_the_files_attached_to_an_eml_message_are_named() -> None:
    data = _eml({"Справка_рус.docx": b"PK\x03\x04", "logo.png": b"\x89PNG"},
                forwarded={"Анықтама_қаз.pdf": b"%PDF-1.7"})
    assert attached_files(data) == ("Справка_рус.docx", "logo.png", "Анықтама_қаз.pdf")
    assert attached_documents(data) == ("Справка_рус.docx", "Анықтама_қаз.pdf")


def test_the_files_attached_to_an_outlook_message_are_named() -> None:
    assert attached_files(_msg()) == ("Справка_рус.docx", "Доклад.ppt", "logo.png",
                                      "(no name)", "Анықтама.pdf")
    assert attached_documents(_msg()) == ("Справка_рус.docx", "Доклад.ppt", "Анықтама.pdf")


@pytest.mark.parametrize("data", [b"", b"plain words", cfb({"WordDocument": b"x"}),
                                  _msg()[:700]],
                         ids=["empty", "text", "word-document", "cut-short"])
def test_what_is_not_a_readable_message_raises_value_error(data: bytes) -> None:
    with pytest.raises(ValueError):
        attached_files(data)


def _package(tmp_path: Path, name: str, data: bytes, *, drop: str | None = None) -> Path:
    package = tmp_path / "item"
    shutil.copytree(SAMPLE, package)
    if drop is not None:
        (package / drop).unlink()
    (package / name).write_bytes(data)
    return package


@pytest.mark.parametrize("settings", [Settings(), Settings(select=("SLD",)),
                                      Settings(ignore=("FIL002",))],
                         ids=["default", "select-SLD", "ignore-FIL002"])
def test_a_message_with_a_material_attached_is_never_a_pass(tmp_path: Path,
                                                            settings: Settings) -> None:
    """The Russian reference sent as an attachment of a letter: needs review whatever rules
    are chosen, the attachments named, and the Kazakh reference not blamed (no LNG001)."""
    reference = (SAMPLE / "Справка_рус.docx").read_bytes()
    package = _package(tmp_path, "Письмо.eml", _eml({"Справка_рус.docx": reference}),
                       drop="Справка_рус.docx")
    report = run(package, settings=settings)
    hits = only(report, "FIL002")
    assert [(h.file.rsplit("/", 1)[-1], h.status, h.not_read, h.measured) for h in hits] == [
        ("Письмо.eml", Status.NEEDS_REVIEW, True, 1)]
    assert hits[0].message("ru") == (
        "«Письмо.eml» — письмо электронной почты с вложенными документами "
        "(«Справка_рус.docx»), которые не проверены; сохраните их в пакет и проверьте его снова")
    assert "құжаттар тіркелген электрондық хат («Справка_рус.docx»)" in hits[0].message("kk")
    assert only(report, "LNG001") == []
    assert report.packages[0].verdict is Verdict.NEEDS_REVIEW


def test_an_outlook_message_with_documents_attached_needs_review(tmp_path: Path) -> None:
    report = run(_package(tmp_path, "Материалы.msg", _msg()))
    hits = only(report, "FIL002")
    assert [(h.status, h.measured) for h in hits] == [(Status.NEEDS_REVIEW, 3)]
    assert "(«Справка_рус.docx», «Доклад.ppt», «Анықтама.pdf»)" in hits[0].message("en")


def test_a_message_with_no_document_attached_is_a_note(tmp_path: Path) -> None:
    report = run(_package(tmp_path, "Сопроводительное.eml", _eml({"logo.png": b"\x89PNG"})))
    hits = only(report, "FIL002")
    assert [(h.severity, h.status, h.not_read) for h in hits] == [
        (Severity.INFO, Status.VIOLATION, False)]
    assert "e-mail message with no document attached" in hits[0].message("en")
    assert report.packages[0].verdict is Verdict.ACCEPT_WITH_NOTES


def test_a_message_that_cannot_be_looked_into_needs_review(tmp_path: Path) -> None:
    report = run(_package(tmp_path, "Письмо.msg", cfb({"WordDocument": b"x"})[:700]))
    hits = only(report, "FIL002")
    assert [(h.status, h.not_read) for h in hits] == [(Status.NEEDS_REVIEW, True)]
    assert "could not be looked into" in hits[0].message("en")
    assert report.packages[0].verdict is Verdict.NEEDS_REVIEW


_MSG = _msg()
_EML = _eml({"Справка_рус.docx": b"PK\x03\x04"}, forwarded={"Анықтама.pdf": b"%PDF-1.7"})


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([_MSG, _EML]),
       st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=8),
       st.integers(0, 10**6))
def test_a_damaged_message_is_told_never_raised_otherwise(base: bytes,
                                                          changes: list[tuple[int, int]],
                                                          cut: int) -> None:
    """Bytes changed anywhere, or cut short: the names of the attached files, or
    ``ValueError`` (which FIL002 turns into needs-review), never another exception."""
    data = bytearray(base)
    for index, value in changes:
        data[index % len(data)] = value
    try:
        names = attached_files(bytes(data[: max(1, len(data) - cut % len(data))]))
    except ValueError:
        return
    assert all(isinstance(n, str) and n for n in names)
