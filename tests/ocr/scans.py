"""Scanned PDFs made for tests and benchmarks: pictures of pages, no text layer.

A page is drawn with Pillow in a Cyrillic font (DejaVu, Liberation) at a given resolution, or
an existing PDF's pages are rasterised by pdftoppm; then noise and a small skew are added, as a
scanner would, and the pictures are wrapped into a PDF (Pillow writes one image per page).
"""

from __future__ import annotations

import io
import random
import subprocess
import textwrap
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONTS = ("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
         "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
         "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf")
A4_INCHES = (8.27, 11.69)


def font(size_px: int, path: str | None = None) -> ImageFont.FreeTypeFont:
    for candidate in ([path] if path else []) + list(FONTS):
        if Path(candidate).exists():
            return ImageFont.truetype(candidate, size_px)
    raise FileNotFoundError("no Cyrillic TrueType font (install fonts-dejavu-core)")


def draw_page(paragraphs: list[str], dpi: int, *, stamp: str | None = None,
              font_pt: float = 11.0, width_chars: int = 80) -> Image.Image:
    """An A4 page holding ``paragraphs`` (wrapped), with ``stamp`` boxed at the top right."""
    width, height = int(A4_INCHES[0] * dpi), int(A4_INCHES[1] * dpi)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    face = font(round(font_pt * dpi / 72))
    line = round(font_pt * 1.4 * dpi / 72)
    y = dpi  # one-inch margin
    if stamp:
        box = draw.textbbox((0, 0), stamp, font=face)
        x = width - dpi - (box[2] - box[0])
        pad = dpi // 20
        draw.rectangle((x - pad, y - pad, x + box[2] - box[0] + pad, y + box[3] + pad),
                       outline=0, width=max(1, dpi // 100))
        draw.text((x, y), stamp, font=face, fill=0)
        y += 3 * line
    for paragraph in paragraphs:
        for piece in textwrap.wrap(paragraph, width_chars) or [""]:
            if y > height - dpi:
                break
            draw.text((dpi, y), piece, font=face, fill=0)
            y += line
        y += line // 2
    return page


def age(page: Image.Image, *, skew: float = 0.0, noise: float = 0.0,
        seed: int = 0) -> Image.Image:
    """A scanner's marks: rotate by ``skew`` degrees, flip a share ``noise`` of pixels to grey
    specks (salt and pepper)."""
    if skew:
        page = page.rotate(skew, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    if noise:
        rng = random.Random(seed)
        pixels = page.load()
        assert pixels is not None
        w, h = page.size
        for _ in range(int(w * h * noise)):
            pixels[rng.randrange(w), rng.randrange(h)] = rng.choice((0, 96, 160, 255))
    return page


def image_pdf(pages: list[Image.Image], dpi: int) -> bytes:
    """A PDF whose pages are the pictures, nothing else (a scan: no text layer)."""
    out = io.BytesIO()
    first, rest = pages[0], pages[1:]
    first.save(out, "PDF", resolution=float(dpi), save_all=True, append_images=rest)
    return out.getvalue()


def rasterise_pdf(pdf: bytes, dpi: int) -> list[Image.Image]:
    """Every page of a PDF as a grey picture (pdftoppm), as a scanner would see it."""
    pages: list[Image.Image] = []
    count = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    for n in range(1, max(count, 1) + 1):
        png = subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(n), "-l", str(n),
                              "-gray", "-png", "-"], input=pdf, capture_output=True,
                             check=True, timeout=120).stdout
        if not png:
            break
        pages.append(Image.open(io.BytesIO(png)).convert("L"))
    return pages


def to_pdf(source: Path, out_dir: Path) -> bytes:
    """A .docx or .pptx rendered to PDF by LibreOffice (headless, a private profile)."""
    profile = out_dir / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out_dir), str(source)],
                   capture_output=True, check=True, timeout=180)
    return (out_dir / (source.stem + ".pdf")).read_bytes()


def scan_of(source: Path, out_dir: Path, dpi: int = 300, *, skew: float = 0.0,
            noise: float = 0.0, stamp: str | None = None) -> bytes:
    """A scan of a document: rendered to PDF, rasterised, aged, wrapped again."""
    pages = rasterise_pdf(to_pdf(source, out_dir), dpi)
    if stamp:
        first = pages[0]
        draw = ImageDraw.Draw(first)
        face = font(round(11 * dpi / 72))
        draw.text((first.size[0] - 4 * dpi, dpi // 2), stamp, font=face, fill=0)
    return image_pdf([age(p, skew=skew, noise=noise, seed=n) for n, p in enumerate(pages)], dpi)
