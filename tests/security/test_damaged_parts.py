"""Damaged anywhere is damaged: a bad CRC-32 or malformed XML in any member of an OOXML file,
including the parts no rule reads (styles, font table, numbering, settings, core properties,
an unused slide layout, the theme, a thumbnail), is FIL001 naming what the part holds in words
a person understands; the file is never compliant.

Files are real python-docx / python-pptx output (``tests.checks.docbuild``,
``tests.security.damage``) with one member damaged."""

from __future__ import annotations

import functools
import io
import struct
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.checks.docbuild import build_docx
from tests.conftest import run as check
from tests.security import damage as d
from tests.security import hostile as h
from validator.core.errors import UnreadableError
from validator.core.findings import FileReport, FileState
from validator.formats.archive import SafeZip
from validator.formats.ooxml import DamagedPartError, OoxmlPackage
from validator.run.filecheck import read_limits
from validator.settings.profile import load_profile, resolve_profile_path


@functools.cache
def _docx() -> bytes:
    return build_docx(["Мәтін", "Екінші жол"])


@functools.cache
def _deck() -> bytes:
    return d.build_deck()


#: (file name, builder, member, what the English message names, the Russian words)
PARTS = [
    ("styles.docx", _docx, "word/styles.xml", "the styles", "стили"),
    ("fonts.docx", _docx, "word/fontTable.xml", "the font table", "таблица шрифтов"),
    ("numbering.docx", _docx, "word/numbering.xml", "the list numbering", "нумерация списков"),
    ("settings.docx", _docx, "word/settings.xml", "the settings", "параметры"),
    ("core.docx", _docx, "docProps/core.xml", "the document properties",
     "свойства документа"),
    ("theme.docx", _docx, "word/theme/theme1.xml", "the theme", "тема оформления"),
    ("layout.pptx", _deck, "ppt/slideLayouts/slideLayout7.xml", "slide layout 7",
     "макет слайда 7"),
    ("theme.pptx", _deck, "ppt/theme/theme1.xml", "the theme", "тема оформления"),
    ("props.pptx", _deck, "ppt/presProps.xml", "the settings", "параметры"),
    ("slide-rels.pptx", _deck, "ppt/slides/_rels/slide1.xml.rels",
     "the links between its parts", "связи между его частями"),
]


def _file(tmp_path: Path, name: str, data: bytes) -> FileReport:
    path = tmp_path / name
    path.write_bytes(data)
    report = check(path, isolate=False)
    [file] = [f for p in report.packages for f in p.files]
    return file


def _assert_damaged(file: FileReport, member: str, en: str, ru: str, damage: str) -> None:
    assert file.state == FileState.UNREADABLE
    [finding] = [f for f in file.findings if f.code == "FIL001"]
    assert finding.measured == member
    assert finding.location.part == member
    assert damage in finding.evidence and f"/{member}" in finding.evidence
    app = "PowerPoint" if file.path.endswith(".pptx") else "Word"
    assert finding.message("en").startswith(f"the file is damaged ({en}): {app} would ask")
    assert f"файл повреждён ({ru})" in finding.message("ru")
    assert finding.message("kk").startswith("файл бүлінген (")
    assert member not in finding.message("kk") and member not in finding.message("ru")


@pytest.mark.parametrize(("name", "build", "member", "en", "ru"), PARTS,
                         ids=[f"{p[0]}:{p[2]}" for p in PARTS])
def test_bad_crc_in_a_part_no_rule_reads(name: str, build: object, member: str, en: str,
                                        ru: str, tmp_path: Path) -> None:
    intact = build()  # type: ignore[operator]
    assert "FIL001" not in {f.code for f in _file(tmp_path, f"intact-{name}", intact).findings}
    data = d.bad_crc(intact, member)
    _assert_damaged(_file(tmp_path, name, data), member, en, ru, "Bad CRC-32")


@pytest.mark.parametrize(("name", "build", "member", "en", "ru"), PARTS,
                         ids=[f"{p[0]}:{p[2]}" for p in PARTS])
def test_malformed_xml_in_a_part_no_rule_reads(name: str, build: object, member: str, en: str,
                                              ru: str, tmp_path: Path) -> None:
    data = d.malformed(build(), member)  # type: ignore[operator]
    _assert_damaged(_file(tmp_path, name, data), member, en, ru, "not well-formed XML")


def test_bad_crc_of_a_picture(tmp_path: Path) -> None:
    """Media are inflated (streamed, never held) only to compare their CRC."""
    data = d.bad_crc(_docx(), "docProps/thumbnail.jpeg")
    file = _file(tmp_path, "thumb.docx", data)
    _assert_damaged(file, "docProps/thumbnail.jpeg", "a picture or media file",
                    "рисунок или медиафайл", "Bad CRC-32")


def test_malformed_relationships_part(tmp_path: Path) -> None:
    data = d.malformed(_deck(), "ppt/slideLayouts/_rels/slideLayout5.xml.rels")
    file = _file(tmp_path, "rels.pptx", data)
    _assert_damaged(file, "ppt/slideLayouts/_rels/slideLayout5.xml.rels",
                    "the links between its parts", "связи между его частями",
                    "not well-formed XML")


def test_a_vml_drawing_is_not_held_to_xml() -> None:
    """Legacy VML drawings carry HTML-like ``<br>``: checked by CRC only, as Office reads them;
    the same package with a bad CRC in that drawing is damaged."""
    limits = read_limits(load_profile(resolve_profile_path("oskemen-2025")))
    vml = "application/vnd.openxmlformats-officedocument.vmlDrawing"
    name = "ppt/drawings/vmlDrawing1.vml"
    data = h.pptx(parts={name: b"<xml><v:shape><br></v:shape></xml>"}, types={name: vml})
    OoxmlPackage(data, limits.archive, limits.max_part_bytes)  # opening verifies
    with pytest.raises(DamagedPartError, match="Bad CRC-32"):
        OoxmlPackage(d.bad_crc(data, name), limits.archive, limits.max_part_bytes)


def test_verify_streams_within_the_declared_size() -> None:
    """``SafeZip.stream`` inflates chunk by chunk and stops at the declared size."""
    limits = read_limits(load_profile(resolve_profile_path("oskemen-2025")))
    payload = bytes(range(256)) * 4096  # 1 MiB, incompressible enough to stay under the ratio
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("a.bin", payload)
    chunks: list[int] = []
    archive = SafeZip(buffer.getvalue(), limits.archive)
    assert archive.stream("a.bin", lambda c: chunks.append(len(c)), chunk_bytes=65536) \
        == len(payload)
    assert max(chunks) == 65536 and sum(chunks) == len(payload)
    with pytest.raises(UnreadableError, match="Bad CRC-32"):
        SafeZip(d.bad_crc(buffer.getvalue(), "a.bin"), limits.archive).stream("a.bin")


def test_an_intact_member_streamed_whole_gives_the_same_chunks_and_damage_its_reason() -> None:
    """``whole_up_to``: an intact member is read in one piece, then handed on in the same
    chunks as zipfile's reader gives; a damaged one still goes through zipfile, which names
    what is wrong, and a larger one is never held whole."""
    limits = read_limits(load_profile(resolve_profile_path("oskemen-2025")))
    payload = b"<a>" + b"<b>x</b>" * 40000 + b"</a>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.xml", payload)
    archive = SafeZip(buffer.getvalue(), limits.archive)
    whole: list[bytes] = []
    read_whole = archive._read_intact
    held: list[int] = []

    def holding(info: zipfile.ZipInfo) -> bytes | None:
        held.append(info.file_size)
        return read_whole(info)

    archive._read_intact = holding  # type: ignore[method-assign]
    assert archive.stream("a.xml", whole.append, whole_up_to=len(payload)) == len(payload)
    assert held == [len(payload)]
    chunked: list[bytes] = []
    assert archive.stream("a.xml", chunked.append, whole_up_to=len(payload) - 1) == len(payload)
    assert held == [len(payload)]  # over the bound: not held whole
    assert [len(c) for c in whole] == [len(c) for c in chunked] and b"".join(whole) == payload
    damaged = SafeZip(d.bad_crc(buffer.getvalue(), "a.xml"), limits.archive)
    with pytest.raises(UnreadableError, match="Bad CRC-32"):
        damaged.stream("a.xml", whole_up_to=len(payload))


def test_damage_is_one_error_type() -> None:
    limits = read_limits(load_profile(resolve_profile_path("oskemen-2025")))
    damaged = d.bad_crc(_docx(), "word/numbering.xml")
    pkg = OoxmlPackage(damaged, limits.archive, limits.max_part_bytes, verify=False)
    with pytest.raises(DamagedPartError) as info:
        pkg.verify()
    assert info.value.part == "word/numbering.xml"
    with pytest.raises(DamagedPartError):  # opening verifies: no view of a damaged file
        OoxmlPackage(damaged, limits.archive, limits.max_part_bytes)


def test_isolated_run_agrees(tmp_path: Path) -> None:
    """Damaged files through worker processes: the same FIL001, the run goes on."""
    paths: list[Path] = []
    for name, build, member, _, _ in PARTS:
        path = tmp_path / name.replace(".", f"-{len(paths)}.")
        path.write_bytes(d.bad_crc(build(), member))  # type: ignore[operator]
        paths.append(path)
    report = check(paths, jobs=2)
    files = [f for p in report.packages for f in p.files]
    assert len(files) == len(PARTS)
    for file in files:
        [finding] = [f for f in file.findings if f.code == "FIL001"]
        assert "Bad CRC-32" in finding.evidence


def _zipfile_opens(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The members zipfile's own reader is asked to open from now on, in order."""
    opened: list[str] = []
    real_open = zipfile.ZipFile.open

    def counted(self: zipfile.ZipFile, member: Any, *args: Any, **kwargs: Any) -> Any:
        opened.append(getattr(member, "filename", member))
        return real_open(self, member, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "open", counted)
    return opened


def test_an_intact_member_is_read_whole_and_damage_is_still_named_by_zipfile(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """An intact member is read in one piece (its size and CRC-32 compared), without
    zipfile's per-member reader; a member with a bad CRC or a local header that names another
    file goes through zipfile, whose words say what is wrong."""
    limits = read_limits(load_profile(resolve_profile_path("oskemen-2025")))
    member = "ppt/slides/slide1.xml"
    deck = _deck()
    with zipfile.ZipFile(io.BytesIO(deck)) as zf:
        expected, offset = zf.read(member), zf.getinfo(member).header_offset
    renamed = bytearray(deck)
    renamed[offset + 30] = ord("q")  # the local header's copy of the name: "qpt/slides/..."
    opened = _zipfile_opens(monkeypatch)
    assert SafeZip(deck, limits.archive).read(member) == expected
    assert opened == []
    with pytest.raises(UnreadableError, match=f"Bad CRC-32 for file '{member}'"):
        SafeZip(d.bad_crc(deck, member), limits.archive).read(member)
    with pytest.raises(UnreadableError, match=r"File name in directory .* and header .* differ"):
        SafeZip(bytes(renamed), limits.archive).read(member)
    assert opened == [member, member]


@pytest.mark.parametrize(("name", "codec"), [("ppt/media/plain.xml", "ascii"),
                                           ("ppt/media/Сурет 1.xml", "utf-8"),
                                           ("ppt/media/Сурет 1.xml", "cp866")])
def test_names_in_each_codec_are_compared_before_a_member_is_read_whole(
        monkeypatch: pytest.MonkeyPatch, name: str, codec: str) -> None:
    """The local header's copy of a member's name is compared in the codec the archive
    declares (UTF-8 when flagged, else CP437, in which a Russian archiver's CP866 bytes are
    read; ASCII is the same in all) and the member read whole when it matches; one changed
    byte of it sends the member through zipfile, which names the difference."""
    limits = read_limits(load_profile(resolve_profile_path("oskemen-2025")))
    body = b"<a>" + b"<b>x</b>" * 100 + b"</a>"
    raw = name.encode(codec)
    placeholder = "n" * len(raw)  # zipfile writes non-ASCII names as flagged UTF-8 only
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(name if codec == "utf-8" else placeholder, body)
    data = buffer.getvalue()
    if codec != "utf-8":
        data = data.replace(placeholder.encode(), raw)  # both headers: an unflagged name
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        stored = zf.infolist()[0]
    assert bool(stored.flag_bits & 0x800) == (codec == "utf-8")
    opened = _zipfile_opens(monkeypatch)
    archive = SafeZip(data, limits.archive)
    assert list(archive.names) == [name]
    assert archive.read(name) == body
    assert opened == []
    changed = bytearray(data)
    changed[stored.header_offset + 30 + len(raw) - 2] ^= 0x01  # the "m" of ".xml"
    with pytest.raises(UnreadableError, match=r"File name in directory .* and header .* differ"):
        SafeZip(bytes(changed), limits.archive).read(name)
    assert len(opened) == 1


def test_a_member_declaring_more_compressed_bytes_than_its_size_needs_is_not_held_whole(
        ) -> None:
    """A directory may claim any compressed size for its last member: a claim far above what
    the member's size can need is read through zipfile, a few kilobytes at a time, never
    asked for in one piece (a file object allocates what a read asks for)."""
    limits = read_limits(load_profile(resolve_profile_path("oskemen-2025")))
    body = b"<a>" + b"x" * 100 + b"</a>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.xml", body)
    data = bytearray(buffer.getvalue())
    central = data.index(b"PK\x01\x02")
    data[central + 20:central + 24] = struct.pack("<I", 50_000_000)  # compressed size
    sizes: list[int] = []

    class Reads(io.BytesIO):
        def read(self, size: int | None = -1, /) -> bytes:
            sizes.append(-1 if size is None else size)
            return super().read(size)

    archive = SafeZip(Reads(bytes(data)), limits.archive)
    sizes.clear()
    assert archive.read("a.xml") == body
    assert archive.stream("a.xml") == len(body)
    assert sizes and max(sizes) <= 65536, sizes
