"""Chain D of the spec: the text a chart part draws and its size.

Slide, master and presentation styles do not reach into a chart. Per text element: the run's
``a:rPr@sz``, its paragraph's ``a:defRPr``, the element's own ``c:txPr``, the chart-wide
``c:chartSpace/c:txPr`` (x 1.2 for the chart title, as LibreOffice does), then the built-in
defaults (title 18 pt, everything else 10 pt). When a chart has a chart-style part
(``cs:chartStyle``) and nothing in ``c:txPr`` sets the size, the style part decides, which the
toolkit does not read: the size is unknown (needs review). Only drawn elements count: deleted
axes, ``tickLblPos="none"``, hidden data labels and absent legends draw no text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from validator.slides.runs import A, C
from validator.slides.styles import child, size_attr

AXES = (f"{C}catAx", f"{C}valAx", f"{C}dateAx", f"{C}serAx")
SHOW_FLAGS = ("showVal", "showCatName", "showSerName", "showPercent")
TITLE_FACTOR = 1.2
DEFAULT_TITLE = 1800
DEFAULT_OTHER = 1000


@dataclass(frozen=True, slots=True)
class ChartText:
    """One drawn text element of a chart: its text and size (None: decided by a style part).

    ``text`` is what the file holds of the words drawn (a title, the cached category or
    series names, the cached values a data label shows), and empty when the chart program
    makes them up (a value axis's scale, a trendline's equation): ``label`` names the
    element, in English, for the evidence only.
    """

    label: str
    text: str
    hundredths: float | None
    source: str


def _flag(el: etree._Element | None, default: bool = False) -> bool:
    if el is None:
        return default
    return el.get("val", "1") in ("1", "true")


def _tx_pr_size(owner: etree._Element | None) -> int | None:
    if owner is None:
        return None
    return size_attr(owner.find(f"{C}txPr/{A}p/{A}pPr/{A}defRPr"))


def _cache_text(owner: etree._Element, path: str, limit: int = 6) -> str:
    values = [v.text or "" for v in owner.iterfind(path)]
    return ", ".join(v for v in values[:limit] if v.strip())


#: What a data label shows (its flag) and where the chart keeps that text for a series.
_LABEL_CACHE = (("showVal", f"{C}val//{C}pt/{C}v"), ("showCatName", f"{C}cat//{C}pt/{C}v"),
                ("showSerName", f"{C}tx/{C}strRef/{C}strCache/{C}pt/{C}v"))


def _label_text(dlbls: etree._Element) -> str:
    """The cached text a group of data labels shows: its series' values, category names or
    series name (a group under a chart type applies to its first series); "" when none."""
    owner = dlbls.getparent()
    if owner is None:
        return ""
    ser = owner if owner.tag == f"{C}ser" else child(owner, f"{C}ser")
    if ser is None:
        return ""
    for flag, path in _LABEL_CACHE:
        if _flag(child(dlbls, f"{C}{flag}")):
            return _cache_text(ser, path)
    return ""


class ChartReader:
    """Reads one chart part; ``has_style`` says a chart-style part is attached."""

    def __init__(self, root: etree._Element, has_style: bool) -> None:
        self.root = root
        self.has_style = has_style
        self.wide = _tx_pr_size(root)

    def _fallback(self, own: etree._Element | None, title: bool, what: str,
                  parent: etree._Element | None = None) -> tuple[float | None, str]:
        sz = _tx_pr_size(own)
        if sz is not None:
            return float(sz), f"chart {what} c:txPr"
        sz = _tx_pr_size(parent)
        if sz is not None:
            return float(sz), f"chart {what}: the enclosing element's c:txPr"
        if self.wide is not None:
            if title:
                return self.wide * TITLE_FACTOR, "chart-wide c:txPr x 1.2 (chart title)"
            return float(self.wide), "chart-wide c:chartSpace/c:txPr"
        if self.has_style:
            return None, (f"chart {what}: no c:txPr sets a size and the chart style part "
                          "decides it, which cannot be read")
        default = DEFAULT_TITLE if title else DEFAULT_OTHER
        return float(default), (f"chart built-in default {default // 100} pt "
                                "(no c:txPr, no chart style part)")

    def _title(self, title: etree._Element, chart_title: bool, what: str) -> Iterator[ChartText]:
        rich = title.find(f"{C}tx/{C}rich")
        if rich is None:
            text = _cache_text(title, f"{C}tx/{C}strRef/{C}strCache/{C}pt/{C}v")
            size, source = self._fallback(title, chart_title, what)
            yield ChartText(what, text, size, source)
            return
        yield from self._rich(rich, title, None, chart_title, what)

    def _rich(self, rich: etree._Element, owner: etree._Element,
              parent: etree._Element | None, chart_title: bool, what: str
              ) -> Iterator[ChartText]:
        """Runs of a rich-text element: run ``sz``, paragraph ``defRPr``, then the owner's."""
        for para in rich.iterfind(f"{A}p"):
            ppr = child(para, f"{A}pPr")
            para_sz = size_attr(child(ppr, f"{A}defRPr"))
            for run in para.iter(f"{A}r", f"{A}fld"):
                t = child(run, f"{A}t")
                text = (t.text or "") if t is not None else ""
                if not text.strip():
                    continue
                sz = size_attr(child(run, f"{A}rPr"))
                if sz is not None:
                    yield ChartText(what, text, float(sz), f"chart {what} run a:rPr sz")
                elif para_sz is not None:
                    yield ChartText(what, text, float(para_sz), f"chart {what} a:pPr/a:defRPr")
                else:
                    size, source = self._fallback(owner, chart_title, what, parent)
                    yield ChartText(what, text, size, source)

    def texts(self) -> Iterator[ChartText]:
        chart = child(self.root, f"{C}chart")
        if chart is None:
            return
        plot = child(chart, f"{C}plotArea")
        series = plot.findall(f"{C}*/{C}ser") if plot is not None else []
        title = child(chart, f"{C}title")
        if title is not None:
            yield from self._title(title, True, "title")
        elif _flag(child(chart, f"{C}autoTitleDeleted"), True) is False and len(series) == 1:
            name = _cache_text(series[0], f"{C}tx/{C}strRef/{C}strCache/{C}pt/{C}v")
            size, source = self._fallback(None, True, "auto title")
            yield ChartText("auto title", name, size, source)
        if plot is not None:
            yield from self._axes(plot, series)
            yield from self._labels(plot)
            table = child(plot, f"{C}dTable")
            if table is not None:
                size, source = self._fallback(table, False, "data table")
                yield ChartText("data table", "", size, source)
        legend = child(chart, f"{C}legend")
        if legend is not None and not _flag(child(legend, f"{C}delete")):
            names = ", ".join(_cache_text(s, f"{C}tx/{C}strRef/{C}strCache/{C}pt/{C}v", 1)
                              for s in series[:6])
            size, source = self._fallback(legend, False, "legend")
            yield ChartText("legend", names.strip(", "), size, source)
            for entry in legend.iterchildren(f"{C}legendEntry"):
                if not _flag(child(entry, f"{C}delete")) and _tx_pr_size(entry) is not None:
                    size, source = self._fallback(entry, False, "legend entry", legend)
                    yield ChartText("legend entry", "", size, source)

    def _axes(self, plot: etree._Element, series: list[etree._Element]
              ) -> Iterator[ChartText]:
        for axis in plot:
            if axis.tag not in AXES or _flag(child(axis, f"{C}delete")):
                continue
            kind = etree.QName(axis).localname
            title = child(axis, f"{C}title")
            if title is not None:
                yield from self._title(title, False, f"{kind} title")
            pos = child(axis, f"{C}tickLblPos")
            if pos is not None and pos.get("val") == "none":
                continue
            text = ""
            if kind in ("catAx", "dateAx") and series:
                text = _cache_text(series[0], f"{C}cat//{C}pt/{C}v")
            size, source = self._fallback(axis, False, f"{kind} tick labels")
            yield ChartText(f"{kind} tick labels", text, size, source)

    def _labels(self, plot: etree._Element) -> Iterator[ChartText]:
        """Data labels (a ``c:dLbls`` group and its single ``c:dLbl`` overrides) and
        trendline labels; only those shown draw text."""
        for dlbls in plot.iter(f"{C}dLbls"):
            if _flag(child(dlbls, f"{C}delete")):
                continue
            shown = any(_flag(child(dlbls, f"{C}{f}")) for f in SHOW_FLAGS)
            if shown:
                size, source = self._fallback(dlbls, False, "data labels")
                yield ChartText("data labels", _label_text(dlbls), size, source)
            for one in dlbls.iterchildren(f"{C}dLbl"):
                if _flag(child(one, f"{C}delete")):
                    continue
                rich = one.find(f"{C}tx/{C}rich")
                if rich is not None:
                    yield from self._rich(rich, one, dlbls, False, "data label")
                elif any(_flag(child(one, f"{C}{f}")) for f in SHOW_FLAGS):
                    size, source = self._fallback(one, False, "data label", dlbls)
                    yield ChartText("data label", "", size, source)
        for label in plot.iter(f"{C}trendlineLbl"):
            size, source = self._fallback(label, False, "trendline label")
            yield ChartText("trendline label", "", size, source)
