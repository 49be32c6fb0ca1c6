"""A zip's files held in memory and seen as folders (member names with ``/``), so the search
for packages (``validator.package``) reads a zip the way it reads a folder on disk.

The archive passes ``SafeZip``'s limits first; hostile names are kept aside (``refused``) and
members that cannot be inflated are kept with their error (``failed``), never read.
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.archive import ArchiveLimits, SafeZip
from validator.errors import LimitError, UnreadableError


class ZipTree:
    """A zip's files (name, bytes), the names refused and the members that failed."""

    def __init__(self, display: str, files: list[tuple[str, bytes]],
                 refused: list[tuple[str, str]], failed: list[tuple[str, Exception]]) -> None:
        self.display = display
        self.files = files
        self.refused = refused
        self.failed = failed
        self._blobs = dict(files)

    @classmethod
    def read(cls, display: str, data: bytes, limits: ArchiveLimits) -> ZipTree:
        """Read every member; UnreadableError or LimitError when the archive itself fails."""
        archive = SafeZip(data, limits, what="package archive")
        files: list[tuple[str, bytes]] = []
        failed: list[tuple[str, Exception]] = []
        for name in sorted(archive.names):
            if name.endswith("/"):
                continue
            try:
                files.append((name, archive.read(name)))
            except (UnreadableError, LimitError) as exc:
                failed.append((name, exc))
        return cls(display, files, list(archive.refused), failed)

    def top(self, prefix: str) -> tuple[list[str], dict[str, list[str]]]:
        """The files at the top of folder ``prefix`` and its sub-folders with their files."""
        files: list[str] = []
        folders: dict[str, list[str]] = {}
        for name, _ in self.files:
            if not name.startswith(prefix):
                continue
            head, sep, tail = name[len(prefix):].partition("/")
            if not sep:
                files.append(head)
                continue
            inner = folders.setdefault(head, [])
            if "/" not in tail:
                inner.append(tail)
        return files, folders

    def below(self, prefix: str) -> Iterator[tuple[str, bytes]]:
        return ((n, b) for n, b in self.files if n.startswith(prefix))

    def blob(self, name: str) -> bytes:
        return self._blobs[name]
