"""Active content of SpreadsheetML workbooks: DDE links, DDE and fetching formulas, external
data connections and what refreshes them when the workbook opens.

- ``xl/externalLinks/*``: ``ddeLink`` (``ddeService``, ``ddeTopic``) starts another program
  through DDE when links are updated; ``externalBook`` and ``oleLink`` point at other files
  through relationships marked External, which SEC004 reads directly.
- Formulas (cells, defined names, data validation, conditional formats): a DDE reference is
  ``application|topic!item`` (``=cmd|' /c calc'!A1``): a ``|`` outside string literals and
  quoted names. Functions that fetch or run when calculated: WEBSERVICE, IMAGE,
  STOCKHISTORY (the web), RTD (a real-time data server), CALL and REGISTER (a DLL function).
- ``xl/connections.xml``: each connection (database, web query, text file, OLAP, Power
  Query) with its source; refreshed on opening when the connection, a query table or a pivot
  cache that uses it says ``refreshOnLoad``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from validator.formats.active import Active, shown
from validator.formats.ooxml import NS, OoxmlPackage

X = NS["x"]
_FORMULA_TAGS = {f"{{{X}}}{t}" for t in ("f", "definedName", "formula", "formula1", "formula2")}
_FETCHING = re.compile(
    r"(?<![A-Za-z0-9_.])(?:_xlfn\.|_xlws\.)?(WEBSERVICE|IMAGE|STOCKHISTORY|RTD|CALL|"
    r"REGISTER\.ID|REGISTER)\s*\(", re.IGNORECASE)
_FETCH_BYTES = (b"WEBSERVICE", b"IMAGE(", b"STOCKHISTORY", b"RTD(", b"CALL(", b"REGISTER")
_CONNECTION_TYPES = {"1": "ODBC", "2": "DAO", "3": "file", "4": "web query", "5": "OLE DB",
                     "6": "text file", "7": "ADO", "8": "DSP"}
#: Connection type -> SEC004 catalogue key naming it in the message.
_CONNECTION_KEYS = {"4": "conn-web", "6": "conn-text", "1": "conn-database",
                    "2": "conn-database", "3": "conn-database", "5": "conn-database",
                    "7": "conn-database"}
_SECRET = re.compile(r"(password|pwd)\s*=\s*[^;\"]*", re.IGNORECASE)


def _true(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true")


def outside_literals(formula: str) -> str:
    """The formula with string literals ("...") and quoted names ('...') blanked out."""
    out: list[str] = []
    quote = ""
    for ch in formula:
        if quote:
            out.append(" ")
            if ch == quote:
                quote = ""  # a doubled quote reopens at once: the blank is the same
        elif ch in "\"'":
            quote = ch
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def dde_reference(formula: str) -> bool:
    """Whether a formula holds a DDE reference (``app|topic!item``)."""
    return "|" in outside_literals(formula)


def fetching_function(formula: str) -> str | None:
    """The first function of the formula that fetches or runs when calculated, or None."""
    match = _FETCHING.search(outside_literals(formula))
    return match.group(1).upper() if match else None


def _parts(pkg: OoxmlPackage, suffix: str) -> list[str]:
    return sorted(n for n, t in pkg.content_types.items() if t.endswith(suffix))


def dde_links(pkg: OoxmlPackage) -> Iterator[Active]:
    for part in _parts(pkg, "spreadsheetml.externalLink+xml"):
        for link in pkg.xml(part).iter(f"{{{X}}}ddeLink"):
            service, topic = link.get("ddeService", ""), link.get("ddeTopic", "")
            items = [i.get("name", "") for i in link.iter(f"{{{X}}}ddeItem")]
            target = shown(f"{service}|{topic}")
            yield Active("dde", "dde-link", part, target,
                         f"x:ddeLink in /{part}: ddeService={service!r} ddeTopic={topic!r} "
                         f"items={items[:5]!r} (not started)")


def formulas(pkg: OoxmlPackage) -> Iterator[Active]:
    """DDE references and fetching functions in the formulas of sheets and defined names."""
    parts = _parts(pkg, "spreadsheetml.worksheet+xml") + [
        p for p in _parts(pkg, "+xml") if p == pkg.main_part]
    for part in parts:
        data = pkg.read(part)
        dde = b"|" in data
        fetch = any(marker in data.upper() for marker in _FETCH_BYTES)
        if not (dde or fetch):
            continue
        for el in pkg.xml(part).iter(*_FORMULA_TAGS):
            text = el.text or ""
            parent = el.getparent()
            where = (parent.get("r", "") if parent is not None else "") \
                if el.tag == f"{{{X}}}f" else el.get("name", "")
            place = f"{where} " if where else ""
            if dde and dde_reference(text):
                yield Active("dde", "dde-formula", part, shown(text),
                             f"formula {place}in /{part}: {shown(text)!r} holds a DDE "
                             "reference (app|topic!item; not started)", what=where or "?")
            elif fetch and (function := fetching_function(text)):
                yield Active("fetch-formula", "fetch-formula", part, shown(text),
                             f"formula {place}in /{part}: {shown(text)!r} calls {function} "
                             "(not calculated)", what=function)


def _refreshed(pkg: OoxmlPackage) -> dict[str, str]:
    """Connection id -> the part that refreshes it on opening (query tables, pivot caches)."""
    out: dict[str, str] = {}
    for part in _parts(pkg, "spreadsheetml.queryTable+xml"):
        root = pkg.xml(part)
        if _true(root.get("refreshOnLoad")) and root.get("connectionId"):
            out.setdefault(root.get("connectionId", ""), part)
    for part in _parts(pkg, "spreadsheetml.pivotCacheDefinition+xml"):
        root = pkg.xml(part)
        source = root.find(f"{{{X}}}cacheSource")
        if _true(root.get("refreshOnLoad")) and source is not None \
                and source.get("connectionId"):
            out.setdefault(source.get("connectionId", ""), part)
    return out


def connections(pkg: OoxmlPackage) -> Iterator[Active]:
    """External data connections; refresh-on-open when anything refreshes them on opening."""
    refreshed = _refreshed(pkg)
    for part in _parts(pkg, "spreadsheetml.connections+xml"):
        for conn in pkg.xml(part).iter(f"{{{X}}}connection"):
            target = _connection_target(conn)
            kind = _CONNECTION_TYPES.get(conn.get("type", ""), f"type {conn.get('type', '?')}")
            cid = conn.get("id", "")
            by = part if _true(conn.get("refreshOnLoad")) else refreshed.get(cid)
            name = conn.get("name", "")
            evidence = (f"x:connection id={cid!r} name={shown(name)!r} ({kind}) in /{part}: "
                        f"source {target!r}")
            key = _CONNECTION_KEYS.get(conn.get("type", ""), "conn-other")
            label = shown(name or cid or "?")
            if by is not None:
                yield Active("refresh-on-open", "connection-refresh", part, target,
                             f"{evidence}; refreshOnLoad set in /{by} (not refreshed)",
                             what=kind, what_key=key, name=label)
            else:
                yield Active("data-connection", "connection", part, target,
                             f"{evidence} (not refreshed)", what=kind, what_key=key,
                             name=label)


def _connection_target(conn: etree._Element) -> str:
    for tag, attr in (("webPr", "url"), ("textPr", "sourceFile"), ("dbPr", "connection"),
                      ("olapPr", "connection")):
        el = conn.find(f"{{{X}}}{tag}")
        if el is not None and el.get(attr):
            return shown(_SECRET.sub(r"\1=***", el.get(attr, "")))
    return shown(conn.get("odcFile") or conn.get("sourceFile") or conn.get("name") or "?")


def sheet_content(pkg: OoxmlPackage) -> Iterator[Active]:
    """Every kind of active content of a workbook (see the module doc)."""
    yield from dde_links(pkg)
    yield from formulas(pkg)
    yield from connections(pkg)
