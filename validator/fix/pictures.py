"""SLD003 (safe): a deck over the size limit made smaller by its pictures.

Steps, each taken only while the deck is still over the limit: the thumbnail and media no part
refers to are dropped; then pictures, largest first, are downscaled to at most ``PPI`` pixels
per inch of the largest size they are shown at (Pillow, Lanczos), and photos without
transparency are stored as JPEG at quality 85 (the part renamed ``.jpeg``, its references and
content type updated). A new version is kept only when it is smaller. Pictures are decoded
under Pillow's decompression-bomb limit; one Pillow cannot open is left as it is. Cropped
areas (``a:srcRect``) are kept: cutting them changes how a later edit can un-crop.
"""

from __future__ import annotations

import io
import posixpath

from lxml import etree

from validator.core.location import Location
from validator.files.document import Document
from validator.fix.office import CT, RELS, _remove_parts
from validator.fix.package import Edits
from validator.fix.records import FixPlace, FixRecord

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
PPI = 220
JPEG_QUALITY = 85
EMU_PER_INCH = 914400
_RASTER = ("image/png", "image/jpeg", "image/bmp", "image/tiff", "image/gif")
_MAX_PIXELS = 80_000_000


def _target(source: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


Shown = dict[str, list[Location]]


def _shown_sizes(doc: Document, places: Shown | None = None) -> dict[str, tuple[float, float]]:
    """The largest size (inches) each picture part is shown at on slides, layouts, masters;
    ``places`` gets where each is shown (a slide and the picture's name, a layout, a master)."""
    pkg = doc.ooxml
    shown: dict[str, tuple[float, float]] = {}
    numbers = {ref.part: ref.number for ref in doc.deck.slides}
    for part, ctype in pkg.content_types.items():
        if not ctype.endswith(("slide+xml", "slideLayout+xml", "slideMaster+xml")):
            continue
        rels = {r.id: r for r in pkg.rels(part)}
        for blip in pkg.xml(part).iter(f"{A}blip"):
            rel = rels.get(blip.get(R_EMBED) or "")
            if rel is None or rel.external:
                continue
            pic = blip.getparent()
            while pic is not None and pic.tag not in (f"{P}pic", f"{P}bg", f"{P}sp"):
                pic = pic.getparent()
            ext = pic.find(f"{P}spPr/{A}xfrm/{A}ext") if pic is not None else None
            if ext is None:  # a background fills the slide
                width, height = doc.deck.width, doc.deck.height
            else:
                try:
                    width, height = int(ext.get("cx") or 0), int(ext.get("cy") or 0)
                except ValueError:
                    continue
            name = rel.target.lstrip("/")
            if places is not None:
                places.setdefault(name, []).append(_place(part, numbers.get(part), pic))
            old = shown.get(name, (0.0, 0.0))
            shown[name] = (max(old[0], width / EMU_PER_INCH), max(old[1], height / EMU_PER_INCH))
    return shown


def _place(part: str, slide: int | None, pic: etree._Element | None) -> Location:
    """Where a picture shows: its slide and its own name there, or the layout or master."""
    if slide is None:
        return Location(part=part)
    nv = pic.find(f"{P}nvPicPr/{P}cNvPr") if pic is not None else None
    return Location(slide=slide, shape=nv.get("name") if nv is not None else None)


def picture_place(places: list[Location]) -> FixPlace:
    """A picture in words: its name on the first slide that shows it, every slide showing
    it, and the layouts or masters that draw it."""
    named = next((p.shape for p in places if p.shape), "")
    slides = tuple(sorted({p.slide for p in places if p.slide is not None}))
    others = tuple(dict.fromkeys(p for p in places if p.slide is None))
    return FixPlace("picture", others, name=named or "", slides=slides)


def _referenced(doc: Document) -> set[str]:
    return {rel.target.lstrip("/") for _, rel in doc.ooxml.all_rels() if not rel.external}


Steps = tuple[tuple[str, str], ...]


def _smaller(data: bytes, inches: tuple[float, float], ppi: int = PPI
             ) -> tuple[bytes, str, Steps] | None:
    """(new bytes, format, what was done) or None when no smaller version exists."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = _MAX_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as img:
            img.load()
            size = img.size
            limit = (max(1, round(inches[0] * ppi)), max(1, round(inches[1] * ppi)))
            work: Image.Image = img
            steps: list[tuple[str, str]] = [("pixels", ""), ("jpeg", "")]
            if size[0] > limit[0] * 1.05 and size[1] > limit[1] * 1.05:
                scale = max(limit[0] / size[0], limit[1] / size[1])
                new = (max(1, round(size[0] * scale)), max(1, round(size[1] * scale)))
                work = img.resize(new, Image.Resampling.LANCZOS)
                steps[0] = ("pixels", f"{size[0]}x{size[1]} -> {new[0]}x{new[1]}")
            alpha = "A" in work.getbands() or "transparency" in work.info
            out = io.BytesIO()
            if not alpha and work.mode in ("RGB", "L", "P", "CMYK", "YCbCr"):
                work.convert("RGB" if work.mode != "L" else "L").save(
                    out, "JPEG", quality=JPEG_QUALITY, optimize=True)
                fmt = "jpeg"
                steps[1] = ("jpeg", str(JPEG_QUALITY))
            else:
                work.save(out, "PNG", optimize=True)
                fmt = "png"
    except Exception:  # Pillow's own errors vary by format; the picture stays as it is
        return None
    new_data = out.getvalue()
    if len(new_data) >= len(data) * 0.95:
        return None
    return new_data, fmt, tuple(steps)


def _rename(doc: Document, edits: Edits, old: str, new: str) -> None:
    """Point every relationship at ``new`` and make sure its extension has a content type."""
    pkg = doc.ooxml
    for name in pkg.zip.names:
        if not name.endswith(".rels") or name in edits.removed:
            continue
        source = name.replace("_rels/", "")[:-5] if name != "_rels/.rels" else ""
        tree = pkg.xml(name)
        for rel in tree.iterfind(f"{RELS}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            if _target(source, rel.get("Target") or "") == old:
                rel.set("Target", posixpath.relpath(new, posixpath.dirname(source) or "."))
                edits.touch(name)
    types = pkg.xml("[Content_Types].xml")
    ext = new.rsplit(".", 1)[-1]
    if not any((d.get("Extension") or "").lower() == ext for d in types.iterfind(f"{CT}Default")):
        default = etree.Element(f"{CT}Default", Extension=ext, ContentType=f"image/{ext}")
        first_override = types.find(f"{CT}Override")
        if first_override is not None:
            first_override.addprevious(default)
        else:
            types.append(default)
    for override in list(types.iterfind(f"{CT}Override")):
        if (override.get("PartName") or "").lstrip("/") == old:
            types.remove(override)
    edits.touch("[Content_Types].xml")
    edits.removed.add(old)


def shrink_pictures(doc: Document, limit_bytes: int, edits: Edits, ppi: int = PPI
                    ) -> tuple[list[FixRecord], int | None]:
    """Records of what was done, and the estimated size when the deck is still over.

    ``ppi`` is the resolution kept of each picture's shown size (the benchmarks compare 150).
    """
    pkg = doc.ooxml
    size = doc.size
    records: list[FixRecord] = []
    if size <= limit_bytes:
        return records, None
    # 1. the thumbnail and media nothing refers to
    referenced = _referenced(doc)
    drop = {name for name, ctype in pkg.content_types.items()
            if name.startswith("docProps/thumbnail")
            or (ctype.startswith("image/") and name not in referenced)}
    drop = {d for d in drop if pkg.has(d)}
    if drop:
        saved = sum(pkg.zip.names[d].compress_size for d in drop)
        _remove_parts(doc, edits, drop)
        size -= saved
        thumbnail = any(d.startswith("docProps/thumbnail") for d in drop)
        unused = len(drop) - thumbnail
        dropped = "thumbnail_unused" if thumbnail and unused else \
            "thumbnail" if thumbnail else "unused_pictures"
        records.append(FixRecord("SLD003", ", ".join(f"/{d}" for d in sorted(drop)),
                                 str(saved), "", kind="removed", args=(("bytes", str(saved)),),
                                 place=FixPlace(dropped, number=unused)))
    # 2. pictures, largest first
    places: Shown = {}
    shown = _shown_sizes(doc, places)
    pictures = sorted(((name, pkg.zip.names[name].compress_size) for name in shown
                       if pkg.has(name) and name not in edits.removed
                       and pkg.content_types.get(name, "").startswith(_RASTER)),
                      key=lambda item: -item[1])
    taken = set(pkg.zip.names)
    for name, stored in pictures:
        if size <= limit_bytes:
            break
        result = _smaller(pkg.read(name), shown[name], ppi)
        if result is None:
            continue
        data, fmt, what = result
        target = name
        if fmt == "jpeg" and not name.lower().endswith((".jpeg", ".jpg")):
            stem = name.rsplit(".", 1)[0]
            target = f"{stem}.jpeg"
            n = 1
            while target in taken:
                target = f"{stem}_{n}.jpeg"
                n += 1
            taken.add(target)
            _rename(doc, edits, name, target)
        edits.data[target] = data
        size -= stored - len(data)
        records.append(FixRecord("SLD003", f"/{name}", str(stored), str(len(data)),
                                 kind="picture", args=(*what, ("target", f"/{target}")),
                                 place=picture_place(places.get(name, []))))
    return records, (size if size > limit_bytes else None)

