"""Finding the packages (agenda items) in what the user names.

A PATH is (DECISIONS.md): a single non-zip file (file rules only); a .zip or a folder with
documents at its top level (one item; documents in its sub-folders belong to it); or a folder or
.zip with only sub-folders or zips at its top level (a meeting: each of them is an item). Zips
are read in memory, never extracted. Only .zip archives count as nesting: a meeting zip of item
zips is fine, one level deeper is refused (FIL003). Hidden files and ``__MACOSX`` are skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from validator.archive import ArchiveLimits, SafeZip
from validator.document import Member, format_of, is_document
from validator.errors import LimitError, UnreadableError


@dataclass(frozen=True, slots=True)
class Refusal:
    """Something in a package that was not read: a hostile name, a limit, a broken archive."""

    path: str
    reason: str
    limit: str | None = None
    measured: int | float | str | None = None
    threshold: int | float | str | None = None
    unreadable: bool = False


@dataclass(frozen=True, slots=True)
class Package:
    """One agenda item's files. ``single`` is a lone file given on its own (no package rules)."""

    path: str
    members: tuple[Member, ...]
    refusals: tuple[Refusal, ...] = ()
    single: bool = False


def _skip(name: str) -> bool:
    parts = name.split("/")
    return any(p.startswith(".") or p == "__MACOSX" for p in parts if p)


def _zip_members(display: str, data: bytes, limits: ArchiveLimits) -> tuple[
        list[tuple[str, bytes]], list[Refusal]]:
    """Return (relative name, bytes) of a zip's files and the refusals; raise on a bad zip."""
    archive = SafeZip(data, limits, what="package archive")
    refusals = [Refusal(f"{display}/{name}", f"member name {why}", limit="member_name",
                        measured=name) for name, why in archive.refused]
    files: list[tuple[str, bytes]] = []
    for name in sorted(archive.names):
        if name.endswith("/") or _skip(name):
            continue
        try:
            files.append((name, archive.read(name)))
        except (UnreadableError, LimitError) as exc:
            refusals.append(_refusal(f"{display}/{name}", exc))
    return files, refusals


def _refusal(path: str, exc: Exception) -> Refusal:
    if isinstance(exc, LimitError):
        return Refusal(path, str(exc), exc.limit, exc.measured, exc.threshold)
    return Refusal(path, str(exc), unreadable=True)


def _top_level_documents(names: list[str]) -> bool:
    return any("/" not in n and is_document(n) for n in names)


def _packages_from_zip(display: str, data: bytes, limits: ArchiveLimits,
                       depth: int) -> Iterator[Package]:
    try:
        files, refusals = _zip_members(display, data, limits)
    except (UnreadableError, LimitError) as exc:
        yield Package(display, (), (_refusal(display, exc),))
        return
    names = [n for n, _ in files]
    if _top_level_documents(names) or depth >= limits.max_nesting:
        members = []
        for name, blob in files:
            if format_of(name) == "zip":
                refusals.append(Refusal(f"{display}/{name}", "a zip inside an item package",
                                        limit="max_nesting", measured=depth + 1,
                                        threshold=limits.max_nesting))
                continue
            members.append(Member(f"{display}/{name}", name.rsplit("/", 1)[-1], blob=blob))
        yield Package(display, tuple(members), tuple(refusals))
        return
    # A meeting: each top-level folder or zip is an item.
    folders: dict[str, list[Member]] = {}
    for name, blob in files:
        top, _, rest = name.partition("/")
        if not rest:
            if format_of(name) == "zip":
                yield from _packages_from_zip(f"{display}/{name}", blob, limits, depth + 1)
            else:
                refusals.append(Refusal(f"{display}/{name}",
                                        "a file beside item folders in a meeting archive"))
            continue
        if format_of(name) == "zip":
            refusals.append(Refusal(f"{display}/{name}", "a zip inside an item folder",
                                    limit="max_nesting", measured=depth + 2,
                                    threshold=limits.max_nesting))
            continue
        folders.setdefault(top, []).append(
            Member(f"{display}/{name}", name.rsplit("/", 1)[-1], blob=blob))
    for top in sorted(folders):
        yield Package(f"{display}/{top}", tuple(folders[top]))
    if refusals:
        yield Package(display, (), tuple(refusals))


def _walk(folder: Path) -> list[Path]:
    out = []
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        if p.is_file() and not p.is_symlink() and not _skip(rel):
            out.append(p)
    return out


def _folder_package(display: str, folder: Path, limits: ArchiveLimits) -> Package:
    members: list[Member] = []
    refusals: list[Refusal] = []
    for p in _walk(folder):
        rel = p.relative_to(folder).as_posix()
        if format_of(p.name) == "zip":
            refusals.append(Refusal(f"{display}/{rel}", "a zip inside an item package",
                                    limit="max_nesting", measured=2,
                                    threshold=limits.max_nesting))
            continue
        members.append(Member(f"{display}/{rel}", p.name, disk=p))
    return Package(display, tuple(members), tuple(refusals))


def _display(path: Path) -> str:
    return path.as_posix().rstrip("/") or "."


def discover(path: Path, limits: ArchiveLimits) -> list[Package]:
    """Return the packages that ``path`` holds, in a stable order."""
    display = _display(path)
    if path.is_file():
        if format_of(path.name) == "zip":
            if path.stat().st_size > limits.max_total_bytes:
                return [Package(display, (), (Refusal(display, "archive too large",
                                                      "max_total_bytes", path.stat().st_size,
                                                      limits.max_total_bytes),))]
            return list(_packages_from_zip(display, path.read_bytes(), limits, 0))
        return [Package(display, (Member(display, path.name, disk=path),), single=True)]
    if not path.is_dir():
        raise FileNotFoundError(f"no such file or folder: {display}")
    top = [p for p in sorted(path.iterdir()) if not p.name.startswith(".")]
    if any(p.is_file() and is_document(p.name) for p in top):
        return [_folder_package(display, path, limits)]
    packages: list[Package] = []
    for p in top:
        if p.is_dir():
            packages.append(_folder_package(_display(p), p, limits))
        elif p.is_file() and format_of(p.name) == "zip":
            packages.extend(_packages_from_zip(_display(p), p.read_bytes(), limits, 1))
    return packages
