"""OLE compound files (CFB): what an OLE container or an OLE part of a package holds.

Only the directory is read (stream and storage names), never a stream's content: enough to tell
a password-protected OOXML file (``EncryptionInfo`` + ``EncryptedPackage``), a VBA project
(``VBA/dir`` or ``PROJECT``), a binary Office file (97-2003) and an embedded object apart.
olefile parses the directory; any failure makes the container unreadable.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from validator.core.errors import UnreadableError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: The main stream of each binary Office format, and the format's extension.
_LEGACY_STREAMS = (("WordDocument", "doc"), ("PowerPoint Document", "ppt"), ("Workbook", "xls"),
                   ("Book", "xls"))


@dataclass(frozen=True, slots=True)
class OleDirectory:
    """The entry paths of an OLE container, '/'-joined (``VBA/dir``), case kept."""

    entries: frozenset[str]

    def has(self, path: str) -> bool:
        wanted = path.lower()
        return any(e.lower() == wanted for e in self.entries)

    @property
    def encrypted_package(self) -> bool:
        """An OOXML package encrypted with a password (or rights management)."""
        return self.has("EncryptionInfo") and self.has("EncryptedPackage")

    @property
    def vba_project(self) -> bool:
        """A VBA macro project (whatever the part is called)."""
        return any(e.lower().endswith("vba/dir") for e in self.entries) or self.has("PROJECT")

    @property
    def legacy_format(self) -> str | None:
        """The binary Office format (97-2003) the container holds, by the stream its program
        writes (``doc``: ``WordDocument``; ``ppt``: ``PowerPoint Document``; ``xls``:
        ``Workbook``, or ``Book`` of Excel 5), or None."""
        for stream, extension in _LEGACY_STREAMS:
            if self.has(stream):
                return extension
        return None

    @property
    def native_payload(self) -> bool:
        """An ``Ole10Native`` stream: a "Packager" object carrying an arbitrary file."""
        return any(e.lower().endswith("\x01ole10native") for e in self.entries)


def read_directory(data: bytes) -> OleDirectory:
    """Return the directory of an OLE container; ``UnreadableError`` if it cannot be read."""
    if not data.startswith(OLE_MAGIC):
        raise UnreadableError("not an OLE compound file")
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            listed = ole.listdir(streams=True, storages=True)
    except Exception as exc:  # olefile raises many types on damaged input
        raise UnreadableError(f"OLE container cannot be read: {type(exc).__name__}: {exc}"
                              ) from None
    return OleDirectory(frozenset("/".join(parts) for parts in listed))
