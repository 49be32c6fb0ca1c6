"""Packages of several agenda items sent to one item: found from names alone, then refused.

A submission is one item's package. Sent a .zip holding two items' zips (or two items' folders),
or several zips and no document, the toolkit would find several packages in it and the register
would keep them as one item with one verdict. The gate tells it at once from the names in the
upload and in each uploaded zip's central directory (the way ``validator.discovery.packages``
tells a package from a container: documents or a ``manifest.toml`` at its top, or only language
folders holding documents); nothing is inflated here, a zip inside a zip counts as one item.
What cannot be read is left to the check, which reports it.
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from validator.discovery.rules import DiscoveryRules, is_archive, is_package, visible
from validator.formats.archive import decode_name

#: Zips with more names than this are left to the check (it applies the profile's limits).
MAX_NAMES = 20000


@dataclass
class _Node:
    """A folder of a zip as its names show it."""

    files: list[str] = field(default_factory=list)
    folders: dict[str, _Node] = field(default_factory=dict)


def several_items(paths: Mapping[str, Path], rules: DiscoveryRules | None) -> list[str]:
    """The items' packages (display paths) found when the uploads (each name and where its
    bytes are stored) hold more than one; [] when they are one package (or cannot be told
    from names)."""
    names = list(paths)
    if rules is None:
        return []
    if is_package(names, {}, rules):
        return []
    zips = [n for n in names if is_archive(n)]
    if len(zips) > 1:
        return sorted(zips)
    if len(zips) != 1:
        return []
    root = _tree(paths[zips[0]])
    if root is None:
        return []
    found: list[str] = []
    _packages(root, zips[0], rules, found, 0)
    return found if len(found) > 1 else []


def _tree(path: Path) -> _Node | None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_NAMES:
                return None
            names = [decode_name(i) for i in infos]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    root = _Node()
    for name in names:
        parts = [p for p in name.replace("\\", "/").split("/") if p]
        if not parts:
            continue
        node = root
        for part in parts[:-1]:
            node = node.folders.setdefault(part, _Node())
        if name.endswith("/"):
            node.folders.setdefault(parts[-1], _Node())
        else:
            node.files.append(parts[-1])
    return root


def _packages(node: _Node, shown: str, rules: DiscoveryRules, found: list[str],
              depth: int) -> None:
    """Add the packages under ``node`` (a container unless it is one) to ``found``."""
    inner = {k: v.files for k, v in node.folders.items()}
    if is_package(node.files, inner, rules):
        found.append(shown)
        return
    if depth > 8:
        return
    found.extend(f"{shown}/{n}" for n in sorted(node.files) if visible(n) and is_archive(n))
    for name in sorted(node.folders):
        if visible(name):
            _packages(node.folders[name], f"{shown}/{name}", rules, found, depth + 1)
