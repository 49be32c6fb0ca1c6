"""Survey of the colours a PDF draws: colour operators and images, page by page.

Operators: ``g G`` (grey), ``rg RG`` (RGB), ``k K`` (CMYK, converted naively to RGB), and
``sc scn SC SCN`` in the colour space set by ``cs CS`` (``DeviceGray``/``CalGray`` and
one-component ICC are grey; three components are RGB, four CMYK; ``Separation``, ``DeviceN``,
``Indexed`` and patterns are not judged, nor are shadings drawn with ``sh``: they make a grey
verdict needs-review). Form XObjects are followed (depth-limited, no cycles).
Images: a one-component or ``ImageMask`` image is grey; other images are decoded by pypdf and
sampled (``validator.formats.picture_colour``) when their stored stream is at most
``max_picture_bytes`` and their pixel count at most ``max_picture_pixels``; larger ones are
listed as not sampled.
"""

from __future__ import annotations

import io
from typing import Any

from validator.core.errors import LimitError
from validator.formats.deck_colour import ColourLimits, ColourSurvey
from validator.formats.pdf_textstate import xobject
from validator.formats.picture_colour import sample_picture

MAX_FORM_DEPTH = 8


def _floats(operands: list[Any]) -> list[float]:
    out = []
    for v in operands:
        try:
            out.append(float(v))
        except (TypeError, ValueError):
            return []
    return out


def _to_rgb(values: list[float]) -> tuple[int, int, int] | None:
    clamp = [min(max(v, 0.0), 1.0) for v in values]
    if len(clamp) == 1:
        g = round(clamp[0] * 255)
        return g, g, g
    if len(clamp) == 3:
        return round(clamp[0] * 255), round(clamp[1] * 255), round(clamp[2] * 255)
    if len(clamp) == 4:
        c, m, y, k = clamp
        return (round(255 * (1 - c) * (1 - k)), round(255 * (1 - m) * (1 - k)),
                round(255 * (1 - y) * (1 - k)))
    return None


def _components(space: Any, resources: Any) -> int | None:
    """Number of components of a colour space; None for spaces not judged."""
    name = space
    try:
        if not str(name).startswith("/Device") and not str(name).startswith("/Cal"):
            name = resources["/ColorSpace"].get_object()[space].get_object()
    except (KeyError, TypeError, AttributeError):
        pass
    if isinstance(name, list) and name:
        family = str(name[0])
        if family == "/ICCBased" and len(name) > 1:
            try:
                return int(name[1].get_object().get("/N", 0)) or None
            except (AttributeError, TypeError, ValueError):
                return None
        if family == "/CalRGB":
            return 3
        if family == "/CalGray":
            return 1
        return None
    return {"/DeviceGray": 1, "/CalGray": 1, "/G": 1, "/DeviceRGB": 3, "/RGB": 3,
            "/CalRGB": 3, "/DeviceCMYK": 4, "/CMYK": 4}.get(str(name))


class _PdfSurvey:
    def __init__(self, reader: Any, limits: ColourLimits, max_bytes: int) -> None:
        self.reader = reader
        self.limits = limits
        self.max_bytes = max_bytes
        self.result = ColourSurvey()
        self._images: set[int] = set()

    def _note(self, rgb: tuple[int, int, int], what: str) -> None:
        self.result.colours += 1
        c = max(rgb) - min(rgb)
        self.result.max_chroma = max(self.result.max_chroma, c)
        if c >= self.limits.min_chroma and self.result.colourful is None:
            self.result.colourful = f"{what}: #{rgb[0]:02X}{rgb[1]:02X}{rgb[2]:02X} (chroma {c})"

    def walk(self, stream: Any, resources: Any, page: int, depth: int,
             seen: frozenset[int]) -> None:
        from pypdf.generic import ContentStream

        data = stream.get_data()
        if len(data) > self.max_bytes:
            raise LimitError("max_part_bytes", len(data), self.max_bytes,
                             f"a content stream of PDF page {page}")
        content = stream if isinstance(stream, ContentStream) else \
            ContentStream(stream, self.reader)
        spaces = {"fill": 1, "stroke": 1}
        for operands, op in content.operations:
            if self.result.colourful:
                return
            if op in (b"g", b"G", b"rg", b"RG", b"k", b"K"):
                rgb = _to_rgb(_floats(operands))
                if rgb is not None:
                    self._note(rgb, f"PDF page {page} operator {op.decode()}")
            elif op in (b"cs", b"CS") and operands:
                n = _components(operands[0], resources)
                spaces["fill" if op == b"cs" else "stroke"] = n or 0
            elif op in (b"sc", b"scn", b"SC", b"SCN"):
                n = spaces["fill" if op in (b"sc", b"scn") else "stroke"]
                values = _floats(operands)
                if n and len(values) == n:
                    rgb = _to_rgb(values)
                    if rgb is not None:
                        self._note(rgb, f"PDF page {page} operator {op.decode()}")
                elif not n:
                    self._unjudged(f"PDF page {page}: a pattern or spot colour")
            elif op == b"sh":
                self._unjudged(f"PDF page {page}: a shading (gradient)")
            elif op == b"Do" and operands:
                self._xobject(resources, operands[0], page, depth, seen)

    def _unjudged(self, what: str) -> None:
        if what not in self.result.unsampled:
            self.result.unsampled.append(what)

    def _xobject(self, resources: Any, name: Any, page: int, depth: int,
                 seen: frozenset[int]) -> None:
        found = xobject(resources, name)
        if found is None:
            return
        key, xobj = found
        subtype = xobj.get("/Subtype")
        if subtype == "/Form" and key not in seen and depth < MAX_FORM_DEPTH:
            inner = xobj.get("/Resources")
            inner = inner.get_object() if inner is not None else resources
            self.walk(xobj, inner, page, depth + 1, seen | {key})
        elif subtype == "/Image" and key not in self._images:
            self._images.add(key)
            self._image(xobj, resources, page, str(name))

    def _image(self, xobj: Any, resources: Any, page: int, name: str) -> None:
        if xobj.get("/ImageMask") or _components(xobj.get("/ColorSpace"), resources) == 1:
            self.result.pictures += 1
            return
        limits = self.limits
        length = len(xobj._data) if hasattr(xobj, "_data") else 0
        try:
            pixels = int(xobj.get("/Width", 0)) * int(xobj.get("/Height", 0))
        except (TypeError, ValueError):
            pixels = 0
        where = f"PDF page {page} image {name}"
        if length > limits.max_picture_bytes or pixels > limits.max_picture_pixels:
            self.result.unsampled.append(f"{where}: {length} bytes, {pixels} pixels, over the "
                                         "sampling limits")
            return
        try:
            image = xobj.decode_as_image()
            buf = io.BytesIO()
            image.convert("RGB").save(buf, format="PNG")
        except Exception as exc:  # any decoder failure: not sampled, never a crash
            self.result.unsampled.append(f"{where}: cannot be decoded ({type(exc).__name__})")
            return
        sample = sample_picture(buf.getvalue(), limits.min_chroma, limits.max_picture_pixels)
        if sample.share is None:
            self.result.unsampled.append(f"{where}: {sample.reason}")
            return
        self.result.pictures += 1
        self.result.max_chroma = max(self.result.max_chroma, sample.max_chroma)
        if sample.share >= limits.min_picture_share:
            self.result.colourful = f"{where}: {sample.share:.0%} of sampled pixels are colourful"


def survey_pdf(data: bytes, limits: ColourLimits, max_bytes: int,
               max_stream_bytes: int | None = None) -> ColourSurvey:
    """Survey the colours of every page of a PDF; stop at the first colourful one.

    Opened by ``formats.pdf.open_pdf`` (pypdf's limits from the profile, encryption, errors).
    """
    from validator.formats.pdf import open_pdf  # maps LimitReachedError to FIL003

    with open_pdf(data, max_stream_bytes) as (reader, _encrypted):
        survey = _PdfSurvey(reader, limits, max_bytes)
        for index, page in enumerate(reader.pages, start=1):
            survey.result.slides += 1
            contents = page.get_contents()
            if contents is None:
                continue
            resources = page.get("/Resources")
            resources = resources.get_object() if resources is not None else {}
            survey.walk(contents, resources, index, 0, frozenset())
            if survey.result.colourful:
                break
    return survey.result
