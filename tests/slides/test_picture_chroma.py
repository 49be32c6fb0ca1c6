"""A picture's colourful share and largest chroma, as Pillow computes them band by band, are
exactly what the definition gives pixel by pixel (``max - min`` of r, g, b against
``min_chroma``): on random images, on images at the edges (grey, pure hues, one pixel), and on
every raster picture of the corpus decks."""

from __future__ import annotations

import io
import random
import zipfile

import pytest
from PIL import Image

from tests.conftest import CORPUS
from validator.formats.picture_colour import SAMPLE_SIDE, chroma_share, sample_picture


def _by_pixel(rgb: Image.Image, min_chroma: int) -> tuple[float, int]:
    pixels = rgb.tobytes()
    count = len(pixels) // 3
    chromas = [max(pixels[i:i + 3]) - min(pixels[i:i + 3]) for i in range(0, count * 3, 3)]
    return sum(c >= min_chroma for c in chromas) / count, max(chromas)


def _random_image(seed: int) -> Image.Image:
    rng = random.Random(seed)
    side = rng.randint(1, SAMPLE_SIDE)
    grey_bias = rng.random()  # some images mostly grey, some mostly colour
    data = bytearray()
    for _ in range(side * rng.randint(1, SAMPLE_SIDE)):
        v = rng.randrange(256)
        if rng.random() < grey_bias:
            data += bytes((v, min(255, v + rng.randrange(3)), v))
        else:
            data += bytes(rng.randrange(256) for _ in range(3))
    return Image.frombytes("RGB", (side, len(data) // 3 // side), bytes(data))


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("min_chroma", [0, 1, 24, 200, 255, 256])
def test_random_images(seed: int, min_chroma: int) -> None:
    image = _random_image(seed)
    sample = chroma_share(image, min_chroma)
    assert (sample.share, sample.max_chroma) == _by_pixel(image, min_chroma)


@pytest.mark.parametrize(("colour", "share", "top"), [
    ((90, 90, 90), 0.0, 0), ((255, 0, 0), 1.0, 255), ((0, 0, 255), 1.0, 255),
    ((10, 33, 20), 0.0, 23), ((10, 34, 20), 1.0, 24), ((255, 255, 255), 0.0, 0),
])
def test_edges(colour: tuple[int, int, int], share: float, top: int) -> None:
    for size in ((1, 1), (7, 3)):
        sample = chroma_share(Image.new("RGB", size, colour), 24)
        assert (sample.share, sample.max_chroma) == (share, top)


def test_corpus_pictures_as_sampled() -> None:
    """Each raster picture of the corpus decks, sampled as the survey samples it."""
    decks = sorted((CORPUS / "office").glob("*.pptx"))
    if not decks:
        pytest.skip("shared corpus not present")
    seen = 0
    for deck in decks:
        try:
            archive = zipfile.ZipFile(deck)
        except zipfile.BadZipFile:
            continue
        with archive:
            for name in archive.namelist():
                if not name.lower().endswith((".png", ".jpg", ".jpeg", ".gif", ".bmp")):
                    continue
                try:
                    data = archive.read(name)
                except (zipfile.BadZipFile, OSError, ValueError):
                    continue
                sample = sample_picture(data, 24, 4_000_000)
                if sample.share is None or (sample.share == 0.0 and sample.max_chroma == 0):
                    continue  # not decoded, or a grey mode judged without decoding
                image = Image.open(io.BytesIO(data))
                if image.format == "JPEG":
                    image.draft("RGB", (SAMPLE_SIDE * 2, SAMPLE_SIDE * 2))
                rgb = image.convert("RGB")
                rgb.thumbnail((SAMPLE_SIDE, SAMPLE_SIDE))
                assert (sample.share, sample.max_chroma) == _by_pixel(rgb, 24), (deck, name)
                seen += 1
    assert seen >= 20
