"""Electronic signature files for tests: CMS ``SignedData`` made with ``cryptography`` (as a
signing tool writes them: DER, PEM or base64 text, attached or detached), BER written by hand
(the chunked, indefinite-length form streaming signers write) and an ``EnvelopedData`` file."""

from __future__ import annotations

import base64
import datetime
import functools

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509.oid import NameOID

_START = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


@functools.lru_cache(maxsize=2)
def _signer(kind: str = "ec") -> tuple[x509.Certificate, object]:
    key = ec.generate_private_key(ec.SECP256R1()) if kind == "ec" else \
        rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Тестов Тест Тестович")])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(1)
            .not_valid_before(_START).not_valid_after(_START + datetime.timedelta(days=365))
            .sign(key, hashes.SHA256()))  # type: ignore[arg-type]
    return cert, key


def sign(data: bytes, *, detached: bool = False, form: str = "der") -> bytes:
    """``data`` signed as CMS SignedData: ``form`` ``der``, ``pem`` or ``base64`` (text)."""
    cert, key = _signer()
    options = [pkcs7.PKCS7Options.Binary]
    if detached:
        options.append(pkcs7.PKCS7Options.DetachedSignature)
    builder = pkcs7.PKCS7SignatureBuilder().set_data(data).add_signer(
        cert, key, hashes.SHA256())  # type: ignore[arg-type]
    if form == "pem":
        return builder.sign(serialization.Encoding.PEM, options)
    der = builder.sign(serialization.Encoding.DER, options)
    if form == "base64":
        text = base64.b64encode(der).decode()
        return "\r\n".join(text[i:i + 76] for i in range(0, len(text), 76)).encode()
    return der


def encrypt(data: bytes) -> bytes:
    """``data`` as CMS EnvelopedData (encrypted for one recipient), DER."""
    cert, _ = _signer("rsa")
    return (pkcs7.PKCS7EnvelopeBuilder().set_data(data).add_recipient(cert)
            .encrypt(serialization.Encoding.DER, []))


def _tlv(tag: int, body: bytes) -> bytes:
    size = len(body)
    if size < 0x80:
        return bytes([tag, size]) + body
    raw = size.to_bytes((size.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(raw)]) + raw + body


def _indefinite(tag: int, *parts: bytes) -> bytes:
    return bytes([tag, 0x80]) + b"".join(parts) + b"\x00\x00"


_SIGNED_DATA = bytes.fromhex("06092a864886f70d010702")
_DATA = bytes.fromhex("06092a864886f70d010701")


def sign_ber(data: bytes, chunk: int = 1000) -> bytes:
    """A SignedData in BER with indefinite lengths and the content in ``chunk``-byte pieces of
    a constructed OCTET STRING (no signer: only the structure is read)."""
    pieces = [_tlv(0x04, data[i:i + chunk]) for i in range(0, len(data), chunk)]
    content = _indefinite(0xA0, _indefinite(0x24, *pieces))
    signed = _indefinite(0x30, _tlv(0x02, b"\x01"), _tlv(0x31, b""),
                         _indefinite(0x30, _DATA, content), _tlv(0x31, b""))
    return _indefinite(0x30, _SIGNED_DATA, _indefinite(0xA0, signed))
