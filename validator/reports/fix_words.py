"""A fix run's changes in the words of the report's language: where each change was made and
its values in units a person knows.

A ``FixRecord`` keeps the technical place (``/ppt/presentation.xml p:sldSz``) and the values as
the file stores them (EMU, bytes, ``normAutofit``) for JSON and developers; people read "размер
слайдов презентации: 25,4 × 19,05 см -> 33,87 × 19,05 см", "слайд 2, надпись «TextBox 4»",
"рисунок «Рисунок 3» (слайд 2): 10,33 МБ -> 651 КБ". Places are said as the check reports say a
finding's place (``validator.plain.places``); every word comes from the catalogue.
"""

from __future__ import annotations

from validator.core.catalogue import ui
from validator.core.findings import number_ranges
from validator.core.location import Location
from validator.fix.pictures import PPI
from validator.fix.records import FixPlace, FixRecord
from validator.formats.pptx import EMU_PER_CM
from validator.plain.causes import cause_text
from validator.plain.places import place_words
from validator.plain.quantities import number_text, quantity, size_text

#: Kinds of ``FixPlace.what`` named after the part they are in (a style of a master).
_AFTER_PART = ("style", "table_cells")


def slides_words(slides: tuple[int, ...], lang: str) -> str:
    """``слайд 2`` or ``слайды 2-4, 7``; empty for none."""
    if not slides:
        return ""
    if len(slides) == 1:
        return ui(lang, "where.slide", n=slides[0])
    return ui(lang, "where.slides", range=number_ranges(slides))


def fix_place_text(place: FixPlace, lang: str) -> str:
    """Where a change was made, in words (the whole file when the place is empty)."""
    located = "; ".join(w for w in (place_words(p, lang) for p in place.places) if w)
    what = ""
    if place.what == "picture":
        what = ui(lang, "fix.what.picture_named", name=place.name) if place.name else \
            ui(lang, "fix.what.picture")
    elif place.what:
        what = ui(lang, f"fix.what.{place.what}", n=place.number)
    words = [located, what] if place.what.startswith(_AFTER_PART) else [what, located]
    text = ", ".join(w for w in words if w) or ui(lang, "fix.what.whole_file")
    shown = slides_words(place.slides, lang)
    return f"{text} ({shown})" if shown else text


def _number(value: str, lang: str) -> str:
    try:
        return number_text(float(value), lang)
    except ValueError:
        return value


def _size(value: str, lang: str) -> str:
    """Bytes as the check reports print sizes (``10,33 МБ``); anything else as it is."""
    return size_text(int(value), lang) if value.isdigit() else value


def _slide_size(value: str, lang: str) -> str:
    """``9144000 x 6858000`` (EMU) as ``25,4 × 19,05 см``."""
    try:
        width, height = (int(v) for v in value.split("x"))
    except ValueError:
        return value
    return f"{number_text(round(width / EMU_PER_CM, 2), lang)} × " \
        f"{quantity(round(height / EMU_PER_CM, 2), 'cm', lang)}"


def _pixels(value: str) -> str:
    """``1900x1900 -> 1100x1100`` as ``1900 × 1900 -> 1100 × 1100``."""
    return value.replace("x", " × ")


def record_values(r: FixRecord, lang: str) -> dict[str, str]:
    """The record's values for its sentence (``fix.rec.<kind>``), in the language's units."""
    args = dict(r.args)
    values = {"before": r.before, "after": r.after, **args}
    if r.kind in ("size", "size_builtin", "chart_size"):
        values.update(before=_number(args.get("before", ""), lang),
                      after=_number(args.get("after", ""), lang))
    elif r.kind == "slide_size":
        values.update(before=_slide_size(r.before, lang), after=_slide_size(r.after, lang))
    elif r.kind == "removed":
        values["size"] = _size(args.get("bytes", ""), lang)
    elif r.kind == "picture":
        steps = []
        if args.get("pixels"):
            steps.append(ui(lang, "fix.step.scale", pixels=_pixels(args["pixels"]),
                            ppi=PPI))
        if args.get("jpeg"):
            steps.append(ui(lang, "fix.step.jpeg", quality=args["jpeg"]))
        values.update(before=_size(r.before, lang), after=_size(r.after, lang),
                      steps="; ".join(steps))
    elif r.kind in ("shrink", "shrink_overflow"):
        scale = args.get("scale")
        values["was"] = ui(lang, "fix.was_scaled", scale=_number(scale, lang)) if scale else ""
    return values


def record_text(r: FixRecord, lang: str) -> str:
    """One change in words: ``fix.rec.<kind>`` with its place and values. English keeps the
    technical place in parentheses, for developers; Kazakh and Russian show none."""
    where = fix_place_text(r.place, lang)
    if lang == "en" and r.where:
        where = f"{where} ({r.where})"
    return ui(lang, f"fix.rec.{r.kind}", **{**record_values(r, lang), "where": where})


def skipped_text(code: str, why: str, args: tuple[tuple[str, str], ...], path: str,
                 lang: str) -> str:
    """Why a fix was not made, in words: ``fix.why.<why>`` with its place and values."""
    details = dict(args)
    if "kind" in details:
        details["kind"] = ui(lang, f"fix.kind.{details['kind']}")
    if "slide" in details:
        place = FixPlace(places=(place_location(details),))
        details["where"] = fix_place_text(place, lang)
    if why == "size_left":
        details.update(size=_size(details.get("size", ""), lang),
                       limit=_size(details.get("limit", ""), lang))
    if why in ("unreadable", "zip_unread"):
        details["reason"] = cause_text(details.get("reason", ""), path, lang)
    return f"{code}: {ui(lang, 'fix.why.' + why, **details)}"


def place_location(details: dict[str, str]) -> Location:
    """The slide and shape a skipped fix names (``slide``, ``shape`` in its details)."""
    slide = details.get("slide", "")
    return Location(slide=int(slide) if slide.isdigit() else None,
                    shape=details.get("shape") or None)
