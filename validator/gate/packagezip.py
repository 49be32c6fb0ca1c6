"""One zip of a meeting's latest packages, laid out for the akim's meeting folder.

A folder per item, ``<number> <title>/`` (an agenda item's number and title; a free item's
read from its text "12. Title"), holding the stored files of the item's latest version as
they were received, and the meeting's register as CSV at the top. Names are made
safe for Windows and for zip readers (no reserved characters or device names, no trailing
dots or spaces, bounded length, no two names equal ignoring case). The zip is written to a
temporary file under the data folder's ``tmp/`` from the store's files in chunks, so a
meeting of any size never sits in memory; the caller streams the file and removes it.
"""

from __future__ import annotations

import secrets
import shutil
import time
import unicodedata
import zipfile
from collections.abc import Sequence
from pathlib import Path

from validator.files.member import FORMATS
from validator.gate.listing import Version, item_number, item_parts
from validator.gate.store import ContentStore

_FORBIDDEN = set('<>:"/\\|?*')
_DEVICES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)),
            *(f"LPT{i}" for i in range(10))}
#: Kinds that are compressed already (zip containers, PDF streams, pictures): stored as they
#: are. Deflating them gained next to nothing and cost 7 s per 50 MB against 0.5 s stored.
STORED_KINDS = {*(f".{ext}" for ext, (_, container) in FORMATS.items() if container == "zip"),
                ".odt", ".odp", ".ods", ".zip", ".pdf", ".jpg", ".jpeg", ".png", ".gif", ".mp4",
                ".7z", ".rar", ".gz"}
MAX_FOLDER_CHARS = 80
MAX_FILE_CHARS = 120
_CHUNK = 1 << 20


def safe_part(name: str, limit: int) -> str:
    """``name`` as one path component any Windows or zip reader accepts."""
    name = unicodedata.normalize("NFC", name)
    name = "".join("_" if c in _FORBIDDEN or unicodedata.category(c) in ("Cc", "Cf", "Zl",
                                                                         "Zp") else c
                   for c in name).strip()
    stem, dot, ext = name.rpartition(".")
    if not dot or len(ext) > 10 or not stem:
        stem, ext = name, ""
    keep = max(limit - (len(ext) + 1 if ext else 0), 1)
    stem = stem[:keep].rstrip(" .")
    name = f"{stem}.{ext}" if ext else stem
    name = name.rstrip(" .")
    if not name or name.strip("._ ") == "":
        name = "_" + name
    if name.split(".", 1)[0].upper().rstrip() in _DEVICES:
        name = "_" + name
    return name


def folder_name(item: str, number: str | None = None) -> str:
    """``<number> <title>``: an agenda item's ``number`` and title ``item``, or, without a
    ``number``, a free item written "12. Title" (the title alone when it has no number)."""
    if number is None:
        number, title = item_number(item)
    else:
        number, title = number.rstrip(".)").strip() or number, item.strip()
    return safe_part(f"{number} {title}" if number and title else number or title,
                     MAX_FOLDER_CHARS)


def _unique(name: str, taken: set[str]) -> str:
    """``name``, or ``name (2)``... when a name equal to it ignoring case is taken."""
    candidate, n = name, 1
    while candidate.casefold() in taken:
        n += 1
        stem, dot, ext = name.rpartition(".")
        candidate = f"{stem} ({n}).{ext}" if dot and stem else f"{name} ({n})"
    taken.add(candidate.casefold())
    return candidate


def layout(latest: Sequence[Version]) -> list[tuple[str, str]]:
    """(path in the zip, store address) of every file of every item's latest version."""
    out: list[tuple[str, str]] = []
    folders: set[str] = set()
    for v in latest:
        number, title = item_parts(v.row)
        folder = _unique(folder_name(title, number), folders)
        names: set[str] = set()
        for f in v.row.files:
            out.append((f"{folder}/{_unique(safe_part(f.name, MAX_FILE_CHARS), names)}",
                        f.sha256))
    return out


def write_zip(tmp: Path, store: ContentStore, latest: Sequence[Version], register_name: str,
              register_csv: bytes) -> Path:
    """Write the meeting's zip to a new file under ``tmp``; return its path (the caller
    removes it once sent). Files are copied from the store in 1 MiB chunks."""
    tmp.mkdir(parents=True, exist_ok=True)
    target = tmp / f"meeting-{secrets.token_hex(8)}.zip"
    try:
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
            zf.writestr(safe_part(register_name, MAX_FILE_CHARS), register_csv)
            for path, sha in layout(latest):
                info = zipfile.ZipInfo(path, time.localtime()[:6])
                info.compress_type = (zipfile.ZIP_STORED
                                      if Path(path).suffix.lower() in STORED_KINDS
                                      else zipfile.ZIP_DEFLATED)
                with store.path(sha).open("rb") as src, zf.open(info, "w",
                                                                force_zip64=True) as dst:
                    shutil.copyfileobj(src, dst, _CHUNK)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return target
