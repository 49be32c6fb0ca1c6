"""Documents sent inside their electronic signature files, read as the documents they are.

An attached signature file (``Справка_рус.docx.cms``, ``formats.cms``) holds the signed
document: before the files of a run are read (and before legacy documents are converted,
``validator.discovery.conversion``), such a member becomes the document, named as the file
without its signature extension (``Справка_рус.docx``; when that name says no document format,
the format the bytes are), shown under the signature file's path and with its size and SHA-256.
Its report says ``signed``. The signature is not verified.

A signature file that does not carry its document (detached), is encrypted, is damaged, or is
over the reading limit stays as it is, marked with what it holds: FIL002 names a detached
signature and the document it signs when that is beside it (a note; ``alone`` when it is not),
and says that the document in any other was not read (needs-review).
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import replace

from validator.discovery.packages import Package
from validator.files.content import content_format
from validator.files.member import FORMATS, Member, format_of, is_document
from validator.formats.cms import SIGNATURE_EXTENSIONS, signed_content, unsigned_name


def document_name(name: str, content: bytes) -> str:
    """The name of the document a signature file ``name`` carries: the name without the
    signature's extension, given the extension of what ``content`` is when it names none."""
    inner = unsigned_name(name)
    if format_of(inner) in FORMATS:
        return inner
    found = content_format(content)
    return f"{inner}.{found}" if found is not None else inner


def unwrap_member(member: Member, max_bytes: int) -> Member:
    """The document a signature file carries, or the signature file marked with what it holds
    (see the module's documentation); any other member unchanged."""
    if format_of(member.name) not in SIGNATURE_EXTENSIONS or member.signed is not None:
        return member
    if member.size() > max_bytes:
        return replace(member, signature=("damaged", f"larger than {max_bytes} bytes", ""))
    with member.open() as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        return replace(member, signature=("damaged", f"larger than {max_bytes} bytes", ""))
    found = signed_content(data)
    if found.content is None:
        return replace(member, signature=(found.state, found.detail, ""))
    inner = document_name(member.name, found.content)
    if format_of(inner) not in FORMATS:  # a .zip, or any file not read as a material: what it
        # holds was not read, so the signature file is not passed as a note
        return replace(member, signature=("damaged", f"it carries {inner!r}, which is not a "
                                                     f"document read here", ""))
    return Member(member.path, inner, blob=found.content,
                  signed=format_of(member.name),
                  origin=(len(data), hashlib.sha256(data).hexdigest()))


def unwrap_package(pkg: Package, max_bytes: int) -> Package:
    """The package with the documents its signature files carry read out of them; a detached
    signature names the document it signs when that is beside it (``alone`` when it is not)."""
    if not any(format_of(m.name) in SIGNATURE_EXTENSIONS for m in pkg.members):
        return pkg
    members = tuple(_guarded(m, max_bytes) for m in pkg.members)
    folders: dict[str, list[str]] = {}
    for m in members:
        if m.signature is None:
            folders.setdefault(_folder(m.path), []).append(m.name)
    return replace(pkg, members=tuple(_detached(m, folders) for m in members))


def _folder(path: str) -> str:
    return path.replace("\\", "/").rpartition("/")[0]


def _key(name: str) -> str:
    return unicodedata.normalize("NFC", name.rstrip(". ")).casefold()


def signed_document(name: str, beside: list[str]) -> str | None:
    """Which of the names ``beside`` (a folder's other files) is the document the detached
    signature ``name`` signs: the signature's name without its extension (``Справка.docx`` for
    ``Справка.docx.p7s``), else a document of that name and any extension (``Справка.docx``
    for ``Справка.p7s``); None when there is none."""
    inner = _key(name).rsplit(".", 1)[0]
    found = [b for b in beside if _key(b) == inner]
    found = found or [b for b in beside if is_document(b) and _key(b).rsplit(".", 1)[0] == inner]
    return found[0] if len(found) == 1 else None


def _detached(member: Member, folders: dict[str, list[str]]) -> Member:
    """A detached signature marked with the document it signs (``detached``, its name) or as
    ``alone``; any other member unchanged."""
    if member.signature is None or member.signature[0] != "detached":
        return member
    document = signed_document(member.name, folders.get(_folder(member.path), []))
    state = "alone" if document is None else "detached"
    return replace(member, signature=(state, member.signature[1], document or ""))


def _guarded(member: Member, max_bytes: int) -> Member:
    """``unwrap_member``, with any failure on hostile bytes kept to the member: it is marked
    damaged (its document not read: needs-review), and the package's other files are read."""
    try:
        return unwrap_member(member, max_bytes)
    except Exception as exc:  # one damaged file never costs its package or its PATH
        return replace(member, signature=("damaged", f"{type(exc).__name__}: {exc}", ""))
