"""Builders of files with active content (fields, altChunk, DDE, data connections, slide
actions), made in memory from the project's own generators: python-docx documents
(``tests.checks.docbuild``) and the minimal packages of ``tests.security.hostile``."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping

from tests.checks.docbuild import build_docx
from tests.security import hostile as h

CT_HTML = "text/html"
CT_EXTERNAL_LINK = "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"
CT_WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_CONNECTIONS = "application/vnd.openxmlformats-officedocument.spreadsheetml.connections+xml"
CT_QUERY_TABLE = "application/vnd.openxmlformats-officedocument.spreadsheetml.queryTable+xml"
CT_PIVOT_CACHE = ("application/vnd.openxmlformats-officedocument.spreadsheetml."
                  "pivotCacheDefinition+xml")
CT_HEADER = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


def simple_field(instruction: str) -> str:
    """A paragraph holding ``w:fldSimple`` with a stored result."""
    return (f'<w:p><w:fldSimple w:instr="{_escape(instruction)}"><w:r><w:t>result</w:t>'
            "</w:r></w:fldSimple></w:p>")


def complex_field(*pieces: str) -> str:
    """A paragraph holding a complex field whose instruction is split over one run per
    piece (as Word writes it after edits), then a stored result."""
    instr = "".join(f'<w:r><w:instrText xml:space="preserve">{_escape(p)}</w:instrText></w:r>'
                    for p in pieces)
    return ('<w:p><w:r><w:t xml:space="preserve">Кіріспе </w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>' + instr
            + '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>result</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')


def nested_field(outer: str, inner: str, rest: str) -> str:
    """A complex field whose instruction holds another field (``outer {inner} rest``)."""
    def begin() -> str:
        return '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'

    def instr(text: str) -> str:
        return f'<w:r><w:instrText xml:space="preserve">{_escape(text)}</w:instrText></w:r>'

    def char(kind: str) -> str:
        return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'

    return ("<w:p>" + begin() + instr(outer) + begin() + instr(inner) + char("separate")
            + '<w:r><w:t>x</w:t></w:r>' + char("end") + instr(rest) + char("separate")
            + '<w:r><w:t>y</w:t></w:r>' + char("end") + "</w:p>")


def _edit_zip(data: bytes, edits: Mapping[str, bytes | None],
              types: Mapping[str, str] = ()) -> bytes:  # type: ignore[assignment]
    """Replace (or add) members; ``types`` adds content-type overrides."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = [i.filename for i in src.infolist()]
        for name in names:
            body = edits.get(name) if name in edits else src.read(name)
            if name == "[Content_Types].xml" and types:
                extra = "".join(f'<Override PartName="/{p}" ContentType="{t}"/>'
                                for p, t in dict(types).items())
                assert body is not None
                body = body.replace(b"</Types>", extra.encode() + b"</Types>")
            if body is not None:
                dst.writestr(name, body)
        for name, body in edits.items():
            if name not in names and body is not None:
                dst.writestr(name, body)
    return out.getvalue()


def word_doc(paragraphs: str, *, rels: list[tuple[str, str, str, bool]] | None = None,
             parts: Mapping[str, bytes] | None = None,
             types: Mapping[str, str] | None = None) -> bytes:
    """A real python-docx document with ``paragraphs`` (WordprocessingML) at the start of
    its body, extra relationships of the main part, extra parts and content types."""
    base = build_docx(["Мәтін", "Екінші жол"])
    with zipfile.ZipFile(io.BytesIO(base)) as zf:
        body = zf.read("word/document.xml")
        doc_rels = zf.read("word/_rels/document.xml.rels")
    start = body.index(b"<w:body>") + len(b"<w:body>")
    body = body[:start] + paragraphs.encode() + body[start:]
    edits: dict[str, bytes | None] = {"word/document.xml": body}
    if rels:
        items = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{_escape(g)}"'
                        + (' TargetMode="External"' if e else "") + "/>"
                        for i, t, g, e in rels)
        edits["word/_rels/document.xml.rels"] = doc_rels.replace(
            b"</Relationships>", items.encode() + b"</Relationships>")
    edits.update(parts or {})
    return _edit_zip(base, edits, types or {})


def alt_chunk_doc(chunk: bytes, content_type: str = CT_HTML, name: str = "chunk.html") -> bytes:
    """A document that imports ``chunk`` (an altChunk part) when it opens."""
    return word_doc('<w:altChunk r:id="rIdChunk1"/>',
                    rels=[("rIdChunk1", f"{h.RT}/aFChunk", name, False)],
                    parts={f"word/{name}": chunk}, types={f"word/{name}": content_type})


def sheet(formula: str, cell: str = "A1") -> bytes:
    """A worksheet whose ``cell`` holds ``formula``."""
    return (f'<worksheet xmlns="{h.X}"><sheetData><row r="1"><c r="{cell}"><f>'
            f'{_escape(formula)}</f><v>0</v></c></row></sheetData></worksheet>').encode()


def workbook(parts: Mapping[str, bytes], types: Mapping[str, str]) -> bytes:
    return h.xlsx(parts=parts, types=types)


def dde_link_book(service: str = "cmd", topic: str = "/c calc") -> bytes:
    link = (f'<externalLink xmlns="{h.X}"><ddeLink ddeService="{_escape(service)}" '
            f'ddeTopic="{_escape(topic)}"><ddeItems><ddeItem name="A0" advise="1"/>'
            "</ddeItems></ddeLink></externalLink>").encode()
    return workbook({"xl/externalLinks/externalLink1.xml": link},
                    {"xl/externalLinks/externalLink1.xml": CT_EXTERNAL_LINK})


def formula_book(formula: str) -> bytes:
    return workbook({"xl/worksheets/sheet1.xml": sheet(formula)},
                    {"xl/worksheets/sheet1.xml": CT_WORKSHEET})


def connections_xml(url: str, *, refresh: bool = False, kind: int = 4) -> bytes:
    flag = ' refreshOnLoad="1"' if refresh else ""
    inner = (f'<webPr url="{_escape(url)}" htmlTables="1"/>' if kind == 4 else
             f'<dbPr connection="{_escape(url)}" command="SELECT 1"/>')
    return (f'<connections xmlns="{h.X}"><connection id="1" name="Query1" type="{kind}"'
            f'{flag} refreshedVersion="6">{inner}</connection></connections>').encode()


def web_query_book(url: str, *, refresh_query_table: bool = False,
                   refresh_connection: bool = False) -> bytes:
    """A workbook with a web query; refreshed on opening by its query table or itself."""
    parts = {"xl/connections.xml": connections_xml(url, refresh=refresh_connection)}
    types = {"xl/connections.xml": CT_CONNECTIONS}
    if refresh_query_table:
        parts["xl/queryTables/queryTable1.xml"] = (
            f'<queryTable xmlns="{h.X}" name="Query1" connectionId="1" refreshOnLoad="1" '
            'autoFormatId="16" applyNumberFormats="0"/>').encode()
        types["xl/queryTables/queryTable1.xml"] = CT_QUERY_TABLE
    return workbook(parts, types)


def pivot_refresh_book(external: bool) -> bytes:
    """A pivot cache that refreshes on opening, from a connection or from a sheet."""
    source = ('<cacheSource type="external" connectionId="1"/>' if external else
              '<cacheSource type="worksheet"><worksheetSource ref="A1:B2" sheet="S"/>'
              "</cacheSource>")
    parts = {"xl/pivotCache/pivotCacheDefinition1.xml":
             f'<pivotCacheDefinition xmlns="{h.X}" refreshOnLoad="1">{source}'
             "</pivotCacheDefinition>".encode()}
    types = {"xl/pivotCache/pivotCacheDefinition1.xml": CT_PIVOT_CACHE}
    if external:
        parts["xl/connections.xml"] = connections_xml("DSN=Sales;Password=secret", kind=1)
        types["xl/connections.xml"] = CT_CONNECTIONS
    return workbook(parts, types)


def action_deck(action: str, target: str | None, *, hover: bool = False) -> bytes:
    """A deck whose shape runs ``action`` (``ppaction://...``) when clicked or pointed at."""
    tag = "a:hlinkMouseOver" if hover else "a:hlinkClick"
    rid = 'r:id="rId5"' if target is not None else 'r:id=""'
    shape = (f'<p:sp><p:nvSpPr><p:cNvPr id="3" name="Button"><{tag} {rid} '
             f'action="{_escape(action)}"/></p:cNvPr><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
             '<p:spPr/><p:txBody><a:bodyPr/><a:p><a:r><a:rPr sz="2400"/><a:t>Басыңыз</a:t>'
             "</a:r></a:p></p:txBody></p:sp>")
    rels = [("rId5", f"{h.RT}/hyperlink", target, True)] if target is not None else []
    return h.pptx(h.slide_xml(shape), slide_rels=rels)


def word_doc_body(paragraphs: str) -> bytes:
    """A bare ``w:document`` holding ``paragraphs`` (for the field parser's own tests)."""
    return (f'<w:document xmlns:w="{h.W}" xmlns:r="{h.R}"><w:body>{paragraphs}</w:body>'
            "</w:document>").encode()
