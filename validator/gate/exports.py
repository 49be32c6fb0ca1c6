"""The meeting's register as a table: on the meeting page, and as CSV and XLSX files.

One definition of the columns and cells serves all three, so the page and the files show the
same rows and columns: item, version, body, received (Kazakhstan time), verdict in the
chosen language and its code, deadline, working days late, the apparatus's latest decision
and its reason. Headers are in the request's language. Cells keep their types (dates,
numbers) until a format writes them: the CSV as text, the XLSX as Excel dates and numbers.

The CSV is UTF-8 with a byte order mark, so Excel opens Cyrillic and Kazakh letters right;
the XLSX is written by XlsxWriter (measured faster than openpyxl and dependency-free).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

from validator.core.catalogue import ui
from validator.gate.i18n import text
from validator.gate.intake import ALMATY
from validator.gate.listing import Version, item_label

Cell = str | int | dt.date | dt.datetime | None

#: The columns, in order: the key of each header in the gate's catalogue.
COLUMNS = ("item", "version", "body", "received_at", "verdict", "verdict_code", "deadline",
           "days_late", "decision", "decision_reason")
MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class TableRow:
    """The cells of one version's row, and the submission it is (for the page's links)."""

    submission_id: str
    check_state: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[TableRow, ...]


def headers(lang: str) -> tuple[str, ...]:
    return tuple(text(lang, f"apparatus.col.{c}") for c in COLUMNS)


def received(value: str) -> dt.datetime:
    """An arrival time as Kazakhstan wall-clock time (naive: spreadsheets have no zones)."""
    return dt.datetime.fromisoformat(value).astimezone(ALMATY).replace(tzinfo=None)


def row_cells(v: Version, lang: str) -> tuple[Cell, ...]:
    row = v.row
    if row.checked and row.verdict:
        verdict, code = ui(lang, f"verdict.{row.verdict}"), row.verdict
    else:
        verdict, code = text(lang, f"check.{row.check_state}"), ""
    decision = text(lang, f"apparatus.decision.{v.decision.decision}") if v.decision else ""
    return (item_label(row), row.version, row.body, received(row.received_at), verdict, code,
            dt.date.fromisoformat(row.deadline) if row.deadline else None, row.days_late,
            decision, v.decision.reason if v.decision else "")


def table(versions: Sequence[Version], lang: str) -> Table:
    return Table(headers(lang), tuple(TableRow(v.row.id, v.row.check_state, row_cells(v, lang))
                                      for v in versions))


def cell_text(cell: Cell) -> str:
    """A cell as the CSV and the page write it."""
    if cell is None:
        return ""
    if isinstance(cell, dt.datetime):
        return cell.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return str(cell)


def to_csv(t: Table) -> bytes:
    """The table as CSV: UTF-8 with BOM, comma-separated, CRLF line ends (RFC 4180)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(t.headers)
    for r in t.rows:
        writer.writerow([_no_formula(cell_text(c)) for c in r.cells])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(t: Table, sheet: str) -> bytes:
    """The table as one XLSX sheet: dates and times as Excel dates, numbers as numbers,
    every text as text (never a formula), a frozen header row and a filter on it."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False,
                                     "strings_to_urls": False, "strings_to_numbers": False})
    try:
        ws = book.add_worksheet(_sheet_name(sheet))
        bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        when = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
        day = book.add_format({"num_format": "yyyy-mm-dd"})
        ws.write_row(0, 0, t.headers, bold)
        for y, r in enumerate(t.rows, start=1):
            for x, c in enumerate(r.cells):
                if isinstance(c, dt.datetime):
                    ws.write_datetime(y, x, c, when)
                elif isinstance(c, dt.date):
                    ws.write_datetime(y, x, dt.datetime.combine(c, dt.time()), day)
                elif isinstance(c, int):
                    ws.write_number(y, x, c)
                elif c is None or c == "":
                    ws.write_blank(y, x, None)
                else:
                    ws.write_string(y, x, c)
        widths = (40, 8, 30, 19, 22, 22, 11, 10, 14, 40)
        for x, w in enumerate(widths[:len(t.headers)]):
            ws.set_column(x, x, w)
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(len(t.rows), 1), len(t.headers) - 1)
    finally:
        book.close()
    return out.getvalue()


def _no_formula(value: str) -> str:
    """A text a spreadsheet would take for a formula gets a leading apostrophe (CSV
    injection: an item or reason written "=HYPERLINK(...)" stays text)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _sheet_name(name: str) -> str:
    cleaned = "".join("_" if c in "[]:*?/\\" else c for c in name).strip("'")
    return cleaned[:31] or "register"
