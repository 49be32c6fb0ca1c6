"""Project configuration: ``[tool.validator]`` in pyproject.toml, or validator.toml.

Found from the checked path upwards, skipping folders that are packages (config inside a
submitted package is never read: DECISIONS.md); the closest file wins. Command-line flags
override it. Keys: ``profile``, ``select``, ``ignore``, ``fail-level``, ``per-file-ignores``,
``waivers`` (``validator.settings.waivers``), ``exclude`` (glob patterns of folders and zips that
the
search for packages skips in containers: ``validator.discovery.rules``). A rule code or prefix the
toolkit does not know, in any of them or on the command line, is a usage error naming the
closest known code: a typo must not silently select nothing.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from validator.core.errors import Said, WordedError
from validator.core.findings import Severity
from validator.core.tomlfile import read_toml
from validator.settings.codes import check_code as check_code
from validator.settings.codes import check_codes as check_codes
from validator.settings.codes import check_selection
from validator.settings.codes import known_codes as known_codes
from validator.settings.profile import DEFAULT_PROFILE
from validator.settings.waivers import Waiver, parse_waivers

CONFIG_NAMES = (".validator.toml", "validator.toml", "pyproject.toml")
_KEYS = {"profile", "select", "ignore", "fail-level", "per-file-ignores", "waivers", "exclude"}


@dataclass(frozen=True, slots=True)
class Settings:
    """The user's choices for a run, after merging config files and flags."""

    profile: str = DEFAULT_PROFILE
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_level: Severity | None = None
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    source: str | None = None
    base: Path | None = None
    waivers: tuple[Waiver, ...] = ()
    exclude: tuple[str, ...] = ()

    def enabled(self, code: str) -> bool:
        """Whether ``code`` is on: selected (by prefix; none = all) and not ignored.

        The longer of a matching select and ignore prefix wins, as in flake8 and ruff.
        """
        sel = max((len(p) for p in self.select if code.startswith(p)), default=-1)
        if self.select and sel < 0:
            return False
        ign = max((len(p) for p in self.ignore if code.startswith(p)), default=-1)
        return ign < 0 or sel > ign

    def ignored_for(self, code: str, path: str) -> bool:
        """Whether a per-file ignore switches ``code`` off for the file at ``path``."""
        name = path.rsplit("/", 1)[-1]
        for pattern, codes in self.per_file_ignores:
            matches = (fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(name, pattern)
                       or fnmatch.fnmatch(path, f"*/{pattern}"))
            if matches and any(code.startswith(c) for c in codes):
                return True
        return False


def _codes(value: Any, where: str | Said, *, selection: bool = False) -> tuple[str, ...]:
    """A config list of rule codes, each checked; ``selection``: it selects rules, so an
    empty one is an error too (``check_selection``)."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise WordedError("config.codes_list", where=where)
    check = check_selection if selection else check_codes
    return check([v.strip().upper() for v in value], where)


def parse_table(table: Mapping[str, Any], where: str, base: Path | None) -> Settings:
    """Validate a ``[tool.validator]`` table into ``Settings``."""
    for key in table:
        if key not in _KEYS:
            raise WordedError("config.unknown_key", where=where, name=str(key),
                              known=", ".join(sorted(_KEYS)))
    settings = Settings(source=where, base=base)
    if "profile" in table:
        if not isinstance(table["profile"], str):
            raise WordedError("config.profile_string", where=where)
        settings = replace(settings, profile=table["profile"])
    if "select" in table:
        settings = replace(settings, select=_codes(table["select"], f"{where}: select",
                                                   selection=True))
    if "ignore" in table:
        settings = replace(settings, ignore=_codes(table["ignore"], f"{where}: ignore"))
    if "fail-level" in table:
        try:
            settings = replace(settings, fail_level=Severity.parse(str(table["fail-level"])))
        except ValueError:
            raise WordedError("config.fail_level", where=where,
                              value=str(table["fail-level"])) from None
    pfi = table.get("per-file-ignores", {})
    if not isinstance(pfi, dict):
        raise WordedError("config.per_file_ignores", where=where)
    settings = replace(settings, per_file_ignores=tuple(
        (str(k), _codes(v, f"{where}: per-file-ignores.{k}")) for k, v in pfi.items()))
    if "exclude" in table:
        value = table["exclude"]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise WordedError("config.exclude", where=where)
        settings = replace(settings, exclude=tuple(value))
    if "waivers" in table:
        settings = replace(settings, waivers=parse_waivers(table["waivers"], where))
    return settings


def read_config(path: Path) -> Settings | None:
    """Read one config file; None when it is a pyproject.toml without [tool.validator]."""
    data = read_toml(path, "config")
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("validator")
        if table is None:
            return None
        where = f"{path} [tool.validator]"
    else:
        table = data.get("tool", {}).get("validator", data) if "tool" in data else data
        where = str(path)
    if not isinstance(table, dict):
        raise WordedError("config.not_table", where=where)
    return parse_table(table, where, path.parent)


def discover_config(paths: Sequence[Path], *, from_folder: bool = False) -> Settings:
    """Return the settings of the closest config file at or above the checked paths (or
    defaults), never one inside a package.

    The search starts at the folder the paths have in common (each path itself when it is a
    folder, else the folder holding it) and goes up; the first folder holding a config file
    wins, unless that folder is an item's package (it holds documents or a manifest at its
    top level, or only language sub-folders with documents: ``is_package`` with the shipped
    profile's language folders, as the profile a config may name is not known before it is
    read). So ``check .`` at a repository root reads the repository's config, while a file or
    a package checked on its own never reads the config it carries. ``from_folder`` starts
    at the paths themselves, as given: the pre-commit hook's repository root, whose config is
    the checking side's whatever the repository holds.
    """
    if not paths:
        return Settings()
    starts = [p if from_folder or _is_folder(p) else p.parent for p in paths]
    common = Path(os.path.commonpath([str(s.resolve()) for s in starts]))
    for folder in (common, *common.parents):
        candidates = [folder / name for name in CONFIG_NAMES if (folder / name).is_file()]
        if not candidates or (not from_folder and _is_package_folder(folder)):
            continue
        for candidate in candidates:
            found = read_config(candidate)
            if found is not None:
                return found
    return Settings()


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir() and not path.is_symlink()
    except OSError:
        return False


def _is_package_folder(folder: Path) -> bool:
    """Whether ``folder`` is an item's package, by the names at its top level and in its
    sub-folders (links not followed); a folder that cannot be listed counts as one, so its
    config is not read."""
    from validator.discovery.rules import is_package
    from validator.settings.profile import shipped_discovery

    try:
        files, subfolders = _listing(str(folder))
        folders = {name: _listing(os.path.join(folder, name))[0] for name in subfolders}
    except OSError:
        return True
    return is_package(files, folders, shipped_discovery())


def _listing(folder: str) -> tuple[list[str], list[str]]:
    """The names of the regular files and of the folders at the top of ``folder``."""
    with os.scandir(folder) as entries:
        found = [(e.name, e.is_file(follow_symlinks=False), e.is_dir(follow_symlinks=False))
                 for e in entries]
    return [n for n, f, _ in found if f], [n for n, _, d in found if d]
