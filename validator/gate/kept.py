"""Files of a refused form, kept for the retry, so nobody chooses 50 files again.

When the submission form is refused (the queue is full, a field is wrong, the package is too
large) the files it carried are kept under ``tmp/kept/<form token>/`` in the data folder and
the form comes back with the token: the retry sends the token and only new or corrected
files. A form's files belong to the sign-in (session) that sent them: another session's
token is refused, and an unknown or expired one is named as gone, never guessed at.

Bounded three ways: a form keeps at most the gate's files-per-package and bytes-per-package
limits (what does not fit is not kept and must be chosen again), all kept forms together at
most ``total_bytes``, and each for ``seconds`` after its last refusal; expired forms are
removed whenever a form is kept or read, and a submitted form's files at once. Nothing kept
here is a submission: the register and the content store never see it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import shutil
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

FOLDER = "kept"
_INDEX = "index.json"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{24,64}$")
_CHUNK = 1 << 20


class KeptRefused(Exception):
    """A form token the session cannot use: ``gone`` (unknown or expired) or another's."""

    def __init__(self, gone: bool) -> None:
        super().__init__("gone" if gone else "foreign")
        self.gone = gone


@dataclass(frozen=True)
class KeptFile:
    """One kept file: its name as received, its size and where its bytes are."""

    name: str
    size: int
    path: Path

    def open(self) -> BinaryIO:
        return self.path.open("rb")


@dataclass(frozen=True)
class KeptForm:
    """A refused form's token and the files kept for its retry (in the order received)."""

    token: str
    files: tuple[KeptFile, ...]


def _owner(session: str) -> str:
    """What binds a form to a session without writing the session id to disk."""
    return hashlib.sha256(f"kept-form:{session}".encode()).hexdigest()


@dataclass(frozen=True)
class Keeper:
    """Kept forms under ``root`` (the data folder's ``tmp/kept``), with their bounds."""

    root: Path
    seconds: float
    max_files: int
    max_bytes: int
    total_bytes: int

    def _folder(self, token: str) -> Path | None:
        return self.root / token if _TOKEN.match(token) else None

    def load(self, token: str, session: str) -> KeptForm:
        """The form ``token`` of ``session``; KeptRefused when it is gone or another's."""
        self.sweep()
        folder = self._folder(token)
        index = _read_index(folder / _INDEX) if folder else None
        if folder is None or index is None:
            raise KeptRefused(gone=True)
        if not hmac.compare_digest(str(index.get("owner", "")), _owner(session)):
            raise KeptRefused(gone=False)
        files = []
        for entry in index.get("files", []):
            path = folder / str(entry["blob"])
            if not path.is_file():
                raise KeptRefused(gone=True)
            files.append(KeptFile(str(entry["name"]), int(entry["size"]), path))
        return KeptForm(token, tuple(files))

    def keep(self, session: str, previous: KeptForm | None, retained: Sequence[KeptFile],
             new: Iterable[tuple[str, BinaryIO]]) -> KeptForm | None:
        """Keep ``retained`` (files of ``previous``) and the ``new`` uploads for a retry:
        a new file replaces a kept one of the same name; files beyond the bounds are left
        out. The form keeps its token (a new one when there was none); None when nothing is
        kept."""
        self.sweep()
        token = previous.token if previous else secrets.token_urlsafe(24)
        folder = self.root / token
        folder.mkdir(parents=True, exist_ok=True)
        budget = self.total_bytes - self._used(exclude=token)
        chosen: dict[str, KeptFile] = {f.name: f for f in retained}
        for name, stream in new:
            old = chosen.pop(name, None)
            room = min(self.max_bytes - sum(f.size for f in chosen.values()),
                       budget - sum(f.size for f in chosen.values()))
            if len(chosen) >= self.max_files or room <= 0:
                if old is not None:
                    chosen[name] = old
                continue
            stored = _copy(stream, folder, room)
            if stored is None:
                if old is not None:
                    chosen[name] = old
                continue
            blob, size = stored
            chosen[name] = KeptFile(name, size, folder / blob)
        keep_blobs = {f.path.name for f in chosen.values()}
        for p in folder.iterdir():
            if p.name != _INDEX and p.name not in keep_blobs:
                p.unlink(missing_ok=True)
        if not chosen:
            shutil.rmtree(folder, ignore_errors=True)
            return None
        index = {"owner": _owner(session), "kept_at": time.time(),
                 "files": [{"name": f.name, "size": f.size, "blob": f.path.name}
                           for f in chosen.values()]}
        tmp = folder / f".{_INDEX}.{secrets.token_hex(4)}"
        tmp.write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, folder / _INDEX)
        return KeptForm(token, tuple(chosen.values()))

    def discard(self, token: str) -> None:
        """Remove a form's kept files (it was submitted)."""
        folder = self._folder(token)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)

    def _used(self, exclude: str) -> int:
        total = 0
        if not self.root.is_dir():
            return 0
        for folder in self.root.iterdir():
            if folder.name == exclude:
                continue
            index = _read_index(folder / _INDEX)
            total += sum(int(f.get("size", 0)) for f in (index or {}).get("files", []))
        return total

    def sweep(self, now: float | None = None) -> int:
        """Remove forms kept longer than ``seconds`` (and half-written ones); how many."""
        if not self.root.is_dir():
            return 0
        now = time.time() if now is None else now
        removed = 0
        for folder in self.root.iterdir():
            index = _read_index(folder / _INDEX)
            kept_at = float(index.get("kept_at", 0)) if index else folder.stat().st_mtime
            if now - kept_at > self.seconds:
                shutil.rmtree(folder, ignore_errors=True)
                removed += 1
        return removed


def _read_index(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _copy(stream: BinaryIO, folder: Path, room: int) -> tuple[str, int] | None:
    """Copy ``stream`` from its start into a new blob in ``folder``; None (nothing left
    behind) when it is larger than ``room`` bytes."""
    blob = secrets.token_hex(12)
    target = folder / blob
    size = 0
    stream.seek(0)
    with target.open("xb") as out:
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            if size > room:
                break
            out.write(chunk)
    if size > room:
        target.unlink(missing_ok=True)
        return None
    return blob, size
