"""formats.cms: what an electronic signature file holds, read in every form signers write."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import build_docx
from tests.signed_files import encrypt, sign, sign_ber
from validator.formats import cms
from validator.formats.cms import signed_content

DOC = build_docx(["Справка о ходе исполнения"])


@pytest.mark.parametrize("form", ["der", "pem", "base64"])
def test_an_attached_signature_gives_the_document_it_carries(form: str) -> None:
    found = signed_content(sign(DOC, form=form))
    assert (found.state, found.content) == ("attached", DOC)


def test_ber_chunks_are_joined_in_order() -> None:
    """A streaming signer's BER: indefinite lengths, the content in chunks."""
    data = os.urandom(50_000)
    for chunk in (7, 1000, 50_000):
        found = signed_content(sign_ber(data, chunk))
        assert (found.state, found.content) == ("attached", data), chunk


def test_ber_chunks_are_joined_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """asn1crypto joins chunks pair by pair (quadratic: 5.9 s for 16 MB in 1000-byte chunks,
    bench/bench_signed.py); the reader joins them itself and never asks asn1crypto to."""
    from asn1crypto import core

    def refuse(self: object) -> bytes:
        raise AssertionError("chunks joined by asn1crypto")

    monkeypatch.setattr(core.OctetString, "_merge_chunks", refuse)
    data = os.urandom(100_000)
    assert signed_content(sign_ber(data, 1000)).content == data


def test_a_document_signed_twice_by_wrapping_is_unwrapped() -> None:
    assert signed_content(sign(sign(DOC))).content == DOC


def test_a_detached_signature_carries_no_document() -> None:
    found = signed_content(sign(DOC, detached=True))
    assert (found.state, found.content) == ("detached", None)
    assert "without its content" in found.detail


def test_an_encrypted_file_is_told_apart() -> None:
    found = signed_content(encrypt(DOC))
    assert (found.state, found.content) == ("encrypted", None)


@pytest.mark.parametrize("data", [
    b"-----BEGIN PGP SIGNATURE-----\n\niQEzBAABCAAdFiEE\n-----END PGP SIGNATURE-----\n",
    bytes([0x88, 0x75, 0x04, 0x00]) + bytes(30),  # old format, version 4
    bytes([0xC2, 0x75, 0x04, 0x00]) + bytes(30),  # new format, version 4
], ids=["armoured", "old-packet", "new-packet"])
def test_an_openpgp_signature_is_detached(data: bytes) -> None:
    assert signed_content(data) == cms.SignedContent("detached", detail="an OpenPGP signature")


@pytest.mark.parametrize("data", [
    sign(DOC)[:200],  # cut short
    b"\x88\x75\x09" + bytes(30),  # a packet header with no signature version
    b"not a signature at all",
    b"",
    b"\x30\x80" * 5000,  # nested indefinite lengths
    b"\x30\x03\x02\x01\x01",  # a sequence, not a ContentInfo
], ids=["truncated", "not-pgp", "text", "empty", "deep", "sequence"])
def test_what_cannot_be_read_is_damaged(data: bytes) -> None:
    found = signed_content(data)
    assert (found.state, found.content) == ("damaged", None)


def test_too_many_elements_are_refused_before_asn1crypto_walks_them(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """2 million 2-byte chunks: refused by the flat count, before asn1crypto is given them."""
    from asn1crypto import cms as asn1_cms

    def refuse(data: bytes) -> object:
        raise AssertionError("parsed")

    blob = sign_ber(bytes(4 << 20), 2)
    monkeypatch.setattr(asn1_cms.ContentInfo, "load", refuse)
    found = signed_content(blob)
    assert found.state == "damaged"
    assert f"more than {cms.MAX_ELEMENTS} ASN.1 elements" in found.detail


def test_signed_data_of_another_content_type_is_damaged() -> None:
    found = signed_content(bytes.fromhex("300b06092a864886f70d010701"))  # ContentInfo of data
    assert found.state == "damaged"
    assert "CMS data, not SignedData" in found.detail


_SIGNED = sign(DOC)
_BER = sign_ber(DOC, 500)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([_SIGNED, _BER]), st.lists(st.tuples(st.integers(0, 10**6),
                                                          st.integers(0, 255)), max_size=8),
       st.integers(0, 10**6))
def test_damaged_signature_files_are_told_never_raised(base: bytes,
                                                       changes: list[tuple[int, int]],
                                                       cut: int) -> None:
    """Bytes changed anywhere, or cut short: the reader says what it found, never raises, and
    gives content only when the structure was read."""
    data = bytearray(base)
    for index, value in changes:
        data[index % len(data)] = value
    found = signed_content(bytes(data[: max(1, len(data) - cut % len(data))]))
    assert found.state in ("attached", "detached", "encrypted", "damaged")
    assert (found.content is not None) == (found.state == "attached")
