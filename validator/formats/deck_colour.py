"""Survey of the colours a PresentationML deck draws on its visible slides.

Sources, in the order they are read (the survey stops at the first colourful one):

1. every colour element of each visible slide, of its layout and of its master (fills, lines,
   text, backgrounds, effects, theme style references ``p:style``), resolved through the colour
   map and the master's theme (``validator.formats.drawing_colour``);
2. the table styles that tables on visible slides name (``a:tableStyleId``; a table without
   one is drawn without a style, as LibreOffice does; a built-in style that the file names but
   does not store is known only for PowerPoint's default, otherwise not judged), the charts
   and SmartArt drawings placed on visible slides; a chart series without its own fill is drawn
   in the theme's accent colours (``accent1`` is taken as its colour);
3. the pictures (``a:blip r:embed``) of those parts, sampled when the stored picture is at most
   ``max_picture_bytes`` (``validator.formats.picture_colour``). Pictures over the limit, vector
   pictures (EMF, WMF, SVG) and unreadable ones are listed as not sampled, and so is SmartArt
   without its stored drawing (PowerPoint's layout engine colours it).

Theme colours that no visible element uses are not counted: a deck can carry a colourful theme
and still show only black on white.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from validator.formats.drawing_colour import (
    COLOUR_TAGS,
    chroma,
    colour_map,
    resolve,
    theme_colours,
)
from validator.formats.ooxml import NS, OoxmlPackage
from validator.formats.picture_colour import sample_picture
from validator.formats.pptx import Deck

R_EMBED = f"{{{NS['r']}}}embed"
#: Built-in table styles that files name without storing them, and the theme colour they fill
#: with: PowerPoint's default "Medium Style 2 - Accent 1" (python-pptx writes it too).
BUILT_IN_TABLE_STYLES = {"{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}": "accent1"}
RASTER = (".png", ".jpg", ".jpeg", ".jpe", ".gif", ".bmp", ".tif", ".tiff", ".webp")


@dataclass(frozen=True, slots=True)
class ColourLimits:
    min_chroma: int
    min_picture_share: float
    max_picture_bytes: int
    max_picture_pixels: int


@dataclass(slots=True)
class ColourSurvey:
    """What was seen: how many colours and pictures, the most chromatic, the first colourful."""

    colours: int = 0
    max_chroma: int = 0
    pictures: int = 0
    colourful: str | None = None  # evidence of the first colourful element or picture
    unsampled: list[str] = field(default_factory=list)  # what could not be judged
    slides: int = 0


#: A master's colour map and its theme's colours, read once per deck.
_MasterColours = tuple[dict[str, str], dict[str, etree._Element]]


@dataclass(frozen=True, slots=True)
class _Context:
    mapping: dict[str, str]
    theme: dict[str, etree._Element]


def _first(pkg: OoxmlPackage, part: str, kind: str) -> str | None:
    targets = pkg.related(part, kind)
    return targets[0] if targets and pkg.has(targets[0]) else None


def _context(pkg: OoxmlPackage, slide: str, layout: str | None, master: str | None,
             masters: dict[str, _MasterColours]) -> _Context:
    """The colour map and theme colours a slide sees. ``masters`` holds, per master, its map
    and its theme's colours, read once per deck (a deck's slides share a few masters)."""
    base = masters.get(master) if master else None
    if base is None:
        theme_part = _first(pkg, master, "theme") if master else None
        theme = theme_colours(pkg.xml(theme_part)) if theme_part else {}
        base = (colour_map(pkg.xml(master).find("p:clrMap", NS) if master else None), theme)
        if master:
            masters[master] = base
    mapping, theme = base
    for part in (layout, slide):
        if part is None:
            continue
        override = pkg.xml(part).find("p:clrMapOvr/a:overrideClrMapping", NS)
        if override is not None:
            mapping = colour_map(override)
    return _Context(mapping, theme)


class _Survey:
    def __init__(self, pkg: OoxmlPackage, limits: ColourLimits) -> None:
        self.pkg = pkg
        self.limits = limits
        self.result = ColourSurvey()
        self._done_parts: set[str] = set()
        self._done_pictures: set[str] = set()
        self._done_styles: set[str] = set()
        self.table_styles: etree._Element | None = None
        presentation = pkg.main_part
        target = _first(pkg, presentation, "tableStyles")
        if target is not None:
            self.table_styles = pkg.xml(target)

    def _note(self, rgb: tuple[int, int, int], what: str) -> None:
        self.result.colours += 1
        c = chroma(rgb)
        self.result.max_chroma = max(self.result.max_chroma, c)
        if c >= self.limits.min_chroma and self.result.colourful is None:
            self.result.colourful = f"{what}: #{rgb[0]:02X}{rgb[1]:02X}{rgb[2]:02X} (chroma {c})"

    def colours(self, part: str, ctx: _Context) -> None:
        if part in self._done_parts:
            return
        self._done_parts.add(part)
        root = self.pkg.xml(part)
        for el in root.iter(*COLOUR_TAGS):
            parent = el.getparent()
            if parent is not None and parent.tag in COLOUR_TAGS:
                continue
            rgb = resolve(el, ctx.mapping, ctx.theme)
            if rgb is not None:
                self._note(rgb, f"/{part} {etree.QName(el).localname} "
                                f"{el.get('val') or el.get('lastClr') or ''}".rstrip())
                if self.result.colourful:
                    return
        if root.tag == f"{{{NS['c']}}}chartSpace":
            self._auto_series(part, root, ctx)
        for tbl in root.iter(f"{{{NS['a']}}}tbl"):
            self._table_style(tbl, ctx)
            if self.result.colourful:
                return

    def _table_style(self, tbl: etree._Element, ctx: _Context) -> None:
        """A table draws in the table style its ``a:tableStyleId`` names (none: no style)."""
        styles = self.table_styles
        if styles is None:
            return
        style_id = (tbl.findtext("a:tblPr/a:tableStyleId", "", NS) or "").strip()
        if not style_id or style_id in self._done_styles:
            return
        self._done_styles.add(style_id)
        stored = [s for s in styles.iterfind("a:tblStyle", NS) if s.get("styleId") == style_id]
        if not stored:
            slot = BUILT_IN_TABLE_STYLES.get(style_id.upper())
            accent = ctx.theme.get(ctx.mapping.get(slot, slot)) if slot else None
            rgb = resolve(accent, ctx.mapping, ctx.theme) if accent is not None else None
            if rgb is None:
                self.result.unsampled.append(f"table style {style_id}: built into PowerPoint, "
                                             "not stored in the file")
            else:
                self._note(rgb, f"built-in table style {style_id} ({slot})")
            return
        for style in stored:
            if style.get("styleId") != style_id:
                continue
            for el in style.iter(*COLOUR_TAGS):
                parent = el.getparent()
                if parent is not None and parent.tag in COLOUR_TAGS:
                    continue
                rgb = resolve(el, ctx.mapping, ctx.theme)
                if rgb is not None:
                    self._note(rgb, f"table style '{style.get('styleName', style_id)}'")

    def _auto_series(self, part: str, root: etree._Element, ctx: _Context) -> None:
        for ser in root.iter(f"{{{NS['c']}}}ser"):
            if ser.find("c:spPr/a:solidFill", NS) is None and \
                    ser.find("c:spPr/a:gradFill", NS) is None and \
                    ser.find("c:spPr/a:ln/a:solidFill", NS) is None:
                accent = ctx.theme.get(ctx.mapping.get("accent1", "accent1"))
                rgb = resolve(accent, ctx.mapping, ctx.theme) if accent is not None else None
                if rgb is not None:
                    self._note(rgb, f"/{part} series in automatic colour (theme accent1)")
                return

    def pictures(self, part: str) -> None:
        root = self.pkg.xml(part)
        for blip in root.iter(f"{{{NS['a']}}}blip"):
            rid = blip.get(R_EMBED)
            rel = self.pkg.rel_target(part, rid) if rid else None
            if rel is None or rel.external or not self.pkg.has(rel.target):
                continue
            target = rel.target
            if target in self._done_pictures:
                continue
            self._done_pictures.add(target)
            self._picture(target)
            if self.result.colourful:
                return

    def _picture(self, target: str) -> None:
        limits = self.limits
        if not target.lower().endswith(RASTER):
            self.result.unsampled.append(f"/{target}: not a raster picture")
            return
        size = self.pkg.zip.size(target)
        if size > limits.max_picture_bytes:
            self.result.unsampled.append(f"/{target}: {size} bytes, over the "
                                         f"{limits.max_picture_bytes} byte sampling limit")
            return
        sample = sample_picture(self.pkg.zip.read(target, limits.max_picture_bytes),
                                limits.min_chroma, limits.max_picture_pixels)
        if sample.share is None:
            self.result.unsampled.append(f"/{target}: {sample.reason}")
            return
        self.result.pictures += 1
        self.result.max_chroma = max(self.result.max_chroma, sample.max_chroma)
        if sample.share >= limits.min_picture_share:
            self.result.colourful = (f"picture /{target}: {sample.share:.0%} of sampled pixels "
                                     f"are colourful")


def _slide_parts(pkg: OoxmlPackage, deck: Deck) -> Iterator[tuple[str, list[str], _Context]]:
    masters: dict[str, _MasterColours] = {}
    for ref in deck.slides:
        if ref.hidden:
            continue
        layout = _first(pkg, ref.part, "slideLayout")
        master = _first(pkg, layout, "slideMaster") if layout else None
        ctx = _context(pkg, ref.part, layout, master, masters)
        extra = [t for kind in ("chart", "diagramDrawing") for t in pkg.related(ref.part, kind)
                 if pkg.has(t)]
        parts = [ref.part, *[p for p in (layout, master) if p], *extra]
        yield ref.part, parts, ctx


def survey_deck(pkg: OoxmlPackage, deck: Deck, limits: ColourLimits) -> ColourSurvey:
    """Survey the visible slides' colours; stop at the first colourful element or picture."""
    survey = _Survey(pkg, limits)
    slides = list(_slide_parts(pkg, deck))
    survey.result.slides = len(slides)
    for slide, _, _ctx in slides:
        if pkg.related(slide, "diagramData") and not pkg.related(slide, "diagramDrawing"):
            survey.result.unsampled.append(f"/{slide}: SmartArt without its drawing, coloured "
                                           "by PowerPoint's layout engine")
    for _, parts, ctx in slides:
        for part in parts:
            survey.colours(part, ctx)
            if survey.result.colourful:
                return survey.result
    for _, parts, _ctx in slides:
        for part in parts:
            survey.pictures(part)
            if survey.result.colourful:
                return survey.result
    return survey.result
