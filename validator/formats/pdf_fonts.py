"""The font size of every text span of a PDF, from the text matrix, not from glyph boxes.

A PDF draws text with ``Tf font size`` and a text matrix ``Tm`` inside the current
transformation matrix ``CTM``. The size a reader sees is ``size x |M(0, 1)|`` where
``M = Tm x CTM``: the length of the image of the text space's unit vertical vector. That is
right for rotated and scaled text alike; the height of a glyph's bounding box (what many
extractors call "size") shrinks or grows with rotation and with the glyph's shape, so it is not
used. Type 3 fonts add their own ``/FontMatrix`` (1/1000 of text space is the norm).

The interpreter walks each page's content stream with pypdf's parser (``ContentStream``) and
follows the operators that change the size: ``q Q cm`` (graphics state), ``BT Tf Tm Td TD T*
TL`` (text state), ``gs`` with a ``/Font`` entry, and ``Do`` of Form XObjects (their ``/Matrix``
applied, nested at most ``MAX_FORM_DEPTH`` deep, cycles refused). ``Tj TJ ' "`` show text.
Consecutive show operators in one text object at the same size and font make one span.

Skipped, because nothing visible is drawn: text in render mode 3 or 7 (invisible; the OCR layer
of scanned pages), spans of whitespace only, spans made only of bullet glyphs (list bullets are
drawn by the renderer, often at another size, and are not text the author wrote), spans that
lie wholly outside the page's CropBox (judged from the origin and the text's length), and size 0.

Bounded: each content stream is decoded by pypdf under its own decompression limits and refused
when it is longer than ``max_bytes`` (``LimitError``, FIL003); whatever pypdf cannot parse is an
``UnreadableError`` (FIL001).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from validator.core.errors import LimitError, UnreadableError
from validator.formats.pdf_textstate import (
    IDENTITY,
    Matrix,
    PdfFont,
    is_bullet_only,
    matrix_of,
    mult,
    num,
    xobject,
)

MAX_FORM_DEPTH = 8


@dataclass(frozen=True, slots=True)
class TextSpan:
    """Consecutive text drawn at one size: its page, text, size and where it starts."""

    page: int  # 1-based
    text: str
    size: float  # effective size in points of the page's user space
    nominal: float  # the ``Tf`` operand
    scale: float  # |M(0, 1)| with M = Tm x CTM (x the Type 3 font matrix)
    font: str
    x: float
    y: float
    angle: float  # direction of the baseline, degrees counter-clockwise
    #: where the text is drawn (estimated from glyph widths): x, y of the top-left corner
    #: within the CropBox, width, height, in points; None on pages with /Rotate
    box: tuple[float, float, float, float] | None = None
    page_size: tuple[float, float] = (0.0, 0.0)  # the CropBox's width and height


@dataclass(slots=True)
class _Gs:
    ctm: Matrix = IDENTITY
    font: PdfFont | None = None
    size: float = 0.0
    leading: float = 0.0
    render: int = 0


class _Interpreter:
    """Walks one page's operators and collects its spans."""

    def __init__(self, reader: Any, page: int, crop: tuple[float, float, float, float],
                 max_bytes: int, rotate: int = 0) -> None:
        self.reader = reader
        self.page = page
        self.crop = crop
        self.rotate = rotate
        self.max_bytes = max_bytes
        self.spans: list[TextSpan] = []
        self._fonts: dict[int, PdfFont] = {}
        self._open: dict[str, Any] | None = None  # span being built

    # -- helpers ---------------------------------------------------------------------------
    def _font(self, resources: Any, name: Any) -> PdfFont | None:
        try:
            fonts = resources["/Font"].get_object()
            ref = fonts[name]
            obj = ref.get_object()
        except (KeyError, TypeError, AttributeError):
            return None
        key = id(obj)
        font = self._fonts.get(key)
        if font is None:
            font = PdfFont(str(obj.get("/BaseFont", name)).lstrip("/"), obj)
            self._fonts[key] = font
        return font

    def _operations(self, stream: Any) -> list[tuple[list[Any], bytes]]:
        from pypdf.generic import ContentStream

        data = stream.get_data() if hasattr(stream, "get_data") else b""
        if len(data) > self.max_bytes:
            raise LimitError("max_part_bytes", len(data), self.max_bytes,
                             f"a content stream of PDF page {self.page}")
        content = ContentStream(stream, self.reader) if not isinstance(stream, ContentStream) \
            else stream
        ops: list[tuple[list[Any], bytes]] = content.operations
        return ops

    def _close(self) -> None:
        span = self._open
        self._open = None
        if span is None:
            return
        text = " ".join("".join(span["parts"]).split())
        if not text or is_bullet_only(text):
            return
        x, y = span["x"], span["y"]
        x0, y0, x1, y1 = self.crop
        # the origin may lie outside while the text runs into the page: allow its length
        reach = len(text) * span["size"] + 1
        if not (x0 - reach <= x <= x1 + reach and y0 - reach <= y <= y1 + reach):
            return
        box = None
        if not self.rotate:  # top-left origin, within the CropBox, in points
            ex0, ey0, ex1, ey1 = span["extent"]
            box = (round(ex0 - x0, 2), round(y1 - ey1, 2), round(ex1 - ex0, 2),
                   round(ey1 - ey0, 2))
        self.spans.append(TextSpan(self.page, text, round(span["size"], 4), span["nominal"],
                                   round(span["scale"], 6), span["font"], round(x, 2),
                                   round(y, 2), span["angle"], box,
                                   (round(x1 - x0, 2), round(y1 - y0, 2))))

    def _show(self, gs: _Gs, tm: Matrix, raw: Any, moved: bool) -> None:
        if gs.render in (3, 7):
            self._close()
            return
        font = gs.font
        advance = 0.0
        if isinstance(raw, list):
            pieces = []
            for item in raw:
                if isinstance(item, bytes | str):
                    piece, width = font.decode(item) if font else (str(item), 0.0)
                    pieces.append(piece)
                    advance += width
                else:
                    advance -= num(item) / 1000
                    if num(item) < -250:
                        pieces.append(" ")
            text = "".join(pieces)
        else:
            text, advance = font.decode(raw) if font else ("", 0.0)
        m = mult(tm, gs.ctm)
        fscale = font.scale if font else 1.0
        scale = math.hypot(m[2], m[3]) * fscale
        size = abs(gs.size) * scale
        if size == 0:
            self._close()
            return
        name = font.name if font else "?"
        extent = _extent(m, abs(gs.size) * (font.scale if font else 1.0), advance)
        span = self._open
        if span is not None and abs(span["size"] - size) < 0.005 and span["font"] == name:
            span["parts"].append((" " if moved and self._new_line(span, m, size) else "")
                                 + text)
            span["last"] = (m[4], m[5])
            x0, y0, x1, y1 = span["extent"]
            span["extent"] = (min(x0, extent[0]), min(y0, extent[1]), max(x1, extent[2]),
                              max(y1, extent[3]))
            return
        self._close()
        angle = round(math.degrees(math.atan2(m[1], m[0])), 1)
        self._open = {"parts": [text], "size": size, "nominal": abs(gs.size), "scale": scale,
                      "font": name, "x": m[4], "y": m[5], "angle": angle,
                      "last": (m[4], m[5]), "extent": extent}

    @staticmethod
    def _new_line(span: dict[str, Any], m: Matrix, size: float) -> bool:
        """True when the text moved across its baseline (a new line), not along it."""
        last: tuple[float, float] = span["last"]
        dx, dy = m[4] - last[0], m[5] - last[1]
        norm = math.hypot(m[0], m[1]) or 1.0
        across = abs(dx * m[1] - dy * m[0]) / norm
        return across > 0.3 * size

    # -- the walk --------------------------------------------------------------------------
    def run(self, stream: Any, resources: Any, ctm: Matrix, depth: int,
            seen: frozenset[int]) -> None:
        gs = _Gs(ctm=ctm)
        stack: list[_Gs] = []
        tm = tlm = IDENTITY
        moved = False
        for operands, op in self._operations(stream):
            if op == b"q":
                stack.append(_Gs(gs.ctm, gs.font, gs.size, gs.leading, gs.render))
            elif op == b"Q":
                if stack:
                    gs = stack.pop()
            elif op == b"cm":
                m = matrix_of(operands)
                if m is not None:
                    gs.ctm = mult(m, gs.ctm)
            elif op == b"BT":
                tm = tlm = IDENTITY
                self._close()
            elif op == b"ET":
                self._close()
            elif op == b"Tf" and len(operands) >= 2:
                gs.font = self._font(resources, operands[0])
                gs.size = num(operands[1])
            elif op == b"Tr" and operands:
                gs.render = int(num(operands[0]))
            elif op == b"TL" and operands:
                gs.leading = num(operands[0])
            elif op in (b"Td", b"TD") and len(operands) >= 2:
                tx, ty = num(operands[0]), num(operands[1])
                if op == b"TD":
                    gs.leading = -ty
                tm = tlm = mult((1.0, 0.0, 0.0, 1.0, tx, ty), tlm)
                moved = True
            elif op == b"Tm":
                m = matrix_of(operands)
                if m is not None:
                    tm = tlm = m
                    moved = True
            elif op in (b"T*", b"'", b'"'):
                tm = tlm = mult((1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading), tlm)
                moved = True
                if op != b"T*" and operands:
                    self._show(gs, tm, operands[-1], moved)
                    moved = False
            elif op in (b"Tj", b"TJ") and operands:
                self._show(gs, tm, operands[0], moved)
                moved = False
            elif op == b"gs" and operands:
                self._ext_gstate(gs, resources, operands[0])
            elif op == b"Do" and operands and depth < MAX_FORM_DEPTH:
                self._close()
                self._form(resources, operands[0], gs.ctm, depth, seen)
        self._close()

    def _ext_gstate(self, gs: _Gs, resources: Any, name: Any) -> None:
        try:
            state = resources["/ExtGState"].get_object()[name].get_object()
            entry = state.get("/Font")
        except (KeyError, TypeError, AttributeError):
            return
        if entry is not None and len(entry) >= 2:
            obj = entry[0].get_object()
            key = id(obj)
            if key not in self._fonts:
                self._fonts[key] = PdfFont(str(obj.get("/BaseFont", "?")).lstrip("/"), obj)
            gs.font = self._fonts[key]
            gs.size = num(entry[1])

    def _form(self, resources: Any, name: Any, ctm: Matrix, depth: int,
              seen: frozenset[int]) -> None:
        found = xobject(resources, name)
        if found is None:
            return
        key, xobj = found
        if key in seen or xobj.get("/Subtype") != "/Form":
            return
        matrix = matrix_of(list(xobj.get("/Matrix", IDENTITY))) or IDENTITY
        inner = xobj.get("/Resources")
        inner = inner.get_object() if inner is not None else resources
        self.run(xobj, inner, mult(matrix, ctm), depth + 1, seen | {key})


def _extent(m: Matrix, size: float, advance: float) -> tuple[float, float, float, float]:
    """Axis-aligned box of text ``advance`` wide (text space, per 1 pt) drawn at ``size`` with
    matrix ``m``: from the descender (-0.2 em) to the ascender (0.8 em)."""
    xs, ys = [], []
    for u, v in ((0.0, -0.2), (advance, -0.2), (0.0, 0.8), (advance, 0.8)):
        px, py = u * size, v * size
        xs.append(px * m[0] + py * m[2] + m[4])
        ys.append(px * m[1] + py * m[3] + m[5])
    return min(xs), min(ys), max(xs), max(ys)


def _crop(page: Any) -> tuple[float, float, float, float]:
    box = page.cropbox
    x0, x1 = sorted((float(box.left), float(box.right)))
    y0, y1 = sorted((float(box.bottom), float(box.top)))
    return x0, y0, x1, y1


def page_spans(reader: Any, index: int, max_bytes: int) -> list[TextSpan]:
    """Return the text spans of page ``index`` (0-based) of an open ``PdfReader``."""
    page = reader.pages[index]
    contents = page.get_contents()
    if contents is None:
        return []
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else {}
    try:
        rotate = int(page.get("/Rotate", 0) or 0) % 360
    except (TypeError, ValueError):
        rotate = 0
    interp = _Interpreter(reader, index + 1, _crop(page), max_bytes, rotate)
    interp.run(contents, resources, IDENTITY, 0, frozenset())
    return interp.spans


def iter_spans(data: bytes, max_bytes: int,
               max_stream_bytes: int | None = None) -> Iterator[list[TextSpan]]:
    """Yield the spans of each page of the PDF ``data``, one list per page, in page order.

    The PDF is opened by ``formats.pdf.open_pdf``: pypdf's limits from the profile, an
    encrypted PDF that opens with the empty password is read, one that needs a password raises
    ``EncryptedError`` (SEC003), and whatever else pypdf raises becomes UnreadableError.
    """
    from pypdf.errors import LimitReachedError, PyPdfError

    from validator.formats.pdf import open_pdf  # maps LimitReachedError to FIL003

    with open_pdf(data, max_stream_bytes) as (reader, _encrypted):
        count = len(reader.pages)
        for index in range(count):
            try:
                spans = page_spans(reader, index, max_bytes)
            except LimitReachedError:
                raise  # open_pdf reports it as FIL003 with the profile's limit
            except (PyPdfError, ValueError, TypeError, KeyError, AttributeError, IndexError,
                    RecursionError, OSError, AssertionError, ZeroDivisionError) as exc:
                raise UnreadableError(f"PDF page {index + 1} cannot be read: "
                                      f"{type(exc).__name__}: {exc}") from None
            yield spans
