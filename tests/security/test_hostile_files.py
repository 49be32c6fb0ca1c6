"""Every hostile file gets its finding (code, and the limit with measured value and threshold).

Each case is built in memory by ``hostile.py`` and checked through ``validator.api.check``:
the table runs in-process for precise assertions, and ``test_isolated_run_agrees`` checks all
of them in one isolated run (worker processes, the default path) and expects the same codes.
Times and memory are measured by ``bench/bench_hostile.py``, not asserted here.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import run as check
from tests.security import hostile as h
from validator.core.findings import FileReport, Finding, Report

MIB = 1 << 20
VBA_TYPE = "application/vnd.ms-office.vbaProject"
OLE_TYPE = "application/vnd.openxmlformats-officedocument.oleObject"
ACTIVEX_TYPE = "application/vnd.ms-office.activeX+xml"

LOL = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
       + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                  for i in range(1, 10))
       + b"]>")
XXE = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def _shapes(n: int) -> bytes:
    return h.slide_xml("".join(h.text_shape(i) for i in range(n)))


def _utf16_doctype() -> bytes:
    text = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE p:sld>'
            + h.slide_xml().decode())
    return b"\xff\xfe" + text.encode("utf-16-le")


def _big_part() -> bytes:
    body = h.slide_xml().decode()
    head, tail = body.split("</p:spTree>")
    return (head + "<!--" + " " * (50 * MIB) + "-->" + "</p:spTree>" + tail).encode()


@dataclass(frozen=True)
class Case:
    id: str
    name: str
    build: Callable[[], bytes]
    code: str
    evidence: str = ""          # substring of the finding's evidence (limit name, reason)
    measured: object = None     # exact measured value, when known in advance
    threshold: object = None
    severity: str | None = None
    absent: tuple[str, ...] = field(default=("FIL001",))


CASES = [
    Case("zip-bomb-ratio", "ratio.pptx",
         lambda: h.pptx(parts={"ppt/media/zeros.bin": b"\0" * (4 * MIB)}),
         "FIL003", "max_ratio", threshold=100.0),
    Case("zip-bomb-declared-size", "declared.pptx",
         lambda: h.raw_zip(h.ooxml_raw([h.RawEntry("ppt/media/big.bin", b"x" * 10,
                                                   declared_size=300 * MIB)])),
         "FIL003", "max_member_bytes", measured=300 * MIB, threshold=200 * MIB),
    Case("zip-bomb-overlap", "overlap.pptx",
         lambda: h.raw_zip(h.ooxml_raw([h.RawEntry("ppt/media/a.bin", b"A" * 5000),
                                        h.RawEntry("ppt/media/b.bin", b"A" * 5000,
                                                   points_to=5)])),
         "FIL003", "overlapping_entries"),
    Case("zip-slip-dotdot", "slip.pptx",
         lambda: h.pptx(extra_names=[("../../evil.xml", b"<x/>")]),
         "FIL003", "member_name", measured="../../evil.xml"),
    Case("zip-slip-absolute", "absolute.pptx",
         lambda: h.pptx(extra_names=[("/etc/cron.d/x", b"x")]),
         "FIL003", "is an absolute path"),
    Case("zip-slip-backslash", "backslash.pptx",
         lambda: h.pptx(extra_names=[("..\\..\\evil.xml", b"x")]),
         "FIL003", "contains a backslash"),
    Case("zip-name-nul", "nul.pptx",
         lambda: h.raw_zip(h.ooxml_raw([h.RawEntry("ppt/a.xml\x00.exe", b"x")])),
         "FIL003", "contains a NUL byte"),
    Case("zip-duplicate-name", "duplicate.pptx",
         lambda: h.raw_zip(h.ooxml_raw([h.RawEntry("PPT/slides/slide1.xml", b"<x/>")])),
         "FIL003", "is a duplicate name"),
    Case("zip-encrypted-entry", "zipcrypto.pptx",
         lambda: h.raw_zip(h.ooxml_raw([h.RawEntry("ppt/media/e.bin", b"x", encrypted=True)])),
         "FIL003", "encrypted_entry"),
    Case("truncated-zip", "truncated.pptx", lambda: h.pptx()[: len(h.pptx()) // 2],
         "FIL001", "not a readable zip", absent=()),
    Case("billion-laughs", "lol.pptx",
         lambda: h.pptx(h.slide_xml(h.text_shape(1, "&lol9;"), prefix=LOL)),
         "FIL001", "DOCTYPE", absent=()),
    Case("external-entity", "xxe.pptx",
         lambda: h.pptx(h.slide_xml(h.text_shape(1, "&xxe;"), prefix=XXE)),
         "FIL001", "DOCTYPE", absent=()),
    Case("doctype-after-padding", "padded.pptx",
         lambda: h.pptx(h.slide_xml(prefix=b'<?xml version="1.0"?>' + b"<!-- -->" * 20000
                                    + b"<!DOCTYPE p:sld>")),
         "FIL001", "DOCTYPE", absent=()),
    Case("doctype-utf16", "utf16.pptx", lambda: h.pptx(_utf16_doctype()),
         "FIL001", "DOCTYPE", absent=()),
    Case("macro-deck-renamed", "renamed.pptx",
         lambda: h.pptx(main_type=h.PPTM_MAIN,
                        parts={"ppt/vbaProject.bin": h.cfb({"VBA/dir": b"\x01", "PROJECT": b"ID"})},
                        types={"ppt/vbaProject.bin": VBA_TYPE}),
         "SEC002", "macroEnabled", measured=h.PPTM_MAIN, severity="error"),
    Case("macro-hidden-ole", "hidden.pptx",
         lambda: h.pptx(parts={"ppt/embeddings/oleObject1.bin":
                               h.cfb({"VBA/dir": b"\x01", "PROJECT": b"ID"})},
                        types={"ppt/embeddings/oleObject1.bin": OLE_TYPE}),
         "SEC002", "VBA project in an OLE part", measured="ppt/embeddings/oleObject1.bin"),
    Case("macro-sheet", "xlm.xlsx",
         lambda: h.xlsx(parts={"xl/macrosheets/sheet1.xml": b"<xm:macrosheet "
                               b'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"/>'},
                        types={"xl/macrosheets/sheet1.xml":
                               "application/vnd.ms-excel.macrosheet+xml"}),
         "SEC002", "Excel 4 macro sheet", measured="xl/macrosheets/sheet1.xml"),
    Case("encrypted-ooxml-cfb", "secret.docx",
         lambda: h.cfb({"EncryptionInfo": b"\x04\x00\x04\x00\x40\x00\x00\x00",
                        "EncryptedPackage": b"\x10" * 64,
                        "\x06DataSpaces/Version": b"\x3c"}),
         "SEC003", "EncryptedPackage", severity="error"),
    Case("encrypted-pdf-rc4", "rc4.pdf",
         lambda: h.pdf(user_password="secret", algorithm="RC4-128"),
         "SEC003", "password", severity="error"),
    Case("encrypted-pdf-aes128", "aes128.pdf",
         lambda: h.pdf(user_password="secret", algorithm="AES-128"),
         "SEC003", "password", severity="error"),
    Case("encrypted-pdf-aes256", "aes256.pdf",
         lambda: h.pdf(user_password="secret", algorithm="AES-256"),
         "SEC003", "password", severity="error"),
    Case("pdf-owner-password-only", "restricted.pdf",
         lambda: h.pdf(user_password="", owner_password="owner", algorithm="AES-256"),
         "SEC003", "empty password", severity="info"),
    Case("pdf-decompression-bomb", "bomb.pdf", lambda: h.pdf_bomb(40 * MIB),
         "FIL003", "PDF", threshold=32 * MIB),  # pypdf's limit, or the PDF font reader's
    Case("slide-100000-shapes", "shapes.pptx", lambda: h.pptx(_shapes(100_000)),
         "FIL003", "max_part_elements", threshold=500_000),
    Case("xml-part-50mb", "bigpart.pptx",
         lambda: h.pptx(_big_part(), stored=["ppt/slides/slide1.xml"]),
         "FIL003", "max_part_bytes", threshold=32 * MIB),
    Case("remote-template", "template.docx",
         lambda: h.docx(parts={"word/settings.xml": b'<w:settings xmlns:w="' + h.W.encode()
                               + b'"/>',
                               "word/_rels/settings.xml.rels": h.rels_xml([
                                   ("rId1", f"{h.RT}/attachedTemplate",
                                    "http://203.0.113.9/t.dotm", True)])}),
         "SEC004", "attachedTemplate", measured="http://203.0.113.9/t.dotm", severity="error"),
    Case("linked-picture", "linked.pptx",
         lambda: h.pptx(slide_rels=[("rId9", f"{h.RT}/image", "\\\\server\\share\\a.png",
                                     True)]),
         "SEC004", "image", measured="\\\\server\\share\\a.png", severity="error"),
    Case("hyperlink", "link.pptx",
         lambda: h.pptx(slide_rels=[("rId9", f"{h.RT}/hyperlink", "https://example.kz/", True)]),
         "SEC004", "hyperlink", measured="https://example.kz/", severity="info"),
    Case("embedded-ole-object", "ole.pptx",
         lambda: h.pptx(parts={"ppt/embeddings/oleObject1.bin":
                               h.cfb({"\x01Ole10Native": b"MZ payload"})},
                        types={"ppt/embeddings/oleObject1.bin": OLE_TYPE},
                        slide_rels=[("rId5", f"{h.RT}/oleObject",
                                     "../embeddings/oleObject1.bin", False)]),
         "SEC005", "Ole10Native", measured="oleObject1.bin", severity="warning"),
    Case("activex", "activex.pptx",
         lambda: h.pptx(parts={"ppt/activeX/activeX1.xml": b'<ax:ocx xmlns:ax="'
                               b'http://schemas.microsoft.com/office/2006/activeX"/>'},
                        types={"ppt/activeX/activeX1.xml": ACTIVEX_TYPE}),
         "SEC005", "ActiveX", measured="activeX1.xml", severity="warning"),
    Case("pdf-attachment", "attached.pdf",
         lambda: h.pdf(attachments={"invoice.exe": b"MZ\x90\x00"}),
         "SEC005", "invoice.exe", measured="invoice.exe", severity="warning"),
]


def _findings(report: Report) -> list[Finding]:
    return [f for f in report.all_findings()]


def _file(report: Report) -> FileReport:
    files = [f for p in report.packages for f in p.files]
    assert len(files) == 1
    return files[0]


def assert_case(case: Case, file: FileReport) -> None:
    hits = [f for f in file.findings if f.code == case.code]
    assert hits, f"{case.id}: no {case.code}; got {[(f.code, f.evidence) for f in file.findings]}"
    matching = [f for f in hits if case.evidence in f.evidence]
    assert matching, f"{case.id}: {case.code} evidence {[f.evidence for f in hits]}"
    f = matching[0]
    if case.measured is not None:
        assert f.measured == case.measured
    if case.threshold is not None:
        assert f.threshold == case.threshold
        if f.measured is not None or not f.evidence.startswith("pdf_max_stream_bytes"):
            # pypdf's own limit does not say how far past it the stream went
            assert isinstance(f.measured, int | float) and f.measured > f.threshold
    if case.severity is not None:
        assert f.severity.label == case.severity
    for code in case.absent:
        assert code not in {x.code for x in file.findings}, f"{case.id}: unexpected {code}"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_file_gets_its_finding(case: Case, tmp_path: Path) -> None:
    path = tmp_path / case.name
    path.write_bytes(case.build())
    report = check(path, isolate=False)
    assert_case(case, _file(report))


def test_external_entity_is_never_resolved(tmp_path: Path) -> None:
    path = tmp_path / "xxe.pptx"
    path.write_bytes(h.pptx(h.slide_xml(h.text_shape(1, "&xxe;"), prefix=XXE)))
    report = check(path, isolate=False)
    text = repr(report)
    assert "root:" not in text and "/bin/" not in text


def test_isolated_run_agrees(tmp_path: Path) -> None:
    """All hostile files in one run through worker processes: same findings, nothing lost."""
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


def test_decompressed_bomb_payload_is_what_it_claims() -> None:
    """The PDF bomb really inflates beyond the limit (the case would be vacuous otherwise)."""
    data = h.pdf_bomb(40 * MIB)
    start = data.index(b"stream\n") + len(b"stream\n")
    end = data.index(b"\nendstream")
    assert len(zlib.decompress(data[start:end])) == 40 * MIB
    assert len(data) < MIB
