"""Repairing a package sent as one .zip: the documents inside it fixed like the files of a
folder, and a corrected .zip of the same name and member layout written.

The archive is read under the profile's limits (``SafeZip``: the same ``[rules.FIL003]``
limits the check applies; nothing is extracted to disk). A member is repaired for the codes
the check found in it (its report names it ``<zip>/<member>``); every other member is copied
with its content, date and compression as they were. A zip inside the zip is copied as it is,
with a "not fixed" line for the findings a fixer exists for inside it; an archive the limits
or its member names keep from being read whole is copied as it is, with a line saying why.
"""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from validator.core.errors import LimitError, UnreadableError
from validator.core.findings import FileReport
from validator.discovery.rules import is_archive
from validator.files.member import Member, ReadLimits
from validator.fix.records import FileFix
from validator.fix.renames import kept_as_it_was, taken
from validator.fix.repair import FIXERS, Converter, fix_member
from validator.formats.archive import SafeZip, name_limit
from validator.settings.profile import Profile

#: Members larger than this are written with ZIP64 headers.
_ZIP64_AT = 0x7FFFFFFF


@dataclass(frozen=True, slots=True)
class ZipFix:
    """What fixing one .zip did: ``changed`` holds (member, new bytes, new member name) for
    each member repaired; ``fixes`` what was done and not done, member by member."""

    changed: tuple[tuple[str, bytes, str], ...] = ()
    fixes: tuple[FileFix, ...] = ()


def _join(folder: str, name: str) -> str:
    return f"{folder}/{name}" if folder else name


def _nested(display: str, target: str, name: str, reports: Mapping[str, FileReport]
            ) -> FileFix | None:
    """A zip inside the zip: copied as it is; a line per code a fixer exists for inside it."""
    inner = _join(display, name) + "/"
    codes = sorted({f.code for path, fr in reports.items() if path.startswith(inner)
                    for f in fr.findings if f.code in FIXERS})
    if not codes:
        return None
    return FileFix(_join(display, name), _join(target, name),
                   skipped=tuple((code, "nested_zip", ()) for code in codes))


def _wanted(display: str, reports: Mapping[str, FileReport]) -> bool:
    """Whether any member of the zip has a finding a fixer exists for."""
    inner = display + "/"
    return any(f.code in FIXERS for path, fr in reports.items() if path.startswith(inner)
               for f in fr.findings)


def fix_zip(path: Path, display: str, target: str, reports: Mapping[str, FileReport],
            profile: Profile, limits: ReadLimits, *, unsafe: bool,
            convert: Converter | None) -> ZipFix:
    """Repair the members of the .zip at ``path`` (named ``display`` by the check; its
    corrected copy named ``target``), for the codes each member's report carries."""
    try:
        with path.open("rb") as fh:
            archive = SafeZip(fh, limits.archive)
            if archive.refused:
                name, why = archive.refused[0]
                raise LimitError(name_limit(why), name, "a safe, unique name", why)
            infos = [(n, i.file_size) for n, i in archive.names.items() if not i.is_dir()]
    except (UnreadableError, LimitError, OSError) as exc:
        if not _wanted(display, reports):
            return ZipFix()
        code = "FIL003" if isinstance(exc, LimitError) else "FIL001"
        return ZipFix(fixes=(FileFix(display, target, skipped=(
            (code, "zip_unread", (("reason", str(exc)),)),)),))
    results: list[tuple[str, bytes | None, str, FileFix]] = []
    fixes: list[FileFix] = []
    for name, size in infos:
        if is_archive(name):
            note = _nested(display, target, name, reports)
            if note is not None:
                fixes.append(note)
            continue
        shown = _join(display, name)
        member = Member(shown, name.rsplit("/", 1)[-1], archive=path, chain=(name,),
                        declared=size)
        got = fix_member(member, reports.get(shown), profile, limits, unsafe=unsafe,
                         convert=convert)
        if got is None:
            continue
        data, new, done = got
        new_path = _join(name.rpartition("/")[0], new)
        results.append((name, data, new_path, replace(done, target=_join(target, new_path))))
    blocked = taken([(name, new) for name, _, new, _ in results])
    changed: list[tuple[str, bytes, str]] = []
    for i, (name, data, new, done) in enumerate(results):
        if i in blocked:
            fixes.append(kept_as_it_was(done, _join(target, name), new))
            continue
        fixes.append(done)
        if data is not None:
            changed.append((name, data, new))
    return ZipFix(tuple(changed), tuple(fixes))


def write_zip(source: Path, dest: Path, changed: tuple[tuple[str, bytes, str], ...],
              limits: ReadLimits) -> None:
    """The corrected .zip: every member of ``source`` in its order, the ``changed`` ones with
    their new bytes and names, the rest with their content, date and compression."""
    new = {name: (data, renamed) for name, data, renamed in changed}
    with zipfile.ZipFile(source) as plain:
        comment = plain.comment
    with source.open("rb") as fh, zipfile.ZipFile(dest, "w") as dst:
        archive = SafeZip(fh, limits.archive)
        for name, info in archive.names.items():
            data, renamed = new.get(name, (None, name))
            out = zipfile.ZipInfo(renamed, date_time=info.date_time)
            out.compress_type = info.compress_type
            out.external_attr = info.external_attr
            out.comment = info.comment
            if data is not None:
                dst.writestr(out, data)
            elif info.is_dir():
                dst.writestr(out, b"")
            else:
                with archive.open_member(name) as src, \
                        dst.open(out, "w", force_zip64=info.file_size > _ZIP64_AT) as w:
                    shutil.copyfileobj(src, w, 1 << 20)
        dst.comment = comment
