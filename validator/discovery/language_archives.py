"""A package sent as one archive per language: ``каз.zip`` and ``рус.zip`` side by side.

A folder of language sub-folders (``kk/``, ``ru/``) is one item's package. Offices also send
the two halves as two archives, each named as a language folder (the profile's
``language_folders``). Each archive is searched as a zip and, holding documents, would be a
package of its own in one language: LNG001 and PKG001 on both for an item that has every
material in both languages. Two or more archives named as language folders, beside each other
in one folder (or zip), are one package, named after what holds them.
"""

from __future__ import annotations

from dataclasses import replace

from validator.discovery.packages import Discovery, Package
from validator.discovery.rules import DiscoveryRules, is_archive


def _language_archive(path: str, rules: DiscoveryRules) -> str | None:
    """The folder (or zip) holding ``path`` when ``path`` is an archive named as a language
    folder (``.../рус.zip``), else None."""
    parent, _, name = path.rpartition("/")
    if not parent or not is_archive(name):
        return None
    return parent if rules.is_language_folder(name.rsplit(".", 1)[0].strip()) else None


def merge_language_archives(found: Discovery, rules: DiscoveryRules) -> Discovery:
    """``found`` with the packages of language archives that lie side by side made one."""
    groups: dict[str, list[int]] = {}
    for i, pkg in enumerate(found.packages):
        parent = None if pkg.single else _language_archive(pkg.path, rules)
        if parent is not None:
            groups.setdefault(parent, []).append(i)
    merged: dict[int, Package] = {}
    dropped: set[int] = set()
    for parent, indices in groups.items():
        if len(indices) < 2:
            continue
        parts = [found.packages[i] for i in indices]
        merged[indices[0]] = Package(
            parent, tuple(m for p in parts for m in p.members),
            tuple(r for p in parts for r in p.refusals),
            meeting=next((p.meeting for p in parts if p.meeting is not None), None))
        dropped.update(indices[1:])
    if not merged:
        return found
    packages = tuple(merged.get(i, p) for i, p in enumerate(found.packages) if i not in dropped)
    return replace(found, packages=packages)
