"""Electronic signature files (CMS, PKCS #7): whether they carry the document they sign.

Kazakhstan's signing tools (NCALayer, the eGov applications) write a signed document as a CMS
``SignedData`` file (RFC 5652): ``Справка.docx.cms`` holds the document itself (an attached
signature), or only the signature of a document kept elsewhere (a detached one, often ``.p7s``
or ``.sig``). ``signed_content`` tells which, and gives the document's bytes when they are
there. The signature itself is not verified: that needs the signer's certificate chain and
revocation lists, which are fetched from the network, and says nothing about the rules the
toolkit checks.

Read: DER, BER (the chunked, indefinite-length encoding that streaming signers write), PEM and
bare base64 text; a document signed twice by wrapping (a CMS file inside a CMS file) is
unwrapped up to ``MAX_DEPTH`` levels. An OpenPGP signature (``.sig`` from GnuPG) is always
detached. Parsing is asn1crypto's, lazy and with its own limit on nesting; what it cannot
parse is ``damaged``, and an ``EnvelopedData`` file is ``encrypted`` (for its recipient only).
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from typing import Any

#: Extensions of signature files (lower case): NCALayer's ``.cms``, S/MIME's ``.p7m`` (attached)
#: and ``.p7s`` (detached), and ``.sig``.
SIGNATURE_EXTENSIONS = frozenset({"cms", "p7m", "p7s", "sig"})
#: A signed file inside a signed file is unwrapped up to this many levels.
MAX_DEPTH = 4
#: A file with more ASN.1 elements is not read (``_bound``): a signed document is a few hundred,
#: and one in 1000-byte BER chunks a thousand per megabyte.
MAX_ELEMENTS = 1_000_000
#: Chunks of a BER OCTET STRING nested deeper than this are not read (signers write one level).
MAX_CHUNK_DEPTH = 16

_BASE64 = re.compile(rb"[A-Za-z0-9+/=\s]+")
_PGP_ARMOUR = b"-----BEGIN PGP SIGNATURE-----"


def unsigned_name(name: str) -> str:
    """A file name without the extension of the signature file it is (``Справка.docx.cms``:
    ``Справка.docx``, the name of the document it carries); any other name as it is. Dots and
    spaces at the end are dropped first, as Windows drops them."""
    base = name.rstrip(". ")
    stem, dot, ext = base.rpartition(".")
    return stem if dot and ext.lower() in SIGNATURE_EXTENSIONS else name


@dataclass(frozen=True, slots=True)
class SignedContent:
    """What a signature file holds: ``state`` is ``attached`` (``content`` is the signed
    document's bytes), ``detached`` (the signature only), ``encrypted`` or ``damaged``;
    ``detail`` says more, in English, for the report's evidence."""

    state: str
    content: bytes | None = None
    detail: str = ""


def _der(data: bytes) -> bytes:
    """The binary CMS of a file that may be PEM or base64 text (else the data as it is)."""
    start = data[:64].lstrip()
    if start.startswith(b"-----BEGIN"):
        from asn1crypto import pem

        _, _, der = pem.unarmor(data.strip())
        return bytes(der)
    if start[:1] != b"\x30" and _BASE64.fullmatch(data):
        try:
            return base64.b64decode(b"".join(data.split()), validate=True)
        except (binascii.Error, ValueError):
            return data
    return data


def _pgp(data: bytes) -> bool:
    """Whether ``data`` is an OpenPGP signature: armoured, or a binary signature packet (tag 2,
    RFC 4880 section 4.2) whose version (3, 4 or 5) follows its length."""
    if data.lstrip().startswith(_PGP_ARMOUR):
        return True
    if len(data) < 8:
        return False
    first = data[0]
    if first == 0xC2:  # new packet format, tag 2
        octet = data[1]
        header = 2 if octet < 192 else 3 if octet < 224 else 6 if octet == 255 else 0
    elif first & 0xC0 == 0x80 and (first & 0x3C) >> 2 == 2:  # old format, tag 2
        header = {0: 2, 1: 3, 2: 5}.get(first & 0x03, 0)
    else:
        return False
    return bool(header) and data[header] in (3, 4, 5)


def signed_content(data: bytes) -> SignedContent:
    """What the signature file ``data`` holds (see the module's documentation)."""
    if _pgp(data):
        return SignedContent("detached", detail="an OpenPGP signature")
    from asn1crypto import cms, core

    try:
        der = _der(data)
    except (ValueError, TypeError) as exc:
        return SignedContent("damaged", detail=f"not a CMS file ({exc})")
    for _ in range(MAX_DEPTH):
        try:
            _bound(der)
            info = cms.ContentInfo.load(der)
            kind = info["content_type"].native
            if kind == "enveloped_data":
                return SignedContent("encrypted", detail="CMS EnvelopedData: encrypted for "
                                                         "its recipient")
            if kind != "signed_data":
                return SignedContent("damaged", detail=f"CMS {kind}, not SignedData")
            content = info["content"]["encap_content_info"]["content"]
            if isinstance(content, core.Void):  # no content: not ``.native``, which joins
                return SignedContent("detached", detail="CMS SignedData without its content")
            der = _octets(content)
        except (ValueError, TypeError, KeyError, OverflowError, RecursionError) as exc:
            return SignedContent("damaged", detail=f"not a readable CMS file ({exc})")
        if not _nested(der):
            return SignedContent("attached", content=der)
    return SignedContent("damaged", detail=f"signed files nested more than {MAX_DEPTH} deep")


def _bound(data: bytes) -> None:
    """Raise ``ValueError`` when the BER ``data`` holds more than ``MAX_ELEMENTS`` elements.

    asn1crypto walks every element inside a value of indefinite length to find where it ends
    (about 3 us each): 200 MB of 2-byte chunks would hold the run for minutes. This walk is
    flat (a constructed value's elements follow its header in place; a primitive value's bytes
    are stepped over whole), so it costs a step per element and never recurses."""
    pointer, end, count = 0, len(data), 0
    while pointer < end:
        count += 1
        if count > MAX_ELEMENTS:
            raise ValueError(f"more than {MAX_ELEMENTS} ASN.1 elements")
        tag = data[pointer]
        pointer += 1
        if tag & 0x1F == 0x1F:  # a high tag number: base-128 digits
            while pointer < end and data[pointer] & 0x80:
                pointer += 1
            pointer += 1
        if pointer >= end:
            return
        first = data[pointer]
        pointer += 1
        if first == 0x80:  # indefinite length: its elements follow, then end-of-contents
            continue
        length, pointer = _length(data, pointer, first)
        if not tag & 0x20:
            pointer += length


def _length(data: bytes, pointer: int, first: int) -> tuple[int, int]:
    """A definite length whose first octet is ``first`` (short form, or the count of the
    octets at ``pointer`` that follow), and where the contents begin."""
    if not first & 0x80:
        return first, pointer
    size = first & 0x7F
    return int.from_bytes(data[pointer:pointer + size], "big"), pointer + size


def _octets(value: Any) -> bytes:
    """The bytes of a parsed OCTET STRING. A BER one in chunks (a constructed string) is
    joined here, once: asn1crypto joins the chunks pair by pair, which takes time quadratic in
    their number (5.9 s for 16 MB in 1000-byte chunks; here 0.09 s: docs/BENCHMARKS.md)."""
    if value.method == 0:
        return bytes(value.contents)
    pieces: list[bytes] = []
    _chunks(value.contents, 0, len(value.contents), pieces, 0)
    return b"".join(pieces)


def _chunks(data: bytes, pointer: int, end: int, pieces: list[bytes], depth: int) -> int:
    """Collect the primitive pieces of the chunks of a constructed OCTET STRING from
    ``data[pointer:end]`` (or to its end-of-contents, for an indefinite length); return where
    they end."""
    if depth > MAX_CHUNK_DEPTH:
        raise ValueError("chunks nested too deep")
    while pointer < end:
        if data[pointer] == 0 and data[pointer + 1:pointer + 2] == b"\x00":
            return pointer + 2  # end of an indefinite length's contents
        tag, first = data[pointer], data[pointer + 1] if pointer + 1 < end else -1
        if tag & 0xDF != 0x04 or first < 0:
            raise ValueError(f"not a chunk of an OCTET STRING (tag {tag:#04x})")
        pointer += 2
        if first == 0x80:  # indefinite length: constructed chunks up to end-of-contents
            pointer = _chunks(data, pointer, end, pieces, depth + 1)
            continue
        length, pointer = _length(data, pointer, first)
        if pointer + length > end:
            raise ValueError("a chunk runs past its string")
        if tag & 0x20:
            _chunks(data, pointer, pointer + length, pieces, depth + 1)
        else:
            pieces.append(data[pointer:pointer + length])
        pointer += length
    return pointer


def _nested(data: bytes) -> bool:
    """Whether signed content is itself a CMS ``SignedData`` (a document signed again by
    wrapping it): a document's own bytes never begin as a DER sequence does."""
    if data[:1] != b"\x30":
        return False
    from asn1crypto import cms

    try:
        return bool(cms.ContentInfo.load(data)["content_type"].native == "signed_data")
    except (ValueError, TypeError, KeyError, OverflowError, RecursionError):
        return False
