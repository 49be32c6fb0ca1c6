"""A cache of reports, so a re-run over unchanged documents is near-instant.

Two kinds of entry. A package entry is a package's whole report (package rules included,
waivers not), keyed by its members' paths and content hashes, what discovery refused, and the
run context (the date: deadlines depend on it). A file entry is one file's report before
package rules, keyed by the file's content hash and display path; it serves when a package
changed or the date moved on. Both keys include a salt made of everything else that decides
the findings: the toolkit's
version and a hash of its own code and message catalogue, the profile (id, version, a hash of
its content) and the settings that change results (select, ignore, per-file-ignores). Reports
whose FIL001/FIL003 evidence names a passing cause (a time or memory limit, a lost worker) are
not kept, so the next run tries again. Entries are JSON files written atomically under the
user's cache directory (platformdirs) or ``--cache-dir``: a package entry is the package object
of the stored report form, a file entry the file object and the document views package rules
read (``validator.reports.json``: one serializer for the command line, the cache and the
gate; ``validator.reports.load`` reads them back). The cache is never placed inside a
checked folder, because the input is never modified. Content hashes of files on disk are
remembered with their size, times and inode, so an unchanged file is not even read again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from validator.checks.base import SHIPPED_VIEWS
from validator.core.errors import WordedError
from validator.core.findings import NOT_READ, FileReport, Finding, PackageReport
from validator.core.version import __version__
from validator.discovery.rules import display_name
from validator.files.views import DocumentViews
from validator.reports.json import STORED_LANG, file_dict, package_dict
from validator.reports.load import file_from_dict, location_from_dict, package_from_dict

if TYPE_CHECKING:
    from validator.discovery.packages import Package
    from validator.files.member import Member
    from validator.settings.options import Settings
    from validator.settings.profile import Profile

FORMAT = 2
_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
        "# This file is a cache directory tag created by validator.\n")


def default_dir() -> Path:
    """The user's cache directory for the toolkit (e.g. ~/.cache/validator)."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("validator", appauthor=False))


@cache
def code_fingerprint() -> str:
    """A hash of the toolkit's own code, messages and templates (not the checked files)."""
    digest = hashlib.sha256(__version__.encode())
    root = resources.files("validator")
    stack = [root]
    files: list[Any] = []
    while stack:
        folder = stack.pop()
        for entry in folder.iterdir():
            if entry.is_dir():
                if entry.name != "__pycache__":
                    stack.append(entry)
            elif entry.name.endswith((".py", ".toml", ".html", ".json")):
                files.append(entry)
    for entry in sorted(files, key=lambda e: str(e)):
        digest.update(str(entry).rsplit("validator", 1)[-1].encode())
        digest.update(entry.read_bytes())
    return digest.hexdigest()


#: Document views kept with a file's report, so that package rules (pairing, parity) do not
#: extract the text again when the file itself comes from the cache: the views a worker ships
#: to the parent, one list for both.
CACHED_VIEWS = SHIPPED_VIEWS


def views_to_dict(views: DocumentViews) -> dict[str, Any]:
    out: dict[str, Any] = {}
    blocks = views.get("text_blocks")
    if blocks is not None:
        out["text_blocks"] = [[b.text, b.location.to_dict(), b.kind, b.hidden] for b in blocks]
    marks = views.get("text_marks")
    if marks is not None:
        out["text_marks"] = [list(marks.markers), list(marks.figures)]
    tables = views.get("table_shapes")
    if tables is not None:
        out["table_shapes"] = [[t.rows, t.columns, t.location.to_dict()] for t in tables]
    return out


def views_from_dict(data: dict[str, Any]) -> DocumentViews:
    out: dict[str, Any] = {}
    blocks = data.get("text_blocks")
    if blocks is not None:
        from validator.formats.textblocks import TextBlock

        out["text_blocks"] = tuple(TextBlock(str(t), location_from_dict(loc), str(k), bool(h))
                                   for t, loc, k, h in blocks)
    marks = data.get("text_marks")
    if marks is not None:
        from validator.language.parity import TextMarks

        out["text_marks"] = TextMarks(tuple(map(str, marks[0])), tuple(map(str, marks[1])))
    tables = data.get("table_shapes")
    if tables is not None:
        from validator.formats.textblocks import TableShape

        out["table_shapes"] = tuple(TableShape(int(r), int(c), location_from_dict(loc))
                                    for r, c, loc in tables)
    return DocumentViews(**out)


#: Entries not used for this long are deleted (checked at most once a day).
MAX_AGE_DAYS = 30
DAY = 86_400.0

#: Words in a FIL001/FIL003 evidence that mean the failure may not happen again.
TRANSIENT = ("timed out", "time limit", "timeout", "memory limit", "out of memory",
             "worker", "killed")


def transient(f: Finding) -> bool:
    """Whether a finding records a failure of the run rather than of the file."""
    if f.code not in NOT_READ:
        return False
    evidence = f.evidence.lower()
    return any(word in evidence for word in TRANSIENT)


class FileCache:
    """File reports on disk, keyed by content and everything that decides the findings."""

    def __init__(self, directory: Path, salt: str) -> None:
        self.directory = directory
        self.salt = salt
        self.hits = 0
        self.misses = 0
        self._index: dict[str, list[Any]] | None = None
        self._dirty = False
        self._digests: dict[Path, str] = {}

    # -- content hashes of files on disk, skipped when size and times are unchanged --------

    def _index_file(self) -> Path:
        return self.directory / "stat-index.json"

    def _load_index(self) -> dict[str, list[Any]]:
        if self._index is None:
            try:
                data = json.loads(self._index_file().read_text(encoding="utf-8"))
                self._index = data if isinstance(data, dict) else {}
            except (OSError, ValueError):
                self._index = {}
        return self._index

    def digest(self, path: Path) -> str:
        """The SHA-256 of a file on disk; re-read only when its size, mtime, ctime or inode
        changed since the last run (the same pre-check ruff and git use)."""
        known_now = self._digests.get(path)
        if known_now is not None:
            return known_now
        sha = self._digest(path)
        self._digests[path] = sha
        return sha

    def _digest(self, path: Path) -> str:
        st = path.stat()
        stamp = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
        name = display_name(str(path.resolve()))  # names that are not UTF-8, escaped
        index = self._load_index()
        known = index.get(name)
        if isinstance(known, list) and len(known) == 5 and known[:4] == stamp:
            return str(known[4])
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
        sha = digest.hexdigest()
        index[name] = [*stamp, sha]
        self._dirty = True
        return sha

    def flush(self) -> None:
        """End of a run: write the index of content hashes (atomically), and, at most once a
        day, delete entries unused for ``MAX_AGE_DAYS``."""
        self.prune()
        if not self._dirty or self._index is None:
            return
        try:
            self._write(self._index_file(), json.dumps(self._index, ensure_ascii=False))
            self._dirty = False
        except OSError:
            return

    def _read(self, key: str) -> str:
        """An entry's text; its modification time is refreshed, so pruning keeps used ones."""
        path = self._file(key)
        text = path.read_text(encoding="utf-8")
        with contextlib.suppress(OSError):
            os.utime(path)
        return text

    def prune(self, now: float | None = None) -> int:
        """Delete entries not used for ``MAX_AGE_DAYS`` (once a day); return how many."""
        now = time.time() if now is None else now
        marker = self.directory / "last-prune"
        try:
            if marker.exists() and now - marker.stat().st_mtime < DAY:
                return 0
            if not self.directory.is_dir():
                return 0
            marker.touch()
        except OSError:
            return 0
        removed = 0
        limit = now - MAX_AGE_DAYS * DAY
        for entry in self.directory.glob("*/*.json"):
            with contextlib.suppress(OSError):
                if entry.stat().st_mtime < limit:
                    entry.unlink()
                    removed += 1
        return removed

    def _write(self, target: Path, text: str) -> None:
        self._prepare(target.parent)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, target)
        except OSError:
            Path(tmp).unlink(missing_ok=True)
            raise

    def member_digest(self, member: Member) -> str:
        """The SHA-256 of a package member (on disk through the index, in memory directly)."""
        if member.blob is not None:
            return hashlib.sha256(member.blob).hexdigest()
        if member.digest is not None:
            return member.digest  # a zip member, hashed while the search streamed it
        assert member.disk is not None
        return self.digest(member.disk)

    # -- whole packages -------------------------------------------------------------------------

    def package_key(self, pkg: Package, context: object) -> str | None:
        """The key of a package's report: its members' paths and contents, what was refused,
        and the run context (dates), besides the salt. None when a member cannot be read."""
        try:
            members = [(m.path, self.member_digest(m)) for m in pkg.members]
        except OSError:
            return None
        blob = json.dumps({"salt": self.salt, "path": pkg.path, "single": pkg.single,
                           "members": members, "refusals": [repr(r) for r in pkg.refusals],
                           "context": repr(context), "meeting": repr(pkg.meeting)},
                          ensure_ascii=False)
        return "p" + hashlib.sha256(blob.encode()).hexdigest()

    def get_package(self, key: str) -> PackageReport | None:
        try:
            data = json.loads(self._read(key))
            report = package_from_dict(data["package"])
        except (OSError, ValueError, KeyError, TypeError):
            return None
        self.hits += len(report.files)
        return report

    def put_package(self, key: str, report: PackageReport) -> None:
        if any(transient(f) for f in report.all_findings()):
            return
        try:
            piece = package_dict(report, STORED_LANG, stored=True)
            text = json.dumps({"package": piece}, ensure_ascii=False, allow_nan=False)
            self._write(self._file(key), text)
        except (TypeError, ValueError, OSError):
            return

    # -- file reports -------------------------------------------------------------------------

    @classmethod
    def open(cls, directory: Path | None, salt_parts: dict[str, Any],
             checked: list[Path]) -> FileCache:
        """Open (create) the cache; refuse a directory inside one of the ``checked`` folders."""
        folder = (directory or default_dir()).expanduser().resolve()
        for path in checked:
            root = path.resolve()
            if root.is_dir() and (folder == root or root in folder.parents):
                raise WordedError("config.cache_inside", folder=str(folder), root=str(root))
        blob = json.dumps({"format": FORMAT, "code": code_fingerprint(), **salt_parts},
                          sort_keys=True, default=str)
        salt = hashlib.sha256(blob.encode()).hexdigest()
        return cls(folder / f"v{FORMAT}", salt)

    def key(self, sha256: str, path: str, package: str) -> str:
        return hashlib.sha256(f"{self.salt}\0{sha256}\0{path}\0{package}".encode()).hexdigest()

    def _file(self, key: str) -> Path:
        return self.directory / key[1:3] / f"{key}.json"

    def get(self, key: str) -> FileReport | None:
        found = self.get_with_views(key)
        return None if found is None else found[0]

    def get_with_views(self, key: str) -> tuple[FileReport, DocumentViews] | None:
        """A file's report and the document views stored with it (see ``CACHED_VIEWS``)."""
        try:
            data = json.loads(self._read(key))
            report = file_from_dict(data["file"])
            views = views_from_dict(data.get("views", {}))
        except (OSError, ValueError, KeyError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        return report, views

    def put(self, key: str, report: FileReport, views: DocumentViews | None = None) -> None:
        """Store ``report`` and the ``views`` its document computed (atomically); silently
        skip what cannot or should not be kept."""
        if any(transient(f) for f in report.findings):
            return
        try:
            data: dict[str, Any] = {"file": file_dict(report, STORED_LANG, stored=True)}
            if views:
                data["views"] = views_to_dict(views)
            text = json.dumps(data, ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError):
            return  # an ``extra`` value that is not plain data: recompute next time
        try:
            self._write(self._file(key), text)
        except OSError:
            return  # a read-only or full disk must not fail the check

    def _prepare(self, folder: Path) -> None:
        if folder.is_dir():
            return
        folder.mkdir(parents=True, exist_ok=True)
        tag = self.directory.parent / "CACHEDIR.TAG"
        self.directory.parent.mkdir(parents=True, exist_ok=True)
        if not tag.exists():
            tag.write_text(_TAG, encoding="ascii")


def _data_files(profile: Profile) -> list[list[str]]:
    """The content of every data file a rule's parameters name (the working-day calendar,
    say): it decides findings as much as the profile does, so it is in the salt. A string
    parameter names a file when, absolute or relative to the shipped profiles, one exists."""
    from validator.core.shipped import shipped_profiles_dir

    base = shipped_profiles_dir()
    out: list[list[str]] = []
    for code in sorted(profile.rules):
        for name, value in sorted(profile.rules[code].params.items()):
            for text in ([value] if isinstance(value, str) else
                         [v for v in value if isinstance(v, str)]
                         if isinstance(value, list | tuple) else []):
                try:
                    path = Path(text) if Path(text).is_absolute() else base / text
                    if text and path.is_file():
                        digest = hashlib.sha256(path.read_bytes()).hexdigest()
                        out.append([code, name, text, digest])
                except (OSError, ValueError):
                    out.append([code, name, text, "unreadable"])
    return out


def salt_parts(profile: Profile, settings: Settings) -> dict[str, Any]:
    """Everything besides the file that decides its findings (see the module docstring)."""
    try:
        content = hashlib.sha256(Path(profile.path).read_bytes()).hexdigest()
    except OSError:
        content = hashlib.sha256(repr(sorted(
            (c, r.clause, r.severity.label, sorted(r.cases.items()), sorted(
                (k, repr(v)) for k, v in r.params.items()))
            for c, r in profile.rules.items())).encode()).hexdigest()
    return {
        "profile": [profile.id, profile.version, content],
        "data_files": _data_files(profile),
        "select": list(settings.select),
        "ignore": list(settings.ignore),
        "per_file_ignores": [[p, list(c)] for p, c in settings.per_file_ignores],
    }
