"""How a tree of folders is read as packages: the profile's ``[discovery]`` table, the user's
``exclude`` patterns, the meeting date a folder name carries, and the escaped spelling of names.

Pure functions over names; ``validator.discovery.tree`` and ``validator.discovery.packages`` do
the reading.

A folder (or the inside of a .zip) is an item's package when it holds documents at its top
level, or a ``manifest.toml``, or only language sub-folders (the profile's
``language_folders``: ``kk``, ``ru``, ``қаз``, ``рус``, ...) of which at least one holds
documents. Anything else is a container, searched further. Names starting with a dot do not
make a folder a package (a stray ``._x.docx`` from a Mac does not), but once a folder is a
package every file in it is listed.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from validator.core.errors import WordedError
from validator.discovery.meeting_names import date_in_name
from validator.files.member import format_of, is_document
from validator.materials.roles import MANIFEST as MANIFEST_NAME

#: Folders that are never searched nor listed: the repository's own store.
VCS_FOLDERS = frozenset({".git"})
_KEYS = {"language_folders", "max_depth", "max_entries"}
_YEAR = re.compile(r"^\d{4}$")
_SMALL = re.compile(r"^\d{1,2}$")


@dataclass(frozen=True, slots=True)
class DiscoveryRules:
    """The profile's ``[discovery]`` table and the user's exclude patterns.

    ``max_depth``: folder levels below the PATH given that are searched; ``max_entries``:
    files and folders one PATH may hold before the search stops (both findings, FIL003).
    """

    language_folders: frozenset[str]
    max_depth: int
    max_entries: int
    exclude: tuple[str, ...] = ()

    def is_language_folder(self, name: str) -> bool:
        """Whether ``name`` is one of the profile's language folders, letter case aside and
        whatever Unicode form the name is stored in (a Mac writes ``русский`` decomposed)."""
        return unicodedata.normalize("NFC", name).casefold() in self.language_folders

    def excluded(self, relative: str) -> bool:
        """Whether a path below the PATH given (posix, relative) matches an exclude pattern,
        by its whole relative path, its name, or any trailing part (``*/drafts``)."""
        if not self.exclude:
            return False
        name = relative.rsplit("/", 1)[-1]
        return any(fnmatch.fnmatch(relative, p) or fnmatch.fnmatch(name, p)
                   or fnmatch.fnmatch(relative, f"*/{p}") for p in self.exclude)


def parse_discovery(table: Any, where: str) -> DiscoveryRules:
    """Validate the profile's ``[discovery]`` table (every key required)."""
    if not isinstance(table, Mapping):
        raise WordedError("discovery.missing_table", where=where)
    for key in table:
        if key not in _KEYS:
            raise WordedError("discovery.unknown_key", where=where, key=key,
                              known=", ".join(sorted(_KEYS)))
    for key in sorted(_KEYS):
        if key not in table:
            raise WordedError("discovery.missing_key", where=where, key=key)
    folders = table["language_folders"]
    if not isinstance(folders, list) or not folders or not all(
            isinstance(f, str) and f.strip() and "/" not in f for f in folders):
        raise WordedError("discovery.folders", where=where)
    for key in ("max_depth", "max_entries"):
        value = table[key]
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise WordedError("discovery.positive", where=where, key=key)
    return DiscoveryRules(frozenset(unicodedata.normalize("NFC", f.strip()).casefold()
                                    for f in folders),
                          table["max_depth"], table["max_entries"])


def visible(name: str) -> bool:
    """Names that count when telling a package from a container (not hidden, not Mac
    resource-fork folders)."""
    return not name.startswith(".") and name != "__MACOSX"


def is_package(files: Iterable[str], folders: Mapping[str, Iterable[str]],
               rules: DiscoveryRules) -> bool:
    """Whether a folder with these top-level ``files`` and ``folders`` (each with the names
    of its own top-level files) is an item's package."""
    names = [n for n in files if visible(n)]
    if any(is_document(n) or n.casefold() == MANIFEST_NAME for n in names):
        return True
    subs = {k: v for k, v in folders.items() if visible(k)}
    if not subs or not all(rules.is_language_folder(k) for k in subs):
        return False
    return any(is_document(n) for inner in subs.values() for n in inner if visible(n))


def is_archive(name: str) -> bool:
    return format_of(name) == "zip"


def meeting_date(parts: Sequence[str]) -> tuple[dt.date, int] | None:
    """The meeting date the nearest folder names carry, and the index of the part that
    completes it: a name that starts with a date or calls itself a meeting's beside one
    (``2026-03-12``, ``Заседание 12 марта 2026``, ``2026 жылғы 12 наурыздағы отырыс``:
    ``meeting_names``), or ``YYYY/MM/DD`` folders."""
    for i in range(len(parts) - 1, -1, -1):
        found = _date_at(parts, i)
        if found is not None:
            return found, i
    return None


def _date_at(parts: Sequence[str], i: int) -> dt.date | None:
    named = date_in_name(parts[i])
    if named is not None:
        return named
    try:
        if (i >= 2 and _SMALL.match(parts[i]) and _SMALL.match(parts[i - 1])
                and _YEAR.match(parts[i - 2])):
            return dt.date(int(parts[i - 2]), int(parts[i - 1]), int(parts[i]))
    except ValueError:
        return None
    return None


def display_name(name: str) -> str:
    """A name as reports spell it: names the file system gave as undecodable bytes (Python's
    surrogate escapes) become ``\\xNN`` with backslashes doubled, so the spelling is valid
    UTF-8 and the original bytes can be recovered; other names are unchanged."""
    if not any("\udc80" <= ch <= "\udcff" for ch in name):
        return name
    raw = os.fsencode(name).replace(b"\\", b"\\\\")
    return raw.decode("utf-8", "backslashreplace")
