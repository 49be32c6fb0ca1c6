"""Chains A, B and C of the spec: the nominal size of each run of a DrawingML text body.

Every level is a lookup, not a sum: the first layer that states ``sz`` wins. The run's own
``a:rPr`` first, then the paragraph's ``a:pPr/a:defRPr``, then the list styles the caller
passes as ``layers`` (own ``a:lstStyle``, layout and master placeholders, master
``p:txStyles``, ``p:defaultTextStyle``, in the chain's order), then the built-in 18 pt.
``a:endParaRPr`` never sizes a run.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from lxml import etree

from validator.slides.altcontent import alternate_branch
from validator.slides.runs import BUILT_IN_HUNDREDTHS, MC, A, StyleRoot
from validator.slides.styles import child, level_size, size_attr

A14_MATH = "{http://schemas.microsoft.com/office/drawing/2010/main}m"
_R, _FLD, _ALT = f"{A}r", f"{A}fld", f"{MC}AlternateContent"

#: (evidence label, list-style element or None); a ``RootedLayer`` also names where the list
#: style lives when it is shared by many shapes (a master or layout style, the default style).
Layer = tuple[str, etree._Element | None]
RootedLayer = tuple[str, etree._Element | None, StyleRoot | None]

#: Where the built-in size is overridden: the presentation's default text style.
BUILT_IN_ROOT = StyleRoot("ppt/presentation.xml", "p:defaultTextStyle", "built-in")


@dataclass(frozen=True, slots=True)
class TextRun:
    """A run of a text body: its paragraph, level, text, and element (None: an equation)."""

    paragraph: int
    level: int
    text: str
    run: etree._Element | None
    para: etree._Element


def _level(para: etree._Element) -> int:
    ppr = child(para, f"{A}pPr")
    if ppr is None:
        return 0
    try:
        level = int(ppr.get("lvl") or "0")
    except ValueError:
        return 0
    return level if 0 <= level <= 8 else 0


def _run_children(para: etree._Element) -> Iterator[etree._Element]:
    for item in para:
        tag = item.tag
        if tag in (_R, _FLD):
            yield item
        elif tag == _ALT:
            branch = alternate_branch(item)
            if branch is not None:
                yield from _run_children(branch)
        elif tag == A14_MATH:
            yield item


def text_runs(tx_body: etree._Element) -> Iterator[TextRun]:
    """The visible runs of a text body: ``a:r`` and ``a:fld`` with non-blank text.

    ``a:br`` and whitespace-only runs draw no glyphs and are skipped. An Office math zone
    (``a14:m``) is yielded with ``run=None``: its size cannot be read.
    """
    for number, para in enumerate(tx_body.iterfind(f"{A}p")):
        level = _level(para)
        for run in _run_children(para):
            if run.tag == A14_MATH:
                text = "".join(str(t) for t in run.itertext()).strip()
                yield TextRun(number, level, text, None, para)
                continue
            t = child(run, f"{A}t")
            text = (t.text or "") if t is not None else ""
            if text.strip():
                yield TextRun(number, level, text, run, para)


#: What ``nominal_root`` found for one paragraph's default or one level along the layers.
Found = tuple[int, str, StyleRoot | None] | None


def nominal_root(run: TextRun, layers: Sequence[Layer | RootedLayer],
                 memo: dict[tuple[str, int], Found]) -> tuple[int, str, StyleRoot | None]:
    """Return (size in hundredths of a point, evidence, the shared element that set the size
    (None: the shape's own)) for a run along ``layers``.

    The root names the level's element (``.../a:lvl2pPr``), so runs of one level of one style
    are one problem; a size set on the run, the paragraph or the shape's own list style has no
    shared root.

    ``memo``, one per text body and its ``layers``, keeps what a paragraph's default and a
    level's layers give, so that the runs of one paragraph, and of one level, look them up once.
    """
    assert run.run is not None
    sz = size_attr(child(run.run, f"{A}rPr"))
    if sz is not None:
        return sz, "run a:rPr sz", None
    key = ("paragraph", run.paragraph)
    if key not in memo:
        memo[key] = _paragraph_default(run.para)
    found = memo[key]
    if found is not None:
        return found
    key = ("level", run.level)
    if key not in memo:
        memo[key] = _layered(run.level, layers)
    found = memo[key]
    assert found is not None
    return found


def _paragraph_default(para: etree._Element) -> Found:
    ppr = child(para, f"{A}pPr")
    if ppr is not None:
        sz = size_attr(child(ppr, f"{A}defRPr"))
        if sz is not None:
            return sz, "paragraph a:pPr/a:defRPr (paragraph default, medium confidence)", None
    return None


def _layered(level: int, layers: Sequence[Layer | RootedLayer]
             ) -> tuple[int, str, StyleRoot | None]:
    """The size the first layer that states one gives paragraph level ``level``."""
    name = f"a:lvl{level + 1}pPr"
    for layer in layers:
        label, lst = layer[0], layer[1]
        sz = level_size(lst, level)
        if sz is not None:
            root = layer[2] if len(layer) > 2 else None  # type: ignore[misc]
            if root is not None:
                root = StyleRoot(root.part, f"{root.element}/{name}", root.kind, root.name)
            return sz, f"{label}, level {level + 1}", root
    return (BUILT_IN_HUNDREDTHS, "built-in default 18 pt (no layer sets a size)",
            StyleRoot(BUILT_IN_ROOT.part, f"{BUILT_IN_ROOT.element}/{name}", "built-in"))


def own_list_style(tx_body: etree._Element) -> etree._Element | None:
    return child(tx_body, f"{A}lstStyle")
