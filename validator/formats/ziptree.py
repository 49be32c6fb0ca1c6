"""A zip's files seen as folders (member names with ``/``), read from the file on disk, so
the search for packages (``validator.discovery.packages``) reads a zip the way it reads a folder.

Nothing of a zip is held in memory: the archive is opened as a file, its central directory
passes ``SafeZip``'s limits before anything is inflated, and each member is streamed once in
fixed-size chunks to verify its CRC and take its SHA-256 (the cache key and the report's
hash). A member becomes a ``Member`` that names the zip on disk and the chain of member names
leading to it; the worker process inflates it, under its memory limit. A zip inside a zip is
read the same way through the outer member's stream (inflated chunk by chunk, never whole).
Hostile names are kept aside (``refused``) and members that cannot be inflated are kept with
their error (``failed``), never read further.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, BinaryIO

from validator.core.errors import LimitError, UnreadableError
from validator.formats.archive import ArchiveLimits, SafeZip, decode_name, read_errors

#: Bytes inflated at a time while hashing a member or copying it.
CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class ZipEntry:
    """One member of a zip as the search saw it: its declared size and content hash."""

    name: str
    size: int
    sha256: str | None


@contextlib.contextmanager
def open_archive(disk: Path, chain: tuple[str, ...], limits: ArchiveLimits,
                 what: str = "package archive") -> Iterator[SafeZip]:
    """The zip at the end of ``chain`` (member names from the zip ``disk`` inwards), its
    central directory checked against ``limits`` at every level."""
    with contextlib.ExitStack() as stack:
        try:
            fh: BinaryIO = stack.enter_context(disk.open("rb"))
        except OSError as exc:
            raise UnreadableError(f"cannot be opened: {exc.strerror or exc}") from None
        archive = SafeZip(fh, limits, what=what)
        for name in chain:
            inner = stack.enter_context(archive.open_member(name))
            archive = SafeZip(inner, limits, what=what)  # type: ignore[arg-type]
        yield archive


class _ChainReader(io.RawIOBase):
    """A member's bytes inflated as they are read; closing it closes the zips and the file."""

    def __init__(self, stream: IO[bytes], stack: contextlib.ExitStack) -> None:
        super().__init__()
        self._stream = stream
        self._stack = stack

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        try:
            data = self._stream.read(len(buffer))
        except read_errors() as exc:
            raise UnreadableError(f"cannot be read from its archive: {exc}") from None
        buffer[: len(data)] = data
        return len(data)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        try:
            return self._stream.seek(offset, whence)
        except read_errors() as exc:
            raise UnreadableError(f"cannot be read from its archive: {exc}") from None

    def tell(self) -> int:
        return self._stream.tell()

    def close(self) -> None:
        if not self.closed:
            self._stack.close()
        super().close()


def open_member(disk: Path, chain: tuple[str, ...], declared: int) -> BinaryIO:
    """Stream the member at the end of ``chain`` inside the zip ``disk``, inflated as it is
    read. The archive passed the limits when it was searched; a member whose declared size
    differs from ``declared`` was changed since, and is not read (UnreadableError)."""
    stack = contextlib.ExitStack()
    try:
        fh: IO[bytes] = stack.enter_context(disk.open("rb"))
        for i, name in enumerate(chain):
            archive = stack.enter_context(zipfile.ZipFile(fh))
            info = _stored_name(archive, name)
            if i == len(chain) - 1 and info.file_size != declared:
                raise UnreadableError("the archive changed after it was searched")
            fh = stack.enter_context(archive.open(info))
    except UnreadableError:
        stack.close()
        raise
    except KeyError as exc:
        stack.close()
        raise UnreadableError(f"not found in its archive: {exc}") from None
    except read_errors() as exc:
        stack.close()
        raise UnreadableError(f"cannot be read from its archive: {exc}") from None
    return io.BufferedReader(_ChainReader(fh, stack), CHUNK)  # type: ignore[return-value]


def _stored_name(archive: zipfile.ZipFile, name: str) -> zipfile.ZipInfo:
    """The entry ``name`` decodes to (names written in an OEM code page are re-decoded)."""
    for info in archive.infolist():
        if decode_name(info) == name:
            return info
    raise KeyError(name)


class ZipTree:
    """A zip's files (name, declared size, SHA-256), the names refused and the members
    that failed; ``disk`` and ``chain`` say where it is."""

    def __init__(self, display: str, disk: Path, chain: tuple[str, ...],
                 files: list[ZipEntry], refused: list[tuple[str, str]],
                 failed: list[tuple[str, Exception]]) -> None:
        self.display = display
        self.disk = disk
        self.chain = chain
        self.files = files
        self.refused = refused
        self.failed = failed

    @classmethod
    def read(cls, display: str, disk: Path, chain: tuple[str, ...], limits: ArchiveLimits,
             listed_only: Callable[[str], bool] | None = None) -> ZipTree:
        """List and stream every member (names ``listed_only`` accepts, the zips inside, are
        only listed); UnreadableError or LimitError when the archive itself fails."""
        files: list[ZipEntry] = []
        failed: list[tuple[str, Exception]] = []
        with open_archive(disk, chain, limits) as archive:
            order = sorted(archive.names.items(), key=lambda kv: kv[1].header_offset)
            for name, info in order:
                if name.endswith("/"):
                    continue
                if listed_only is not None and listed_only(name):
                    files.append(ZipEntry(name, info.file_size, None))
                    continue
                digest = hashlib.sha256()
                try:
                    archive.stream(name, digest.update, CHUNK)
                except (UnreadableError, LimitError) as exc:
                    failed.append((name, exc))
                    continue
                files.append(ZipEntry(name, info.file_size, digest.hexdigest()))
            refused = list(archive.refused)
        files.sort(key=lambda f: f.name)
        return cls(display, disk, chain, files, refused, failed)

    def top(self, prefix: str) -> tuple[list[str], dict[str, list[str]]]:
        """The files at the top of folder ``prefix`` and its sub-folders with their files."""
        files: list[str] = []
        folders: dict[str, list[str]] = {}
        for f in self.files:
            if not f.name.startswith(prefix):
                continue
            head, sep, tail = f.name[len(prefix):].partition("/")
            if not sep:
                files.append(head)
                continue
            inner = folders.setdefault(head, [])
            if "/" not in tail:
                inner.append(tail)
        return files, folders

    def below(self, prefix: str) -> Iterator[ZipEntry]:
        return (f for f in self.files if f.name.startswith(prefix))
