"""One fix record per table: the cells of a table whose sizes were raised, said once.

``fix_font_sizes`` raises a table's text cell by cell (each cell sets its own sizes), but a
person reads "table «Table 5», 18 cells: 12 pt -> 20 pt" once, as the check reports the table
once, not eighteen lines that differ only in a row and a column.
"""

from __future__ import annotations

from dataclasses import replace

from validator.core.location import Location
from validator.fix.records import FixPlace, FixRecord


def _cell_key(record: FixRecord) -> tuple[int | None, str | None, str | None] | None:
    """The table a size record's cell belongs to, or None for a record of no cell."""
    if record.kind != "size" or len(record.place.places) != 1:
        return None
    place = record.place.places[0]
    if place.cell is None:
        return None
    return place.slide, place.part, place.shape


def _points(record: FixRecord) -> float:
    """The size a record raised, in points; a record without one sorts last."""
    return record.points if record.points is not None else float("inf")


def _merged(cells: list[FixRecord]) -> FixRecord:
    """The record of a table from those of its cells: the smallest size before, every
    cell named in the technical place, the counts added up."""
    first = cells[0]
    place = first.place.places[0]
    smallest = min(cells, key=_points)
    args = dict(smallest.args)
    args["count"] = str(sum(int(dict(r.args).get("count", "1")) for r in cells))
    args["set_in"] = ", ".join(sorted({w for r in cells
                                       for w in dict(r.args).get("set_in", "").split(", ")
                                       if w}))
    names = ",".join(p.cell or "" for r in cells for p in r.place.places)
    table = Location(slide=place.slide, part=place.part, shape=place.shape)
    where = first.where.rsplit("/cell[", 1)[0] + f"/cells[{names}]"
    return replace(smallest, where=where, args=tuple(args.items()),
                   place=FixPlace("table_cells", (table,), number=len(cells)))


def one_per_table(records: list[FixRecord]) -> list[FixRecord]:
    """``records`` with the size records of two or more cells of one table made one, at the
    place of the table's first; every other record as it was, in its order."""
    groups: dict[tuple[int | None, str | None, str | None], list[FixRecord]] = {}
    for record in records:
        key = _cell_key(record)
        if key is not None:
            groups.setdefault(key, []).append(record)
    out: list[FixRecord] = []
    for record in records:
        key = _cell_key(record)
        if key is None or len(groups[key]) == 1:
            out.append(record)
        elif groups[key][0] is record:
            out.append(_merged(groups[key]))
    return out
