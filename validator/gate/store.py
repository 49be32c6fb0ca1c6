"""Content-addressed file store: every blob lives at ``store/<aa>/<sha256>``, written once.

A blob is written to a temporary file in the same file system, flushed and fsynced, renamed
into place, and the folder is fsynced, so after ``put`` returns the bytes survive a crash; an
upload's files are staged one by one and placed together (``stage``, ``place``).
A crash before the rename leaves only a temporary file, which ``sweep_temporary`` removes.
Content already stored is not written again: its blob's time is renewed instead, so that a
blob stored again recently is never removed as unused (``remove_unused`` takes a blob out of
its place before it looks at that time a last time, so a renewal is never lost to a sweep).

Reports are stored as JSON, the stored form of the report (``validator.reports.json.dump``:
the JSON report plus what rendering in every language needs), read back by
``validator.reports.load``; never as pickles. A pickled report left by version 0.1.0 is
refused here; ``validator.gate.legacy`` converts those once, when the gate starts.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from validator.core.findings import Report

#: How a pickle (protocol 2 or later) begins: the reports version 0.1.0 stored.
PICKLE_MAGIC = b"\x80"
_TMP_PREFIX = ".tmp-"
#: A blob ``remove_unused`` has taken out of its place, before it is removed (a crash may
#: leave one: ``sweep_temporary`` puts it back, which is always safe).
_GONE_PREFIX = ".gone-"
_CHUNK = 1 << 20


def fsync_dir(path: Path | str) -> None:
    """Make a rename or a new entry in ``path`` durable."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


_ADDRESS = re.compile(r"[0-9a-f]{64}")


def _valid_address(sha: str) -> bool:
    return _ADDRESS.fullmatch(sha) is not None


def _seekable(stream: BinaryIO) -> bool:
    try:
        return bool(stream.seekable())
    except (AttributeError, OSError, ValueError):
        return False


def _hash_stream(stream: BinaryIO, limit: int) -> tuple[str, int]:
    """SHA-256 and size of the rest of ``stream``; ``TooLarge`` past ``limit`` bytes."""
    digest = hashlib.sha256()
    size = 0
    while chunk := stream.read(_CHUNK):
        size += len(chunk)
        if size > limit:
            raise TooLarge(limit)
        digest.update(chunk)
    return digest.hexdigest(), size


@dataclass(frozen=True)
class Staged:
    """An upload written to a temporary file (``ContentStore.stage``), not yet in the store;
    ``path`` None when its content was already stored (nothing was written)."""

    path: Path | None
    sha256: str
    size: int


class TooLarge(Exception):
    """A stream went past the bytes it was allowed."""


class Vanished(Exception):
    """Content found in the store when staged was gone when placed (removed as unused in
    between): nothing was placed, nothing discarded; the caller stages those streams again,
    to be written this time (``addresses``), and places the package again."""

    def __init__(self, addresses: Sequence[str]) -> None:
        super().__init__(", ".join(addresses))
        self.addresses = frozenset(addresses)


@dataclass(frozen=True)
class ContentStore:
    """Blobs addressed by their SHA-256 under ``root``."""

    root: Path

    def path(self, sha: str) -> Path:
        return Path(self._name(sha))

    def _name(self, sha: str) -> str:
        """``path`` as a string: what the receiving code hands to the system calls, without
        building a ``Path`` for each (a receipt looks up every file's address several times)."""
        if not _valid_address(sha):
            raise ValueError(f"not a SHA-256 address: {sha!r}")
        return f"{os.fspath(self.root)}{os.sep}{sha[:2]}{os.sep}{sha}"

    def has(self, sha: str) -> bool:
        return self.path(sha).is_file()

    def put_file(self, source: Path) -> str:
        """Copy ``source`` into the store durably; return its SHA-256."""
        sha = sha256_file(source)
        if not self.touch(sha):
            with source.open("rb") as fh:
                self._write(sha, iter(lambda: fh.read(_CHUNK), b""))
        return sha

    def touch(self, sha: str) -> bool:
        """Mark a blob as just stored again (False when it is not there): a blob used in the
        last ``grace`` seconds is never removed by ``remove_unused`` (its new reference may
        not be committed yet). The one way content already stored is taken as stored."""
        try:
            os.utime(self._name(sha))
        except FileNotFoundError:
            return False
        return True

    def put_bytes(self, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        if not self.touch(sha):
            self._write(sha, (data,))
        return sha

    def put_stream(self, stream: BinaryIO, limit: int, work: Path) -> tuple[str, int]:
        """Copy ``stream`` durably into the store in one pass (``stage``, then ``place``);
        return its SHA-256 and size. ``TooLarge`` once more than ``limit`` bytes have come
        (nothing is kept then)."""
        staged = self.stage(stream, limit, work)
        self.place([staged])
        return staged.sha256, staged.size

    def stage(self, stream: BinaryIO, limit: int, work: Path, reuse: bool = True) -> Staged:
        """Write ``stream`` to a temporary file in ``work``, hashed while written; not yet
        durable nor in the store: ``place`` does both, ``discard`` drops it. ``TooLarge`` once
        more than ``limit`` bytes have come (nothing is kept then).

        A stream that can seek (an upload the web server has already received, in memory or
        in its own temporary file) is hashed first: content already stored is renewed and
        not written at all (``Staged.path`` None), which spares a file's creation, writing,
        syncing and the old copy's removal for every file sent again (a package corrected
        in one file and sent whole). ``reuse=False`` writes it all the same. A stream that
        cannot seek is read once, as it is written.

        ``work`` is a folder of the same file system (the gate's ``tmp/``, whose leftovers
        are swept by age when a gate starts), so a process killed during a long upload leaves
        nothing in the store itself."""
        if reuse and _seekable(stream):
            start = stream.tell()
            sha, size = _hash_stream(stream, limit)
            if self.touch(sha):
                return Staged(None, sha, size)
            stream.seek(start)
        tmp = work / f"{_TMP_PREFIX}{secrets.token_hex(8)}"
        digest = hashlib.sha256()
        size = 0
        done = False
        try:
            try:
                fh = tmp.open("xb")
            except FileNotFoundError:
                work.mkdir(parents=True, exist_ok=True)
                fh = tmp.open("xb")
            with fh:
                while chunk := stream.read(_CHUNK):
                    size += len(chunk)
                    if size > limit:
                        raise TooLarge(limit)
                    digest.update(chunk)
                    fh.write(chunk)
            done = True
            return Staged(tmp, digest.hexdigest(), size)
        finally:
            if not done:
                tmp.unlink(missing_ok=True)

    def place(self, staged: Sequence[Staged]) -> None:
        """Make staged files durable in the store: each is fsynced, then all are renamed to
        their addresses, then each folder that received one is fsynced once. Done for a
        package at a time, the syncs come after all the writes and all the renames, where a
        journaling file system commits them together (a fifth less time per receipt than
        file by file, measured on ext4).

        Content found already stored when staged is renewed again, and its folder synced too
        (the process that stored it may not have synced the folder yet); ``Vanished`` when it
        is no longer there (removed as unused meanwhile: nothing is placed then, and the
        caller stages those again). A blob written although already stored (a stream that cannot
        seek) replaces it: the same bytes. Staged files not placed when this fails are
        removed."""
        known = [item.sha256 for item in staged if item.path is None]
        gone = [sha for sha in known if not self.touch(sha)]
        if gone:
            raise Vanished(gone)
        written = [(item.path, item.sha256) for item in staged if item.path is not None]
        folders: dict[str, None] = {os.path.dirname(self._name(sha)): None for sha in known}
        placed = 0
        try:
            for path, _sha in written:
                fd = os.open(path, os.O_RDONLY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
            for path, sha in written:
                final = self._name(sha)
                # The folder is made only when missing: under a burst every look or no-op
                # in a folder waits for that folder's lock.
                try:
                    os.replace(path, final)
                except FileNotFoundError:
                    Path(final).parent.mkdir(parents=True, exist_ok=True)
                    fsync_dir(self.root)
                    os.replace(path, final)
                placed += 1
                folders[os.path.dirname(final)] = None
            for folder in folders:
                fsync_dir(folder)
        finally:
            for path, _sha in written[placed:]:
                path.unlink(missing_ok=True)

    @staticmethod
    def discard(staged: Sequence[Staged]) -> None:
        """Remove staged files that will not be placed."""
        for item in staged:
            if item.path is not None:
                item.path.unlink(missing_ok=True)

    def _write(self, sha: str, chunks: Iterable[bytes]) -> None:
        final = self.path(sha)
        folder = final.parent
        new_folder = not folder.exists()
        folder.mkdir(parents=True, exist_ok=True)
        if new_folder:
            fsync_dir(self.root)
        tmp = folder / f"{_TMP_PREFIX}{secrets.token_hex(8)}"
        digest = hashlib.sha256()
        try:
            with tmp.open("xb") as fh:
                for chunk in chunks:
                    digest.update(chunk)
                    fh.write(chunk)
                fh.flush()
                os.fsync(fh.fileno())
            if digest.hexdigest() != sha:
                raise OSError(f"content changed while it was stored ({sha})")
            os.replace(tmp, final)
            fsync_dir(folder)
        finally:
            tmp.unlink(missing_ok=True)

    def read(self, sha: str) -> bytes:
        """Return a blob's bytes, verifying them against the address."""
        data = self.path(sha).read_bytes()
        if hashlib.sha256(data).hexdigest() != sha:
            raise OSError(f"stored blob {sha} is damaged")
        return data

    def put_report(self, report: Report) -> str:
        """Store ``report`` durably in its stored JSON form; return its address."""
        from validator.reports.json import dump

        return self.put_bytes(dump(report).encode("utf-8"))

    def read_report(self, sha: str) -> Report:
        """The report stored at ``sha`` (verified against its address). Raises ``OSError`` for
        a missing, damaged or unreadable one, and for a pickle: those are converted at start-up
        (``validator.gate.legacy``), never unpickled here."""
        from validator.reports.load import StoredReportError, load

        data = self.read(sha)
        if data.startswith(PICKLE_MAGIC):
            raise OSError(f"stored report {sha} is a pickle that was not converted at start-up")
        try:
            return load(data)
        except StoredReportError as exc:
            raise OSError(f"stored report {sha} cannot be read: {exc}") from None

    def verify(self, sha: str) -> bool:
        """Whether the blob exists and its bytes still hash to its address."""
        p = self.path(sha)
        return p.is_file() and sha256_file(p) == sha

    def addresses(self) -> Iterator[str]:
        """Every stored blob's address."""
        if not self.root.is_dir():
            return
        for folder in sorted(self.root.iterdir()):
            if not folder.is_dir():
                continue
            for p in sorted(folder.iterdir()):
                if _valid_address(p.name):
                    yield p.name

    def sweep_temporary(self, older_than: float = 0.0) -> int:
        """Remove temporary files left by interrupted writes; return how many."""
        removed = 0
        if not self.root.is_dir():
            return 0
        for p in self.root.glob(f"*/{_GONE_PREFIX}*"):
            # a removal interrupted: the blob goes back (the next expiry removes it again if
            # it is still unused; putting it back is never wrong)
            sha = p.name[len(_GONE_PREFIX):].split("-", 1)[0]
            if _valid_address(sha):
                os.replace(p, self.path(sha))
        now = time.time()
        for p in self.root.glob(f"*/{_TMP_PREFIX}*"):
            try:
                if now - p.stat().st_mtime >= older_than:
                    p.unlink()
                    removed += 1
            except FileNotFoundError:
                continue
        return removed

    def remove(self, sha: str) -> None:
        self.path(sha).unlink(missing_ok=True)

    def remove_unused(self, sha: str, grace: float, now: float | None = None) -> bool:
        """Remove a blob the register no longer refers to, unless it was stored (or stored
        again) in the last ``grace`` seconds; True when it was removed."""
        now = time.time() if now is None else now
        path = self.path(sha)
        try:
            seen = path.stat().st_mtime_ns
            if now - seen / 1e9 < grace:
                return False
            # Out of its place first, then its time looked at again: a request that renewed
            # it before this rename is seen here (the blob is put back), and one after it
            # finds no blob and writes its own copy.
            gone = path.with_name(f"{_GONE_PREFIX}{sha}-{secrets.token_hex(4)}")
            os.rename(path, gone)
        except FileNotFoundError:
            return False
        if gone.stat().st_mtime_ns != seen:
            os.replace(gone, path)
            return False
        gone.unlink()
        return True
