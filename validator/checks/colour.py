"""SLD004 colour-slides: presentation slides are in colour (clause 15.3).

Clause 15.3 asks for "colour slides". A deck is reported when nothing its visible slides draw
has colour: every colour that a visible slide, its layout or its master uses (fills, lines,
text, backgrounds, theme style references, resolved through the colour map and the theme),
every chart and SmartArt drawing on those slides (a series without its own fill takes the
theme's accent colour), and every picture on them is grey.

The test, exactly:

- a colour is colourful when its chroma, ``max(r, g, b) - min(r, g, b)`` on 0..255, is at least
  ``min_chroma``. Modifiers (``lumMod``, ``satMod``, ``tint``, ``shade``, ``gray``...) are
  applied first; fully transparent colours and theme colours no visible element uses do not
  count;
- a picture is colourful when at least ``min_picture_share`` of its pixels are colourful, on a
  64 x 64 sample. Pictures are sampled only when stored in at most ``max_picture_bytes`` and
  at most ``max_picture_pixels`` large (media is never inflated beyond that);
- for a PDF deck: the colour operators of the page content (``rg``, ``k``, ``sc``... in their
  colour space) and its images, with the same thresholds.

The search stops at the first colourful thing, so colour decks cost little. A deck with no
colourful element but with things whose colour could not be judged (pictures too large to
sample, vector or undecodable pictures, built-in table styles the file does not store,
SmartArt without its stored drawing) is
``needs-review``: they may be what colours it. Hidden slides are not
judged; a deck with no visible slide gives no finding.

Parameters: ``min_chroma`` (0-255), ``min_picture_share`` (0-1), ``max_picture_bytes``,
``max_picture_pixels``.
Fails: black and grey text on white slides, with a greyscale photo. Passes: a deck whose title
uses the theme's blue accent, or one colour photo.
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.checks.base import Hit, Param, Params, rule
from validator.core.findings import Status
from validator.files.document import Document
from validator.formats.deck_colour import ColourLimits, ColourSurvey, survey_deck
from validator.formats.pdf_colour import survey_pdf


def colour_limits(params: Params) -> ColourLimits:
    return ColourLimits(
        min_chroma=int(params["min_chroma"]),
        min_picture_share=float(params["min_picture_share"]),
        max_picture_bytes=int(params["max_picture_bytes"]),
        max_picture_pixels=int(params["max_picture_pixels"]),
    )


def survey(doc: Document, params: Params) -> ColourSurvey:
    """Survey the colours of a deck (PPTX family or PDF)."""
    limits = colour_limits(params)
    if doc.format == "pdf":
        with doc.member.open() as fh:
            data = fh.read()
        return survey_pdf(data, limits, doc.limits.max_part_bytes,
                          doc.limits.pdf_max_stream_bytes)
    return survey_deck(doc.ooxml, doc.deck, limits)


@rule(
    code="SLD004",
    name="colour-slides",
    kinds={"presentation"},
    params={
        "min_chroma": Param("int", "smallest max(r,g,b)-min(r,g,b) (0-255) that is colour"),
        "min_picture_share": Param("float", "share of colourful pixels that makes a picture "
                                            "colourful"),
        "max_picture_bytes": Param("int", "largest stored picture that is sampled", positive=True),
        "max_picture_pixels": Param("int", "largest picture (width x height) that is decoded",
                                    positive=True),
    },
)
def colour_slides(doc: Document, params: Params) -> Iterator[Hit]:
    result = survey(doc, params)
    if result.colourful is not None or result.slides == 0:
        return
    seen = (f"{result.colours} colour use(s) and {result.pictures} picture(s) on "
            f"{result.slides} visible slide(s), the most chromatic at {result.max_chroma}")
    if result.unsampled:
        listed = "; ".join(result.unsampled[:3])
        more = f" and {len(result.unsampled) - 3} more" if len(result.unsampled) > 3 else ""
        yield Hit(
            measured=result.max_chroma,
            threshold=int(params["min_chroma"]),
            unit="chroma",
            status=Status.NEEDS_REVIEW,
            evidence=f"{seen}; not sampled: {listed}{more}",
            message="unsampled",
            args={"slides": result.slides, "pictures": len(result.unsampled)},
        )
        return
    yield Hit(
        measured=result.max_chroma,
        threshold=int(params["min_chroma"]),
        unit="chroma",
        evidence=f"{seen}; all below chroma {int(params['min_chroma'])}",
        args={"slides": result.slides, "chroma": result.max_chroma},
    )
