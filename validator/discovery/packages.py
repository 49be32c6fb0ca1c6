"""Finding the packages (agenda items) in what the user names, anywhere in a tree.

A PATH is (DECISIONS.md, "What a PATH is"): a single file other than .zip (file rules only);
or a folder or .zip, searched for packages. A folder (or a folder inside a zip, or a zip) is an
item's package when it holds documents at its top level, a ``manifest.toml``, or only language
sub-folders holding documents (``validator.discovery.rules``); every file below it belongs to it,
hidden files and ``__MACOSX`` included (only ``.git`` is left out). Anything else is a
container, searched further up to the profile's ``[discovery]`` bounds: its hidden folders,
``.git`` and the user's ``exclude`` patterns are skipped, and files beside packages (README,
CI files) belong to no package and are not reported.

Nothing is followed or opened but regular files and folders: a symbolic link, a named pipe, a
device or a socket inside a package is a refusal (FIL001, "not a regular file inside the
package"); in a container it belongs to no package and is a finding of the run (``strays``),
as are folders that cannot be read there. Zips are opened as files, never read whole into
memory nor extracted (``validator.formats.ziptree``); their members are inflated by the
workers. A zip
inside a zip is a nesting level (FIL003 past the profile's ``max_nesting``), a zip inside a
package is refused. A package found below a folder named like a date (``2026-01-20``, or
``2026/01/20``) carries that meeting date (``Package.meeting``).

Reports name paths as the PATH is spelt, or below the caller's name for it (``shown_as``: only
shown, never opened; the folders above the PATH on disk then give no meeting date).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from validator.core.errors import LimitError, UnreadableError
from validator.discovery import tree
from validator.discovery.rules import (
    VCS_FOLDERS,
    DiscoveryRules,
    display_name,
    is_archive,
    is_package,
    meeting_date,
    visible,
)
from validator.files.member import Member
from validator.formats.archive import ArchiveLimits, name_limit
from validator.formats.ziptree import ZipTree

#: Names beside packages that are text by their extension: a link named so is not reported.
_TEXT_NAMES = frozenset({"md", "markdown", "txt", "rst", "adoc", "yaml", "yml", "toml",
                         "json", "cfg", "ini", "cff"})


@dataclass(frozen=True, slots=True)
class Refusal:
    """Something that was not read: a hostile name, a limit, a broken archive, a file that is
    not a regular file or cannot be opened. ``message`` and ``args`` pick the catalogue's
    wording (FIL001 when ``unreadable``, else FIL003)."""

    path: str
    reason: str
    limit: str | None = None
    measured: int | float | str | None = None
    threshold: int | float | str | None = None
    unreadable: bool = False
    message: str = "default"
    args: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True, slots=True)
class Package:
    """One agenda item's files. ``single`` is a lone file given on its own (no package rules);
    ``meeting`` the meeting date its folder names carry and the folder that says it."""

    path: str
    members: tuple[Member, ...]
    refusals: tuple[Refusal, ...] = ()
    single: bool = False
    meeting: tuple[dt.date, str] | None = None


@dataclass(frozen=True, slots=True)
class Discovery:
    """What a PATH holds: its packages, and what belongs to none of them (top-level
    findings of the run)."""

    packages: tuple[Package, ...]
    strays: tuple[Refusal, ...] = ()


def not_regular(path: str, kind: str, inside: bool) -> Refusal:
    """A symbolic link, pipe, device or socket: named, never followed or opened."""
    return Refusal(path, f"not a regular file ({kind}); not followed or opened",
                   unreadable=True, message="not_regular" if inside else "not_regular_outside",
                   args=(("kind", kind),))


def _refusal(path: str, exc: Exception) -> Refusal:
    if isinstance(exc, LimitError):
        return Refusal(path, str(exc), exc.limit, exc.measured, exc.threshold)
    return Refusal(path, str(exc), unreadable=True)


def _os_refusal(path: str, key: str, reason: str, limit: int | None = None) -> Refusal:
    args: tuple[tuple[str, Any], ...] = ()
    if key == "path_too_long":
        args = (("measured", len(path.encode("utf-8"))), ("threshold", limit or 0))
    return Refusal(path, reason, unreadable=True, message=key, args=args)


def _display(path: Path | PurePosixPath) -> str:
    return display_name(path.as_posix().rstrip("/")) or "."


def _join(folder: str, name: str) -> str:
    """``name`` inside ``folder`` as reports show it (either may be ``""``: nothing added)."""
    return f"{folder}/{name}" if folder and name else folder or name


class _Search:
    """One PATH's search: the packages found, what belongs to none, the entries seen."""

    def __init__(self, given: Path, limits: ArchiveLimits, rules: DiscoveryRules,
                 label: str | None = None) -> None:
        self.given = given
        self.label = label  # how reports name ``given`` (None: as the user spelt it)
        self.absolute = given.absolute()
        self.limits = limits
        self.rules = rules
        self.path_max = tree.path_max(self.absolute if self.absolute.exists() else Path("/"))
        self.seen = 0
        self.full = False
        self.packages: list[Package] = []
        self.strays: list[Refusal] = []

    def shown(self, given: Path) -> str:
        """How reports name ``given`` (the PATH or a path below it)."""
        if self.label is None:
            return _display(given)
        rel = self.relative(given)
        return self.label if rel == "." else _join(self.label, display_name(rel))

    def relative_shown(self, shown: str) -> str:
        """A path as reports show it, relative to the PATH (what ``exclude`` patterns see)."""
        return self.relative(Path(shown)) if self.label is None else (
            shown.removeprefix(f"{self.label}/") if self.label else shown)

    # -- bounds ------------------------------------------------------------------------------

    def _count(self, entries: int, where: str, refusals: list[Refusal]) -> bool:
        """Count entries against ``max_entries``; False (and one finding) once past it."""
        if self.full:
            return False
        self.seen += entries
        if self.seen > self.rules.max_entries:
            self.full = True
            refusals.append(Refusal(where, "too many files and folders; the rest was not "
                                    "searched", "max_entries", self.seen,
                                    self.rules.max_entries, message="too_many",
                                    args=(("threshold", self.rules.max_entries),)))
            return False
        return True

    def _too_deep(self, where: str, depth: int) -> Refusal:
        return Refusal(where, "folders nested too deep; not searched", "max_depth", depth,
                       self.rules.max_depth, message="too_deep",
                       args=(("threshold", self.rules.max_depth),))

    def _list(self, folder: Path, where: str, refusals: list[Refusal]) -> list[tree.Entry]:
        if tree.too_long(folder, self.path_max):
            refusals.append(_os_refusal(where, "path_too_long", "the path is longer than the "
                                        "system allows", self.path_max))
            return []
        try:
            entries = tree.list_folder(folder)
        except tree.FolderError as exc:
            refusals.append(_os_refusal(where, exc.key, exc.reason, self.path_max))
            return []
        return entries if self._count(len(entries), where, refusals) else []

    # -- meeting dates -----------------------------------------------------------------------

    def meeting(self, display: str, absolute: Path | None) -> tuple[dt.date, str] | None:
        """The date the nearest folder names carry: those shown, then the PATH's own
        ancestors on disk."""
        shown = PurePosixPath(display).parts
        found = meeting_date(shown)
        if found is not None:
            day, i = found
            return day, _display(PurePosixPath(*shown[: i + 1]))
        if absolute is None or self.label is not None:
            return None
        above = self.absolute.parent.parts
        found = meeting_date(above)
        if found is None:
            return None
        day, i = found
        return day, _display(Path(*above[: i + 1]))

    # -- folders -----------------------------------------------------------------------------

    def folder(self, given: Path, absolute: Path, depth: int) -> None:
        """A folder met while searching: an item's package, or a container searched further."""
        where = self.shown(given)
        entries = self._list(absolute, where, self.strays)
        subs = [e for e in entries if e.kind == tree.DIR and visible(e.name)]
        inner: dict[str, list[str]] = {e.name: [] for e in subs}
        if subs and all(self.rules.is_language_folder(e.name) for e in subs):
            inner = {e.name: tree.regular_names_in(e.path) for e in subs}
        files = [e.name for e in entries if e.kind == tree.FILE]
        if entries and is_package(files, inner, self.rules):
            self.packages.append(self.folder_package(given, absolute, depth, entries))
            return
        for e in entries:
            rel = self.relative(given / e.name)
            if not visible(e.name) or e.name in VCS_FOLDERS or self.rules.excluded(rel):
                continue
            shown = self.shown(given / e.name)
            if e.kind == tree.DIR:
                if depth + 1 > self.rules.max_depth:
                    self.strays.append(self._too_deep(shown, depth + 1))
                else:
                    self.folder(given / e.name, e.path, depth + 1)
            elif e.kind == tree.FILE:
                if is_archive(e.name):
                    self.zip_file(given / e.name, e.path, 0)
            elif e.kind == tree.UNKNOWN:
                self.strays.append(_os_refusal(shown, e.error_key, e.error or "unknown",
                                               self.path_max))
            elif not (e.kind == tree.SYMLINK and e.name.rsplit(".", 1)[-1].lower()
                      in _TEXT_NAMES and "." in e.name):
                self.strays.append(not_regular(shown, e.kind, inside=False))

    def relative(self, given: Path) -> str:
        try:
            return given.relative_to(self.given).as_posix()
        except ValueError:
            return given.as_posix()

    def folder_package(self, given: Path, absolute: Path, depth: int,
                       entries: list[tree.Entry]) -> Package:
        members: list[Member] = []
        refusals: list[Refusal] = []
        display = self.shown(given)
        self._collect(display, entries, depth, members, refusals)
        return Package(display, tuple(members), tuple(refusals),
                       meeting=self.meeting(display, absolute))

    def _collect(self, shown_folder: str, entries: list[tree.Entry], depth: int,
                 members: list[Member], refusals: list[Refusal]) -> None:
        """Every entry below a package folder (shown as ``shown_folder``): members, or
        refusals saying why not."""
        for e in entries:
            if e.name in VCS_FOLDERS:
                continue
            shown = _join(shown_folder, display_name(e.name))
            if e.kind == tree.DIR:
                if depth + 1 > self.rules.max_depth:
                    refusals.append(self._too_deep(shown, depth + 1))
                    continue
                inner = self._list(e.path, shown, refusals)
                self._collect(shown, inner, depth + 1, members, refusals)
            elif e.kind == tree.FILE:
                self._member(e, shown, members, refusals)
            elif e.kind == tree.UNKNOWN:
                refusals.append(_os_refusal(shown, e.error_key, e.error or "unknown",
                                            self.path_max))
            else:
                refusals.append(not_regular(shown, e.kind, inside=True))

    def _member(self, e: tree.Entry, shown: str, members: list[Member],
                refusals: list[Refusal]) -> None:
        if tree.too_long(e.path, self.path_max):
            refusals.append(_os_refusal(shown, "path_too_long", "the path is longer than the "
                                        "system allows", self.path_max))
            return
        if is_archive(e.name):
            refusals.append(Refusal(shown, "a zip inside an item package", limit="in_package",
                                    measured=2, threshold=self.limits.max_nesting))
            return
        failure = tree.open_failure(e.path)
        if failure is not None:
            refusals.append(_os_refusal(shown, failure[0], failure[1], self.path_max))
            return
        members.append(Member(shown, display_name(e.name), disk=e.path))

    # -- zips --------------------------------------------------------------------------------

    def zip_file(self, given: Path, absolute: Path, level: int) -> None:
        """A .zip on disk: opened as a file (size checked first), then searched like a folder."""
        display = self.shown(given)
        failure = tree.open_failure(absolute)
        if failure is not None:
            self.packages.append(Package(display, (), (_os_refusal(display, *failure),)))
            return
        size = absolute.stat().st_size
        if size > self.limits.max_total_bytes:
            self.packages.append(Package(display, (), (Refusal(
                display, "archive too large", "max_total_bytes", size,
                self.limits.max_total_bytes),)))
            return
        self.zip_archive(display, absolute, (), level, absolute)

    def zip_archive(self, display: str, disk: Path, chain: tuple[str, ...], level: int,
                    absolute: Path | None) -> None:
        """The zip ``chain`` names inside the zip file ``disk`` (itself when empty): opened as
        a file, never read whole, and searched like a folder."""
        try:
            archive = ZipTree.read(display, disk, chain, self.limits, is_archive)
        except (UnreadableError, LimitError) as exc:
            self.packages.append(Package(display, (), (_refusal(display, exc),)))
            return
        refusals = [(name, Refusal(_join(display, name), f"member name {why}",
                                   limit=name_limit(why), measured=name))
                    for name, why in archive.refused]
        refusals += [(n, _refusal(_join(display, n), exc)) for n, exc in archive.failed]
        assigned: set[int] = set()
        self._zip_folder(archive, refusals, "", level, absolute, assigned, 0)
        self.strays.extend(r for i, (_, r) in enumerate(refusals) if i not in assigned)

    def _zip_folder(self, archive: ZipTree, zip_refusals: list[tuple[str, Refusal]],
                    prefix: str, level: int, absolute: Path | None, assigned: set[int],
                    depth: int) -> None:
        files, folders = archive.top(prefix)
        display = _join(archive.display, prefix.rstrip("/"))
        if is_package(files, folders, self.rules):
            refusals: list[Refusal] = []
            for i, (name, refusal) in enumerate(zip_refusals):
                if name.startswith(prefix):
                    assigned.add(i)
                    refusals.append(refusal)
            members = []
            for entry in archive.below(prefix):
                name = entry.name
                if is_archive(name):
                    refusals.append(Refusal(_join(archive.display, name),
                                            "a zip inside an item package",
                                            limit="in_package", measured=level + 1,
                                            threshold=self.limits.max_nesting))
                    continue
                members.append(Member(_join(archive.display, name), name.rsplit("/", 1)[-1],
                                      archive=archive.disk, chain=(*archive.chain, name),
                                      declared=entry.size, digest=entry.sha256))
            self.packages.append(Package(display, tuple(members), tuple(refusals),
                                         meeting=self.meeting(display, absolute)))
            return
        for name in sorted(folders):
            shown = _join(display, name)
            if not visible(name) or name in VCS_FOLDERS or self.rules.excluded(
                    self.relative_shown(shown)):
                continue
            if depth + 1 > self.rules.max_depth:
                self.strays.append(self._too_deep(shown, depth + 1))
                continue
            self._zip_folder(archive, zip_refusals, f"{prefix}{name}/", level, absolute,
                             assigned, depth + 1)
        for name in files:
            if not visible(name) or not is_archive(name):
                continue
            shown = _join(display, name)
            if level + 1 > self.limits.max_nesting:
                self.strays.append(Refusal(shown, "a zip nested deeper than allowed",
                                           limit="max_nesting", measured=level + 1,
                                           threshold=self.limits.max_nesting))
                continue
            self.zip_archive(shown, archive.disk, (*archive.chain, prefix + name), level + 1,
                             absolute)


def find_packages(path: Path, limits: ArchiveLimits, rules: DiscoveryRules,
                  shown_as: str | None = None) -> Discovery:
    """Return the packages ``path`` holds, in a stable order, and what belongs to none;
    ``shown_as`` names ``path`` in them instead of its spelling (module docstring)."""
    search = _Search(path, limits, rules, shown_as)
    display = search.shown(path)
    entry = tree.entry_of(path)
    if entry.kind == tree.FILE:
        if is_archive(path.name):
            search.zip_file(path, search.absolute, 0)
        else:
            failure = tree.open_failure(path)
            refusals = () if failure is None else (_os_refusal(display, *failure),)
            members = (Member(display, display_name(path.name), disk=search.absolute),) \
                if failure is None else ()
            search.packages.append(Package(display, members, refusals, single=True))
    elif entry.kind == tree.DIR:
        search.folder(path, search.absolute, 0)
    elif entry.kind == tree.UNKNOWN and entry.error and "No such file" in entry.error:
        raise FileNotFoundError(f"no such file or folder: {_display(path)}")
    elif entry.kind == tree.UNKNOWN:
        search.strays.append(_os_refusal(display, entry.error_key, entry.error or "unknown",
                                         search.path_max))
    else:
        search.strays.append(not_regular(display, entry.kind, inside=False))
    return Discovery(tuple(search.packages), tuple(search.strays))
