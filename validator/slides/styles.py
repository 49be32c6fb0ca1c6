"""Small readers of DrawingML text properties: list-style levels, autofit scale, geometry.

Every function is pure and reads one element; the chains in ``text.py`` combine them.
"""

from __future__ import annotations

from lxml import etree

from validator.slides.runs import A, P

_LVL = tuple(f"{A}lvl{n}pPr" for n in range(1, 10))
_FRAME, _GROUP = f"{P}graphicFrame", f"{P}grpSp"
_P_XFRM, _A_XFRM, _GRPSPPR, _SPPR = f"{P}xfrm", f"{A}xfrm", f"{P}grpSpPr", f"{P}spPr"
_NVPR, _PH, _CNVPR = f"{P}nvPr", f"{P}ph", f"{P}cNvPr"


def child(el: etree._Element | None, tag: str) -> etree._Element | None:
    """The first child of ``el`` with ``tag`` (``{ns}name``), or None.

    ``iterchildren`` runs in C, where ``find`` goes through ElementPath: about twice as fast
    on the resolver's hot path.
    """
    if el is None:
        return None
    return next(el.iterchildren(tag), None)


def size_attr(el: etree._Element | None) -> int | None:
    """Return ``@sz`` of ``el`` in hundredths of a point, or None when absent or invalid."""
    if el is None:
        return None
    raw = el.get("sz")
    if raw is None:
        return None
    try:
        value = int(raw.strip())
    except ValueError:
        return None
    return value if 100 <= value <= 400000 else None


def level_size(lst: etree._Element | None, level: int) -> int | None:
    """Size a list style (``CT_TextListStyle``) gives paragraph level ``level`` (0-based).

    ``a:lvl{level+1}pPr/a:defRPr@sz``; for level 0 ``a:defPPr`` is read after ``a:lvl1pPr``
    (LibreOffice merges ``defPPr`` into level 1 only). Levels never fall back to each other.
    """
    if lst is None or not 0 <= level < 9:
        return None
    ppr = child(lst, _LVL[level])
    if ppr is not None:
        sz = size_attr(child(ppr, f"{A}defRPr"))
        if sz is not None:
            return sz
    if level == 0:
        dppr = child(lst, f"{A}defPPr")
        if dppr is not None:
            return size_attr(child(dppr, f"{A}defRPr"))
    return None


def font_scale(body_pr: etree._Element | None) -> tuple[float, str | None]:
    """Return (stored autofit factor, autofit mode) of a ``a:bodyPr``.

    The factor is ``normAutofit@fontScale`` in either syntax: transitional 1/1000 percent
    (``62500``) or strict percent string (``62.5%``); 1.0 when absent. The mode is
    ``scaled`` (a stored scale, 100 % included), ``bare`` (``<a:normAutofit/>`` with no scale:
    PowerPoint shrinks at the next edit), ``shape`` (``a:spAutoFit``, which grows the box, not
    the text) or None.
    """
    if body_pr is None:
        return 1.0, None
    norm = child(body_pr, f"{A}normAutofit")
    if norm is None:
        return 1.0, "shape" if child(body_pr, f"{A}spAutoFit") is not None else None
    raw = norm.get("fontScale")
    if raw is None:
        return 1.0, "bare"
    raw = raw.strip()
    try:
        value = float(raw[:-1]) / 100 if raw.endswith("%") else int(raw) / 100000
    except ValueError:
        return 1.0, "bare"
    if not 0.01 <= value <= 1.0:
        return 1.0, "bare"
    return value, "scaled"


def is_hidden(nv_props: etree._Element | None) -> bool:
    """True when a shape's ``p:cNvPr`` carries ``hidden="1"``."""
    return nv_props is not None and nv_props.get("hidden") in ("1", "true")


def placeholder(shape: etree._Element) -> etree._Element | None:
    """Return the shape's ``p:ph`` (in ``p:nvSpPr``, ``p:nvGraphicFramePr`` or ``p:nvPicPr``)."""
    nv = shape[0] if len(shape) else None
    if nv is None:
        return None
    nvpr = child(nv, _NVPR)
    return child(nvpr, _PH) if nvpr is not None else None


def c_nv_pr(shape: etree._Element) -> etree._Element | None:
    """Return the shape's ``p:cNvPr`` (first child of its non-visual properties)."""
    nv = shape[0] if len(shape) else None
    return child(nv, _CNVPR) if nv is not None else None


def xfrm_of(shape: etree._Element) -> etree._Element | None:
    """The shape's own ``a:xfrm`` (``p:xfrm`` for a graphic frame)."""
    tag = shape.tag
    if tag == _FRAME:
        return child(shape, _P_XFRM)
    props = child(shape, _GRPSPPR if tag == _GROUP else _SPPR)
    return child(props, _A_XFRM) if props is not None else None


def _int(el: etree._Element | None, name: str) -> int | None:
    if el is None:
        return None
    try:
        return int(el.get(name, ""))
    except ValueError:
        return None


def rect(xfrm: etree._Element | None) -> tuple[int, int, int, int] | None:
    """(x, y, width, height) of an ``a:xfrm`` in EMU, or None when it is incomplete."""
    if xfrm is None:
        return None
    off, ext = child(xfrm, f"{A}off"), child(xfrm, f"{A}ext")
    x, y, w, h = _int(off, "x"), _int(off, "y"), _int(ext, "cx"), _int(ext, "cy")
    if x is None or y is None or w is None or h is None:
        return None
    return x, y, w, h


def child_rect(xfrm: etree._Element | None) -> tuple[int, int, int, int] | None:
    """(chOff.x, chOff.y, chExt.cx, chExt.cy) of a group's ``a:xfrm``."""
    if xfrm is None:
        return None
    off, ext = child(xfrm, f"{A}chOff"), child(xfrm, f"{A}chExt")
    x, y, w, h = _int(off, "x"), _int(off, "y"), _int(ext, "cx"), _int(ext, "cy")
    if x is None or y is None or w is None or h is None:
        return None
    return x, y, w, h
