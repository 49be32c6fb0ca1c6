"""SLD002 in charts: the sizes of a chart's text raised in the chart's own part.

A chart draws its titles, axis labels, legend and data labels from its chart part
(``c:chartSpace``), sized as the check reads them (``slides.charts``, chain D): a run's or a
paragraph's ``sz``, the element's ``c:txPr``, the chart-wide ``c:chartSpace/c:txPr``, then the
chart style part or the built-in 10 pt (the title 18 pt, or 1.2 times the chart-wide size). The
fix raises every ``sz`` under the minimum in the part; when some text still takes a size under
the minimum from further up (the chart-wide size, the built-in default), it sets the chart-wide
size to the minimum, adding a ``c:txPr`` in its place in ``c:chartSpace`` where the part has
none. A size only the chart's style part gives is not known, so it is left. Text boxes drawn
over the chart (``c:userShapes``) are sized like a slide's own text box: a run under the
minimum gets the minimum on itself. Larger sizes stay as they are.

The chart program lays the chart out again when it is shown (labels may wrap, turn or be
thinned out), so the record's sentence asks a person to look at it.
"""

from __future__ import annotations

from lxml import etree

from validator.files.document import Document
from validator.fix.package import Edits
from validator.fix.records import FixPlace, FixRecord
from validator.fix.sizes import insert_before, raise_sz, sz_of
from validator.slides import ResolvedRun
from validator.slides.charts import ChartReader
from validator.slides.runs import CDR, A, C, P, R
from validator.slides.styles import child
from validator.slides.text import Found, Layer, nominal_root, own_list_style, text_runs

#: What follows ``c:txPr`` in ``c:chartSpace`` (CT_ChartSpace): a new one goes before these.
_AFTER_TX_PR = (f"{C}externalData", f"{C}printSettings", f"{C}userShapes", f"{C}extLst")
#: What follows ``a:defRPr`` in ``a:pPr`` (CT_TextParagraphProperties).
_AFTER_DEF_RPR = (f"{A}extLst",)


def shape_by_id(tree: etree._Element, shape_id: int) -> etree._Element | None:
    """The shape of a slide, layout or master part whose ``p:cNvPr@id`` is ``shape_id``."""
    for nv in tree.iter(f"{P}cNvPr"):
        if nv.get("id") == str(shape_id):
            outer = nv.getparent()
            return outer.getparent() if outer is not None else None
    return None


def chart_of(doc: Document, run: ResolvedRun) -> str | None:
    """The chart part a chart run's graphic frame shows, or None (no frame, no chart, a
    relationship that points outside the file or to a part it does not hold)."""
    pkg = doc.ooxml
    frame = shape_by_id(pkg.xml(run.origin_part), run.shape_id)
    if frame is None:
        return None
    ref = frame.find(f"{A}graphic/{A}graphicData/{C}chart")
    rid = ref.get(f"{R}id") if ref is not None else None
    rel = pkg.rel_target(run.origin_part, rid) if rid else None
    if rel is None or rel.external or not pkg.has(rel.target):
        return None
    return rel.target


def _chart_wide(root: etree._Element, minimum: int) -> None:
    """Set the chart-wide size (``c:chartSpace/c:txPr``'s first paragraph default) to
    ``minimum``, adding what is missing of that path in its schema place."""
    tx_pr = child(root, f"{C}txPr")
    if tx_pr is None:
        tx_pr = etree.Element(f"{C}txPr")
        etree.SubElement(tx_pr, f"{A}bodyPr")
        etree.SubElement(tx_pr, f"{A}lstStyle")
        insert_before(root, tx_pr, _AFTER_TX_PR)
    para = child(tx_pr, f"{A}p")
    if para is None:
        para = etree.SubElement(tx_pr, f"{A}p")
    ppr = child(para, f"{A}pPr")
    if ppr is None:
        ppr = etree.Element(f"{A}pPr")
        para.insert(0, ppr)
    default = child(ppr, f"{A}defRPr")
    if default is None:
        default = etree.Element(f"{A}defRPr")
        insert_before(ppr, default, _AFTER_DEF_RPR)
    default.set("sz", str(minimum))


def _raise_set_sizes(root: etree._Element, minimum: int) -> int:
    """Raise every ``sz`` under ``minimum`` on the part's run and paragraph properties."""
    return sum(raise_sz(el, minimum)[1] for el in root.iter(f"{A}defRPr", f"{A}rPr")
               if sz_of(el) is not None)


def _user_shapes(root: etree._Element, minimum: int) -> tuple[int, list[int]]:
    """Text boxes over a chart: each run under ``minimum`` (its own size, its paragraph's
    default, the box's list style, the built-in 18 pt) gets ``minimum`` on itself. Returns the
    runs raised and their sizes before."""
    before: list[int] = []
    for tx in root.iter(f"{CDR}txBody"):
        layers: list[Layer] = [("chart drawing shape lstStyle", own_list_style(tx))]
        memo: dict[tuple[str, int], Found] = {}
        for tr in text_runs(tx):
            if tr.run is None:
                continue
            sz, _, _ = nominal_root(tr, layers, memo)
            if sz >= minimum:
                continue
            rpr = child(tr.run, f"{A}rPr")
            if rpr is None:
                rpr = etree.Element(f"{A}rPr")
                tr.run.insert(0, rpr)
            rpr.set("sz", str(minimum))
            before.append(sz)
    return len(before), before


def _shown_under(root: etree._Element, has_style: bool, minimum: int) -> list[float]:
    """The sizes under ``minimum`` of the texts the chart draws (a size only the style part
    gives is unknown and not among them)."""
    sizes = (t.hundredths for t in ChartReader(root, has_style).texts())
    return [s for s in sizes if s is not None and s < minimum]


def fix_chart(doc: Document, chart: str, minimum: int, edits: Edits, place: FixPlace
              ) -> FixRecord | None:
    """Raise the text of ``chart`` (a chart part) and of the text boxes drawn over it to
    ``minimum`` (hundredths of a point); None when nothing in it was under the minimum.

    A text whose size only the chart's style part gives is left as it is: the style may give
    it more than the minimum, which a chart-wide size would lower."""
    pkg = doc.ooxml
    root = pkg.xml(chart)
    has_style = any(rel.kind == "chartStyle" for rel in pkg.rels(chart))
    under = _shown_under(root, has_style, minimum)
    changed = _raise_set_sizes(root, minimum)
    if _shown_under(root, has_style, minimum):  # taken from the chart-wide or built-in size
        _chart_wide(root, minimum)
        changed += 1
    if changed:
        edits.touch(chart)
    for users in pkg.related(chart, "chartUserShapes"):
        raised, sizes = _user_shapes(pkg.xml(users), minimum)
        if raised:
            edits.touch(users)
            under += [float(s) for s in sizes]
            changed += raised
    if not changed or not under:
        return None
    smallest, after = f"{min(under) / 100:g}", f"{minimum / 100:g}"
    return FixRecord("SLD002", f"/{chart}", f"{smallest} pt", f"{after} pt", safe=False,
                     kind="chart_size", points=min(under) / 100,
                     args=(("before", smallest), ("after", after),
                                              ("count", str(len(under)))),
                     place=place)
