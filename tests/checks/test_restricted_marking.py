"""SEC001 restricted-marking: where stamps are, with the marking named; mentions stay quiet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from validator.api import check
from validator.core.findings import Severity

from .docbuild import build_docx, write

BODY = ["СПРАВКА", "о ходе исполнения программы"]


@pytest.mark.parametrize(
    ("kwargs", "marking", "place", "part"),
    [
        ({"header": "Для служебного пользования"}, "Для служебного пользования", "header",
         "word/header1.xml"),
        ({"footer": "ДСП экз. № 2"}, "ДСП", "footer", "word/footer1.xml"),
        ({"lines": ["Қызмет бабында пайдалану үшін", *BODY]}, "Қызмет бабында пайдалану үшін",
         "first-lines", None),
        ({"lines": ["СЕКРЕТНО", *BODY]}, "Секретно", "first-lines", None),
        ({"lines": ["Совершенно секретно", *BODY]}, "Совершенно секретно", "first-lines", None),
        ({"lines": ["Құпия", *BODY]}, "Құпия", "first-lines", None),
        ({"watermark": "ДСП"}, "ДСП", "watermark", "word/header1.xml"),
        ({"keywords": "справка; ДСП"}, "ДСП", "property:keywords", "docProps/core.xml"),
        ({"title": "Для служебного пользования"}, "Для служебного пользования",
         "property:title", "docProps/core.xml"),
        ({"lines": ["ДCП", *BODY]}, "ДСП", "first-lines", None),  # Latin C
    ],
)
def test_markings_found(tmp_path: Path, kwargs: dict[str, Any], marking: str, place: str,
                        part: str | None) -> None:
    lines = kwargs.pop("lines", BODY)
    path = write(tmp_path, "Справка.docx", build_docx(lines, **kwargs))
    found = [f for f in check(path).all_findings() if f.code == "SEC001"]
    assert len(found) == 1, found
    f = found[0]
    assert f.measured == marking
    assert f.severity is Severity.ERROR
    assert f.clause == "15"
    assert f.evidence.startswith(f"{place}:")
    assert f.location.part == part
    assert f"«{marking}»" in f.message("kk") and f"«{marking}»" in f.message("ru")


@pytest.mark.parametrize(
    "lines",
    [
        ["СПРАВКА", "В соответствии с Законом Республики Казахстан «О государственных секретах» "
                    "документы направляются на бумаге."],
        ["АНЫҚТАМА", "«Мемлекеттік құпиялар туралы» Қазақстан Республикасының Заңына сәйкес"],
        ["СПРАВКА", "Документы с грифом «Для служебного пользования» в пакет не включаются."],
        ["СПРАВКА", "Закуп плит ДСП"],
        # a stamp deep in the body (line 13) is outside the first lines searched
        ["СПРАВКА", *[f"строка {i}" for i in range(11)], "ДСП"],
    ],
)
def test_no_false_alarm(tmp_path: Path, lines: list[str]) -> None:
    path = write(tmp_path, "Справка.docx", build_docx(lines))
    assert [f for f in check(path).all_findings() if f.code == "SEC001"] == []


def test_marking_on_a_slide(tmp_path: Path) -> None:
    from tests.conftest import build_pptx

    path = write(tmp_path, "Презентация.pptx", build_pptx(text="ДСП"))
    (f,) = [f for f in check(path).all_findings() if f.code == "SEC001"]
    assert (f.measured, f.location.slide) == ("ДСП", 1)
    assert f.evidence == "first-lines: 'ДСП'"


def test_custom_property_marking(tmp_path: Path) -> None:
    from tests.conftest import add_part, rewrite_part

    custom = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
              'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
              '2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" '
              'pid="2" name="Гриф"><vt:lpwstr>Секретно</vt:lpwstr></property></Properties>')
    data = add_part(build_docx(BODY), "docProps/custom.xml", custom.encode())
    data = rewrite_part(data, "[Content_Types].xml", lambda xml: xml.replace(
        b"</Types>", b'<Override PartName="/docProps/custom.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>'))
    path = write(tmp_path, "Справка.docx", data)
    (f,) = [f for f in check(path).all_findings() if f.code == "SEC001"]
    assert (f.measured, f.location.part) == ("Секретно", "docProps/custom.xml")
    assert "«custom:Гриф»" in f.message("en")


def _text_pdf(pages: list[list[str]]) -> bytes:
    """A PDF with lines of Latin text per page (Helvetica); built by hand, no PDF library."""
    objects: list[bytes] = []
    kids = []
    for i, lines in enumerate(pages):
        ops = ["BT /F1 12 Tf 72 800 Td 14 TL"] + [f"({line}) Tj T*" for line in lines] + ["ET"]
        stream = "\n".join(ops).encode()
        content_no = 4 + 2 * i
        page_no = 3 + 2 * i
        kids.append(f"{page_no} 0 R")
        objects.append(f"{page_no} 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       f"/Resources << /Font << /F1 {3 + 2 * len(pages)} 0 R >> >> "
                       f"/Contents {content_no} 0 R >> endobj\n".encode())
        objects.append(f"{content_no} 0 obj << /Length {len(stream)} >> stream\n".encode()
                       + stream + b"\nendstream endobj\n")
    font_no = 3 + 2 * len(pages)
    head = [b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n",
            f"2 0 obj << /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >> "
            "endobj\n".encode()]
    tail = [f"{font_no} 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> "
            "endobj\n".encode()]
    body = b"%PDF-1.4\n"
    offsets = []
    for obj in head + objects + tail:
        offsets.append(len(body))
        body += obj
    xref = len(body)
    body += f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode()
    body += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    body += (f"trailer << /Size {len(offsets) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
             .encode())
    return body


def test_marking_at_the_bottom_of_a_pdf_page(tmp_path: Path) -> None:
    filler = [f"line {n}" for n in range(20)]
    pdf = _text_pdf([filler, [*filler, "CEKPETHO"]])  # Latin look-alikes of «Секретно»
    path = write(tmp_path, "Spravka.pdf", pdf)
    (f,) = [f for f in check(path).all_findings() if f.code == "SEC001"]
    assert (f.measured, f.location.page) == ("Секретно", 2)
    assert f.evidence == "footer: 'CEKPETHO'"
    # below the page's top edge: found among the first lines, once
    third = write(tmp_path, "Spravka3.pdf",
                  _text_pdf([["SPRAVKA", "o rabote", "CEKPETHO", *filler]]))
    assert [f.evidence for f in check(third).all_findings() if f.code == "SEC001"] == [
        "first-lines: 'CEKPETHO'"]
    clean = write(tmp_path, "Spravka2.pdf", _text_pdf([filler, filler]))
    assert [f for f in check(clean).all_findings() if f.code == "SEC001"] == []


def test_only_the_first_pdf_pages_are_read(tmp_path: Path) -> None:
    from validator.files.document import Document
    from validator.files.member import Member, ReadLimits
    from validator.formats.archive import ArchiveLimits
    from validator.formats.pdfhead import head_blocks

    pdf = _text_pdf([[f"page {n}"] for n in range(1, 9)])
    limits = ReadLimits(ArchiveLimits(100, 1 << 24, 1 << 24, 100.0, 1 << 20, 1), 1 << 24)
    doc = Document(Member("x.pdf", "x.pdf", blob=pdf), limits)
    assert [b.location.page for b in head_blocks(doc, 3)] == [1, 2, 3]
    assert not doc.has_view("text_blocks")  # the whole text was not extracted
    assert len(doc.text_blocks) == 8
    assert [b.location.page for b in head_blocks(doc, 2)] == [1, 2]
    late = write(tmp_path, "Spravka.pdf", _text_pdf([["a"], ["b"], ["c"], ["CEKPETHO"]]))
    assert [f for f in check(late).all_findings() if f.code == "SEC001"] == []


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"header": "Для служебного пользования"},
         {"ru": "пометка «Для служебного пользования» в верхнем колонтитуле",
          "kk": "«Для служебного пользования» белгісі жоғарғы колонтитулда тұр",
          "en": "the marking «Для служебного пользования» is in the page header"}),
        ({"footer": "ДСП экз. № 2"},
         {"ru": "пометка «ДСП» в нижнем колонтитуле: «ДСП экз. № 2»",
          "kk": "«ДСП» белгісі төменгі колонтитулда тұр: «ДСП экз. № 2»",
          "en": "the marking «ДСП» is in the page footer: «ДСП экз. № 2»"}),
        ({"lines": ["СЕКРЕТНО", *BODY]},  # the same words in capitals: only the marking
         {"ru": "пометка «Секретно» в первых строках документа",
          "kk": "«Секретно» белгісі құжаттың алғашқы жолдарында тұр",
          "en": "the marking «Секретно» is in the first lines of the document"}),
    ],
)
def test_the_line_is_quoted_only_when_it_says_more_than_the_marking(
        tmp_path: Path, kwargs: dict[str, Any], expected: dict[str, str]) -> None:
    lines = kwargs.pop("lines", BODY)
    path = write(tmp_path, "Справка.docx", build_docx(lines, **kwargs))
    [found] = [f for f in check(path).all_findings() if f.code == "SEC001"]
    assert {lang: found.message(lang) for lang in expected} == expected
