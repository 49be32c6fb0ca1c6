"""Value objects of the effective-size resolver: one ``ResolvedRun`` per run of slide text.

A run is the smallest piece of text with one size: ``a:r`` and ``a:fld`` in a text body, one
text element of a chart (a title, the tick labels of an axis, the legend), or one shape of a
SmartArt drawing. ``size_pt`` is what the slide shows when opened (the nominal size times the
stored autofit ``fontScale``); ``None`` means the size cannot be decided from the file, and the
``source`` says why.
"""

from __future__ import annotations

from dataclasses import dataclass

from validator.core.findings import Box

#: Namespaces the resolver reads beyond ``validator.formats.ooxml.NS``.
NSX = {
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "dgm": "http://schemas.openxmlformats.org/drawingml/2006/diagram",
    "dsp": "http://schemas.microsoft.com/office/drawing/2008/diagram",
    "cdr": "http://schemas.openxmlformats.org/drawingml/2006/chartDrawing",
}

P = "{" + NSX["p"] + "}"
A = "{" + NSX["a"] + "}"
R = "{" + NSX["r"] + "}"
C = "{" + NSX["c"] + "}"
MC = "{" + NSX["mc"] + "}"
DGM = "{" + NSX["dgm"] + "}"
DSP = "{" + NSX["dsp"] + "}"
CDR = "{" + NSX["cdr"] + "}"

URI_TABLE = "http://schemas.openxmlformats.org/drawingml/2006/table"
URI_CHART = "http://schemas.openxmlformats.org/drawingml/2006/chart"

#: Built-in size when no layer of a chain sets one (LibreOffice and PowerPoint: 18 pt).
BUILT_IN_HUNDREDTHS = 1800


@dataclass(frozen=True, slots=True)
class StyleRoot:
    """Where a size that many runs share is set: a part and the element inside it.

    ``kind`` says what that element is, for the words a report uses: ``master-style`` (one of
    the slide master's ``p:txStyles``; ``name`` is titleStyle, bodyStyle or otherStyle),
    ``master-placeholder`` and ``layout-placeholder`` (the list style of a placeholder the slide
    inherits; ``name`` is the placeholder kind or the layout's name), ``default-style`` (the
    presentation's ``p:defaultTextStyle``), ``built-in`` (no layer sets a size, so the built-in
    18 pt applies), and ``decoration`` (a text box a layout or master draws on every slide;
    ``name`` is the shape's name). Runs with the same root are one problem, fixed in one place.
    """

    part: str
    element: str
    kind: str
    name: str = ""


@dataclass(frozen=True, slots=True)
class ResolvedRun:
    """One run of text rendered on a slide, with its effective size and where it came from.

    ``slide`` is the 1-based position in the deck (hidden slides counted). ``origin`` says whose
    shape it is: ``slide``, or ``layout``/``master`` for decorations those parts draw on the
    slide; ``origin_part`` names that part. ``scale`` is the stored autofit factor (1.0 when
    there is none). For table cells ``alt_size_pt`` is the size ``p:defaultTextStyle`` would
    give instead of master ``otherStyle`` (the two candidates the evidence leaves open).
    """

    slide: int
    shape_id: int
    shape: str
    text: str
    size_pt: float | None
    nominal_pt: float | None
    scale: float | None
    source: str
    origin: str
    origin_part: str
    box: Box | None
    in_table: bool = False
    alt_size_pt: float | None = None
    kind: str = "text"  # text | table | chart | smartart | object
    paragraph: int = 0
    level: int = 0
    cell: str | None = None
    autofit: str | None = None  # "bare" (normAutofit without fontScale), "scaled", "shape", None
    root: StyleRoot | None = None  # the shared element that sets the nominal size, if any
