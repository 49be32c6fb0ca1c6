"""SLD002 min-font-size: all text on the slides at least the profile's size (clause 15.3).

Every run of text a visible slide shows is measured at its *effective* size: the size the
deck's inheritance chain gives it (run, paragraph default, the shape's list style, the layout
and master placeholders, the master's text styles, the presentation's default text style, the
built-in 18 pt), times the autofit ``fontScale`` PowerPoint stored when it last fitted the
text. Tables, groups, charts and SmartArt (from its drawing cache) are measured too; text that
a layout or master draws on a slide is reported on each slide that shows it.

One finding per offending shape, naming its smallest size, a short excerpt and where the size
came from ("layout 'Two Content' placeholder idx 1, level 2", "autofit 62.5% of 32 pt"). Each
problem is named once, at its root: shapes whose size comes from one shared element (a level of
a master text style, a layout or master placeholder, the presentation's default style, the
built-in 18 pt) or that a master or layout draws on every slide are ONE finding whose
``locations`` list every place in order and whose ``root`` names the part and element where the
value lives; its fingerprint follows the root, and a per-slide finding's follows the slide's
part and shape id, never the slide's position. A table is one finding per table frame, naming
its smallest cell; table text takes master
``otherStyle`` and, when ``defaultTextStyle`` would give the other verdict, the finding needs
review. Text whose size the file does not decide (SmartArt without a drawing cache, a chart
whose style part decides, embedded objects, equations) needs review, never passes silently.
Text in the stored preview picture of an embedded object is measured from that picture (font
heights scaled by the displayed size); its finding says the size is set inside the embedded
object, where it is mended.
Hidden slides are not checked; each is listed (case ``hidden-slide``). Superscripts and
subscripts count at their nominal size.

Parameters: ``min_size_pt`` (20 in the regulation), ``tolerance_pt`` (sizes are compared
without rounding; a size within the tolerance below the minimum passes).
Fails: a caption placeholder at 14 pt; a 32 pt body shrunk by autofit to 62.5 % (20 pt passes,
50 % fails). Passes: a title at 44 pt and body text at 32/28/24/20 pt.

A deck saved as PDF is measured by ``validator.checks.font_size_pdf`` (one finding per page,
sizes from the text matrix).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from importlib.util import find_spec

from validator.checks.base import Hit, Param, Params, rule
from validator.core.catalogue import format_message
from validator.core.findings import Status, number_ranges
from validator.core.location import Location, Root
from validator.files.document import Document
from validator.materials.roles import Localized
from validator.plain.places import localized_part
from validator.slides import ResolvedRun
from validator.slides.runs import StyleRoot
from validator.slides.size_source import localized_source, localized_unread

LANGS = ("kk", "ru", "en")

EXCERPT = 60
#: The excerpt of a shape whose file holds no words of what it draws (an embedded object
#: without a preview, a chart's value axis): the message names the shape and what it is.
NO_TEXT = "…"


def excerpt(texts: Sequence[str], limit: int = EXCERPT) -> str:
    """Join run texts into one short line of at most ``limit`` characters."""
    text = " ".join(" ".join(t.split()) for t in texts if t.strip())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def group_by_shape(runs: Iterable[ResolvedRun]) -> dict[tuple[int, str, int, str],
                                                       list[ResolvedRun]]:
    """Runs grouped per shape (slide, owning part, shape id, name), in drawing order."""
    out: dict[tuple[int, str, int, str], list[ResolvedRun]] = {}
    for run in runs:
        out.setdefault((run.slide, run.origin_part, run.shape_id, run.shape), []).append(run)
    return out


def _location(run: ResolvedRun, cell: str | None = None) -> Location:
    return Location(slide=run.slide, shape=run.shape, shape_id=run.shape_id, box=run.box,
                    cell=cell, part=run.origin_part if run.origin != "slide" else None)


def _hit(run: ResolvedRun, texts: Sequence[str], params: Params, message: str,
         status: Status = Status.VIOLATION, cell: str | None = None) -> Hit:
    evidence = run.source
    if run.origin != "slide":
        evidence = f"drawn by the {run.origin} /{run.origin_part}; {evidence}"
    if run.in_table and run.alt_size_pt is not None:
        evidence += f"; defaultTextStyle would give {run.alt_size_pt:g} pt"
    size = run.size_pt
    return Hit(
        location=_location(run, cell),
        measured=round(size, 2) if size is not None else None,
        threshold=params["min_size_pt"],
        unit="pt",
        evidence=evidence,
        status=status,
        message=message,
        args={"size": round(size, 2) if size is not None else "?", "shape": run.shape,
              "excerpt": excerpt(texts) or NO_TEXT,
              "source": (localized_unread(run.source) if message == "review"
                         else localized_source(run.source)),
              "origin": run.origin, "part": localized_part(run.origin_part), "cell": cell or "",
              "min": params["min_size_pt"]},
        fingerprint_extra=run.origin_part if run.origin != "slide" else "",
        fingerprint_key=f"slide|{run.origin_part}|{run.shape_id}|{cell or ''}",
    )


def _small(size: float | None, params: Params) -> bool:
    return size is not None and size < params["min_size_pt"] - params["tolerance_pt"]


def _table_hit(runs: list[ResolvedRun], params: Params
               ) -> tuple[Hit | None, ResolvedRun | None]:
    failing = [r for r in runs if _small(r.size_pt, params) and _small(r.alt_size_pt, params)]
    unsure = [r for r in runs if _small(r.size_pt, params) != _small(r.alt_size_pt, params)]
    pick = failing or unsure
    if not pick:
        return None, None
    worst = min(pick, key=lambda r: r.size_pt or 0.0)
    texts = [r.text for r in runs if r.cell == worst.cell]
    status = Status.VIOLATION if failing else Status.NEEDS_REVIEW
    return _hit(worst, texts, params, "table" if failing else "table_review", status,
                worst.cell), worst


def shape_hit_run(runs: list[ResolvedRun], params: Params
                  ) -> tuple[Hit | None, ResolvedRun | None]:
    """The finding for one shape's runs and the run it names, or (None, None) when all pass."""
    if runs[0].in_table:
        return _table_hit(runs, params)
    small = [r for r in runs if _small(r.size_pt, params)]
    if small:
        worst = min(small, key=lambda r: r.size_pt or 0.0)
        message = _small_message(worst)
        return _hit(worst, [r.text for r in runs], params, message), worst
    unknown = [r for r in runs if r.size_pt is None]
    if unknown:
        return (_hit(unknown[0], [r.text for r in unknown], params, "review",
                     Status.NEEDS_REVIEW), unknown[0])
    return None, None


def _small_message(run: ResolvedRun) -> str:
    """The message for a run below the minimum: text a layout or master draws is changed
    there; text in the stored picture of an embedded object (the only object text with a
    size) is changed inside that object, never in the deck's styles."""
    if run.origin != "slide":
        return f"decoration_{run.origin}"
    return "object" if run.kind == "object" else "default"


def root_of(run: ResolvedRun, params: Params) -> StyleRoot | None:
    """The shared element a shape's finding comes from, or None when it is the shape's own.

    Text a layout or master draws is that part's text box, whatever styles it; text the
    slide's own autofit shrinks below the minimum (its nominal size passes) is the slide's.
    """
    if run.origin != "slide":
        return StyleRoot(run.origin_part,
                         f"p:cSld/p:spTree/*[*/p:cNvPr/@id='{run.shape_id}']",
                         f"decoration-{run.origin}", run.shape)
    if run.scale not in (None, 1.0) and not _small(run.nominal_pt, params):
        return None
    return run.root


def _root_text(root: StyleRoot) -> Localized:
    """The root in words, in each language."""
    level = root.element.rsplit("/a:lvl", 1)[-1].split("pPr", 1)[0] if "/a:lvl" in root.element \
        else ""
    if root.kind == "master-style":
        key, args = f"root_{root.name}", {"level": level}
    elif root.kind == "master-placeholder":
        key, args = "root_master_placeholder", {"level": level}
    elif root.kind == "layout-placeholder":
        key, args = "root_layout_placeholder", {"level": level, "name": root.name}
    elif root.kind == "default-style":
        key, args = "root_default_style", {"level": level}
    elif root.kind == "built-in":
        key, args = "root_built_in", {"level": level}
    else:
        key, args = f"root_{root.kind.replace('-', '_')}", {"name": root.name}
    out = Localized()
    for lang in LANGS:
        lang_args = dict(args)
        if root.kind == "master-placeholder":
            ph = root.name if root.name in ("title", "body", "dt", "ftr", "sldNum") else "other"
            lang_args["ph"] = format_message("SLD002", lang, f"ph_{ph}", {})
        out[lang] = format_message("SLD002", lang, key, lang_args)
    return out


#: Slide numbers as ranges (``2-8, 11``); the reports use the same spelling.
slide_ranges = number_ranges


def _places(slides: Sequence[int]) -> Localized:
    key = "places_one" if len(set(slides)) == 1 else "places_many"
    out = Localized()
    for lang in LANGS:
        out[lang] = format_message("SLD002", lang, key, {"range": slide_ranges(slides)})
    return out


def merge_by_root(hits: Sequence[tuple[Hit, StyleRoot | None]], params: Params) -> list[Hit]:
    """One finding per root: hits sharing a root (and a status) become one, in place order.

    A root shown at one place keeps the shape's own message; at several, the message names the
    root in words and the slides it shows on. The merged finding's fingerprint is the root's.
    """
    groups: dict[tuple[str, str, str, Status], list[Hit]] = {}
    order: list[tuple[str, str, str, Status] | int] = []
    for i, (hit, root) in enumerate(hits):
        if root is None:
            order.append(i)
            continue
        key = (root.part, root.element, root.kind, hit.status)
        if key not in groups:
            order.append(key)
        groups.setdefault(key, []).append(hit)
    roots = {(r.part, r.element, r.kind, h.status): r for h, r in hits if r is not None}
    out: list[Hit] = []
    for item in order:
        if isinstance(item, int):
            out.append(hits[item][0])
            continue
        members, root = groups[item], roots[item]
        first = members[0]
        model_root = Root(root.part, root.element)
        fp_key = f"root|{root.part}|{root.element}|{root.kind}"
        if len(members) == 1:
            out.append(replace(first, root=model_root, fingerprint_key=fp_key))
            continue
        worst = min(members, key=lambda h: h.measured if isinstance(h.measured, float)
                    else float("inf"))
        slides = [h.location.slide for h in members if h.location.slide is not None]
        args = dict(worst.args)
        args.update({"places": _places(slides), "root": _root_text(root),
                     "count": len(members)})
        out.append(replace(
            worst, location=first.location, locations=tuple(h.location for h in members),
            root=model_root, fingerprint_key=fp_key, message="root", args=args,
            evidence=f"{len(members)} places share /{root.part} {root.element}; "
                     f"{worst.evidence}"))
    return out


@rule(
    code="SLD002",
    name="min-font-size",
    kinds={"presentation"},
    params={
        "min_size_pt": Param("float", "smallest allowed effective font size, in points",
                             positive=True),
        "tolerance_pt": Param("float", "a size this close below the minimum still passes"),
    },
    cases=("hidden-slide",),
)
def min_font_size(doc: Document, params: Params) -> Iterator[Hit]:
    if doc.format == "pdf":  # PDF slide decks: sizes from the text matrix of each span
        if find_spec("validator.checks.font_size_pdf") is None:
            return  # a build without the PDF text reader (it lands with the PDF deck checks)
        from validator.checks.font_size_pdf import (  # type: ignore[import-not-found, unused-ignore]
            pdf_font_size_hits,
        )

        yield from pdf_font_size_hits(doc, params)
        return
    deck = doc.deck
    for ref in deck.slides:
        if ref.hidden:
            yield Hit(location=Location(slide=ref.number, part=ref.part), case="hidden-slide",
                      message="hidden", evidence=f"p:sld show=\"0\" in /{ref.part}",
                      args={"slide": ref.number})
    hits: list[tuple[Hit, StyleRoot | None]] = []
    for runs in group_by_shape(doc.slide_runs).values():
        hit, worst = shape_hit_run(runs, params)
        if hit is not None and worst is not None:
            hits.append((hit, root_of(worst, params)))
    yield from merge_by_root(hits, params)
