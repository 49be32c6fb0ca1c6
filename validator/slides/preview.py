"""The stored preview picture of an embedded OLE object, read for the text it shows.

PowerPoint keeps, for every OLE object, a picture of how it looks; that picture is what the
slide shows (PowerPoint until the object is activated, LibreOffice always). Newer files point
to it from the object itself (``p:oleObj/p:pic/p:blipFill/a:blip/@r:embed``, often inside the
``mc:Fallback`` of an ``mc:AlternateContent``); older ones name a VML shape (``p:oleObj/@spid``)
in the slide's legacy VML drawing, whose ``v:imagedata/@o:relid`` is the picture. Pictures in
EMF or WMF are read with the project's own bounded readers (``validator.slides.emf``,
``validator.slides.wmf``); any other format (PNG, JPEG), a missing picture or a damaged one
leaves the object's size unreadable, with the reason.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from lxml import etree

from validator.core.errors import LimitError, UnreadableError
from validator.slides.emf import read_emf
from validator.slides.metafile import MetaPicture, Unreadable
from validator.slides.parts import DeckParts
from validator.slides.runs import A, P, R
from validator.slides.wmf import PLACEABLE_KEY, read_wmf

VML_O = "{urn:schemas-microsoft-com:office:office}"
VML_V = "{urn:schemas-microsoft-com:vml}"

#: OLE class prefixes and the words the evidence uses for them.
CLASS_WORDS = (
    ("Word.", "Word document"), ("Excel.", "Excel workbook"),
    ("MSGraph.", "Microsoft Graph chart"), ("PowerPoint.", "PowerPoint slide"),
    ("Equation.", "equation"), ("AcroExch.", "PDF document"), ("Acrobat", "PDF document"),
    ("Package", "packaged file"), ("Visio.", "Visio drawing"), ("MathType", "equation"),
)


def class_words(prog_id: str) -> str:
    """What the embedded object is, in words, from its OLE class (``progId``)."""
    for prefix, words in CLASS_WORDS:
        if prog_id.startswith(prefix):
            return words
    return f"{prog_id} object" if prog_id else "object"


@dataclass(frozen=True, slots=True)
class Preview:
    """An OLE object's preview: the picture read, or why it was not.

    ``part`` is the picture's part name (None when there is none); ``shown`` is the fraction
    of the picture's height the slide shows (1.0 unless the picture is cropped).
    """

    part: str | None
    picture: MetaPicture | None
    problem: str = ""
    shown: float = 1.0


def _blip_preview(data: etree._Element) -> tuple[str | None, float]:
    """The relationship id of a ``p:oleObj/p:pic`` picture and its shown height fraction."""
    for ole in data.iter(f"{P}oleObj"):
        blip_fill = ole.find(f"{P}pic/{P}blipFill")
        blip = blip_fill.find(f"{A}blip") if blip_fill is not None else None
        rid = blip.get(f"{R}embed") if blip is not None else None
        if rid:
            crop = blip_fill.find(f"{A}srcRect") if blip_fill is not None else None
            shown = 1.0
            if crop is not None:
                try:
                    cut = int(crop.get("t") or 0) + int(crop.get("b") or 0)
                except ValueError:
                    cut = 0
                shown = 1.0 - cut / 100000
            return rid, shown
    return None, 1.0


def _vml_preview(parts: DeckParts, slide_part: str, spid: str) -> str | None:
    """The picture part a legacy VML shape ``spid`` shows, if the slide's VML names it."""
    for rel in parts.rels(slide_part).values():
        if rel.kind != "vmlDrawing" or rel.external or not parts.pkg.has(rel.target):
            continue
        root = parts.pkg.xml(rel.target)
        for shape in root.iter(f"{VML_V}shape"):
            if spid not in (shape.get("id"), shape.get(f"{VML_O}spid")):
                continue
            image = shape.find(f"{VML_V}imagedata")
            rid = image.get(f"{VML_O}relid") if image is not None else None
            return parts.target(rel.target, rid)
    return None


def read_picture(data: bytes) -> MetaPicture:
    """Read an EMF or WMF picture by its signature; raise ``Unreadable`` for anything else."""
    if len(data) >= 4 and struct.unpack_from("<I", data)[0] == 1:  # EMR_HEADER (WMF: 0x90001)
        return read_emf(data)
    if len(data) >= 4 and struct.unpack_from("<I", data)[0] == PLACEABLE_KEY:
        return read_wmf(data)
    if len(data) >= 4 and struct.unpack_from("<HH", data)[0] in (1, 2) \
            and struct.unpack_from("<HH", data)[1] == 9:
        return read_wmf(data)
    kind = "PNG" if data[:4] == b"\x89PNG" else "JPEG" if data[:2] == b"\xff\xd8" else ""
    raise Unreadable(f"the preview is a {kind or 'raster or unknown'} picture, not a metafile")


def ole_preview(parts: DeckParts, slide_part: str, data: etree._Element) -> Preview:
    """The preview of the OLE object in a ``graphicData``, read; never raises for bad input."""
    rid, shown = _blip_preview(data)
    image = parts.target(slide_part, rid)
    try:
        if image is None:
            spid = next((o.get("spid") for o in data.iter(f"{P}oleObj") if o.get("spid")),
                        None)
            legacy = data.find(".//{*}legacyDrawing")
            spid = spid or (legacy.get("spid") if legacy is not None else None)
            image = _vml_preview(parts, slide_part, spid) if spid else None
        if image is None:
            return Preview(None, None, "no preview picture is stored")
        if shown <= 0.01:
            return Preview(image, None, "the preview picture is cropped away")
        return Preview(image, read_picture(parts.pkg.read(image)), shown=shown)
    except Unreadable as exc:
        return Preview(image, None, str(exc))
    except (UnreadableError, LimitError) as exc:
        return Preview(image, None, f"the preview cannot be read: {exc}")
