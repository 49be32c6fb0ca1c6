"""LNG003 pair-parity: the Kazakh and Russian texts of a pair say the same (clause 22).

For each kk/ru pair found as for LNG001, the two texts are compared unit by unit: slide by
slide for decks, numbered item by numbered item for documents (items aligned by their markers,
so one missing item does not shift the rest), sheet by sheet for workbooks; a table kept in
Word on one side and in Excel on the other (a participant list: ``pairing.TABLE_ROLES``) as one
text, by its figures. Within a unit the numbers, dates, amounts and percentages must be the
same multiset after normalisation (``4 589 731`` = ``4589731``, ``09.12.2025`` = ``9 желтоқсан
2025`` = ``9 декабря 2025``, ``18-інде`` = ``18``), and the numbered markers (``N.``, ``N)``)
the same sequence; tables come in the same order with the same numbers of rows and columns. The
finding points at the place in the Kazakh file and names the place in the Russian one. A
different slide count is a structure finding. The kk/ru ratio of non-space characters outside
``[min_length_ratio, max_length_ratio]`` (measured bands; spec section 9) is the ``length``
case, a warning only. A pair where the text of one side was not read (FIL001, FIL003, SEC003, a
scan without a text layer) is never compared, and says nothing: the unread file's own finding
names the cause, once, and the pair is compared when that file is sent again readable. Only if
a side's text could not be had while its report names no such cause is there one needs-review
on the Kazakh file naming that side.

Parameters: ``min_length_ratio``, ``max_length_ratio``, ``min_chars_for_ratio`` (shorter
texts are not compared by length), ``max_findings_per_pair``.
Fails: kk "2012 жылғы 31 желтоқсандағы" against ru "от 31 декабря 2010 года".
Passes: the same date on both sides.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from validator.checks._lang_common import Entry, Joined, entries_of, join_blocks, pairing_of, place
from validator.checks.base import Hit, Param, Params, rule
from validator.core.errors import LimitError, UnreadableError
from validator.core.findings import Status
from validator.core.location import Location
from validator.formats.textblocks import TextBlock
from validator.plain.places import localized_place, localized_unit
from validator.plain.quantities import localized_decimal, localized_number

# A unit: a technical label like the report's places ("slide[3]", "item[4.]", "sheet[1]",
# "preamble"; language-neutral, as in every message) and its located text.
Unit = tuple[str, Joined]


def _units(entry: Entry, blocks: tuple[TextBlock, ...]) -> list[Unit]:
    if entry.kind == "presentation" and entry.document.format != "pdf":
        by_slide: dict[int, list[TextBlock]] = {}
        for b in blocks:
            by_slide.setdefault(b.location.slide or 0, []).append(b)
        count = entry.slides or max(by_slide, default=0)
        return [(f"slide[{n}]", join_blocks(by_slide.get(n, []))) for n in range(1, count + 1)]
    if entry.kind == "spreadsheet":
        by_sheet: dict[str, list[TextBlock]] = {}
        for b in blocks:
            by_sheet.setdefault(b.location.sheet or "", []).append(b)
        return [(f"sheet[{name}]", join_blocks(bs)) for name, bs in by_sheet.items()]
    return [("document", join_blocks(blocks))]


def _figures_hit(label: str, kk: Joined, ru: Joined, kk_path: str, ru_path: str,
                 markers: bool = True) -> Iterator[Hit]:
    """Figures and markers one side of a unit has and the other lacks (figures only with
    ``markers`` False: a table's cells, kept in Word on one side and in Excel on the other,
    number their rows each its own way)."""
    from validator.language.parity import compare_units

    diff = compare_units(kk.text, ru.text)
    if diff.kk_only or diff.ru_only:
        first = (diff.kk_only or diff.ru_only)[0]
        kk_loc = kk.locate(diff.kk_only[0].offset) if diff.kk_only else kk.locate(0)
        ru_loc = ru.locate(diff.ru_only[0].offset) if diff.ru_only else ru.locate(0)
        kk_vals = ", ".join(f.raw for f in diff.kk_only) or "—"
        ru_vals = ", ".join(f.raw for f in diff.ru_only) or "—"
        yield Hit(
            location=kk_loc,
            measured=len(diff.kk_only) + len(diff.ru_only),
            unit="figures",
            evidence=(f"{label}: kk {kk_path} {place(kk_loc)} has [{kk_vals}]; "
                      f"ru {ru_path} {place(ru_loc)} has [{ru_vals}] (first: {first.value})"),
            case="numbers",
            message="default",
            args={"unit": localized_unit(label), "kk_only": kk_vals, "ru_only": ru_vals,
                  "ru_file": ru_path, "kk_place": localized_place(kk_loc),
                  "ru_place": localized_place(ru_loc)},
            file=kk_path,
            fingerprint_extra=f"numbers|{label}|{ru_path}",
        )
    if markers and (diff.kk_markers_only or diff.ru_markers_only):
        mk = (diff.kk_markers_only or diff.ru_markers_only)[0]
        on_kk = bool(diff.kk_markers_only)
        kk_loc = kk.locate(mk.offset) if on_kk else kk.locate(0)
        ru_loc = ru.locate(mk.offset) if not on_kk else ru.locate(0)
        kk_m = " ".join(m.label for m in diff.kk_markers_only) or "—"
        ru_m = " ".join(m.label for m in diff.ru_markers_only) or "—"
        yield Hit(
            location=kk_loc,
            evidence=(f"{label}: markers only in kk {kk_path} [{kk_m}], only in ru "
                      f"{ru_path} {place(ru_loc)} [{ru_m}]"),
            case="structure",
            message="markers",
            args={"unit": localized_unit(label), "kk_only": kk_m, "ru_only": ru_m,
                  "ru_file": ru_path, "kk_place": localized_place(kk_loc),
                  "ru_place": localized_place(ru_loc)},
            file=kk_path,
            fingerprint_extra=f"markers|{label}|{ru_path}",
        )


def _items(label: str, kk: Joined, ru: Joined, kk_path: str, ru_path: str) -> Iterator[Hit]:
    from validator.language.parity import align_items, split_items

    kk_items, ru_items = split_items(kk.text), split_items(ru.text)
    for a, b in align_items(kk_items, ru_items):
        if a is None or b is None:
            item = a or b
            assert item is not None
            side_kk = a is not None
            loc = kk.locate(item.offset) if side_kk else ru.locate(item.offset)
            label = item.label or "preamble"  # the text before the first numbered item
            message = ("item_only_kk" if side_kk else "item_only_ru") if item.label else (
                "preamble_only_kk" if side_kk else "preamble_only_ru")
            yield Hit(
                location=loc if side_kk else Location(),
                evidence=(f"item {label} is only in the {'kk' if side_kk else 'ru'} text "
                          f"({kk_path if side_kk else ru_path} {place(loc)})"),
                case="structure",
                message=message,
                args={"item": label, "ru_file": ru_path, "place": localized_place(loc)},
                file=kk_path,
                fingerprint_extra=f"item|{label}|{side_kk}|{ru_path}",
            )
            continue
        sub_kk = _slice(kk, a.offset, a.offset + len(a.text))
        sub_ru = _slice(ru, b.offset, b.offset + len(b.text))
        name = f"item[{a.label}]" if a.label else "preamble"
        yield from _figures_hit(name, sub_kk, sub_ru, kk_path, ru_path)


def _tables(kk_e: Entry, ru_e: Entry) -> Iterator[Hit]:
    """Tables in the same order with the same numbers of rows and columns."""
    try:
        kk_t, ru_t = kk_e.document.table_shapes, ru_e.document.table_shapes
    except (UnreadableError, LimitError):
        return  # the text was readable, the table parts are not: FIL001 elsewhere says why
    for n in range(max(len(kk_t), len(ru_t))):
        a = kk_t[n] if n < len(kk_t) else None
        b = ru_t[n] if n < len(ru_t) else None
        if a is not None and b is not None and (a.rows, a.columns) == (b.rows, b.columns):
            continue
        kk_shape = f"{a.rows}x{a.columns}" if a else "-"
        ru_shape = f"{b.rows}x{b.columns}" if b else "-"
        ru_place = place(b.location) if b else "-"
        yield Hit(
            location=a.location if a else Location(),
            measured=kk_shape,
            threshold=ru_shape,
            unit="rows x columns",
            evidence=(f"table {n + 1}: kk {kk_e.path} {kk_shape}; "
                      f"ru {ru_e.path} {ru_place} {ru_shape}"),
            case="structure",
            message="table",
            args={"table": n + 1, "kk_shape": kk_shape.replace("x", " × "),
                  "ru_shape": ru_shape.replace("x", " × "),
                  "ru_file": ru_e.path,
                  "ru_place": localized_place(b.location) if b else "-"},
            file=kk_e.path,
            fingerprint_extra=f"table|{n + 1}|{ru_e.path}",
        )


def _align_units(kk: list[Unit], ru: list[Unit]) -> list[tuple[Unit, Unit]]:
    """Units to compare: by position when both sides have as many, otherwise matched on
    their figures (difflib), so one inserted slide does not shift every comparison after it;
    units left without a partner are covered by the slide-count finding."""
    from validator.language.parity import extract_figures

    if len(kk) == len(ru):
        return list(zip(kk, ru, strict=True))

    def signature(unit: Unit) -> str:
        return " ".join(sorted(f.value for f in extract_figures(unit[1].text)))

    matcher = difflib.SequenceMatcher(None, [signature(u) for u in kk],
                                      [signature(u) for u in ru], False)
    pairs: list[tuple[Unit, Unit]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("equal", "replace"):  # a replaced run is compared by position
            pairs.extend(zip(kk[i1:i2], ru[j1:j2], strict=False))
    return pairs


def _slice(j: Joined, start: int, end: int) -> Joined:
    """The part of a joined text between two offsets, still locatable."""
    starts = [max(0, s - start) for s in j.starts]
    return Joined(j.text[start:end], tuple(starts), j.blocks)


@rule(
    code="LNG003",
    reads_language=True,
    reads_views=("text_blocks", "text_marks", "table_shapes"),
    name="pair-parity",
    scope="package",
    params={
        "min_length_ratio": Param("float", "lowest kk/ru ratio of non-space characters"),
        "max_length_ratio": Param("float", "highest kk/ru ratio of non-space characters"),
        "min_chars_for_ratio": Param("int", "shorter texts are not compared by length"),
        "max_findings_per_pair": Param("int", "findings per kk/ru pair at most", positive=True),
    },
    cases=("numbers", "structure", "length"),
)
def pair_parity(ctx: Any, params: Params) -> Iterator[Hit]:
    if ctx.single:
        return
    pairing, by_path = pairing_of(entries_of(ctx))
    for pair in pairing.pairs:
        if not (pair.kk.readable and pair.ru.readable):
            # A side whose report says it was not read is spoken for by that finding.
            unexplained = [c.path for c in (pair.kk, pair.ru)
                           if not c.readable and not by_path[c.path].unread]
            if unexplained:
                yield _unread_pair(pair.kk.path, pair.ru.path, unexplained)
            continue
        kk_e, ru_e = by_path[pair.kk.path], by_path[pair.ru.path]
        kk_blocks, ru_blocks = kk_e.document.text_blocks, ru_e.document.text_blocks
        hits = list(_pair_hits(kk_e, ru_e, kk_blocks, ru_blocks, params))
        yield from hits[: params["max_findings_per_pair"]]


def _unread_pair(kk_path: str, ru_path: str, unread: list[str]) -> Hit:
    """Needs-review on the Kazakh file: the pair was not compared, because the text of one
    side (or both) could not be had and no finding of that file says so (fail closed).
    Never a comparison against text that is not there."""
    names = ", ".join(unread)
    return Hit(
        location=Location(),
        evidence=f"not compared: the text of {names} was not read (kk {kk_path}, ru {ru_path})",
        status=Status.NEEDS_REVIEW,
        case="structure",
        message="unread" if len(unread) == 1 else "unread_many",
        args={"unread": names, "ru_file": ru_path},
        file=kk_path,
        fingerprint_extra=f"unread|{ru_path}",
    )


def _pair_hits(kk_e: Entry, ru_e: Entry, kk_blocks: tuple[TextBlock, ...],
               ru_blocks: tuple[TextBlock, ...], params: Params) -> Iterator[Hit]:
    from validator.language.parity import length_ratio

    kk_path, ru_path = kk_e.path, ru_e.path
    if kk_e.slides is not None and ru_e.slides is not None and kk_e.slides != ru_e.slides:
        yield Hit(
            location=Location(),
            measured=kk_e.slides,
            threshold=ru_e.slides,
            unit="slides",
            evidence=f"kk {kk_path}: {kk_e.slides} slides; ru {ru_path}: {ru_e.slides} slides",
            case="structure",
            message="slides",
            args={"kk_count": kk_e.slides, "ru_count": ru_e.slides, "ru_file": ru_path},
            file=kk_path,
            fingerprint_extra=f"slides|{ru_path}",
        )
    if kk_e.kind != ru_e.kind:  # a list in Word and in Excel: one text each, its figures
        yield from _figures_hit("document", join_blocks(kk_blocks), join_blocks(ru_blocks),
                                kk_path, ru_path, markers=False)
        return
    yield from _tables(kk_e, ru_e)
    kk_units, ru_units = _units(kk_e, kk_blocks), _units(ru_e, ru_blocks)
    for (label, kk), (_, ru) in _align_units(kk_units, ru_units):
        if label == "document":
            yield from _items(label, kk, ru, kk_path, ru_path)
        else:
            yield from _figures_hit(label, kk, ru, kk_path, ru_path)
    kk_text = "\n".join(b.text for b in kk_blocks)
    ru_text = "\n".join(b.text for b in ru_blocks)
    ratio = length_ratio(kk_text, ru_text)
    shorter = min(len(kk_text), len(ru_text))
    if ratio is not None and shorter >= params["min_chars_for_ratio"] and not (
        params["min_length_ratio"] <= ratio <= params["max_length_ratio"]
    ):
        yield Hit(
            location=Location(),
            measured=round(ratio, 3),
            threshold=f"{params['min_length_ratio']}-{params['max_length_ratio']}",
            unit="ratio",
            evidence=f"non-space characters kk {kk_path} / ru {ru_path} = {ratio:.3f}",
            case="length",
            message="length",
            args={"ratio": localized_decimal(ratio, 2),
                  "low": localized_number(params["min_length_ratio"]),
                  "high": localized_number(params["max_length_ratio"]), "ru_file": ru_path},
            file=kk_path,
            fingerprint_extra=f"length|{ru_path}",
        )
