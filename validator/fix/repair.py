"""Repairing one file: an OOXML document for the codes its report carries, or a legacy one
saved as OOXML first (``--convert-legacy``).

``FIXERS`` says which rules have a fixer and whether it is safe; the rest of the toolkit (the
reports' "needs a person" line among them) derives from it, never from a list of its own.
The file is read from a ``Member`` (a file on disk, bytes, or a member of a zip), so a folder
and a .zip package are repaired by the same code.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from validator.core.errors import LimitError, UnreadableError
from validator.core.findings import NOT_READ, FileReport, Finding, has_code
from validator.files.document import Document
from validator.files.member import FORMATS, Member, ReadLimits, format_of
from validator.fix.package import Edits, write
from validator.fix.records import FileFix, FixPlace, FixRecord
from validator.formats.cms import SIGNATURE_EXTENSIONS
from validator.settings.profile import Profile

#: Rules a fixer exists for: True for a safe fix, False for one only ``--unsafe-fixes`` makes.
FIXERS: dict[str, bool] = {"SLD002": True, "SLD003": True, "LNG004": True,
                           "SLD001": False, "SLD005": False, "DOC003": False, "SEC002": False}
SAFE = frozenset(c for c, safe in FIXERS.items() if safe)
UNSAFE = frozenset(c for c, safe in FIXERS.items() if not safe)
#: Reasons a fix was not made that an option of the run would lift (``fix.why.<reason>``):
#: what is left for them is not a person's work.
OPTION_REASONS = frozenset({"unsafe", "shrink", "chart"})
#: The formats a fixer edits: every zip presentation and Word document.
OOXML = frozenset(ext for ext, (kind, container) in FORMATS.items()
                  if container == "zip" and kind in ("presentation", "document"))

#: Converts a legacy or open document on disk to OOXML: (bytes, new extension) or None.
Converter = Callable[[Path], "tuple[bytes, str] | None"]


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
    garbled = any(_garbled(f) for f in report.findings)
    if "LNG004" in codes or garbled:
        records += fix_letters(doc, edits, "FIL002" if garbled else "LNG004")
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


def _converted(member: Member, convert: Converter, real: str) -> tuple[bytes, str] | None:
    """The member saved as OOXML; a member of a zip, or a file whose bytes are another
    format than its name says (``real``: an RTF file named .doc), goes through a temporary
    file named as what it is (LibreOffice reads files, with the filter of their extension),
    removed at once."""
    if member.disk is not None and real == format_of(member.name):
        return convert(member.disk)
    with tempfile.TemporaryDirectory(prefix="validator-fix-") as tmp:
        path = Path(tmp) / f"{member.name.rsplit('.', 1)[0]}.{real}"
        with member.open() as src:
            path.write_bytes(src.read())
        return convert(path)


def _read_format(member: Member, source: str) -> str | None:
    """What a legacy-named member is read as (``conversion.read_format``): the check read it
    so; None for a file of another family, which the check did not read either."""
    from validator.discovery.conversion import TARGETS, read_format
    from validator.files.content import content_format

    if source not in TARGETS:
        return source
    try:
        with member.open() as fh:
            return read_format(source, content_format(fh.read()))
    except (OSError, UnreadableError):
        return source


def fix_member(member: Member, report: FileReport | None, profile: Profile,
               limits: ReadLimits, *, unsafe: bool, convert: Converter | None
               ) -> tuple[bytes | None, str, FileFix] | None:
    """One file of the input repaired: (new bytes or None, new name, what was done), or None
    when nothing is to be done to it (no finding a fixer exists for, not a format it fixes).
    ``member.path`` is how the first check named the file."""
    from validator.discovery.conversion import TARGETS

    source = format_of(member.name)
    if source in SIGNATURE_EXTENSIONS:  # a signed document: any change breaks the signature
        return _signed(member, report)
    real = _read_format(member, source) or source
    saved: tuple[bytes, str, str, str] | None = None  # (bytes, extension, kind, from what)
    if real in OOXML and source != real:  # a .docx named .doc: read, and fixed, as it is
        if convert is None:
            member, source = replace(member, read_as=real), real
        else:  # saved under the extension of what it is, its bytes as they are
            with member.open() as fh:
                saved = fh.read(), real, "extension", source
    elif convert is not None and real in TARGETS and real not in ("xls", "ods"):  # no workbook
        # is fixed: a workbook is copied as it is
        converted = _converted(member, convert, real)
        if converted is None:
            return None, member.name, FileFix(
                member.path, member.name,
                skipped=(("FIL002", "not_converted", (("format", source),)),))
        saved = (*converted, "converted", real)
    if saved is not None:
        return _saved_as(member, source, saved, report, profile, limits, unsafe)
    if report is None or not _fixable(report) or source not in OOXML:
        return None
    return _fix_ooxml(member, report, profile, limits, unsafe)


def _signed(member: Member, report: FileReport | None) -> tuple[None, str, FileFix] | None:
    """A document in its electronic signature file is copied as it is, since a change would
    break the signature; what could have been fixed in it is said (``fix.why.signed``)."""
    if report is None or not _fixable(report):
        return None
    codes = sorted({f.code for f in report.findings} & FIXERS.keys())
    why = (("format", format_of(member.name)),)
    return None, member.name, FileFix(member.path, member.name,
                                      skipped=tuple((code, "signed", why) for code in codes))


def _garbled(finding: Finding) -> bool:
    """FIL002's text in a wrong encoding (its only finding counted in text blocks), which the
    letters' fixer decodes: of FIL002's findings, the one a program can mend."""
    return finding.code == "FIL002" and finding.unit == "blocks"


def _fixable(report: FileReport) -> bool:
    """Whether a file's report has a finding a fixer exists for, on a file that was read."""
    return (not has_code(report.findings, NOT_READ)
            and (bool({f.code for f in report.findings} & FIXERS.keys())
                 or any(_garbled(f) for f in report.findings)))


def _saved_as(member: Member, source: str, saved: tuple[bytes, str, str, str],
              report: FileReport | None, profile: Profile, limits: ReadLimits,
              unsafe: bool) -> tuple[bytes | None, str, FileFix]:
    """A file saved as OOXML (converted, or given the extension of what it is), then fixed
    like any other; the saving is the first record."""
    data, target, kind, origin = saved
    name = f"{member.name.rsplit('.', 1)[0]}.{target}"
    record = FixRecord("FIL002", member.path, f".{source}", f".{target}", safe=False,
                       kind=kind, args=(("source", origin), ("target", target)),
                       place=FixPlace("whole_file"))
    if report is None or not _fixable(report):
        return data, name, FileFix(member.path, name, (record,))
    fixed, name, done = _fix_ooxml(Member(member.path, name, blob=data), report, profile,
                                   limits, unsafe)
    return fixed or data, name, replace(done, records=(record, *done.records))


def _fix_ooxml(member: Member, report: FileReport, profile: Profile, limits: ReadLimits,
               unsafe: bool) -> tuple[bytes | None, str, FileFix]:
    doc = Document(member, limits)
    try:
        return fix_document(doc, report, profile, unsafe=unsafe)
    except (UnreadableError, LimitError) as exc:
        return None, member.name, FileFix(
            member.path, member.name,
            skipped=(("FIL001", "unreadable", (("reason", str(exc)),)),))
    finally:
        doc.close()
