"""Effective paragraph and run properties of a WordprocessingML document.

Properties are flattened into small dicts and merged in Word's order: document defaults,
table style (inside tables), paragraph style chain (``basedOn``, root first), numbering
level, direct formatting; runs add the character style chain and their own ``rPr``.
Theme font references resolve through the theme's minor/major fonts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from validator.paging.counts import PageCountUnavailable
from validator.paging.wordxml import NS, DocxParts, w

Props = dict[str, object]


def _int(el: etree._Element | None, attr: str) -> int | None:
    if el is None:
        return None
    value = el.get(w(attr))
    if value is None:
        return None
    try:
        return int(float(value))
    except ValueError:
        return None


def _on(el: etree._Element | None) -> bool | None:
    if el is None:
        return None
    return el.get(w("val"), "true").lower() not in ("0", "false", "off", "none")


def _optional(parts: DocxParts, name: str) -> etree._Element | None:
    try:
        return parts.read(name)
    except PageCountUnavailable:
        return None


def para_props(ppr: etree._Element | None) -> Props:
    """Flatten the layout-relevant parts of a ``w:pPr``."""
    out: Props = {}
    if ppr is None:
        return out
    sp = ppr.find(w("spacing"))
    if sp is not None:
        for key, attr in (("before", "before"), ("after", "after"), ("line", "line")):
            val = _int(sp, attr)
            if val is not None:
                out[key] = val
        if sp.get(w("lineRule")) is not None:
            out["lineRule"] = sp.get(w("lineRule"))
        for key in ("beforeAutospacing", "afterAutospacing"):
            if sp.get(w(key)) is not None:
                out[key] = sp.get(w(key)) in ("1", "true", "on")
    ind = ppr.find(w("ind"))
    if ind is not None:
        for key, attrs in (("left", ("left", "start")), ("right", ("right", "end")),
                           ("firstLine", ("firstLine",)), ("hanging", ("hanging",))):
            for attr in attrs:
                val = _int(ind, attr)
                if val is not None:
                    out[key] = val
        if "hanging" in out and ind.get(w("firstLine")) is None:
            out["firstLine"] = 0
        if "firstLine" in out and ind.get(w("hanging")) is None:
            out["hanging"] = 0
    for key in ("contextualSpacing", "keepNext", "keepLines", "pageBreakBefore",
                "widowControl"):
        flag = _on(ppr.find(w(key)))
        if flag is not None:
            out[key] = flag
    num = ppr.find(w("numPr"))
    if num is not None:
        out["numId"] = _int(num.find(w("numId")), "val")
        out["ilvl"] = _int(num.find(w("ilvl")), "val") or 0
    style = ppr.find(w("pStyle"))
    if style is not None:
        out["pStyle"] = style.get(w("val"))
    return out


def run_props(rpr: etree._Element | None) -> Props:
    """Flatten the layout-relevant parts of a ``w:rPr``."""
    out: Props = {}
    if rpr is None:
        return out
    fonts = rpr.find(w("rFonts"))
    if fonts is not None:
        # Cyrillic and Latin text beyond ASCII use the hAnsi slot; a theme reference on an
        # element wins over the explicit name beside it.
        for attr, theme in (("hAnsi", True), ("hAnsi", False), ("ascii", True),
                            ("ascii", False)):
            value = fonts.get(w(attr + "Theme" if theme else attr))
            if value:
                out["font"] = ("theme:" if theme else "") + value
                break
    size = _int(rpr.find(w("sz")), "val")
    if size is not None:
        out["sz"] = size
    for key in ("b", "caps", "vanish", "webHidden", "smallCaps"):
        flag = _on(rpr.find(w(key)))
        if flag is not None:
            out[key] = flag
    return out


@dataclass
class StyleSheet:
    """Styles, defaults, numbering and theme fonts of one document."""

    default_ppr: Props = field(default_factory=dict)
    default_rpr: Props = field(default_factory=dict)
    styles: dict[str, tuple[str | None, Props, Props, etree._Element | None]] = field(
        default_factory=dict)
    default_para_style: str | None = None
    default_table_style: str | None = None
    theme: dict[str, str] = field(default_factory=dict)
    numbering: dict[tuple[int, int], Props] = field(default_factory=dict)
    default_tab: int = 720

    @classmethod
    def load(cls, parts: DocxParts) -> StyleSheet:
        """Read styles, theme, numbering and settings; a damaged one of these is skipped
        (LibreOffice opens such files with defaults too)."""
        sheet = cls()
        root = _optional(parts, "word/styles.xml")
        if root is not None:
            sheet._load_styles(root)
        sheet._load_theme(_optional(parts, "word/theme/theme1.xml"))
        sheet._load_numbering(_optional(parts, "word/numbering.xml"))
        settings = _optional(parts, "word/settings.xml")
        if settings is not None:
            tab = _int(settings.find(w("defaultTabStop")), "val")
            if tab:
                sheet.default_tab = tab
        return sheet

    def _load_styles(self, root: etree._Element) -> None:
        defaults = root.find(w("docDefaults"))
        if defaults is not None:
            self.default_ppr = para_props(defaults.find(f"{w('pPrDefault')}/{w('pPr')}"))
            self.default_rpr = run_props(defaults.find(f"{w('rPrDefault')}/{w('rPr')}"))
        for st in root.iter(w("style")):
            sid = st.get(w("styleId"))
            if sid is None:
                continue
            based = st.find(w("basedOn"))
            self.styles[sid] = (
                None if based is None else based.get(w("val")),
                para_props(st.find(w("pPr"))),
                run_props(st.find(w("rPr"))),
                st.find(w("tblPr")),
            )
            if st.get(w("default")) in ("1", "true", "on"):
                if st.get(w("type")) == "paragraph":
                    self.default_para_style = sid
                elif st.get(w("type")) == "table":
                    self.default_table_style = sid

    def _load_theme(self, root: etree._Element | None) -> None:
        if root is None:
            return
        for kind in ("minor", "major"):
            latin = root.find(f".//a:{kind}Font/a:latin", NS)
            if latin is not None and latin.get("typeface"):
                self.theme[kind] = str(latin.get("typeface"))

    def _load_numbering(self, root: etree._Element | None) -> None:
        if root is None:
            return
        abstract: dict[str, dict[int, Props]] = {}
        for ab in root.iter(w("abstractNum")):
            levels: dict[int, Props] = {}
            for lvl in ab.iter(w("lvl")):
                levels[_int(lvl, "ilvl") or 0] = para_props(lvl.find(w("pPr")))
            abstract[ab.get(w("abstractNumId"), "")] = levels
        for num in root.iter(w("num")):
            num_id = _int(num, "numId")
            ref = num.find(w("abstractNumId"))
            if num_id is None or ref is None:
                continue
            for level, props in abstract.get(ref.get(w("val"), ""), {}).items():
                self.numbering[(num_id, level)] = props

    def chain(self, style_id: str | None) -> list[str]:
        """Style ids from the root of the ``basedOn`` chain down to ``style_id``."""
        out: list[str] = []
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            out.append(style_id)
            style_id = self.styles[style_id][0]
        return out[::-1]

    def paragraph(self, direct: Props, table_style: str | None) -> tuple[Props, Props]:
        """Effective (paragraph props, paragraph-level run props) of a paragraph."""
        ppr: Props = dict(self.default_ppr)
        rpr: Props = dict(self.default_rpr)
        if table_style:
            for sid in self.chain(table_style):
                ppr.update(self.styles[sid][1])
                rpr.update(self.styles[sid][2])
        style = direct.get("pStyle") or self.default_para_style
        for sid in self.chain(str(style) if style else None):
            ppr.update(self.styles[sid][1])
            rpr.update(self.styles[sid][2])
        num_id = direct.get("numId", ppr.get("numId"))
        if isinstance(num_id, int) and num_id:
            level = direct.get("ilvl", ppr.get("ilvl", 0))
            num = self.numbering.get((num_id, int(level) if isinstance(level, int) else 0))
            if num:
                ppr.update({k: v for k, v in num.items() if k not in ("numId", "ilvl")})
        ppr.update(direct)
        ppr["styleId"] = style
        return ppr, rpr

    def run(self, para_rpr: Props, rstyle: str | None, direct: Props) -> Props:
        """Effective run properties."""
        rpr = dict(para_rpr)
        for sid in self.chain(rstyle):
            rpr.update(self.styles[sid][2])
        rpr.update(direct)
        return rpr

    def font_family(self, rpr: Props) -> str:
        """The family name a run's Latin/Cyrillic text is set in."""
        font = str(rpr.get("font", "Times New Roman"))
        if font.startswith("theme:"):
            kind = "major" if font.startswith("theme:major") else "minor"
            return self.theme.get(kind, "Times New Roman")
        return font
