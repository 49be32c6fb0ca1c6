"""Legacy and open documents (.ppt, .doc, .xls, .rtf, .odt, .odp, .ods) checked through
conversion.

Before the files of a run are read, each legacy or open document is converted by the run's
LibreOffice (the persistent soffice the page counter keeps, ``validator.paging.libreoffice``:
a private profile with macros at the highest security level, documents opened read-only with
macros never executed, nothing fetched) to its OOXML twin, in a temporary folder that is
always removed. The member then carries the OOXML bytes and is read like any other file, in
the reader's sandbox, by every rule; its report says ``converted_from``.

The bytes decide what a file is read as, within the family its name says
(``validator.files.content``): an RTF file named .doc is converted as RTF, a .docx named .doc
is read as the .docx it is (no conversion), a file of another family (a workbook named .doc, a
PDF named .ppt) is named as what it is and not read.

A file whose OLE directory holds a VBA project is converted to the macro-enabled twin
(.docm, .xlsm, .pptm): LibreOffice keeps the original VBA code when saving it (it never runs
it), so SEC002 reports the macros as it would on the OOXML file. Without LibreOffice the member
is left as it is, marked ``converter_missing`` (FIL002 needs-review); a file LibreOffice cannot
open or save is marked ``not_converted`` (FIL001), as is a Git LFS pointer left in a legacy
file's place, which is not given to LibreOffice.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from validator.core.errors import UnreadableError
from validator.discovery.packages import Package
from validator.files.content import WHAT, content_format
from validator.files.member import (
    LFS_POINTER_REASON,
    OLE_MAGIC,
    Member,
    format_of,
    is_lfs_pointer,
    renamed_reason,
    side_file,
)
from validator.formats.families import FAMILY
from validator.formats.ole import read_directory
from validator.paging import PageCounter, PageCountUnavailable
from validator.paging.counts import LibreOfficeMissing

#: Legacy or open extension -> the OOXML format it is converted to, and its macro twin.
TARGETS: dict[str, tuple[str, str]] = {
    "ppt": ("pptx", "pptm"),
    "pps": ("pptx", "pptm"),
    "pot": ("pptx", "pptm"),
    "odp": ("pptx", "pptm"),
    "doc": ("docx", "docm"),
    "dot": ("docx", "docm"),
    "rtf": ("docx", "docx"),
    "odt": ("docx", "docm"),
    "xls": ("xlsx", "xlsm"),
    "xlt": ("xlsx", "xlsm"),
    "ods": ("xlsx", "xlsm"),
}


def _data(member: Member) -> bytes:
    with member.open() as fh:
        return fh.read()


def _head(member: Member) -> bytes:
    """A member's first 1024 bytes; none when it cannot be opened (its reading says why)."""
    try:
        with member.open() as fh:
            return fh.read(1024)
    except (OSError, UnreadableError):
        return b""


def has_vba(data: bytes) -> bool:
    """Whether a legacy Office file's OLE directory holds a VBA project (a .doc's ``Macros``
    storage, an .xls's ``_VBA_PROJECT_CUR``)."""
    if not data.startswith(OLE_MAGIC):
        return False
    try:
        return read_directory(data).vba_project
    except UnreadableError:
        return False


#: 97-2003 formats whose bytes are those of another (a slide show .pps and a template .pot are
#: a .ppt file, a template .dot a .doc, a template .xlt an .xls): the directory of the file
#: names the one, so a file of them under its own name is read as its name says.
SAME_BYTES = {"pps": "ppt", "pot": "ppt", "dot": "doc", "xlt": "xls"}


def read_format(source: str, real: str | None) -> str | None:
    """What a legacy or open document named ``.source`` whose bytes are ``real``
    (``content_format``) is read as, as Word opens it: ``real`` when it is of the name's
    family (an RTF file named .doc: ``rtf``; a .docx named .doc: ``docx``), the name's own
    format when the bytes do not tell or are those of the name's format (``SAME_BYTES``), and
    None when they are a file of another family (a workbook or a PDF named .doc), which is
    not read."""
    if real is None or real == source or SAME_BYTES.get(source) == real:
        return source
    return real if FAMILY.get(real) == FAMILY[source] else None


def convert_member(member: Member, counter: PageCounter | None, max_bytes: int) -> Member:
    """``member`` converted to OOXML when it is a legacy or open document (see module doc)."""
    source = format_of(member.name)
    if source not in TARGETS or member.read_as is not None or side_file(member) is not None:
        return member
    if is_lfs_pointer(_head(member)):  # named as what it is, with or without LibreOffice
        return replace(member, not_converted=LFS_POINTER_REASON)
    if member.size() > max_bytes:
        return replace(member, not_converted=f"larger than {max_bytes} bytes")
    data = _data(member)
    if not data:
        return replace(member, not_converted="the file is empty")
    found = content_format(data)
    real = read_format(source, found)
    if real is None and found is not None:
        return replace(member, not_converted=renamed_reason(found, source,
                                                            WHAT[FAMILY[found]]))
    if real is not None and real not in TARGETS:  # Office Open XML: read as it is
        return replace(member, read_as=real)
    source = real or source
    if counter is None:
        return replace(member, not_converted="LibreOffice is not used in this run",
                       converter_missing=True)
    plain, macro = TARGETS[source]
    target = macro if has_vba(data) else plain
    renamed = source != format_of(member.name)  # converted under its own extension's filter
    try:
        converted = counter.convert_source(
            f"member.{source}" if renamed else member.name,
            None if renamed else member.disk,
            data if renamed or member.disk is None else None, target)
    except LibreOfficeMissing as exc:
        return replace(member, not_converted=str(exc), converter_missing=True)
    except PageCountUnavailable as exc:
        return replace(member, not_converted=str(exc))
    origin = member.origin or (len(data), hashlib.sha256(data).hexdigest())
    return Member(member.path, member.name, blob=converted, read_as=target,
                  converted_from=source, origin=origin, signed=member.signed)


def convert_package(pkg: Package, counter: PageCounter | None, max_bytes: int) -> Package:
    """The package with its legacy and open documents converted (others unchanged)."""
    if not any(format_of(m.name) in TARGETS for m in pkg.members):
        return pkg
    members = tuple(_guarded(m, counter, max_bytes) for m in pkg.members)
    return replace(pkg, members=members)


def _guarded(member: Member, counter: PageCounter | None, max_bytes: int) -> Member:
    """``convert_member``, with any failure on hostile bytes kept to the member: it is marked
    not converted (FIL001 for that file), and the package's other files are read."""
    try:
        return convert_member(member, counter, max_bytes)
    except Exception as exc:  # one damaged file never costs its package or its PATH
        return replace(member, not_converted=f"{type(exc).__name__}: {exc}")
