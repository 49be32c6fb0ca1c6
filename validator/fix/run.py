"""A fix run: check, repair what the findings allow into corrected copies, check the copies.

The input is only read. Each PATH is copied into the output folder with its layout and names
(a folder as ``OUT/<folder name>/...``, a file as ``OUT/<file name>``); symbolic links and other
non-regular files are not copied (and named). Only files the checks could read are repaired,
and only for the codes their findings carry, so nothing changes that no finding asked for. A
.zip is copied as it is: its members are not rewritten.

A caller may name each PATH itself (``shown_as``, as ``validator.api.check`` does): the
reports, the files fixed and what was not copied then name the files below that name, the
corrected copies as their originals, never the folders the copies are made in.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from validator.core.errors import ConfigError, LimitError, UnreadableError
from validator.core.findings import NOT_READ, FileReport, Report, has_code
from validator.files.document import Document
from validator.files.member import Member
from validator.fix.package import Edits, write
from validator.fix.records import FileFix, FixPlace, FixRecord
from validator.settings.profile import Profile

SAFE = frozenset({"SLD002", "SLD003", "LNG004"})
UNSAFE = frozenset({"SLD001", "SLD005", "DOC003", "SEC002"})
#: Codes no program can mend: a person must act on them.
PERSON = frozenset({"DOC001", "DOC002", "PKG001", "PKG002", "LNG001", "LNG002", "LNG003",
                    "SEC001", "SEC003", "SEC004", "SEC005"})
_OOXML = frozenset({"pptx", "pptm", "ppsx", "potx", "docx", "docm", "dotx"})


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
            copies.append(Copy(path, display, output / path.name))
            continue
        base = output / (path.resolve().name or "package")
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


def _slide_shapes(report: FileReport, code: str) -> set[tuple[int, int]]:
    return {(loc.slide, loc.shape_id) for f in report.findings if f.code == code
            for loc in f.places if loc.slide is not None and loc.shape_id is not None}


def fix_document(doc: Document, report: FileReport, profile: Profile, *, unsafe: bool
                 ) -> tuple[bytes | None, str, FileFix]:
    """Repair one readable OOXML file for the codes its report carries.

    Returns (new bytes or None when nothing changed, new file name, what was done).
    """
    from validator.fix.letters import fix_letters
    from validator.fix.office import accept_revisions, remove_macros
    from validator.fix.pictures import shrink_pictures
    from validator.fix.slide_size import fix_slide_size
    from validator.fix.slides import fix_font_sizes, remove_shrink

    codes = {f.code for f in report.findings}
    rules = profile.rules
    edits = Edits()
    records: list[FixRecord] = []
    skipped: list[tuple[str, str, tuple[tuple[str, str], ...]]] = []
    name = doc.name

    def unsafe_only(code: str) -> bool:
        if code in codes and not unsafe:
            skipped.append((code, "unsafe", ()))
            return False
        return code in codes

    if doc.declared_kind == "presentation":
        runs = doc.slide_runs  # resolved before any edit
        if unsafe_only("SLD001") and "SLD001" in rules:
            records += fix_slide_size(doc, edits)
        autofit = dict(rules["SLD005"].params) if "SLD005" in rules else \
            {"line_spacing": 1.2, "char_width": 0.5}
        if "SLD002" in codes and "SLD002" in rules:
            done, left = fix_font_sizes(doc, dict(rules["SLD002"].params), edits,
                                        unsafe=unsafe, autofit_params=autofit)
            records += done
            skipped += [("SLD002", why, args) for why, args in left]
        if unsafe_only("SLD005"):
            flagged = _slide_shapes(report, "SLD005")
            records += remove_shrink(doc, [r for r in runs if r.origin == "slide"
                                           and (r.slide, r.shape_id) in flagged],
                                     "SLD005", edits, autofit)
    if "LNG004" in codes:
        records += fix_letters(doc, edits)
    if doc.declared_kind == "document" and unsafe_only("DOC003"):
        records += accept_revisions(doc, edits)
    if unsafe_only("SEC002"):
        done, ext = remove_macros(doc, edits)
        records += done
        if ext is not None and "." in name:
            name = name.rsplit(".", 1)[0] + ext
    if "SLD003" in codes and "SLD003" in rules:
        params = rules["SLD003"].params
        shrunk, still = shrink_pictures(doc, int(params["max_size"] * params["bytes_per_unit"]),
                                        edits)
        records += shrunk
        if still:
            skipped.append(("SLD003", "size_left", (("size", str(still)), ("limit", str(
                int(params["max_size"] * params["bytes_per_unit"]))))))
    data = None if edits.empty else write(doc.ooxml, edits)
    return data, name, FileFix(doc.path, name, tuple(records), tuple(skipped))


@dataclass(frozen=True, slots=True)
class FixRun:
    """What one fix run did: the files fixed, what was not copied, and the copies' report."""

    fixes: tuple[FileFix, ...]
    not_copied: tuple[str, ...]
    report: Report | None  # the check of the corrected copies (None with --diff)
    first: Report          # the check of the input


#: Converts a legacy or open document on disk to OOXML: (bytes, new extension) or None.
Converter = Callable[[Path], "tuple[bytes, str] | None"]


def libreoffice_converter(counter: Any) -> Converter:
    """A converter through the run's LibreOffice (``PageCounter.convert_source``)."""
    from validator.discovery.conversion import TARGETS

    def convert(path: Path) -> tuple[bytes, str] | None:
        target = TARGETS[path.suffix.lower().lstrip(".")][0]
        try:
            data: bytes = counter.convert_source(path.name, path, None, target)
        except Exception:  # LibreOffice missing or the file unreadable: left as it is
            return None
        return data, target

    return convert


def _convert(copy: Copy, report: FileReport | None, convert: Converter | None,
             limits: Any, profile: Profile, unsafe: bool
             ) -> tuple[bytes | None, str, FileFix] | None:
    """``--convert-legacy``: a legacy or open document saved as OOXML through LibreOffice,
    then fixed like any other file for the codes its report carries."""
    from validator.discovery.conversion import TARGETS

    source = copy.source.suffix.lower().lstrip(".")
    if convert is None or source not in TARGETS or source == "xls":
        return None
    converted = convert(copy.source)
    if converted is None:
        return None, copy.source.name, FileFix(
            copy.display, copy.source.name,
            skipped=(("FIL002", "not_converted", (("format", source),)),))
    data, target = converted
    name = f"{copy.source.stem}.{target}"
    record = FixRecord("FIL002", copy.display, f".{source}", f".{target}", safe=False,
                       kind="converted", args=(("source", source), ("target", target)),
                       place=FixPlace("whole_file"))
    if report is None or not {f.code for f in report.findings} & (SAFE | UNSAFE):
        return data, name, FileFix(copy.display, name, (record,))
    doc = Document(Member(copy.display, name, blob=data), limits)
    try:
        fixed, name, done = fix_document(doc, report, profile, unsafe=unsafe)
    finally:
        doc.close()
    return fixed or data, name, replace(done, records=(record, *done.records))


def fix_paths(paths: Sequence[Path], output: Path | None, profile: Profile,
              check: Callable[[list[Path], list[str] | None], Report], *,
              unsafe: bool = False, convert: Converter | None = None,
              shown_as: Sequence[str] | None = None) -> FixRun:
    """Fix ``paths`` into ``output`` (None: only say what would change, as --diff does).
    ``convert`` (``--convert-legacy``) saves legacy and open documents as OOXML.

    ``check`` checks the paths it is given, named by the second argument (``shown_as`` of
    ``validator.api.check``); ``shown_as`` names ``paths`` here (module docstring)."""
    from validator.run.filecheck import read_limits

    if output is not None:
        _refuse_output(paths, output)
    labels = None if shown_as is None else list(shown_as)
    first = check(list(paths), labels)
    by_path = {fr.path: fr for pkg in first.packages for fr in pkg.files}
    copies, not_copied = plan_copies(paths, output or Path("."), labels)
    limits = read_limits(profile)
    fixes: list[FileFix] = []
    writes: list[tuple[Copy, bytes | None, str]] = []
    for copy in copies:
        report = by_path.get(copy.display)
        data, name = None, copy.target.name
        legacy = _convert(copy, report, convert, limits, profile, unsafe)
        if legacy is not None:
            data, name, done = legacy
            fixes.append(replace(done, target=_target(copy, name, output, labels)))
        elif (report is not None and copy.source.suffix.lower().lstrip(".") in _OOXML
                and not has_code(report.findings, NOT_READ)
                and {f.code for f in report.findings} & (SAFE | UNSAFE)):
            doc = Document(Member(copy.display, copy.source.name, disk=copy.source), limits)
            try:
                data, name, done = fix_document(doc, report, profile, unsafe=unsafe)
            except (UnreadableError, LimitError) as exc:
                done = FileFix(copy.display, copy.source.name,
                               skipped=(("FIL001", "unreadable", (("reason", str(exc)),)),))
            finally:
                doc.close()
            fixes.append(replace(done, target=_target(copy, name, output, labels)))
        writes.append((copy, data, name))
    if output is None:
        return FixRun(tuple(fixes), tuple(not_copied), None, first)
    for copy, data, name in writes:
        dest = copy.target.with_name(name)
        dest.parent.mkdir(parents=True, exist_ok=True)
        if data is None:
            shutil.copyfile(copy.source, dest)
        else:
            dest.write_bytes(data)
    made = [(output / (p.name if p.is_file() else (p.resolve().name or "package")), i)
            for i, p in enumerate(paths) if not p.is_symlink() and (p.is_file() or p.is_dir())]
    if labels is None:
        roots = sorted({root for root, _ in made})
        second = check([r for r in roots if r.exists()], None)
    else:  # each copy named as its original
        kept = [(root, labels[i]) for root, i in made if root.exists()]
        second = check([root for root, _ in kept], [label for _, label in kept])
    return FixRun(tuple(fixes), tuple(not_copied), _with_fixes(second, fixes), first)


def _target(copy: Copy, name: str, output: Path | None, labels: list[str] | None) -> str:
    """How a corrected copy named ``name`` is shown: its path in ``output`` (its name alone
    with --diff), or beside its original when the caller names the paths."""
    if labels is not None:
        return _join(copy.display.rpartition("/")[0], name)
    return str(copy.target.with_name(name)) if output is not None else name


def _refuse_output(paths: Sequence[Path], output: Path) -> None:
    out = output.resolve()
    for p in paths:
        src = p.resolve()
        if out == src or src in out.parents:
            raise ConfigError(f"--output {output} is inside the checked path {p}: "
                              "corrected copies go to a folder of their own")
    if output.exists() and (not output.is_dir() or any(output.iterdir())):
        raise ConfigError(f"--output {output} exists and is not an empty folder")


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
