"""PDF structure for the checks: page boxes (CropBox clipped to the MediaBox, /Rotate applied),
whether the file is encrypted, and the names of files attached inside it.

pypdf runs with its decompression limits set from the profile (``pdf_max_stream_bytes`` of
``[rules.FIL003]``, applied to every output-length limit pypdf has); a PDF that hits one raises
``LimitError`` (FIL003). An encrypted PDF is opened with the empty password: when that works
(an owner password only restricts permissions) it is read as usual and ``encrypted`` is true;
when a password is needed, or the cipher cannot be run here (pypdf's ``DependencyError`` for
AES without a crypto library), ``EncryptedError`` (SEC003). Anything else pypdf raises becomes
``UnreadableError`` (FIL001).
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from validator.core.errors import EncryptedError, LimitError, UnreadableError

if TYPE_CHECKING:
    from pypdf import PdfReader

#: pypdf limits on bytes produced or declared, all set to the profile's ``pdf_max_stream_bytes``.
_OUTPUT_LIMITS = (
    "maximum_declared_stream_length",
    "array_based_stream_maximum_output_length",
    "jbig2_maximum_output_length",
    "lzw_maximum_output_length",
    "run_length_maximum_output_length",
    "zlib_maximum_output_length",
    "brotli_maximum_output_length",
    "image_maximum_buffer_size",
)

_PARSE_ERRORS: tuple[type[BaseException], ...] = (
    ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError, OSError,
    AssertionError, ZeroDivisionError, OverflowError, UnicodeError, NotImplementedError,
    LookupError, struct.error, zlib.error,
)


@dataclass(frozen=True, slots=True)
class PageBox:
    """A page's visible size in points, after the CropBox and /Rotate."""

    width: float
    height: float

    @property
    def landscape(self) -> bool:
        return self.width > self.height


@dataclass(frozen=True, slots=True)
class PdfInfo:
    pages: tuple[PageBox, ...]
    encrypted: bool
    attachments: tuple[str, ...] = ()

    @property
    def all_landscape(self) -> bool:
        return bool(self.pages) and all(p.landscape for p in self.pages)


def _visible_size(page: Any) -> tuple[float, float]:
    """Width and height of the CropBox clipped to the MediaBox (ISO 32000-1, 14.11.2)."""
    crop, media = page.cropbox, page.mediabox
    cx0, cx1 = sorted((float(crop.left), float(crop.right)))
    cy0, cy1 = sorted((float(crop.bottom), float(crop.top)))
    mx0, mx1 = sorted((float(media.left), float(media.right)))
    my0, my1 = sorted((float(media.bottom), float(media.top)))
    width = min(cx1, mx1) - max(cx0, mx0)
    height = min(cy1, my1) - max(cy0, my0)
    if width <= 0 or height <= 0:  # a CropBox outside the MediaBox: readers fall back
        width, height = mx1 - mx0, my1 - my0
    return width, height


def _decrypt(reader: PdfReader) -> bool:
    """Open an encrypted reader with the empty password; return whether it was encrypted."""
    if not reader.is_encrypted:
        return False
    from pypdf import PasswordType

    if reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise EncryptedError("the PDF is protected by a password: it cannot be checked, and "
                             "the recipients cannot open it without the password either")
    return True


@contextmanager
def open_pdf(data: bytes, max_stream_bytes: int | None) -> Iterator[tuple[PdfReader, bool]]:
    """Open a PDF under the limits; yield (reader, encrypted) and map every pypdf failure,
    including those raised while the caller walks the reader, to the project's errors."""
    if b"%PDF-" not in data[:1024]:
        raise UnreadableError("no %PDF- header in the first 1024 bytes: not a PDF")
    from pypdf import PdfReader, apply_configuration
    from pypdf.errors import DependencyError, LimitReachedError, PyPdfError

    overrides: dict[str, Any] = {}
    if max_stream_bytes is not None:
        overrides = dict.fromkeys(_OUTPUT_LIMITS, max_stream_bytes)
    with apply_configuration(**overrides):
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            encrypted = _decrypt(reader)
            yield reader, encrypted
        except LimitReachedError as exc:
            raise LimitError("pdf_max_stream_bytes", None,
                             max_stream_bytes if max_stream_bytes is not None else "pypdf's",
                             f"a PDF stream declares or decompresses beyond the limit: {exc}"
                             ) from None
        except DependencyError as exc:
            raise EncryptedError(f"the PDF is encrypted with a cipher that cannot be "
                                 f"decrypted here ({exc}): it cannot be checked") from None
        except PyPdfError as exc:
            raise UnreadableError(f"PDF cannot be read: {type(exc).__name__}: {exc}") from None
        except _PARSE_ERRORS as exc:
            raise UnreadableError(f"PDF cannot be read: {type(exc).__name__}: {exc}") from None


def _attachments(reader: PdfReader) -> tuple[str, ...]:
    """Names of embedded files: the /EmbeddedFiles name tree and /FileAttachment annotations."""
    names = [entry.name for entry in reader.attachment_list]
    for page in reader.pages:
        annots = page.get("/Annots")
        annots = annots.get_object() if annots is not None else None
        if not isinstance(annots, list):
            continue
        for ref in annots:
            annot = ref.get_object()
            if not hasattr(annot, "get") or annot.get("/Subtype") != "/FileAttachment":
                continue
            raw_spec: Any = annot.get("/FS")
            spec: Any = raw_spec.get_object() if raw_spec is not None else None
            name = ""
            if hasattr(spec, "get"):
                name = str(spec.get("/UF") or spec.get("/F") or "")
            names.append(name or "(unnamed attachment)")
    return tuple(names)


def read_pdf(data: bytes, max_stream_bytes: int | None = None) -> PdfInfo:
    """Return page boxes, encryption and attachment names of a PDF (see the module doc)."""
    with open_pdf(data, max_stream_bytes) as (reader, encrypted):
        boxes = []
        for page in reader.pages:
            width, height = _visible_size(page)
            rotate = int(page.get("/Rotate", 0) or 0) % 360
            if rotate in (90, 270):
                width, height = height, width
            boxes.append(PageBox(round(width, 3), round(height, 3)))
        attachments = _attachments(reader)
    if not boxes:
        raise UnreadableError("PDF has no pages")
    return PdfInfo(tuple(boxes), encrypted, attachments)
