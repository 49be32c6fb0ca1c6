"""A fix run: check, repair what the findings allow into corrected copies, check the copies.

The input is only read. Each PATH is copied into the output folder with its layout and names
(a folder as ``OUT/<folder name>/...``, a file as ``OUT/<file name>``); two inputs of the same
name are refused before anything is read (``validator.fix.refusal``), symbolic links and other
non-regular files are not copied (and named). Only files the checks could read are repaired,
and only for the codes their findings carry, so nothing changes that no finding asked for. A
.zip is repaired member by member into a .zip of the same name (``validator.fix.zipped``).
A renamed copy never takes a name another file has (``validator.fix.renames``).

One run reaches what it can: when a fix brings out a finding another fixer mends (a size
raised until the text overflows a shrinking box), the changed copies are fixed again from
their re-check, a bounded number of times, so a second run changes nothing.

A caller may name each PATH itself (``shown_as``, as ``validator.api.check`` does): the
reports, the files fixed and what was not copied then name the files below that name, the
corrected copies as their originals, never the folders the copies are made in.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath
from typing import Any

from validator.core.findings import FileReport, Report
from validator.discovery.rules import is_archive
from validator.files.member import Member, ReadLimits
from validator.fix.records import FileFix
from validator.fix.refusal import copy_root, refuse_output
from validator.fix.renames import kept_as_it_was, taken
from validator.fix.repair import (
    FIXERS,
    OPTION_REASONS,
    SAFE,
    UNSAFE,
    Converter,
    fix_document,
    fix_member,
    libreoffice_converter,
)
from validator.fix.zipped import fix_zip, write_zip
from validator.settings.profile import Profile

__all__ = ["FIXERS", "OPTION_REASONS", "SAFE", "UNSAFE", "Converter", "FixRun", "fix_document",
           "fix_paths", "libreoffice_converter", "plan_copies"]

#: How many times the changed copies are fixed again from their re-check, at most.
ROUNDS = 3


@dataclass(frozen=True, slots=True)
class Copy:
    """One file of the input and where its corrected copy goes."""

    source: Path
    display: str
    target: Path


def plan_copies(paths: Sequence[Path], output: Path, shown_as: Sequence[str] | None = None
                ) -> tuple[list[Copy], list[str]]:
    """Every regular file under ``paths`` and its place in ``output``; skipped files named
    (below ``shown_as``, one name per path, when given)."""
    copies: list[Copy] = []
    skipped: list[str] = []
    for i, path in enumerate(paths):
        display = (path.as_posix().rstrip("/") or ".") if shown_as is None else shown_as[i]
        if path.is_symlink() or not (path.is_file() or path.is_dir()):
            skipped.append(display)
            continue
        if path.is_file():
            copies.append(Copy(path, display, copy_root(path, output)))
            continue
        base = copy_root(path, output)
        for folder, dirs, files in os.walk(path, followlinks=False):
            dirs.sort()
            here = Path(folder)
            for name in sorted(files):
                source = here / name
                rel = source.relative_to(path)
                shown = _join(display, rel.as_posix())
                if source.is_symlink() or not source.is_file():
                    skipped.append(shown)
                    continue
                copies.append(Copy(source, shown, base / rel))
            for name in dirs:
                if (here / name).is_symlink():
                    skipped.append(_join(display, (here / name).relative_to(path).as_posix()))
    return copies, skipped


def _join(folder: str, name: str) -> str:
    return f"{folder}/{name}" if folder else name


@dataclass(frozen=True, slots=True)
class FixRun:
    """What one fix run did: the files fixed, what was not copied, and the copies' report."""

    fixes: tuple[FileFix, ...]
    not_copied: tuple[str, ...]
    report: Report | None  # the check of the corrected copies (None with --diff)
    first: Report          # the check of the input


@dataclass(frozen=True, slots=True)
class _Done:
    """What a pass did to one copy: new bytes (None: as it was) and name, or a .zip's
    changed members, and the files' ``FileFix``."""

    copy: Copy
    data: bytes | None
    name: str
    fixes: tuple[FileFix, ...] = ()
    members: tuple[tuple[str, bytes, str], ...] = ()
    shown: str = ""  # how the re-check names the corrected copy

    @property
    def changed(self) -> bool:
        return self.data is not None or bool(self.members)


@dataclass(frozen=True, slots=True)
class _Pass:
    """The settings every file of a run is fixed with."""

    profile: Profile
    limits: ReadLimits
    unsafe: bool
    convert: Converter | None
    target: Callable[[Copy, str], str]
    reports: Mapping[str, FileReport] = field(default_factory=dict)

    def fix(self, copy: Copy) -> _Done:
        """One file of the input (a .zip: its members) repaired."""
        shown = self.target(copy, copy.target.name)
        if is_archive(copy.source.name):
            z = fix_zip(copy.source, copy.display, shown, self.reports, self.profile,
                        self.limits, unsafe=self.unsafe, convert=self.convert)
            return _Done(copy, None, copy.target.name, z.fixes, z.changed, shown)
        got = fix_member(Member(copy.display, copy.source.name, disk=copy.source),
                         self.reports.get(copy.display), self.profile, self.limits,
                         unsafe=self.unsafe, convert=self.convert)
        if got is None:
            return _Done(copy, None, copy.target.name, shown=shown)
        data, name, done = got
        target = self.target(copy, name)
        return _Done(copy, data, name, (replace(done, target=target),), shown=target)


def _settle_names(done: list[_Done], target: Callable[[Copy, str], str]) -> list[_Done]:
    """Copies whose new name another file of their folder has (or takes) keep their own."""
    out = list(done)
    folders: dict[Path, list[int]] = {}
    for i, d in enumerate(done):
        folders.setdefault(d.copy.target.parent, []).append(i)
    for idx in folders.values():
        names = [(done[i].copy.target.name, done[i].name) for i in idx]
        for j in taken(names):
            d = done[idx[j]]
            original = target(d.copy, d.copy.target.name)
            out[idx[j]] = _Done(d.copy, None, d.copy.target.name,
                                tuple(kept_as_it_was(f, original, d.name) for f in d.fixes),
                                shown=original)
    return out


def _write(d: _Done, source: Path, limits: ReadLimits) -> Path:
    """The corrected copy of ``d`` written from ``source`` (the input, or the copy itself
    when fixed again); returns where."""
    dest = d.copy.target.with_name(d.name)
    dest.parent.mkdir(parents=True, exist_ok=True)
    if d.members:
        temporary = dest.with_name(dest.name + ".part")
        write_zip(source, temporary, d.members, limits)
        os.replace(temporary, dest)
    elif d.data is not None:
        dest.write_bytes(d.data)
    elif source != dest:
        shutil.copyfile(source, dest)
    return dest


def fix_paths(paths: Sequence[Path], output: Path | None, profile: Profile,
              check: Callable[[list[Path], list[str] | None], Report], *,
              unsafe: bool = False, convert: Converter | None = None,
              shown_as: Sequence[str] | None = None) -> FixRun:
    """Fix ``paths`` into ``output`` (None: only say what would change, as --diff does).
    ``convert`` (``--convert-legacy``) saves legacy and open documents as OOXML.

    ``check`` checks the paths it is given, named by the second argument (``shown_as`` of
    ``validator.api.check``); ``shown_as`` names ``paths`` here (module docstring)."""
    from validator.run.filecheck import read_limits

    if output is None:
        return _diff(paths, profile, check, unsafe=unsafe, convert=convert, shown_as=shown_as)
    refuse_output(paths, output)
    labels = None if shown_as is None else list(shown_as)
    first = check(list(paths), labels)
    copies, not_copied = plan_copies(paths, output, labels)
    limits = read_limits(profile)

    def target(copy: Copy, name: str) -> str:
        return _target(copy, name, output, labels)

    work = _Pass(profile, limits, unsafe, convert, target, _file_reports(first))
    done = _settle_names([work.fix(copy) for copy in copies], target)
    fixes = [f for d in done for f in d.fixes]
    written = [(d, _write(d, d.copy.source, limits)) for d in done]
    made = [(copy_root(p, output), i) for i, p in enumerate(paths)
            if not p.is_symlink() and (p.is_file() or p.is_dir())]

    def recheck() -> Report:
        if labels is None:
            roots = sorted({root for root, _ in made})
            return check([r for r in roots if r.exists()], None)
        kept = [(root, labels[i]) for root, i in made if root.exists()]  # named as originals
        return check([root for root, _ in kept], [label for _, label in kept])

    second = recheck()
    for _ in range(ROUNDS):
        again = _Pass(profile, limits, unsafe, None,
                      lambda c, n: _join(c.display.rpartition("/")[0], n),
                      _file_reports(second))
        redone = [(again.fix(Copy(dest, d.shown, dest)), dest) for d, dest in written
                  if d.changed]
        redone = [(r, dest) for r, dest in redone if r.changed and r.name == dest.name]
        if not redone:
            break
        for r, dest in redone:
            _write(r, dest, limits)
        fixes = _merge(fixes, [f for r, _ in redone for f in r.fixes])
        written = [(r, dest) for r, dest in redone]
        second = recheck()
    return FixRun(tuple(fixes), tuple(not_copied), _with_fixes(second, fixes), first)


def _diff(paths: Sequence[Path], profile: Profile,
          check: Callable[[list[Path], list[str] | None], Report], *, unsafe: bool,
          convert: Converter | None, shown_as: Sequence[str] | None) -> FixRun:
    """What a fix run would change (``--diff``): the whole run, every pass included, made in a
    private temporary folder that is removed after; each corrected copy is named as its file
    name alone (a .zip's members below it), as nothing is written where the user sees it, or
    as the caller names it (``shown_as``)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="validator-diff-") as tmp:
        output = Path(tmp) / "copies"
        run = fix_paths(paths, output, profile, check, unsafe=unsafe, convert=convert,
                        shown_as=shown_as)

    def named(target: str) -> str:
        """A copy's path in the temporary folder as --diff names it: from its .zip on for a
        member of one, else the file name."""
        parts = PurePath(target).parts
        zipped = next((i for i, part in enumerate(parts) if is_archive(part)), None)
        return "/".join(parts[zipped:]) if zipped is not None else parts[-1]

    if shown_as is not None:  # the caller's names already say where each copy is
        return FixRun(run.fixes, run.not_copied, None, run.first)
    fixes = tuple(replace(f, target=named(f.target)) for f in run.fixes)
    return FixRun(fixes, run.not_copied, None, run.first)


def _file_reports(report: Report) -> dict[str, FileReport]:
    return {fr.path: fr for pkg in report.packages for fr in pkg.files}


def _merge(fixes: list[FileFix], later: list[FileFix]) -> list[FileFix]:
    """The run's fixes with a later pass's: its changes added to the file's, what it could
    not fix (the file as it is now) in place of what the earlier pass could not."""
    by_target = {f.target: f for f in later}
    out = []
    for f in fixes:
        more = by_target.pop(f.target, None)
        out.append(f if more is None else replace(f, records=(*f.records, *more.records),
                                                  skipped=more.skipped))
    return [*out, *by_target.values()]


def _target(copy: Copy, name: str, output: Path | None, labels: list[str] | None) -> str:
    """How a corrected copy named ``name`` is shown: its path in ``output`` (its name alone
    with --diff), or beside its original when the caller names the paths."""
    if labels is not None:
        return _join(copy.display.rpartition("/")[0], name)
    return str(copy.target.with_name(name)) if output is not None else name


def _with_fixes(report: Report, fixes: Sequence[FileFix]) -> Report:
    """The copies' report with each file's ``fixes`` (code, location, before, after)."""
    by_target = {f.target: f for f in fixes}
    packages = []
    for pkg in report.packages:
        files = []
        for fr in pkg.files:
            done = by_target.get(fr.path) or by_target.get(os.path.normpath(fr.path))
            if done is not None:
                extra: Any = (*fr.extra, ("fixes", [r.to_dict() for r in done.records]))
                fr = replace(fr, extra=extra)
            files.append(fr)
        packages.append(replace(pkg, files=tuple(files)))
    return replace(report, packages=tuple(packages))
