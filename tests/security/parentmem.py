"""Inputs that would swell the main process if it read file content itself (issue: the
parent's memory): a sparse zip in a meeting folder, item zips that inflate to hundreds of MiB
within every FIL003 limit, and a reference whose ``docProps/app.xml`` holds millions of
elements. Shared by tests/security/test_parent_memory.py and bench/bench_parent.py.

Each builder writes into a folder and returns the PATH to check; nothing is kept in memory
longer than one member.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from tests.security import hostile as h

MIB = 1024 * 1024
#: Compressible at about 60:1 (under the profile's max_ratio of 100): 1 KiB of noise, then
#: zeros, repeated.
_BLOCK = os.urandom(1024) + bytes(63 * 1024)


def _filler(size: int) -> bytes:
    reps = size // len(_BLOCK) + 1
    return (_BLOCK * reps)[:size]


def sparse_zip(root: Path, size: int) -> Path:
    """A meeting folder holding ``meeting.zip`` of ``size`` bytes: a hole on disk, then a
    zip of one item (a reference) at its end. Zip readers find the archive from its end
    record, so the item is read and the hole never needs to be."""
    meeting = root / "2026-01-20"
    meeting.mkdir(parents=True)
    path = meeting / "meeting.zip"
    tail = h.zip_bytes({"item/Анықтама.docx": h.docx()})
    with path.open("wb") as fh:
        fh.truncate(size - len(tail))
        fh.seek(size - len(tail))
        fh.write(tail)
    return meeting


def big_docx(part_bytes: int) -> bytes:
    """A valid reference .docx holding one stored picture of ``part_bytes`` that deflates
    about 60:1 (so the zip holding it stays within max_ratio)."""
    return h.zip_bytes({
        "_rels/.rels": h.rels_xml([("rId1", f"{h.RT}/officeDocument", "word/document.xml",
                                    False)]),
        "word/document.xml": (f'<w:document xmlns:w="{h.W}" xmlns:r="{h.R}"><w:body><w:p>'
                              "<w:r><w:t>Анықтама</w:t></w:r></w:p></w:body></w:document>"
                              ).encode(),
        "word/media/image1.bin": _filler(part_bytes),
        "[Content_Types].xml": h.content_types({"word/document.xml": h.DOCX_MAIN}),
    }, stored=["word/media/image1.bin"])


def item_zips(root: Path, zips: int, members: int, member_mib: int) -> Path:
    """A meeting folder of ``zips`` item zips, each of ``members`` .docx files of about
    ``member_mib`` MiB (deflated about 60:1 in the item zip)."""
    meeting = root / "2026-01-20"
    meeting.mkdir(parents=True)
    doc = big_docx(member_mib * MIB)
    for z in range(zips):
        with zipfile.ZipFile(meeting / f"item{z + 1}.zip", "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr("Анықтама.docx", h.docx())
            for m in range(members):
                zf.writestr(f"Қосымша_{m + 1}.docx", doc)
    return meeting


def app_xml_docx(root: Path, elements: int) -> Path:
    """An item folder with a reference whose docProps/app.xml holds ``elements`` elements
    (stored, so no ratio limit refuses it)."""
    item = root / "item"
    item.mkdir(parents=True)
    ext = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
    app = (f'<Properties xmlns="{ext}"><Application>Microsoft Office Word</Application>'
           "<Pages>1</Pages>" + "<a/>" * elements + "</Properties>").encode()
    data = h.zip_bytes({
        "_rels/.rels": h.rels_xml([("rId1", f"{h.RT}/officeDocument", "word/document.xml",
                                    False)]),
        "word/document.xml": (f'<w:document xmlns:w="{h.W}" xmlns:r="{h.R}"><w:body><w:p>'
                              "<w:r><w:t>Анықтама</w:t></w:r></w:p></w:body></w:document>"
                              ).encode(),
        "docProps/app.xml": app,
        "[Content_Types].xml": h.content_types({"word/document.xml": h.DOCX_MAIN}),
    }, stored=["docProps/app.xml"])
    (item / "Анықтама.docx").write_bytes(data)
    return item
