"""Tiny PDFs with hand-written content streams, for measuring the PDF span extractor."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
)


def _helvetica() -> DictionaryObject:
    return DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
        NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
    })


def make_pdf(pages: Sequence[str], size: tuple[float, float] = (960, 540),
             sizes: Sequence[tuple[float, float]] | None = None,
             rotate: Sequence[int] | None = None,
             crop: Sequence[tuple[float, float, float, float] | None] | None = None,
             forms: dict[str, tuple[str, tuple[float, ...]]] | None = None,
             images: dict[str, tuple[str, int, int, bytes]] | None = None) -> bytes:
    """Return a PDF whose page N draws ``pages[N]`` (content stream text) with font /F1.

    ``forms`` adds Form XObjects (name -> (content, matrix)) to every page's resources;
    ``images`` adds image XObjects (name -> (colour space, width, height, raw samples)).
    """
    writer = PdfWriter()
    for n, content in enumerate(pages):
        w, h = sizes[n] if sizes else size
        page = writer.add_blank_page(w, h)
        font_ref = writer._add_object(_helvetica())
        resources = DictionaryObject({
            NameObject("/Font"): DictionaryObject({NameObject("/F1"): font_ref}),
        })
        if forms:
            xobjects = DictionaryObject()
            for name, (body, matrix) in forms.items():
                form = DecodedStreamObject()
                form.set_data(body.encode("latin-1"))
                form.update({
                    NameObject("/Type"): NameObject("/XObject"),
                    NameObject("/Subtype"): NameObject("/Form"),
                    NameObject("/BBox"): ArrayObject([NumberObject(0), NumberObject(0),
                                                      NumberObject(w), NumberObject(h)]),
                    NameObject("/Matrix"): ArrayObject([FloatObject(v) for v in matrix]),
                    NameObject("/Resources"): resources,
                })
                xobjects[NameObject("/" + name)] = writer._add_object(form)
            resources[NameObject("/XObject")] = xobjects
        if images:
            xobjects = resources.get("/XObject") or DictionaryObject()
            for name, (space, iw, ih, raw) in images.items():
                img = DecodedStreamObject()
                img.set_data(raw)
                img.update({
                    NameObject("/Type"): NameObject("/XObject"),
                    NameObject("/Subtype"): NameObject("/Image"),
                    NameObject("/Width"): NumberObject(iw),
                    NameObject("/Height"): NumberObject(ih),
                    NameObject("/ColorSpace"): NameObject(space),
                    NameObject("/BitsPerComponent"): NumberObject(8),
                })
                xobjects[NameObject("/" + name)] = writer._add_object(img)
            resources[NameObject("/XObject")] = xobjects
        page[NameObject("/Resources")] = resources
        stream = DecodedStreamObject()
        stream.set_data(content.encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
        if rotate and rotate[n]:
            page[NameObject("/Rotate")] = NumberObject(rotate[n])
        if crop and crop[n] is not None:
            page[NameObject("/CropBox")] = ArrayObject([FloatObject(v) for v in crop[n]])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def write_pdf(path: Path, pages: Sequence[str], **kw: object) -> Path:
    path.write_bytes(make_pdf(pages, **kw))  # type: ignore[arg-type]
    return path
