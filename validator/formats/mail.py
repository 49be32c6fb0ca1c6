"""E-mail messages saved as files: the documents attached to them.

A message dragged out of Outlook into a folder is a ``.msg`` file (an OLE compound file:
``__substg1.0_*`` streams, one ``__attach_version1.0_#*`` storage per attached file); one saved
from another mail program is an ``.eml`` file (RFC 5322 text, MIME parts). Either may carry the
materials themselves as attachments, which the toolkit does not read out of it: FIL002 names
the documents attached so that they are saved into the package (``validator.checks.unsupported``).

``attached_files`` lists the names of every attached file, those of a message attached to the
message (a forwarded one) included; ``attached_documents`` keeps those that are, or may hold,
materials (documents, archives, signature files), since a picture in a signature block is no
material. Only the structure is read (olefile's directory and name streams, the stdlib's MIME
parser); a message that cannot be parsed raises ``ValueError``.
"""

from __future__ import annotations

import email
import email.policy
import io
import re
import struct
from collections.abc import Iterator
from typing import Any

from validator.formats.families import FAMILY
from validator.formats.ole import OLE_MAGIC

MAIL_EXTENSIONS = frozenset({"eml", "msg"})
#: Extensions of attached files that are, or may hold, materials.
HOLDING = frozenset({*(ext for ext, family in FAMILY.items() if family != "web_page"), "zip",
                     "rar", "7z", "gz", "tar", "cms", "p7m", "p7s", "sig", "eml", "msg"})
#: An Outlook attachment's file name: the long one, else the short one, else its display name
#: (Unicode ``001F`` streams, then 8-bit ``001E`` ones).
_NAME_PROPERTIES = ("3707", "3704", "3001")
_ATTACHMENT = re.compile(r"__attach_version1\.0_#[0-9A-Fa-f]{8}$")
#: The Outlook storage of a message attached to the message.
_EMBEDDED = "__substg1.0_3701000D"
#: A message this deep in messages is not looked into further.
MAX_DEPTH = 8


def attached_files(data: bytes) -> tuple[str, ...]:
    """The names of the files attached to the message ``data`` (``.msg`` or ``.eml``)."""
    if data.startswith(OLE_MAGIC):
        try:
            return tuple(_outlook(data))
        except (OSError, IndexError, EOFError, struct.error) as exc:  # a damaged stream
            raise ValueError(f"a damaged Outlook message ({exc})") from exc
    try:
        return tuple(_mime(data))
    except ValueError:
        raise
    except Exception as exc:  # the stdlib's header parser fails on some damaged headers
        raise ValueError(f"a damaged e-mail message ({type(exc).__name__}: {exc})") from exc


def attached_documents(data: bytes) -> tuple[str, ...]:
    """The attached files that are, or may hold, materials (see ``HOLDING``)."""
    return tuple(n for n in attached_files(data)
                 if n.rstrip(". ").rsplit(".", 1)[-1].lower() in HOLDING and "." in n)


def _mime(data: bytes) -> Iterator[str]:
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not message.keys():
        raise ValueError("not an e-mail message: no header")
    for part in message.walk():  # a forwarded message's parts are walked too
        if part.is_multipart():
            continue
        name = part.get_filename()
        if name or part.get_content_disposition() == "attachment":
            yield str(name or "") or "(no name)"


def _outlook(data: bytes) -> Iterator[str]:
    import olefile

    ole = olefile.OleFileIO(io.BytesIO(data))
    with ole:
        entries = ["/".join(e) for e in ole.listdir(streams=True, storages=True)]
        if not any(e.startswith("__substg1.0_") or e == "__properties_version1.0"
                   for e in entries):
            raise ValueError("an OLE file, not an Outlook message")
        yield from _outlook_attachments(ole, entries, "", 0)


def _outlook_attachments(ole: Any, entries: list[str], root: str,
                         depth: int) -> Iterator[str]:
    """The attachments of the message stored at ``root`` (a message attached to a message is
    stored in its attachment's ``__substg1.0_3701000D``)."""
    if depth > MAX_DEPTH:
        return
    prefix = f"{root}/" if root else ""
    storages = sorted({e[len(prefix):].split("/", 1)[0] for e in entries
                       if e.startswith(prefix)} - {""})
    for storage in storages:
        if not _ATTACHMENT.match(storage):
            continue
        yield _attachment_name(ole, entries, f"{prefix}{storage}")
        embedded = f"{prefix}{storage}/{_EMBEDDED}"
        if any(e.startswith(embedded + "/") for e in entries):
            yield from _outlook_attachments(ole, entries, embedded, depth + 1)


def _attachment_name(ole: Any, entries: list[str], storage: str) -> str:
    for prop in _NAME_PROPERTIES:
        for kind, codec in (("001F", "utf-16-le"), ("001E", "cp1251")):
            path = f"{storage}/__substg1.0_{prop}{kind}"
            if path in entries:
                raw: bytes = ole.openstream(path).read(4096)
                name = raw.decode(codec, "replace").split("\0", 1)[0].strip()
                if name:
                    return name
    return "(no name)"
