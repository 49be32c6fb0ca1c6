"""Mutations of real files for fuzzing: byte flips, truncations, zip member swaps."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
#: Files below this size are fuzzed (small files keep each example fast).
MAX_SEED_BYTES = 150_000


def seeds() -> list[Path]:
    """Real corpus files small enough to fuzz, in a stable order."""
    out: list[Path] = []
    for folder in ("office", "pdf"):
        base = CORPUS / folder
        if base.is_dir():
            out.extend(p for p in sorted(base.iterdir())
                       if p.is_file() and p.suffix.lower() in (".pptx", ".docx", ".xlsx", ".pdf",
                                                               ".pptm", ".docm")
                       and p.stat().st_size <= MAX_SEED_BYTES)
    return out


def flip(data: bytes, edits: Sequence[tuple[int, int]]) -> bytes:
    """Set bytes at (position modulo length) to the given values."""
    if not data:
        return data
    buf = bytearray(data)
    for pos, value in edits:
        buf[pos % len(buf)] = value
    return bytes(buf)


def truncate(data: bytes, fraction: float) -> bytes:
    return data[: int(len(data) * fraction)]


def swap_members(data: bytes, a: int, b: int) -> bytes:
    """Exchange the contents of two members of a zip (the names stay); non-zips unchanged."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            blobs = [zf.read(i) for i in infos]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError,
            zlib.error, RuntimeError):
        return data
    if len(infos) < 2:
        return data
    i, j = a % len(infos), b % len(infos)
    blobs[i], blobs[j] = blobs[j], blobs[i]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zw:
        for info, blob in zip(infos, blobs, strict=True):
            zw.writestr(info.filename, blob)
    return out.getvalue()
