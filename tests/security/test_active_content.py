"""SEC004 active content: every kind of Word field that runs or fetches (simple and complex,
split over runs, nested, in headers), altChunk imports and what they refer to, Excel DDE links,
DDE and fetching formulas, data connections and what refreshes them on opening, slide actions
and links to programs. Each case asserts the case's severity (from the profile), the target
(measured) and where it was found; the passing cases assert no SEC004 at all.

Files are built by ``tests/security/active.py`` (python-docx documents and the minimal
packages of ``hostile.py``); nothing is fetched, updated or run."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run as check
from tests.security import active as a
from tests.security import hostile as h
from tests.security.test_hostile_files import Case, assert_case
from validator.core.findings import FileReport, Finding
from validator.formats.fields import fields_in, parse_instruction
from validator.formats.sheets import dde_reference, fetching_function

CMD = 'c:\\\\windows\\\\system32\\\\cmd.exe "/k calc.exe"'
URL = "http://203.0.113.7/p.png"
UNC = "\\\\\\\\fileserver\\\\share\\\\budget.xlsx"  # as Word writes it: backslashes doubled
FIELDS = {
    "INCLUDEPICTURE": (f'INCLUDEPICTURE "{URL}" \\d', "include-field", URL),
    "INCLUDETEXT": ('INCLUDETEXT "\\\\\\\\fileserver\\\\share\\\\text.docx" Part1',
                    "include-field", "\\\\fileserver\\share\\text.docx"),
    "IMPORT": ('IMPORT "http://203.0.113.8/x.wmf"', "include-field",
               "http://203.0.113.8/x.wmf"),
    "DDE": (f'DDE {CMD} "A1"', "dde", 'c:\\windows\\system32\\cmd.exe /k calc.exe A1'),
    "DDEAUTO": (f"DDEAUTO {CMD}", "dde", "c:\\windows\\system32\\cmd.exe /k calc.exe"),
    "LINK": (f'LINK Excel.Sheet.12 "{UNC}" "Sheet1!R1C1:R4C4" \\a \\f 4 \\h',
             "link-field", "\\\\fileserver\\share\\budget.xlsx"),
}


def _split(instruction: str) -> list[str]:
    """The instruction cut inside its keyword and its target, as Word leaves it after edits."""
    return [" ", instruction[:3], instruction[3:12], instruction[12:]]


def _field_cases() -> list[Case]:
    out = []
    for keyword, (instr, _case, target) in FIELDS.items():
        out.append(Case(f"field-simple-{keyword}", f"simple-{keyword}.docx",
                        lambda i=instr: a.word_doc(a.simple_field(f" {i} ")),
                        "SEC004", f"w:fldSimple) in /word/document.xml: '{keyword}",
                        measured=target, severity="error"))
        out.append(Case(f"field-complex-{keyword}", f"complex-{keyword}.docx",
                        lambda i=instr: a.word_doc(a.complex_field(*_split(i))),
                        "SEC004", f"w:instrText) in /word/document.xml: '{keyword}",
                        measured=target, severity="error"))
    return out


HTML_REMOTE = (b'<html><body><p>\xd0\x9c\xd3\x99\xd1\x82\xd1\x96\xd0\xbd</p>'
               b'<img src="http://203.0.113.9/track.png" width="1"></body></html>')
RTF_FIELD = (b'{\\rtf1\\ansi {\\field{\\*\\fldinst{\\rtlch\\fcs1 INCLUDEPICTURE '
             b'"http://203.0.113.10/r.png" \\\\* MERGEFORMATINET }}{\\fldrslt x}}}')
MHT = (b'MIME-Version: 1.0\r\nContent-Type: text/html; charset="utf-8"\r\n'
       b'Content-Transfer-Encoding: quoted-printable\r\n\r\n'
       b'<html><body><img src=3D"\\\\203.0.113.11\\share\\=\r\na.png"></body></html>')

CASES = [
    *_field_cases(),
    Case("field-in-header", "header-field.docx",
         lambda: a.word_doc("<w:p/>", rels=[("rIdH9", f"{h.RT}/header", "header9.xml", False)],
                            parts={"word/header9.xml": (
                                f'<w:hdr xmlns:w="{h.W}">'
                                + a.simple_field(f'INCLUDEPICTURE "{URL}"') + "</w:hdr>"
                            ).encode()},
                            types={"word/header9.xml": a.CT_HEADER}),
         "SEC004", "in /word/header9.xml", measured=URL, severity="error"),
    Case("field-nested-target", "nested.docx",
         lambda: a.word_doc(a.nested_field('INCLUDETEXT "', "MERGEFIELD folder",
                                           '\\\\report.docx"')),
         "SEC004", "INCLUDETEXT", measured="{...}\\report.docx", severity="error"),
    Case("alt-chunk-html-remote", "chunk-remote.docx", lambda: a.alt_chunk_doc(HTML_REMOTE),
         "SEC004", "altChunk /word/chunk.html (html, text/html)",
         measured="http://203.0.113.9/track.png", severity="error"),
    Case("alt-chunk-rtf-field", "chunk-rtf.docx",
         lambda: a.alt_chunk_doc(RTF_FIELD, "application/rtf", "chunk.rtf"),
         "SEC004", "altChunk /word/chunk.rtf (rtf",
         measured="INCLUDEPICTURE http://203.0.113.10/r.png", severity="error"),
    Case("alt-chunk-mht-unc", "chunk-mht.docx",
         lambda: a.alt_chunk_doc(MHT, "message/rfc822", "chunk.mht"),
         "SEC004", "altChunk /word/chunk.mht (mht", measured="\\\\203.0.113.11\\share\\a.png",
         severity="error"),
    Case("alt-chunk-plain", "chunk-plain.docx",
         lambda: a.alt_chunk_doc(b"<html><body><p>text</p></body></html>"),
         "SEC004", "its text is not checked", measured="word/chunk.html", severity="warning"),
    Case("mail-merge", "merge.docx",
         lambda: a.word_doc("<w:p/>", parts={"word/settings.xml": (
             f'<w:settings xmlns:w="{h.W}" xmlns:r="{h.R}"><w:mailMerge>'
             '<w:mainDocumentType w:val="formLetters"/><w:dataType w:val="odbc"/>'
             '<w:connectString w:val="DSN=hr;Server=203.0.113.12"/>'
             '<w:query w:val="SELECT * FROM staff"/></w:mailMerge></w:settings>').encode()}),
         "SEC004", "w:mailMerge in /word/settings.xml", measured="DSN=hr;Server=203.0.113.12",
         severity="error"),
    Case("executable-hyperlink", "exe-link.docx",
         lambda: a.word_doc('<w:p><w:hyperlink r:id="rIdX1"><w:r><w:t>Ашу</w:t></w:r>'
                            "</w:hyperlink></w:p>",
                            rels=[("rIdX1", f"{h.RT}/hyperlink",
                                   "\\\\203.0.113.13\\share\\setup.exe", True)]),
         "SEC004", "points to a program", measured="\\\\203.0.113.13\\share\\setup.exe",
         severity="error"),
    Case("xlsx-dde-link", "dde-link.xlsx", a.dde_link_book, "SEC004",
         "ddeService='cmd' ddeTopic='/c calc'", measured="cmd|/c calc", severity="error"),
    Case("xlsx-dde-formula", "dde-formula.xlsx",
         lambda: a.formula_book("cmd|' /c calc'!A1"), "SEC004", "holds a DDE reference",
         measured="cmd|' /c calc'!A1", severity="error"),
    Case("xlsx-dde-formula-msexcel", "dde-msexcel.xlsx",
         lambda: a.formula_book("SUM(1)+MSEXCEL|'\\..\\..\\Windows\\System32\\cmd.exe /c "
                                "calc'!''"),
         "SEC004", "holds a DDE reference", severity="error"),
    Case("xlsx-webservice", "webservice.xlsx",
         lambda: a.formula_book('_xlfn.WEBSERVICE("http://203.0.113.14/rate")'),
         "SEC004", "calls WEBSERVICE", severity="error"),
    Case("xlsx-web-query-refresh-on-open", "web-query-refresh.xlsx",
         lambda: a.web_query_book("http://203.0.113.15/q.iqy", refresh_query_table=True),
         "SEC004", "refreshOnLoad set in /xl/queryTables/queryTable1.xml",
         measured="http://203.0.113.15/q.iqy", severity="error"),
    Case("xlsx-connection-refresh-on-open", "connection-refresh.xlsx",
         lambda: a.web_query_book("http://203.0.113.16/q.iqy", refresh_connection=True),
         "SEC004", "refreshOnLoad set in /xl/connections.xml",
         measured="http://203.0.113.16/q.iqy", severity="error"),
    Case("xlsx-connection", "connection.xlsx",
         lambda: a.web_query_book("http://203.0.113.17/q.iqy"),
         "SEC004", "(web query) in /xl/connections.xml", measured="http://203.0.113.17/q.iqy",
         severity="warning"),
    Case("xlsx-pivot-refresh-external", "pivot-external.xlsx",
         lambda: a.pivot_refresh_book(external=True), "SEC004",
         "refreshOnLoad set in /xl/pivotCache/pivotCacheDefinition1.xml",
         measured="DSN=Sales;Password=***", severity="error"),
    Case("pptx-action-program", "action-program.pptx",
         lambda: a.action_deck("ppaction://program", "file:///C:/Windows/System32/calc.exe"),
         "SEC004", "action='ppaction://program'",
         measured="file:///C:/Windows/System32/calc.exe", severity="error"),
    Case("pptx-action-macro-hover", "action-macro.pptx",
         lambda: a.action_deck("ppaction://macro?name=Run", None, hover=True),
         "SEC004", "a:hlinkMouseOver action='ppaction://macro?name=Run'",
         measured="ppaction://macro?name=Run", severity="error"),
    Case("pptx-action-ole-verb", "action-ole.pptx",
         lambda: a.action_deck("ppaction://ole?verb=0", None),
         "SEC004", "ppaction://ole?verb=0", severity="error"),
]


def _file(tmp_path: Path, name: str, data: bytes) -> FileReport:
    path = tmp_path / name
    path.write_bytes(data)
    report = check(path, isolate=False)
    [file] = [f for p in report.packages for f in p.files]
    return file


def _sec004(file: FileReport) -> list[Finding]:
    return [f for f in file.findings if f.code == "SEC004"]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_active_content_is_sec004(case: Case, tmp_path: Path) -> None:
    file = _file(tmp_path, case.name, case.build())
    assert_case(case, file)
    finding = next(f for f in _sec004(file) if case.evidence in f.evidence)
    assert finding.location.part is not None
    for lang in ("kk", "ru", "en"):
        assert finding.message(lang)
    if case.measured is not None and case.severity == "error":
        # the target is named to people (a macro by its name)
        named = str(case.measured).removeprefix("ppaction://macro?name=")
        assert named in finding.message("kk")


def test_only_what_reaches_outside_is_reported(tmp_path: Path) -> None:
    """PAGE, TOC and HYPERLINK fields, field names in plain text and a deleted field are not
    active content; beside them, one INCLUDEPICTURE field is, and a web link stays a note."""
    data = a.word_doc(
        a.complex_field(" PAGE ") + a.simple_field('TOC \\o "1-3"')
        + a.simple_field('HYPERLINK "https://gov.kz/"')
        + "<w:p><w:r><w:t>DDE DDEAUTO INCLUDEPICTURE LINK</w:t></w:r></w:p>"
        + '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:del w:id="1" w:author="A">'
        f'<w:r><w:delInstrText>INCLUDEPICTURE "{URL}x"</w:delInstrText></w:r></w:del>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        + '<w:p><w:hyperlink r:id="rIdW1"><w:r><w:t>gov.kz</w:t></w:r></w:hyperlink></w:p>'
        + a.simple_field(f'INCLUDEPICTURE "{URL}"'),
        rels=[("rIdW1", f"{h.RT}/hyperlink", "https://gov.kz/", True)])
    file = _file(tmp_path, "mixed.docx", data)
    assert sorted((f.severity.label, f.measured) for f in _sec004(file)) == [
        ("error", URL), ("info", "https://gov.kz/")]
    assert "FIL001" not in {f.code for f in file.findings}


def test_only_dde_formulas_and_external_pivot_caches_are_reported(tmp_path: Path) -> None:
    """A pipe inside a quoted sheet name or a string is not DDE; a pivot cache that refreshes
    from a sheet of the workbook reaches nothing; the DDE formula beside them does."""
    parts = {"xl/worksheets/sheet1.xml": a.sheet("'Sales|2025'!A1+LEN(\"a|b\")"),
             "xl/worksheets/sheet2.xml": a.sheet("cmd|' /c calc'!A1", cell="B2"),
             "xl/pivotCache/pivotCacheDefinition1.xml":
                 f'<pivotCacheDefinition xmlns="{h.X}" refreshOnLoad="1"><cacheSource '
                 'type="worksheet"><worksheetSource ref="A1:B2" sheet="S"/></cacheSource>'
                 "</pivotCacheDefinition>".encode()}
    types = {"xl/worksheets/sheet1.xml": a.CT_WORKSHEET,
             "xl/worksheets/sheet2.xml": a.CT_WORKSHEET,
             "xl/pivotCache/pivotCacheDefinition1.xml": a.CT_PIVOT_CACHE}
    file = _file(tmp_path, "mixed.xlsx", a.workbook(parts, types))
    assert [(f.severity.label, f.measured, f.location.part) for f in _sec004(file)] == [
        ("error", "cmd|' /c calc'!A1", "xl/worksheets/sheet2.xml")]


def test_program_action_is_one_finding_not_also_a_hyperlink(tmp_path: Path) -> None:
    file = _file(tmp_path, "p.pptx", a.action_deck("ppaction://program", "C:\\Tools\\run.bat"))
    assert [(f.severity.label, f.measured) for f in _sec004(file)] == [
        ("error", "C:\\Tools\\run.bat")]


def test_messages_name_what_in_each_language(tmp_path: Path) -> None:
    file = _file(tmp_path, "wq.xlsx",
                 a.web_query_book("http://203.0.113.15/q.iqy", refresh_query_table=True))
    [finding] = _sec004(file)
    assert "веб-сұрау" in finding.message("kk")
    assert "веб-запрос" in finding.message("ru")
    assert "web query" in finding.message("en")


def test_field_parsing() -> None:
    field = parse_instruction('LINK Excel.Sheet.8 "C:\\\\a b\\\\x.xls" "R1C1" \\a \\f 4')
    assert field.keyword == "LINK"
    assert field.args == ("Excel.Sheet.8", "C:\\a b\\x.xls", "R1C1")
    assert field.switch("a") == "" and field.switch("f") == "4" and field.switch("d") is None
    from lxml import etree
    root = etree.fromstring(a.word_doc_body(a.nested_field("INCLUDETEXT ", "QUOTE x", " y")))
    assert [f.keyword for f in fields_in(root)] == ["QUOTE", "INCLUDETEXT"]


@pytest.mark.parametrize(("formula", "dde"), [
    ("cmd|' /c calc'!A1", True), ("=MSEXCEL|'x'!''", True), ("'a|b'!A1", False),
    ('"x|y"&A1', False), ("SUM(A1:A3)", False),
])
def test_dde_reference(formula: str, dde: bool) -> None:
    assert dde_reference(formula) is dde


def test_fetching_functions() -> None:
    assert fetching_function('_xlfn.IMAGE("http://x/a.png")') == "IMAGE"
    assert fetching_function('RTD("srv",,"t")') == "RTD"
    assert fetching_function('"WEBSERVICE(1)"&MYIMAGE(1)') is None


def test_isolated_run_agrees(tmp_path: Path) -> None:
    """All cases in one run through worker processes: the same findings."""
    paths = []
    for case in CASES:
        path = tmp_path / case.name
        path.write_bytes(case.build())
        paths.append(path)
    report = check(paths, jobs=2)
    files = {f.path.rsplit("/", 1)[-1]: f for p in report.packages for f in p.files}
    assert set(files) == {c.name for c in CASES}
    for case in CASES:
        assert_case(case, files[case.name])
