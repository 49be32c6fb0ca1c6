"""The file system as data from a stranger: one folder's entries, what kind each is, whether a
file can be opened, without following a symbolic link or opening anything but a regular file.

Entries are told apart by ``lstat`` (never ``stat``): a symbolic link, a named pipe, a device
or a socket is reported as such and never followed or opened. Errors come back as reasons
(``errno`` words, never the path, which may not be valid UTF-8).
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

#: Kinds of entries; "file" and "dir" are the only ones read.
FILE, DIR, SYMLINK, FIFO, DEVICE, SOCKET, UNKNOWN = (
    "file", "dir", "symlink", "fifo", "device", "socket", "unknown")


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry of a folder: its name as the system gives it, its absolute path, its kind,
    and why its kind could not be told (``kind`` is then UNKNOWN)."""

    name: str
    path: Path
    kind: str
    error: str | None = None
    error_key: str = "default"


class FolderError(Exception):
    """A folder that cannot be listed; ``key`` names the message (``folder_permission``,
    ``path_too_long`` or ``default``) and ``reason`` says why in technical English."""

    def __init__(self, key: str, reason: str) -> None:
        super().__init__(reason)
        self.key = key
        self.reason = reason


def kind_of(mode: int) -> str:
    if stat.S_ISREG(mode):
        return FILE
    if stat.S_ISDIR(mode):
        return DIR
    if stat.S_ISLNK(mode):
        return SYMLINK
    if stat.S_ISFIFO(mode):
        return FIFO
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return DEVICE
    if stat.S_ISSOCK(mode):
        return SOCKET
    return UNKNOWN


def path_max(path: Path) -> int:
    """The system's longest path in bytes (PATH_MAX, 4096 on Linux)."""
    try:
        return int(os.pathconf(path, "PC_PATH_MAX"))
    except (OSError, ValueError):
        return 4096


def too_long(path: Path, limit: int) -> bool:
    return len(os.fsencode(path)) >= limit


def reason_of(exc: OSError) -> tuple[str, str]:
    """(message key, technical reason) for an error of the file system."""
    words = exc.strerror or type(exc).__name__
    if isinstance(exc, PermissionError):
        return "permission", f"permission denied ({words})"
    if exc.errno == errno.ENAMETOOLONG:
        return "path_too_long", f"the path is too long ({words})"
    return "default", words


def list_folder(folder: Path) -> list[Entry]:
    """The folder's entries sorted by name; FolderError when it cannot be listed."""
    try:
        with os.scandir(folder) as it:
            raw = list(it)
    except OSError as exc:
        key, reason = reason_of(exc)
        if key == "permission":
            key = "folder_permission"
        raise FolderError(key, reason) from None
    out = []
    for entry in raw:
        try:
            kind = kind_of(entry.stat(follow_symlinks=False).st_mode)
            key, error = "default", None
        except OSError as exc:
            kind = UNKNOWN
            key, error = reason_of(exc)
        out.append(Entry(entry.name, folder / entry.name, kind, error, key))
    out.sort(key=lambda e: e.name)
    return out


def entry_of(path: Path) -> Entry:
    """The entry of a path given by the user (not followed if it is a link)."""
    try:
        kind, key, error = kind_of(os.lstat(path).st_mode), "default", None
    except OSError as exc:
        kind = UNKNOWN
        key, error = reason_of(exc)
    return Entry(path.name, path, kind, error, key)


def open_failure(path: Path) -> tuple[str, str] | None:
    """(message key, reason) when a regular file cannot be opened for reading, else None.
    Opened without following a link and closed at once: nothing is read."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        return reason_of(exc)
    os.close(fd)
    return None


def regular_names_in(folder: Path) -> list[str]:
    """Names of the regular files at a folder's top level."""
    try:
        return sorted(e.name for e in list_folder(folder) if e.kind == FILE)
    except FolderError:
        return []
