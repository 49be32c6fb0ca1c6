"""SLD001 slide-aspect-ratio: slides must match the 16:9 format (clause 15.3).

For a PPTX-family deck the slide size is ``p:sldSz`` cx/cy in ``presentation.xml`` (a missing
``sldSz`` means PowerPoint's default 4:3; the ``type`` attribute is ignored, tools leave it
stale). For a PDF slide deck it is each page's CropBox after /Rotate. The ratio passes when
``|(w/h) / (16/9) - 1| <= tolerance``; the tolerance absorbs sizes that tools round
(13.33 in for 13.333 in), while 16:10, the nearest other format, is 10 % away.

A PDF deck is also one slide size throughout: pages whose width or height differs from page 1's
by more than the tolerance give one more finding (``mixed``), pointing at the first of them.

Parameters: ``ratio_width``, ``ratio_height`` (the format, 16 and 9), ``tolerance`` (relative).
Fails: a 10 x 7.5 in (4:3) deck. Passes: 13.333 x 7.5 in or 10 x 5.625 in.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from validator.checks.base import Hit, Param, Params, rule
from validator.core.findings import Location
from validator.files.document import Document
from validator.formats.pdf import PageBox
from validator.formats.pptx import EMU_PER_CM
from validator.plain.quantities import localized_decimal

PT_PER_CM = 72 / 2.54


def _off(width: float, height: float, params: Params) -> float:
    target = float(params["ratio_width"]) / float(params["ratio_height"])
    return abs((width / height) / target - 1)


def _hit(width: float, height: float, per_cm: float, params: Params, location: Location,
         evidence: str, pages: int = 1) -> Hit:
    ratio = width / height
    return Hit(
        location=location,
        measured=round(ratio, 4),
        threshold=round(params["ratio_width"] / params["ratio_height"], 4),
        unit="ratio",
        evidence=evidence,
        args={
            "width_cm": localized_decimal(width / per_cm, 2),
            "height_cm": localized_decimal(height / per_cm, 2),
            "ratio": localized_decimal(ratio, 3),
            "format": f"{params['ratio_width']:g}:{params['ratio_height']:g}",
            "pages": pages,
        },
        message="default" if pages == 1 else "pages",
    )


def _mixed_sizes(pages: Sequence[PageBox], params: Params) -> Iterator[Hit]:
    """One hit when pages differ in size from page 1 by more than the tolerance."""
    base = pages[0]
    tol = params["tolerance"]
    odd = [n for n, p in enumerate(pages, 1)
           if abs(p.width / base.width - 1) > tol or abs(p.height / base.height - 1) > tol]
    if not odd:
        return
    page = pages[odd[0] - 1]
    yield Hit(
        location=Location(page=odd[0]),
        measured=f"{page.width:g} x {page.height:g}",
        threshold=f"{base.width:g} x {base.height:g}",
        unit="pt",
        evidence=f"PDF page 1 CropBox {base.width:g} x {base.height:g} pt, page {odd[0]} "
                 f"{page.width:g} x {page.height:g} pt; {len(odd)} of {len(pages)} pages differ",
        message="mixed",
        args={"pages": len(odd), "page": odd[0],
              "width_cm": localized_decimal(page.width / PT_PER_CM, 2),
              "height_cm": localized_decimal(page.height / PT_PER_CM, 2),
              "first_width_cm": localized_decimal(base.width / PT_PER_CM, 2),
              "first_height_cm": localized_decimal(base.height / PT_PER_CM, 2)},
    )


@rule(
    code="SLD001",
    name="slide-aspect-ratio",
    kinds={"presentation"},
    params={
        "ratio_width": Param("float", "width part of the required format (16)", positive=True),
        "ratio_height": Param("float", "height part of the required format (9)", positive=True),
        "tolerance": Param("float", "allowed relative deviation of width/height"),
    },
)
def slide_aspect_ratio(doc: Document, params: Params) -> Iterator[Hit]:
    if doc.format == "pdf":
        pages = doc.pdf.pages
        bad = [n for n, p in enumerate(pages, 1) if _off(p.width, p.height, params) >
               params["tolerance"]]
        if bad:
            first = pages[bad[0] - 1]
            yield _hit(first.width, first.height, PT_PER_CM, params, Location(page=bad[0]),
                       f"PDF page {bad[0]} CropBox {first.width:g} x {first.height:g} pt"
                       f"; {len(bad)} of {len(pages)} pages off the format", len(bad))
        yield from _mixed_sizes(pages, params)
        return
    deck = doc.deck
    if _off(deck.width, deck.height, params) > params["tolerance"]:
        source = ("p:sldSz in presentation.xml" if deck.size_declared
                  else "no p:sldSz in presentation.xml: PowerPoint's default 4:3 applies")
        location = Location(part=deck.presentation_part)
        evidence = f"{source}: cx={deck.width} cy={deck.height} EMU"
        yield _hit(deck.width, deck.height, EMU_PER_CM, params, location, evidence)
