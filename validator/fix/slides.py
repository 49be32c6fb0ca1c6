"""Fixes of presentation findings: font sizes at their root (SLD002), the shrink that brings
text under the minimum (SLD005 and autofit-caused SLD002, unsafe), and the slide size (SLD001,
unsafe: PowerPoint's "Ensure Fit", in ``slide_size``).

Sizes are raised where the resolver says they come from: a level of a master text style, of a
layout or master placeholder's list style, of the presentation's default style (created when
the deck relies on the built-in 18 pt), or, for a shape's own text, the run, paragraph or list
style level that set it. Never one ``sz`` per run when a style level is the cause. Larger sizes
stay as they are: only sizes under the minimum are raised, to the minimum.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from lxml import etree

from validator.checks.autofit import body_properties, frame, text_height
from validator.checks.font_size import root_of
from validator.core.location import Location
from validator.files.document import Document
from validator.fix.chart_text import chart_of, fix_chart, shape_by_id
from validator.fix.package import Edits
from validator.fix.records import FixPlace, FixRecord
from validator.fix.sizes import insert_before, raise_sz, sz_of
from validator.fix.table_cells import one_per_table
from validator.slides import ResolvedRun
from validator.slides.runs import A, P, StyleRoot
from validator.slides.styles import child
from validator.slides.text import text_runs

#: The order of the children of a list style (CT_TextListStyle).
_LEVELS = ["defPPr", *(f"lvl{n}pPr" for n in range(1, 10)), "extLst"]
#: Children of CT_Presentation that come after p:defaultTextStyle.
_AFTER_DEFAULT_STYLE = ("modifyVerifier", "extLst")
_LEVEL_OF = re.compile(r"/a:lvl([1-9])pPr$")
_PH_KEY = re.compile(r"@(idx|type)='([^']*)'")

#: A style root's kind (``StyleRoot.kind``, a master style's name) as ``fix.what.<key>`` says it.
_STYLE_WHAT = {"titleStyle": "style_title", "bodyStyle": "style_body",
               "otherStyle": "style_other", "master-placeholder": "style_placeholder",
               "layout-placeholder": "style_placeholder", "default-style": "style_default",
               "built-in": "style_default"}


def _root_place(root: StyleRoot, level: int) -> FixPlace:
    """A style level in words: the master, layout or presentation part and the style."""
    what = _STYLE_WHAT.get(root.name if root.kind == "master-style" else root.kind, "style")
    return FixPlace(what, (Location(part=root.part),), number=level)


def shape_place(run: ResolvedRun) -> Location:
    """A run's shape as the check reports place it: on its slide, or on its layout or master
    (the part named) when the shape is drawn there."""
    if run.origin == "slide":
        return Location(slide=run.slide, shape=run.shape, cell=run.cell)
    return Location(part=run.origin_part, shape=run.shape, cell=run.cell)


def _pt(hundredths: int | None) -> str:
    return "-" if hundredths is None else f"{hundredths / 100:g} pt"


def _child_in_order(parent: etree._Element, tag: str, order: list[str]) -> etree._Element:
    """The child ``tag`` of ``parent`` (namespace ``a:``), created in schema order if absent."""
    found = parent.find(f"{A}{tag}")
    if found is not None:
        return found
    new = etree.Element(f"{A}{tag}")
    rank = order.index(tag)
    for i, el in enumerate(parent):
        local = etree.QName(el).localname
        if local in order and order.index(local) > rank:
            parent.insert(i, new)
            return new
    parent.append(new)
    return new


def _level_def_rpr(lst: etree._Element, level: int) -> etree._Element:
    """``a:lvl{level}pPr/a:defRPr`` of a list style, created where missing."""
    ppr = _child_in_order(lst, f"lvl{level}pPr", _LEVELS)
    d = ppr.find(f"{A}defRPr")
    if d is None:
        d = etree.Element(f"{A}defRPr")
        insert_before(ppr, d, (f"{A}extLst",))
    return d


def _placeholder_list_style(tree: etree._Element, element: str) -> etree._Element | None:
    """The list style of the layout/master placeholder a root's element path names."""
    m = _PH_KEY.search(element)
    if m is None:
        return None
    attr, value = m.groups()
    for ph in tree.iter(f"{P}ph"):
        got = ph.get(attr) if attr == "idx" else (ph.get("type") or "obj")
        if got != value:
            continue
        sp: etree._Element | None = ph
        for _ in range(3):  # p:ph < p:nvPr < p:nvSpPr < p:sp
            sp = sp.getparent() if sp is not None else None
        tx = child(sp, f"{P}txBody")
        if tx is None:
            return None
        lst = child(tx, f"{A}lstStyle")
        if lst is None:
            lst = etree.Element(f"{A}lstStyle")
            body = child(tx, f"{A}bodyPr")
            if body is not None:
                body.addnext(lst)
            else:
                tx.insert(0, lst)
        return lst
    return None


def _root_list_style(doc: Document, root: StyleRoot) -> etree._Element | None:
    tree = doc.ooxml.xml(root.part)
    if root.kind == "master-style":
        styles = tree.find(f"{P}txStyles")
        if styles is None:
            return None
        return styles.find(f"{P}{root.name}")
    if root.kind in ("master-placeholder", "layout-placeholder"):
        return _placeholder_list_style(tree, root.element)
    if root.kind in ("default-style", "built-in"):
        dts = tree.find(f"{P}defaultTextStyle")
        if dts is None:
            dts = etree.Element(f"{P}defaultTextStyle")
            after = [tree.find(f"{P}{name}") for name in _AFTER_DEFAULT_STYLE]
            anchor = next((a for a in after if a is not None), None)
            if anchor is not None:
                anchor.addprevious(dts)
            else:
                tree.append(dts)
        return dts
    return None


def _fix_root(doc: Document, root: StyleRoot, minimum: int, edits: Edits
              ) -> FixRecord | None:
    m = _LEVEL_OF.search(root.element)
    lst = _root_list_style(doc, root)
    if m is None or lst is None:
        return None
    before, changed = raise_sz(_level_def_rpr(lst, int(m.group(1))), minimum)
    if not changed:
        return None
    edits.touch(root.part)
    return FixRecord("SLD002", f"/{root.part} {root.element}", _pt(before), _pt(minimum),
                     kind="size" if before is not None else "size_builtin",
                     points=(before or 1800) / 100,
                     args=(("before", f"{(before or 1800) / 100:g}"),
                           ("after", f"{minimum / 100:g}")),
                     place=_root_place(root, int(m.group(1))))


def _text_bodies(shape: etree._Element, cell: str | None) -> Iterable[etree._Element]:
    if cell is None:
        tx = child(shape, f"{P}txBody")
        return [] if tx is None else [tx]
    m = re.fullmatch(r"R(\d+)C(\d+)", cell)
    if m is None:
        return []
    r, c = int(m.group(1)), int(m.group(2))
    rows = list(shape.iter(f"{A}tr"))
    if r > len(rows):
        return []
    cells = rows[r - 1].findall(f"{A}tc")
    if c > len(cells):
        return []
    tx = child(cells[c - 1], f"{A}txBody")
    return [] if tx is None else [tx]


def _fix_own_shape(doc: Document, run: ResolvedRun, minimum: int, edits: Edits
                   ) -> FixRecord | None:
    """Raise the sizes a shape (or table cell) sets itself: every ``sz`` under the minimum on
    its runs, its paragraphs' defaults and its own list style levels, where the resolver found
    one of its runs under the minimum. Larger sizes stay as they are."""
    shape = shape_by_id(doc.ooxml.xml(run.origin_part), run.shape_id)
    if shape is None:
        return None
    raised: list[int] = []
    where: set[str] = set()
    for tx in _text_bodies(shape, run.cell):
        lst = child(tx, f"{A}lstStyle")
        targets = [(el, "lstStyle") for el in (lst.iter(f"{A}defRPr") if lst is not None
                                               else ())]
        for tr in text_runs(tx):
            if tr.run is None:
                continue
            rpr = child(tr.run, f"{A}rPr")
            if rpr is not None and rpr.get("sz") is not None:
                targets.append((rpr, "run"))
            default = tr.para.find(f"{A}pPr/{A}defRPr")
            if default is not None and default.get("sz") is not None:
                targets.append((default, "paragraph default"))
        seen: set[int] = set()
        for el, label in targets:
            if id(el) in seen:
                continue
            seen.add(id(el))
            before, changed = raise_sz(el, minimum) if sz_of(el) is not None else (None, False)
            if changed and before is not None:
                raised.append(before)
                where.add(label)
    if not raised:
        return None
    edits.touch(run.origin_part)
    place = f"slide[{run.slide}]/shape[{run.shape}]" if run.origin == "slide" else \
        f"/{run.origin_part} shape[{run.shape}]"
    if run.cell:
        place += f"/cell[{run.cell}]"
    smallest = min(raised)
    return FixRecord("SLD002", place, _pt(smallest), _pt(minimum), kind="size",
                     points=smallest / 100,
                     args=(("before", f"{smallest / 100:g}"), ("after", f"{minimum / 100:g}"),
                           ("set_in", ", ".join(sorted(where))),
                           ("count", str(len(raised)))),
                     place=FixPlace(places=(shape_place(run),)))


def _no_autofit(doc: Document, part: str, shape_id: int, edits: Edits
                ) -> tuple[str, str] | None:
    """Replace the shape's ``a:normAutofit`` by ``a:noAutofit``; return what it was and the
    scale the text was shown at, in percent ("" when PowerPoint had not shrunk it yet)."""
    body_pr = body_properties(doc.ooxml.xml(part), shape_id)
    if body_pr is None:
        return None
    fit = body_pr.find(f"{A}normAutofit")
    if fit is None:
        return None
    before = "normAutofit" + "".join(f' {k!s}="{v!s}"' for k, v in fit.attrib.items())
    try:  # fontScale is in thousandths of a percent
        scale = f"{int(fit.get('fontScale') or '') / 1000:g}"
    except ValueError:
        scale = ""
    fit.addprevious(etree.Element(f"{A}noAutofit"))
    body_pr.remove(fit)
    edits.touch(part)
    return before, scale


def _overflow(doc: Document, runs: list[ResolvedRun], params: dict[str, Any]
              ) -> tuple[float, float] | None:
    """(text height, box height) in points when the text at full size overflows its box."""
    first = runs[0]
    if first.box is None:
        return None
    room = frame(first.box, body_properties(doc.ooxml.xml(first.origin_part), first.shape_id))
    need = text_height(runs, room.width, params, room.wraps)
    return (need, room.height) if need > room.height else None


def remove_shrink(doc: Document, runs: Iterable[ResolvedRun], code: str, edits: Edits,
                  autofit_params: dict[str, Any]) -> list[FixRecord]:
    """SLD005 / autofit-caused SLD002 (unsafe): the shape's text keeps its nominal size."""
    by_shape: dict[tuple[str, int], list[ResolvedRun]] = {}
    for run in runs:
        by_shape.setdefault((run.origin_part, run.shape_id), []).append(run)
    records = []
    for (part, shape_id), shape_runs in by_shape.items():
        removed = _no_autofit(doc, part, shape_id, edits)
        if removed is None:
            continue
        before, scale = removed
        nominal = [r if r.nominal_pt is None else replace(r, size_pt=r.nominal_pt, scale=1.0)
                   for r in shape_runs]
        first = shape_runs[0]
        over = _overflow(doc, nominal, autofit_params)
        args = ((("need", f"{over[0]:.0f}"), ("room", f"{over[1]:.0f}")) if over else ()) + \
            ((("scale", scale),) if scale else ())
        records.append(FixRecord(code, f"slide[{first.slide}]/shape[{first.shape}]", before,
                                 "noAutofit", safe=False,
                                 kind="shrink_overflow" if over else "shrink", args=args,
                                 place=FixPlace(places=(shape_place(first),))))
    return records


Reason = tuple[str, tuple[tuple[str, str], ...]]


def fix_font_sizes(doc: Document, params: dict[str, Any], edits: Edits, *, unsafe: bool,
                   autofit_params: dict[str, Any]) -> tuple[list[FixRecord], list[Reason]]:
    """SLD002: every visible run under the minimum raised at its root.

    Returns the records and the reasons for what was left (charts, SmartArt and embedded
    objects are drawn by their own programs; a shrink is only removed with ``unsafe``).
    """
    minimum = round(params["min_size_pt"] * 100)
    limit = params["min_size_pt"] - params["tolerance_pt"]
    records: list[FixRecord] = []
    left: list[Reason] = []
    done: set[tuple[str, ...]] = set()
    key: tuple[str, ...]
    shrunk: list[ResolvedRun] = []
    shown: dict[int, set[int]] = {}  # a root's record (its index) and the slides it shows on
    roots: dict[tuple[str, ...], int] = {}
    for run in doc.slide_runs:
        if run.size_pt is None or run.size_pt >= limit:
            continue
        if run.kind in ("chart", "smartart", "object"):
            key = ("left", run.origin_part, str(run.shape_id))
            if key in done:
                continue
            done.add(key)
            chart = chart_of(doc, run) if run.kind == "chart" else None
            if chart is not None and ("chart", chart) in done:
                continue  # a chart shown twice is raised once
            where = (("where", f"slide[{run.slide}]/shape[{run.shape}]"),
                     ("slide", str(run.slide)), ("shape", run.shape))
            record = None
            if chart is not None:
                done.add(("chart", chart))
                if not unsafe:  # the chart is laid out again: labels may be cut (unsafe)
                    left.append(("chart", where))
                    continue
                record = fix_chart(doc, chart, minimum, edits,
                                   FixPlace(places=(shape_place(run),)))
            if record is not None:
                records.append(record)
            else:
                left.append(("drawn", (*where, ("kind", run.kind))))
            continue
        if run.nominal_pt is not None and run.nominal_pt >= limit and (run.scale or 1) < 1:
            shrunk.append(run)
            continue
        root = root_of(run, params)
        if root is not None and not root.kind.startswith("decoration"):
            key = ("root", root.part, root.element)
            if key in roots:
                shown[roots[key]].add(run.slide)
            if key in done:
                continue
            done.add(key)
            record = _fix_root(doc, root, minimum, edits)
            if record is not None:
                roots[key] = len(records)
                shown[len(records)] = {run.slide}
        else:
            key = ("own", run.origin_part, str(run.shape_id), run.cell or "")
            if key in done:
                continue
            done.add(key)
            record = _fix_own_shape(doc, run, minimum, edits)
        if record is not None:
            records.append(record)
        if run.scale is not None and run.scale < 1:
            shrunk.append(run)
    for index, slides in shown.items():
        records[index] = replace(records[index], place=replace(
            records[index].place, slides=tuple(sorted(slides))))
    if shrunk:
        if unsafe:
            records.extend(remove_shrink(doc, shrunk, "SLD002", edits, autofit_params))
        else:
            count = len({(r.origin_part, r.shape_id) for r in shrunk})
            left.append(("shrink", (("count", str(count)),)))
    return one_per_table(records), left
