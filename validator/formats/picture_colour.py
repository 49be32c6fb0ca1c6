"""How colourful a picture is, measured on a small sample of its pixels, in bounded memory.

Only raster formats Pillow reads are sampled (PNG, JPEG, GIF, BMP, TIFF, WebP). The caller
refuses pictures over a byte limit before anything is inflated; here the header is read first
and a picture over ``max_pixels`` is not decoded (a small file can declare a huge image).
JPEG is decoded at reduced scale (``draft``, down to 1/8), and the pixel limit applies to that
reduced size, so a photo costs a fraction of its size.
A picture whose mode has no colour (``1``, ``L``, ``LA``, ``I``, ``F``) is grey without
decoding. Otherwise the image is shrunk to at most 64 x 64 and the share of pixels whose chroma
(``max - min`` of r, g, b) reaches ``min_chroma`` is returned.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

SAMPLE_SIDE = 64
GREY_MODES = frozenset({"1", "L", "LA", "I", "I;16", "F", "La"})


@dataclass(frozen=True, slots=True)
class PictureSample:
    """The result of sampling one picture: its colourful share, or why it was not sampled."""

    share: float | None  # share of colourful pixels, None when not sampled
    max_chroma: int = 0
    reason: str = ""


def sample_picture(data: bytes, min_chroma: int, max_pixels: int) -> PictureSample:
    """Measure the share of colourful pixels of an encoded raster picture."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            img = Image.open(io.BytesIO(data))
            if img.mode in GREY_MODES:
                return PictureSample(0.0)
            if img.format == "JPEG":  # decoded at 1/2 to 1/8 scale: what counts is that size
                img.draft("RGB", (SAMPLE_SIDE * 2, SAMPLE_SIDE * 2))
            width, height = img.size
            if width * height > max_pixels:
                return PictureSample(None, reason=f"{width} x {height} pixels is over the "
                                                  f"{max_pixels} pixel sampling limit")
            rgb = img.convert("RGB")
            rgb.thumbnail((SAMPLE_SIDE, SAMPLE_SIDE))
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError,
            Image.DecompressionBombError) as exc:
        return PictureSample(None, reason=f"not a readable raster picture ({type(exc).__name__})")
    return chroma_share(rgb, min_chroma)


def chroma_share(rgb: Image.Image, min_chroma: int) -> PictureSample:
    """The share of an RGB image's pixels whose chroma (``max - min`` of r, g, b) reaches
    ``min_chroma``, and the largest chroma: computed by Pillow band by band (exact integer
    operations), and counted from the chroma's histogram."""
    from PIL import ImageChops

    count = rgb.width * rgb.height
    if count == 0:
        return PictureSample(0.0)
    r, g, b = rgb.split()
    high = ImageChops.lighter(ImageChops.lighter(r, g), b)
    low = ImageChops.darker(ImageChops.darker(r, g), b)
    histogram = ImageChops.subtract(high, low).histogram()  # high >= low: no clipping
    colourful = sum(histogram[max(min_chroma, 0):])
    top = max((value for value, n in enumerate(histogram) if n), default=0)
    return PictureSample(colourful / count, top)
