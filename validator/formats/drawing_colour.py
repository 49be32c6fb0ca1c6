"""DrawingML colours resolved to sRGB: scheme colours through the colour map and the theme.

A colour element (``a:srgbClr``, ``a:schemeClr``, ``a:sysClr``, ``a:prstClr``, ``a:hslClr``,
``a:scrgbClr``) is turned into an (r, g, b) triple of 0..255 so that its chroma
(``max - min``) can be measured. ``a:schemeClr`` goes through the slide's ``p:clrMapOvr`` or the
master's ``p:clrMap`` (``bg1 -> lt1``, ``tx1 -> dk1``...) to the theme's ``a:clrScheme``.
The modifiers that change saturation or lightness are applied (``lumMod lumOff satMod sat lum
tint shade gray``); a fully transparent colour (``alpha 0``) draws nothing. ``phClr`` (the
colour of the element using a theme style) and system colours without ``lastClr`` cannot be
resolved and return None; preset colours are known by name (the grey ones) or counted as
chromatic.
"""

from __future__ import annotations

import colorsys
from collections.abc import Mapping

from lxml import etree

from validator.formats.ooxml import NS

RGB = tuple[int, int, int]

A = NS["a"]
COLOUR_TAGS = frozenset(f"{{{A}}}{t}" for t in
                        ("srgbClr", "schemeClr", "sysClr", "prstClr", "hslClr", "scrgbClr"))
#: ``p:clrMap`` attributes and their defaults (the usual mapping).
DEFAULT_CLR_MAP = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2",
                   "accent1": "accent1", "accent2": "accent2", "accent3": "accent3",
                   "accent4": "accent4", "accent5": "accent5", "accent6": "accent6",
                   "hlink": "hlink", "folHlink": "folHlink"}
GREY_PRESETS = frozenset({"black", "white", "gray", "grey", "dkGray", "dkGrey", "ltGray",
                          "ltGrey", "silver", "gainsboro", "whiteSmoke", "dimGray", "dimGrey",
                          "darkGray", "darkGrey", "lightGray", "lightGrey"})
SYSTEM_GREYS = {"windowText": (0, 0, 0), "window": (255, 255, 255),
                "menuText": (0, 0, 0), "btnText": (0, 0, 0), "captionText": (0, 0, 0)}
#: A chromatic stand-in for preset names that are not grey (only the chroma matters).
CHROMATIC_PRESET: RGB = (255, 0, 0)


def chroma(rgb: RGB) -> int:
    """``max - min`` of the channels: 0 for a grey, 255 for a pure hue."""
    return max(rgb) - min(rgb)


def theme_colours(theme: etree._Element | None) -> dict[str, etree._Element]:
    """Map ``dk1 lt1 ... accent6 hlink folHlink`` to their colour elements in the theme."""
    out: dict[str, etree._Element] = {}
    if theme is None:
        return out
    scheme = theme.find("a:themeElements/a:clrScheme", NS)
    if scheme is None:
        return out
    for slot in scheme:
        if not isinstance(slot.tag, str):
            continue
        colour = next((c for c in slot if c.tag in COLOUR_TAGS), None)
        if colour is not None:
            out[etree.QName(slot).localname] = colour
    return out


def colour_map(element: etree._Element | None) -> dict[str, str]:
    """The ``p:clrMap`` (or ``a:overrideClrMapping``) of a master or slide, with defaults."""
    mapping = dict(DEFAULT_CLR_MAP)
    if element is not None:
        mapping.update({str(k): str(v) for k, v in element.attrib.items()
                        if k in DEFAULT_CLR_MAP})
    return mapping


def _hex(value: str | None) -> RGB | None:
    if value is None or len(value) != 6:
        return None
    try:
        n = int(value, 16)
    except ValueError:
        return None
    return (n >> 16) & 255, (n >> 8) & 255, n & 255


def _pct(el: etree._Element, default: float = 0.0) -> float:
    raw = el.get("val", "")
    try:
        return float(raw.rstrip("%")) / 100 if raw.endswith("%") else float(raw) / 100000
    except ValueError:
        return default


def _modify(rgb: RGB, el: etree._Element) -> RGB | None:
    r, g, b = (v / 255 for v in rgb)
    for mod in el:
        if not isinstance(mod.tag, str):
            continue
        name = etree.QName(mod).localname
        if name == "alpha" and _pct(mod, 1.0) <= 0:
            return None
        if name == "gray":
            y = 0.299 * r + 0.587 * g + 0.114 * b
            r = g = b = y
        elif name in ("lumMod", "lumOff", "satMod", "sat", "lum"):
            h, lum, s = colorsys.rgb_to_hls(r, g, b)
            v = _pct(mod, 1.0)
            if name == "lumMod":
                lum *= v
            elif name == "lumOff":
                lum += v
            elif name == "satMod":
                s *= v
            elif name == "sat":
                s = v
            else:
                lum = v
            r, g, b = colorsys.hls_to_rgb(h, min(max(lum, 0.0), 1.0), min(max(s, 0.0), 1.0))
        elif name == "shade":
            v = _pct(mod, 1.0)
            r, g, b = r * v, g * v, b * v
        elif name == "tint":
            v = _pct(mod, 1.0)
            r, g, b = (1 - (1 - r) * v, 1 - (1 - g) * v, 1 - (1 - b) * v)
    clamp = [min(max(round(x * 255), 0), 255) for x in (r, g, b)]
    return clamp[0], clamp[1], clamp[2]


def _linear_to_srgb(v: float) -> int:
    v = min(max(v, 0.0), 1.0)
    s = 12.92 * v if v <= 0.0031308 else 1.055 * v ** (1 / 2.4) - 0.055
    return round(s * 255)


def resolve(el: etree._Element, mapping: Mapping[str, str],
            theme: Mapping[str, etree._Element], depth: int = 0) -> RGB | None:
    """Return the sRGB value of a colour element, or None when it cannot be known."""
    name = etree.QName(el).localname
    base: RGB | None
    if name == "srgbClr":
        base = _hex(el.get("val"))
    elif name == "sysClr":
        base = _hex(el.get("lastClr")) or SYSTEM_GREYS.get(el.get("val", ""))
    elif name == "prstClr":
        base = (128, 128, 128) if el.get("val", "") in GREY_PRESETS else CHROMATIC_PRESET
    elif name == "hslClr":
        hue = _number(el.get("hue")) / 60000 / 360
        rgb = colorsys.hls_to_rgb(hue % 1.0, _number(el.get("lum")) / 100000,
                                  _number(el.get("sat")) / 100000)
        base = (round(rgb[0] * 255), round(rgb[1] * 255), round(rgb[2] * 255))
    elif name == "scrgbClr":
        r, g, b = (_linear_to_srgb(_number(el.get(k)) / 100000) for k in ("r", "g", "b"))
        base = (r, g, b)
    elif name == "schemeClr":
        slot = el.get("val", "")
        if slot == "phClr" or depth > 2:
            return None
        target = theme.get(mapping.get(slot, slot))
        base = resolve(target, mapping, theme, depth + 1) if target is not None else None
    else:
        return None
    if base is None:
        return None
    return _modify(base, el)


def _number(raw: str | None) -> float:
    try:
        return float((raw or "0").rstrip("%")) * (1000 if (raw or "").endswith("%") else 1)
    except ValueError:
        return 0.0
