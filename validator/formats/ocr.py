"""Reading pictures of pages: a PDF page rasterised by pdftoppm, its text read by Tesseract.

Both programs run as child processes of the process that reads the file (the reader's worker,
``validator.reader.process``), so they inherit its limits: its address space (``RLIMIT_AS``),
no core
dumps and no file writes (``RLIMIT_FSIZE`` 0: the page travels through pipes, nothing is written
to disk). Each call has its own wall-clock limit, and a child is killed with its parent (Linux
``PR_SET_PDEATHSIG``), so a reader killed for running too long leaves nothing behind. Nothing is
fetched from the network; the language data are Debian's ``tesseract-ocr-kaz``/``-rus``/``-eng``.

The settings come from the profile (``[rules.FIL002]``: ``ocr_dpi``, ``ocr_languages``...).
A page is read at ``ocr_dpi`` (300 reads 10 pt text), in grey, and Tesseract's word
confidences (0-100) give the page's confidence: their mean weighted by word length, 0-1.
"""

from __future__ import annotations

import ctypes
import io
import os
import re
import shutil
import signal
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

#: prctl option: the signal a child gets when its parent dies (Linux).
_PR_SET_PDEATHSIG = 1


class OcrUnavailable(Exception):
    """Tesseract (or pdftoppm) is not installed, or lacks a language: nothing can be read."""


class OcrFailed(Exception):
    """A page could not be rasterised or recognised (a broken page, a limit, a timeout)."""


@dataclass(frozen=True, slots=True)
class OcrSettings:
    """How pictures of pages are read (the profile's ``[rules.FIL002]`` parameters)."""

    languages: str = "kaz+rus+eng"
    dpi: int = 300
    min_chars: int = 40
    min_confidence: float = 0.7
    max_pages: int = 12
    page_seconds: float = 30.0
    max_pixels: int = 40_000_000

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> OcrSettings:
        """Build the settings from a rule's parameters (missing ones keep their defaults)."""
        names = {"ocr_languages": "languages", "ocr_dpi": "dpi",
                 "ocr_min_text_chars": "min_chars", "ocr_min_confidence": "min_confidence",
                 "ocr_max_pages": "max_pages", "ocr_page_seconds": "page_seconds",
                 "ocr_max_pixels": "max_pixels"}
        values = {field: params[key] for key, field in names.items() if key in params}
        return cls(**values)


@dataclass(frozen=True, slots=True)
class OcrPage:
    """The text Tesseract read on one page and how sure it was (0-1)."""

    text: str
    confidence: float
    words: int


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def _env() -> dict[str, str]:
    env = {"OMP_THREAD_LIMIT": "1", "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
           "LC_ALL": "C.UTF-8"}
    if "TESSDATA_PREFIX" in os.environ:
        env["TESSDATA_PREFIX"] = os.environ["TESSDATA_PREFIX"]
    return env


def _run(args: list[str], data: bytes, seconds: float) -> bytes:
    """Run a program on ``data`` (stdin) and return its stdout; raise ``OcrFailed``."""
    try:
        done = subprocess.run(args, input=data, capture_output=True, timeout=seconds,
                              env=_env(), preexec_fn=_die_with_parent, check=False)
    except subprocess.TimeoutExpired:
        raise OcrFailed(f"{args[0]} ran longer than {seconds:g} s") from None
    except OSError as exc:
        raise OcrUnavailable(f"{args[0]} cannot be started: {exc}") from None
    if done.returncode != 0:
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise OcrFailed(f"{args[0]} failed (exit {done.returncode}): {tail[0][:200]}")
    return done.stdout


def missing_programs(settings: OcrSettings) -> str | None:
    """Why OCR cannot run here (a program or a language missing), or None when it can."""
    for program in ("tesseract", "pdftoppm"):
        if shutil.which(program) is None:
            return f"{program} is not installed"
    try:
        listed = _run(["tesseract", "--list-langs"], b"", settings.page_seconds)
    except (OcrFailed, OcrUnavailable) as exc:
        return str(exc)
    have = {line.strip() for line in listed.decode("utf-8", "replace").splitlines()}
    lacking = [lang for lang in settings.languages.split("+") if lang not in have]
    if lacking:
        return f"Tesseract has no language data for {', '.join(lacking)}"
    return None


def rasterise(pdf: bytes, page: int, width_pt: float, height_pt: float,
              settings: OcrSettings) -> bytes:
    """A grey PNG of page ``page`` (1-based) at the settings' resolution (lower for a page so
    large that it would pass ``max_pixels``)."""
    dpi = float(settings.dpi)
    pixels = (width_pt / 72 * dpi) * (height_pt / 72 * dpi)
    if pixels > settings.max_pixels:
        dpi *= (settings.max_pixels / pixels) ** 0.5
    args = ["pdftoppm", "-r", f"{max(dpi, 1.0):.2f}", "-f", str(page), "-l", str(page),
            "-gray", "-png", "-"]
    png = _run(args, pdf, settings.page_seconds)
    if not png.startswith(b"\x89PNG"):
        raise OcrFailed(f"pdftoppm produced no picture of page {page}")
    return despeckle(png)


def despeckle(png: bytes) -> bytes:
    """The picture with a scanner's specks removed (a 3x3 median filter): dust and noise read
    as dots, dashes and digits otherwise, which parity would compare as figures."""
    from PIL import Image, ImageFilter

    try:
        with Image.open(io.BytesIO(png)) as image:
            cleaned = image.convert("L").filter(ImageFilter.MedianFilter(3))
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise OcrFailed(f"the page picture cannot be read: {exc}") from None
    out = io.BytesIO()
    cleaned.save(out, "PNG", compress_level=1)
    return out.getvalue()


#: A line that starts a numbered item or a bullet: it is never joined to the line before it.
_ITEM = re.compile(r"^(\d{1,3}(\.\d{1,3})*[.)]|[-\u2013\u2014\u2022\u00b7*])(\s|$)")
#: «3: Контроль» at the start of a line: Tesseract's most frequent misreading of «3.», the
#: item's number (a colon after a bare number, before a capital, starts no sentence).
_MISREAD_ITEM = re.compile(r"^(\d{1,3}):\s+(?=[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])")
#: A vertical gap between two lines larger than this share of a line's height is a new
#: paragraph (the space a reader sees between paragraphs).
PARAGRAPH_GAP = 0.8


@dataclass(slots=True)
class _Line:
    words: list[str]
    top: int
    bottom: int


def _paragraphs(lines: list[_Line]) -> list[str]:
    """The lines as the document's text layer has them: the lines a paragraph wraps into
    joined (a word hyphenated at a line's end joined whole), a new paragraph after a blank
    gap, a numbered item or a bullet on a line of its own. A figure wrapped across two lines
    («2 / 100 млн») is one figure again."""
    out: list[str] = []
    previous: _Line | None = None
    heights = sorted(x.bottom - x.top for x in lines)
    height = max(1, heights[len(heights) // 2]) if heights else 1  # the page's usual line
    for line in sorted(lines, key=lambda x: x.top):
        text = _MISREAD_ITEM.sub(r"\1. ", " ".join(line.words))
        gap = line.top - previous.bottom if previous is not None else 0
        if not out or _ITEM.match(text) or gap > PARAGRAPH_GAP * height:
            out.append(text)
        elif out[-1].endswith("-") and text[:1].islower() and out[-1][-2:-1].isalpha():
            out[-1] = out[-1][:-1] + text
        else:
            out[-1] = f"{out[-1]} {text}"
        previous = line
    return out


def parse_tsv(tsv: str) -> OcrPage:
    """Text (one line per paragraph, see ``_paragraphs``) and confidence of Tesseract's TSV."""
    lines: dict[tuple[str, str, str], _Line] = {}
    weighted = 0.0
    chars = 0
    for row in tsv.splitlines()[1:]:
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        word = cols[11].strip()
        if not word:
            continue
        try:
            conf = max(0.0, float(cols[10]))
            top, height = int(cols[7]), int(cols[9])
        except ValueError:
            continue
        key = (cols[2], cols[3], cols[4])  # block, paragraph, line
        line = lines.setdefault(key, _Line([], top, top + height))
        line.words.append(word)
        line.top, line.bottom = min(line.top, top), max(line.bottom, top + height)
        weighted += conf * len(word)
        chars += len(word)
    confidence = round(weighted / chars / 100, 3) if chars else 0.0
    words = sum(len(x.words) for x in lines.values())
    return OcrPage("\n".join(_paragraphs(list(lines.values()))), confidence, words)


def recognise(png: bytes, settings: OcrSettings) -> OcrPage:
    """Read the text of a page picture with Tesseract. Page segmentation 3 (automatic
    layout): it finds a stamp boxed apart from the text (one-column mode, 4, drops a short
    boxed «ДСП»), at the cost of list numbers set apart in a column of their own, which parity
    on OCR text leaves to a person anyway (``ocr_review``)."""
    args = ["tesseract", "stdin", "stdout", "-l", settings.languages, "--psm", "3", "tsv"]
    out = _run(args, png, settings.page_seconds)
    return parse_tsv(out.decode("utf-8", "replace"))
