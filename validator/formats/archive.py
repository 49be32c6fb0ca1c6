"""Safe reading of zip archives: limits checked on the central directory before any byte is
inflated, hostile member names refused, nothing ever extracted to disk.

Used for package .zip files and for every OOXML file. The limits come from the profile
(``[rules.FIL003]``). Member names written by Windows archivers in the OEM code page without the
UTF-8 flag are re-decoded, so "Справка.docx" is not read as CP437 mojibake.
"""

from __future__ import annotations

import io
import itertools
import math
import posixpath
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, BinaryIO

from validator.core.errors import LimitError, UnreadableError

#: Local file header: 30 fixed bytes before the name and extra field.
_LOCAL_HEADER = 30
#: What zipfile raises on damaged compressed data (zlib.error is not an OSError).
_READ_ERRORS = (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError,
                zlib.error, RuntimeError)


def read_errors() -> tuple[type[Exception], ...]:
    """What reading a damaged zip or member may raise (to be turned into UnreadableError)."""
    return _READ_ERRORS


#: Slack allowed between entries before they count as overlapping (seen in real JAR files).
_OVERLAP_SLACK = 2


@dataclass(frozen=True, slots=True)
class ArchiveLimits:
    """Bounds on what an archive may declare; all values come from the profile."""

    max_members: int
    max_total_bytes: int
    max_member_bytes: int
    max_ratio: float
    ratio_min_bytes: int
    max_nesting: int


#: Why a member's name is refused when another member has it (letter case aside).
DUPLICATE_NAME = "is a duplicate name"


def name_limit(why: str) -> str:
    """The limit a refused member name reaches: another member's name (``duplicate_name``),
    or a name that is not safe to use (``member_name``: it points outside, holds a NUL...)."""
    return "duplicate_name" if why == DUPLICATE_NAME else "member_name"


def decode_name(info: zipfile.ZipInfo) -> str:
    """Return the member name, re-decoding a name without the UTF-8 flag that zipfile read as
    CP437: as UTF-8 when it is valid UTF-8 (zip on Linux and macOS), else as the Cyrillic
    code page whose reading looks like a name (``_implausible``): Windows' Explorer writes
    the OEM page (CP866), other Windows programs the ANSI one (CP1251)."""
    name = info.filename
    if info.flag_bits & 0x800:
        return name
    try:
        raw = name.encode("cp437")
    except UnicodeEncodeError:
        return name
    if raw.isascii():
        return name
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    readings = []
    for codec in ("cp866", "cp1251"):  # on a tie, Explorer's
        try:
            readings.append(raw.decode(codec))
        except UnicodeDecodeError:
            continue
    return min(readings, key=_implausible) if readings else name


#: How often each letter occurs in Russian text, per cent (the frequencies usually quoted from
#: the Russian National Corpus): a reading of a name in the wrong code page is made of rare
#: letters (CP1251's ``сводка`` read as CP866 is ``ётюфър``).
_LETTERS = dict(zip("оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё", (
    10.97, 8.45, 8.01, 7.35, 6.70, 6.26, 5.47, 4.73, 4.54, 4.40, 3.49, 3.21, 2.98, 2.81, 2.62,
    2.01, 1.90, 1.74, 1.70, 1.65, 1.59, 1.44, 1.21, 0.97, 0.94, 0.73, 0.64, 0.48, 0.36, 0.32,
    0.26, 0.04, 0.04), strict=True))
#: What a character that cannot be in a name costs, in the same units as a letter's rarity.
_ODD = 10.0
#: Marks beyond ASCII that Russian and Kazakh names carry (``Доклад № 5``, ``«О бюджете»``).
_NAME_MARKS = "«»№—–"


def _implausible(name: str) -> float:
    """How little a reading of a name looks like one: the rarity of its Cyrillic letters
    (``-log`` of their frequency), and ``_ODD`` for each symbol, control character, mark or
    space beyond ASCII other than ``_NAME_MARKS`` (box-drawing characters are what CP1251
    bytes read as CP866 give, low quotes and the like the reverse), and for each capital
    letter straight after a small one (``яЁр``)."""
    cost = 0.0
    small = False
    for ch in name:
        kind = unicodedata.category(ch)
        if ch > "\x7f" and ch not in _NAME_MARKS and kind[0] in "SCPZ":
            cost += _ODD
        if small and ch.isupper():
            cost += _ODD
        small = ch.islower()
        if "\u0400" <= ch <= "\u04ff":
            cost -= math.log(_LETTERS.get(ch.lower(), 0.5) / 100)
    return cost


def unsafe_name_reason(name: str) -> str | None:
    """Return why a member name is hostile (traversal, absolute, NUL, backslash), or None."""
    if "\x00" in name:
        return "contains a NUL byte"
    if "\\" in name:
        return "contains a backslash"
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return "is an absolute path"
    parts = name.split("/")
    if ".." in parts:
        return "contains '..'"
    normal = posixpath.normpath(name)
    if normal.startswith("..") or normal.startswith("/"):
        return "escapes the archive root"
    return None


def _local_header_size(stream: BinaryIO, info: zipfile.ZipInfo) -> int:
    """Bytes of an entry's local header (its name and extra field differ from the central
    directory's: tools often write a longer extra field there)."""
    if info.header_offset < 0:
        raise UnreadableError(f"entry {info.filename!r} points before the start of the archive "
                              "(a damaged central directory)")
    try:
        stream.seek(info.header_offset)
        fixed = stream.read(_LOCAL_HEADER)
    except (OSError, ValueError) as exc:
        raise UnreadableError(f"entry {info.filename!r} cannot be located: {exc}") from None
    if len(fixed) < _LOCAL_HEADER or fixed[:4] != b"PK\x03\x04":
        raise UnreadableError(f"entry {info.filename!r} has no local header at byte "
                              f"{info.header_offset} (a damaged or truncated archive)")
    name_len, extra_len = struct.unpack("<HH", fixed[26:30])
    return _LOCAL_HEADER + int(name_len) + int(extra_len)


class SafeZip:
    """A zip archive (bytes, or a file opened on disk) whose central directory passed the
    limits.

    ``names`` maps each decoded, safe member name to its ``ZipInfo``; hostile names are listed in
    ``refused`` with the reason and are never read. With ``strict_names`` (an OOXML file, which
    has no business carrying such names) the first hostile name raises ``LimitError`` instead.
    """

    def __init__(self, source: bytes | BinaryIO, limits: ArchiveLimits, *,
                 what: str = "archive", strict_names: bool = False) -> None:
        stream: BinaryIO = io.BytesIO(source) if isinstance(source, bytes) else source
        try:
            stream.seek(0, io.SEEK_END)
            archive_size = stream.tell()
            stream.seek(0)
            self._zip = zipfile.ZipFile(stream)
            infos = self._zip.infolist()
        except _READ_ERRORS as exc:
            raise UnreadableError(f"not a readable zip {what}: {exc}") from None
        self.limits = limits
        self.refused: tuple[tuple[str, str], ...] = ()
        self._check_limits(infos, archive_size, stream)
        names: dict[str, zipfile.ZipInfo] = {}
        refused: list[tuple[str, str]] = []
        seen_lower: set[str] = set()
        for info in infos:
            name = decode_name(info)
            # zipfile cuts a name at a NUL byte; the name as stored is kept in orig_filename.
            if "\x00" in info.orig_filename:
                name = info.orig_filename.replace("\x00", "\\x00")  # shown, never read
                reason: str | None = "contains a NUL byte"
            else:
                reason = unsafe_name_reason(name)
            if reason is None and name.lower() in seen_lower:
                reason = DUPLICATE_NAME
            if reason is not None:
                refused.append((name, reason))
                continue
            seen_lower.add(name.lower())
            names[name] = info
        if strict_names and refused:
            name, why = refused[0]
            raise LimitError(name_limit(why), name, "a safe, unique name",
                             f"{what} member name {why}; {len(refused)} hostile name(s)")
        self.names = names
        self.refused = tuple(refused)

    def _check_limits(self, infos: list[zipfile.ZipInfo], archive_size: int,
                      stream: BinaryIO) -> None:
        lim = self.limits
        if len(infos) > lim.max_members:
            raise LimitError("max_members", len(infos), lim.max_members, "entries in the archive")
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise LimitError("encrypted_entry", decode_name(info), "none",
                                 "an entry is encrypted and cannot be checked")
            if info.file_size > lim.max_member_bytes:
                raise LimitError("max_member_bytes", info.file_size, lim.max_member_bytes,
                                 f"entry {info.filename!r}")
            if info.file_size >= lim.ratio_min_bytes:
                ratio = info.file_size / max(info.compress_size, 1)
                if ratio > lim.max_ratio:
                    raise LimitError("max_ratio", round(ratio, 1), lim.max_ratio,
                                     f"entry {info.filename!r} compression ratio")
            total += info.file_size
        if total > lim.max_total_bytes:
            raise LimitError("max_total_bytes", total, lim.max_total_bytes,
                             "declared uncompressed size of all entries")
        ordered = sorted(infos, key=lambda i: i.header_offset)
        if ordered and ordered[-1].header_offset > archive_size:
            raise UnreadableError("the archive's directory points past its end (truncated)")
        for this, nxt in itertools.pairwise(ordered):
            end = this.header_offset + _local_header_size(stream, this) + this.compress_size
            if nxt.header_offset + _OVERLAP_SLACK < end:
                raise LimitError("overlapping_entries", nxt.filename, this.filename,
                                 f"entries share compressed data (a zip bomb): "
                                 f"{this.filename!r} ends at byte {end}, "
                                 f"{nxt.filename!r} starts at {nxt.header_offset}")

    def open_member(self, name: str) -> IO[bytes]:
        """A member as a stream, inflated as it is read (seekable: a zip inside a zip is read
        through it without being held whole)."""
        info = self.names.get(name)
        if info is None:
            raise KeyError(name)
        try:
            return self._zip.open(info)
        except _READ_ERRORS as exc:
            raise UnreadableError(f"member {name!r} cannot be read: {exc}") from None

    def size(self, name: str) -> int:
        return self.names[name].file_size

    def head(self, name: str, count: int) -> bytes:
        """Return the first ``count`` bytes of a member, inflating only as much as needed."""
        info = self.names.get(name)
        if info is None:
            raise KeyError(name)
        try:
            with self._zip.open(info) as fh:
                return fh.read(min(count, info.file_size))
        except _READ_ERRORS as exc:
            raise UnreadableError(f"member {name!r} cannot be read: {exc}") from None

    def read(self, name: str, max_bytes: int | None = None) -> bytes:
        """Return a member's bytes; refuse members larger than ``max_bytes`` before inflating."""
        info = self.names.get(name)
        if info is None:
            raise KeyError(name)
        if max_bytes is not None and info.file_size > max_bytes:
            raise LimitError("max_part_bytes", info.file_size, max_bytes, f"part {name!r}")
        whole = self._read_intact(info)
        if whole is not None:
            return whole
        try:
            with self._zip.open(info) as fh:
                data = fh.read(info.file_size + 1)
        except _READ_ERRORS as exc:
            raise UnreadableError(f"member {name!r} cannot be read: {exc}") from None
        if len(data) > info.file_size:
            raise LimitError("declared_size", len(data), info.file_size, f"member {name!r}")
        return data

    def _read_intact(self, info: zipfile.ZipInfo) -> bytes | None:
        """An intact member's bytes in one read and one inflation: its local header (the same
        name as in the central directory), its compressed bytes, inflated to at most the size
        the directory declares, then that size and CRC-32 compared. None when anything is out
        of the ordinary (another method or flag, a size, name or CRC that differs, more
        compressed bytes than the size can take, an error):
        ``read`` then goes through zipfile, which says what is wrong, as it always did. An
        intact member gives the same bytes either way, without zipfile's per-member objects
        (a third of the time of reading a deck's XML parts)."""
        fp = self._zip.fp
        if (fp is None or info.flag_bits & 0x61  # encrypted, patched, strong encryption
                or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
                # held whole: no more compressed bytes than deflate can need for the size
                or info.compress_size > info.file_size + (info.file_size >> 8) + 1024):
            return None
        try:
            fp.seek(info.header_offset)
            fixed = fp.read(_LOCAL_HEADER)
            if len(fixed) < _LOCAL_HEADER or fixed[:4] != b"PK\x03\x04":
                return None
            name_len, extra_len = struct.unpack("<HH", fixed[26:30])
            stored = info.orig_filename
            # ASCII is the same bytes in both codecs (and cp437's encoder is Python code)
            codec = "ascii" if stored.isascii() else (
                "utf-8" if info.flag_bits & 0x800 else "cp437")
            if fp.read(name_len) != stored.encode(codec):
                return None
            fp.seek(extra_len, io.SEEK_CUR)
            raw = fp.read(info.compress_size)
            if len(raw) != info.compress_size:
                return None
            data = raw
            if info.compress_type == zipfile.ZIP_DEFLATED:
                inflater = zlib.decompressobj(-15)
                data = inflater.decompress(raw, info.file_size + 1)
                if not inflater.eof or inflater.unconsumed_tail or inflater.unused_data:
                    return None
        except (*_READ_ERRORS, UnicodeError):
            return None
        if len(data) != info.file_size or zlib.crc32(data) != info.CRC:
            return None
        return data

    def stream(self, name: str, sink: Callable[[bytes], None] | None = None,
               chunk_bytes: int = 1 << 16, whole_up_to: int = 0) -> int:
        """Inflate a member chunk by chunk, handing each chunk to ``sink``, and verify its CRC.

        Memory stays at one chunk whatever the member's size; the bytes inflated are bounded
        by the size the central directory declares, which the limits already checked. zipfile
        compares the CRC-32 when the last byte is read: a mismatch, a truncated stream or
        damaged compressed data raises ``UnreadableError`` naming the member. Returns the
        number of bytes inflated.

        A member of at most ``whole_up_to`` bytes that is intact is read in one piece instead
        (``_read_intact``: one read and inflation, the CRC compared) and handed on in the same
        chunks, without zipfile's small reads; the caller accepts holding that much. Any other
        member goes through zipfile, which says what is wrong.
        """
        info = self.names.get(name)
        if info is None:
            raise KeyError(name)
        whole = self._read_intact(info) if info.file_size <= whole_up_to else None
        if whole is not None:
            if sink is not None:
                for start in range(0, len(whole), chunk_bytes):
                    sink(whole[start:start + chunk_bytes])
            return len(whole)
        total = 0
        try:
            fh = self._zip.open(info)
        except _READ_ERRORS as exc:
            raise UnreadableError(f"member {name!r} cannot be read: {exc}") from None
        with fh:
            while True:
                try:
                    chunk = fh.read(chunk_bytes)
                except _READ_ERRORS as exc:
                    raise UnreadableError(f"member {name!r} cannot be read: {exc}") from None
                if not chunk:
                    break
                total += len(chunk)
                if total > info.file_size:
                    raise LimitError("declared_size", total, info.file_size, f"member {name!r}")
                if sink is not None:
                    sink(chunk)
        if total != info.file_size:
            raise UnreadableError(f"member {name!r} cannot be read: {total} bytes inflated, "
                                  f"{info.file_size} declared")
        return total
