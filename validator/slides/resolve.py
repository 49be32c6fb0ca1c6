"""``resolved_runs``: the effective size of every run of text a deck shows on its slides.

For each slide in ``p:sldIdLst`` order (hidden slides skipped unless asked for), the runs are
yielded in drawing order: master decorations, layout decorations (both subject to
``showMasterSp``), then the slide's own shapes. Placeholders on layouts and masters are
templates and never drawn; notes are not slides. Text entirely outside the slide rectangle is
not shown and is left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from lxml import etree

from validator.core.findings import Box
from validator.formats.ooxml import OoxmlPackage
from validator.formats.pptx import Deck, SlideRef
from validator.slides.charts import ChartReader
from validator.slides.parts import (
    DeckParts,
    Template,
    layout_match,
    master_match,
    ph_idx,
    ph_type,
    text_style_name,
)
from validator.slides.preview import class_words, ole_preview
from validator.slides.runs import (
    CDR,
    DSP,
    URI_CHART,
    URI_TABLE,
    A,
    C,
    P,
    R,
    ResolvedRun,
    StyleRoot,
)
from validator.slides.shapes import IDENTITY, Placed, off_slide, place, walk
from validator.slides.smartart import drawing_shapes, is_diagram, read_diagram
from validator.slides.styles import c_nv_pr, child, font_scale, placeholder, rect, xfrm_of
from validator.slides.text import (
    Found,
    Layer,
    RootedLayer,
    nominal_root,
    own_list_style,
    text_runs,
)

_SP, _FRAME, _CONTENT_PART = f"{P}sp", f"{P}graphicFrame", f"{P}contentPart"
EMU_PER_PT = 12700


class _Shape:
    """What every run of one shape shares: identity, origin and box."""

    __slots__ = ("box", "name", "origin", "part", "shape_id", "slide")

    def __init__(self, slide: int, el: etree._Element, origin: str, part: str,
                 box: Box | None) -> None:
        nv = c_nv_pr(el)
        self.slide = slide
        self.origin = origin
        self.part = part
        self.box = box
        self.name = (nv.get("name") if nv is not None else None) or ""
        try:
            self.shape_id = int(nv.get("id") or "0") if nv is not None else 0
        except ValueError:
            self.shape_id = 0

    def run(self, text: str, size: float | None, nominal_pt: float | None, scale: float | None,
            source: str, *, kind: str = "text", paragraph: int = 0, level: int = 0,
            autofit: str | None = None, cell: str | None = None,
            alt_size_pt: float | None = None, root: StyleRoot | None = None) -> ResolvedRun:
        return ResolvedRun(self.slide, self.shape_id, self.name, text, size, nominal_pt, scale,
                           source, self.origin, self.part, self.box, in_table=cell is not None,
                           alt_size_pt=alt_size_pt, kind=kind, paragraph=paragraph,
                           level=level, cell=cell, autofit=autofit, root=root)


def _pt(hundredths: float) -> float:
    return round(hundredths / 100, 4)


def _text_body_runs(shape: _Shape, tx_body: etree._Element,
                    layers: list[Layer] | list[RootedLayer], extra: str = "",
                    kind: str = "text") -> Iterator[ResolvedRun]:
    scale, mode = font_scale(child(tx_body, f"{A}bodyPr"))
    memo: dict[tuple[str, int], Found] = {}
    for tr in text_runs(tx_body):
        if tr.run is None:
            yield shape.run(tr.text, None, None, None,
                            "Office math equation: its size cannot be read",
                            paragraph=tr.paragraph, level=tr.level, autofit=mode, kind="object")
            continue
        sz, source, root = nominal_root(tr, layers, memo)
        nominal_pt = _pt(sz)
        size = round(nominal_pt * scale, 4)
        if scale != 1.0:
            source = f"{source}; autofit {scale * 100:g}% of {nominal_pt:g} pt"
        yield shape.run(tr.text, size, nominal_pt, scale, extra + source, kind=kind,
                        paragraph=tr.paragraph, level=tr.level, autofit=mode, root=root)


class SlideResolver:
    """Resolves the runs of one slide against its layout, master and presentation."""

    def __init__(self, parts: DeckParts, ref: SlideRef) -> None:
        self.parts = parts
        self.ref = ref
        self.size = (parts.deck.width, parts.deck.height)
        self.layout = parts.layout_of(ref.part)
        self.master = parts.master_of(self.layout)

    @property
    def _default_root(self) -> StyleRoot:
        return StyleRoot(self.parts.deck.presentation_part, "p:defaultTextStyle",
                         "default-style")

    # -- placeholders (chain A) --------------------------------------------------------------
    def _placeholder_layers(self, ph: etree._Element
                            ) -> tuple[list[RootedLayer], Box | None]:
        """Chain A layers after the shape's own list style, and the inherited geometry."""
        kind, idx = ph_type(ph), ph_idx(ph)
        lay = layout_match(self.layout, kind, idx)
        lay_ph = placeholder(lay) if lay is not None else None
        if lay_ph is not None and ph.get("type") is None:
            kind = ph_type(lay_ph)
        mas = master_match(self.master, ph_type(lay_ph) if lay_ph is not None else kind)
        layers: list[RootedLayer] = []
        if lay is not None and lay_ph is not None and self.layout is not None:
            where = (f"placeholder idx {ph_idx(lay_ph)}" if lay_ph.get("idx") is not None
                     else f"{ph_type(lay_ph)} placeholder")
            layers.append((f"layout '{self.layout.name}' {where}", _lst(lay),
                           StyleRoot(self.layout.part, _ph_path(lay_ph), "layout-placeholder",
                                     self.layout.name)))
        if mas is not None and self.master is not None:
            mas_ph = placeholder(mas)
            mas_kind = ph_type(mas_ph) if mas_ph is not None else "body"
            layers.append((f"master {mas_kind} placeholder", _lst(mas),
                           StyleRoot(self.master.part, _ph_path(mas_ph), "master-placeholder",
                                     mas_kind)))
        if self.master is not None:
            style = text_style_name(kind)
            layers.append((f"master {style}", self.master.text_style(style),
                           StyleRoot(self.master.part, f"p:txStyles/p:{style}", "master-style",
                                     style)))
        layers.append(("presentation defaultTextStyle", self.parts.default_text_style,
                       self._default_root))
        box = None
        for source in (lay, mas):
            if source is not None:
                box = place(rect(xfrm_of(source)), IDENTITY, self.size)
                if box is not None:
                    break
        return layers, box

    def _shape_runs(self, placed: Placed, origin: str, part: str, number: int
                    ) -> Iterator[ResolvedRun]:
        el = placed.element
        tag = el.tag
        ph = placeholder(el)
        if ph is not None and origin != "slide":
            return  # layout/master placeholders are templates, never drawn
        box = placed.box
        if tag == _SP:
            tx = child(el, f"{P}txBody")
            if tx is None:
                return
            own: RootedLayer = ("shape lstStyle", own_list_style(tx), None)
            if ph is not None:
                layers, inherited = self._placeholder_layers(ph)
                box = box or inherited
                layers.insert(0, own)
            else:
                layers = [own, ("presentation defaultTextStyle", self.parts.default_text_style,
                                self._default_root)]
            if off_slide(box):
                return
            yield from _text_body_runs(_Shape(number, el, origin, part, box), tx, layers)
        elif tag == _FRAME:
            if off_slide(box):
                return
            yield from self._frame_runs(_Shape(number, el, origin, part, box), el, part)
        elif tag == _CONTENT_PART:
            shape = _Shape(number, el, origin, part, box)
            yield shape.run("", None, None, None,
                            "content part (ink or embedded content): size cannot be read",
                            kind="object")

    def _frame_runs(self, shape: _Shape, el: etree._Element, part: str
                    ) -> Iterator[ResolvedRun]:
        data = el.find(f"{A}graphic/{A}graphicData")
        if data is None:
            return
        uri = data.get("uri") or ""
        if uri == URI_TABLE:
            yield from self._table_runs(shape, data)
        elif uri == URI_CHART:
            yield from self._chart_runs(shape, data, part)
        elif is_diagram(data) is not None:
            yield from self._diagram_runs(shape, data, part)
        else:
            what = "chart of a newer type (chartex)" if "chartex" in uri else "embedded object"
            ole = child(data, f"{P}oleObj")
            if ole is None:
                ole = next(data.iter(f"{P}oleObj"), None)
            label = (ole.get("progId") or ole.get("name") or "") if ole is not None else ""
            if ole is not None and is_picture_object(ole):
                return  # a picture kept as an OLE object carries no text
            yield from self._object_runs(shape, data, part, label,
                                         f"{what} ({uri.rsplit('/', 1)[-1]})")

    def _object_runs(self, shape: _Shape, data: etree._Element, part: str, label: str,
                     what: str) -> Iterator[ResolvedRun]:
        """The text of an embedded object, sized from its stored preview picture: each text
        record's font height over the picture's frame height, times the displayed height."""
        preview = ole_preview(self.parts, part, data)
        picture = preview.picture
        height = shape.box.height if shape.box is not None else 0
        problem = preview.problem
        if picture is not None and not picture.texts and picture.raster:
            problem = "its preview draws no text records, only a raster picture"
        elif picture is not None and height <= 0:
            problem = "the object has no displayed size"
        if picture is None or problem:
            yield shape.run(label, None, None, None,
                            f"{what}: its text size cannot be read ({problem})", kind="object")
            return
        words = f"the embedded {class_words(label)}"
        for text in picture.texts:
            if text.fraction is None:
                yield shape.run(text.text, None, None, None,
                                f"{preview.part}: preview picture ({picture.kind}) of {words}: "
                                "a text record without a readable font height", kind="object")
                continue
            size = round(text.fraction / preview.shown * height / EMU_PER_PT, 2)
            yield shape.run(text.text, size, size, 1.0,
                            f"{preview.part}: preview picture ({picture.kind}) of {words}: "
                            "font heights of its text records, scaled by the displayed size",
                            kind="object")

    def _table_runs(self, shape: _Shape, data: etree._Element) -> Iterator[ResolvedRun]:
        other = self.master.text_style("otherStyle") if self.master is not None else None
        other_root = (StyleRoot(self.master.part, "p:txStyles/p:otherStyle", "master-style",
                                "otherStyle") if self.master is not None else None)
        dts = self.parts.default_text_style
        for r, row in enumerate(data.iterfind(f"{A}tbl/{A}tr"), 1):
            for c, cell in enumerate(row.iterfind(f"{A}tc"), 1):
                if cell.get("hMerge") in ("1", "true") or cell.get("vMerge") in ("1", "true"):
                    continue
                tx = child(cell, f"{A}txBody")
                if tx is None:
                    continue
                own: Layer = ("cell lstStyle", own_list_style(tx))
                main: list[RootedLayer] = [(own[0], own[1], None),
                                           ("master otherStyle", other, other_root),
                                           ("presentation defaultTextStyle", dts,
                                            self._default_root)]
                alt = [own, ("presentation defaultTextStyle", dts)]
                memo: dict[tuple[str, int], Found] = {}
                alt_memo: dict[tuple[str, int], Found] = {}
                for tr in text_runs(tx):
                    if tr.run is None:
                        continue
                    sz, source, root = nominal_root(tr, main, memo)
                    alt_sz, _, _ = nominal_root(tr, alt, alt_memo)
                    yield shape.run(tr.text, _pt(sz), _pt(sz), 1.0, f"table cell R{r}C{c}: "
                                    f"{source}", alt_size_pt=_pt(alt_sz), kind="table",
                                    paragraph=tr.paragraph, level=tr.level, cell=f"R{r}C{c}",
                                    root=root)

    def _chart_runs(self, shape: _Shape, data: etree._Element, part: str
                    ) -> Iterator[ResolvedRun]:
        ref = child(data, f"{C}chart")
        chart_part = self.parts.target(part, ref.get(f"{R}id") if ref is not None else None)
        if chart_part is None:
            yield shape.run("", None, None, None, "chart part missing: size cannot be read",
                            kind="chart")
            return
        reader = ChartReader(self.parts.pkg.xml(chart_part),
                             self.parts.has_kind(chart_part, "chartStyle"))
        for t in reader.texts():
            size = _pt(t.hundredths) if t.hundredths is not None else None
            yield shape.run(t.text, size, size, 1.0 if size is not None else None,
                            f"{chart_part}: {t.label}: {t.source}", kind="chart")
        users = self.parts.first_of_kind(chart_part, "chartUserShapes")
        if users is not None:
            # Text boxes drawn over the chart: chain B without the presentation's styles.
            for tx in self.parts.pkg.xml(users).iter(f"{CDR}txBody"):
                layers: list[Layer] = [("chart drawing shape lstStyle", own_list_style(tx))]
                yield from _text_body_runs(shape, tx, layers, f"{users}: ", kind="chart")

    def _diagram_runs(self, shape: _Shape, data: etree._Element, part: str
                      ) -> Iterator[ResolvedRun]:
        rel_ids = is_diagram(data)
        if rel_ids is None:
            return
        diagram = read_diagram(self.parts, part, rel_ids)
        if diagram.drawing is None:
            yield shape.run(diagram.data_text[:200], None, None, None,
                            "SmartArt without its drawing cache: the layout engine decides "
                            "the size", kind="smartart")
            return
        dts = self.parts.default_text_style
        for sp in drawing_shapes(diagram.drawing):
            tx = child(sp, f"{DSP}txBody")
            if tx is None:
                continue
            layers: list[Layer] = [("SmartArt shape lstStyle", own_list_style(tx)),
                                   ("presentation defaultTextStyle", dts)]
            yield from _text_body_runs(shape, tx, layers, f"{diagram.drawing_part}: ",
                                       kind="smartart")

    # -- the slide ---------------------------------------------------------------------------
    def _decorations(self, tpl: Template | None, origin: str) -> Iterator[ResolvedRun]:
        """The runs a layout or master draws, resolved once per part and stamped per slide."""
        if tpl is None or tpl.sp_tree is None:
            return
        cached = self.parts.decorations.get(tpl.part)
        if cached is None:
            cached = tuple(run for placed in walk(tpl.sp_tree, self.size)
                           for run in self._shape_runs(placed, origin, tpl.part, 0))
            self.parts.decorations[tpl.part] = cached
        for run in cached:
            yield replace(run, slide=self.ref.number)

    def runs(self) -> Iterator[ResolvedRun]:
        root = self.parts.pkg.xml(self.ref.part)
        shows = root.get("showMasterSp") not in ("0", "false")
        if shows:
            if self.layout is None or self.layout.shows_master_shapes:
                yield from self._decorations(self.master, "master")
            yield from self._decorations(self.layout, "layout")
        tree = root.find(f"{P}cSld/{P}spTree")
        if tree is not None:
            for placed in walk(tree, self.size):
                yield from self._shape_runs(placed, "slide", self.ref.part, self.ref.number)


#: OLE classes whose objects are pictures (raster editors): they draw no text of their own.
PICTURE_CLASSES = ("Photoshop.Image", "PBrush", "Paint.Picture", "MSPhotoEd", "PhotoEditor",
                   "Photo Editor Photo", "Bitmap Image", "Paintbrush Picture", "CorelPhotoPaint",
                   "PhotoPaint", "Imaging.Document")


def is_picture_object(ole: etree._Element) -> bool:
    """Whether an ``p:oleObj`` embeds a picture (by its class), not a document with text."""
    names = (ole.get("progId") or "", ole.get("name") or "")
    return any(n.startswith(PICTURE_CLASSES) for n in names if n)


def _ph_path(ph: etree._Element | None) -> str:
    """The list style of a layout or master placeholder, as a path a person can follow."""
    if ph is None:
        return "p:cSld/p:spTree/p:sp/p:txBody/a:lstStyle"
    key = (f"@idx='{ph.get('idx')}'" if ph.get("idx") is not None
           else f"@type='{ph_type(ph)}'")
    return f"p:cSld/p:spTree/p:sp[p:nvSpPr/p:nvPr/p:ph[{key}]]/p:txBody/a:lstStyle"


def _lst(el: etree._Element) -> etree._Element | None:
    tx = child(el, f"{P}txBody")
    return child(tx, f"{A}lstStyle") if tx is not None else None


def resolved_runs(pkg: OoxmlPackage, deck: Deck, *, include_hidden: bool = False
                  ) -> Iterator[ResolvedRun]:
    """Yield every run of text the deck's visible slides show, with its effective size."""
    parts = DeckParts(pkg, deck)
    for ref in deck.slides:
        if ref.hidden and not include_hidden:
            continue
        yield from SlideResolver(parts, ref).runs()
