"""The case table of the rule meta-test: for every rule in the catalogue, small real files or
package folders on which it must fire and on which it must stay silent.

Each builder writes into a fresh folder and returns the path to check. The files come from
the project's test builders (tests/conftest.py, tests/checks/docbuild.py,
tests/checks/lang_docs.py, tests/slides/decks.py, tests/security/hostile.py and active.py);
nothing is copied from the corpus.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pptx import Presentation
from pptx.oxml import parse_xml

from tests.checks import lang_docs
from tests.checks.docbuild import build_docx, write
from tests.conftest import build_pdf, build_pptx
from tests.security import active
from tests.security import hostile as h
from tests.slides.decks import NSDECL, add_slide, add_xml, fill_placeholder, new_deck, para, save
from tests.slides.decks import sp_xml as box_xml
from validator.core.findings import Status

Builder = Callable[[Path], Path]
A4 = (595.0, 842.0)
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Case:
    """One file or package the rule ``code`` is run on: it must find ``status`` there when
    ``fires``, and give no finding of its code at all otherwise."""

    id: str
    build: Builder
    fires: bool
    status: Status = Status.VIOLATION


def _file(name: str, make: Callable[[], bytes]) -> Builder:
    def build(folder: Path) -> Path:
        return write(folder, name, make())
    return build


def _package(files: dict[str, Callable[[], bytes]]) -> Builder:
    def build(folder: Path) -> Path:
        item = folder / "item"
        for name, make in files.items():
            write(item, name, make())
        return item
    return build


# -- texts: the Kazakh and Russian versions of one reference ---------------------------------

KK = ["АНЫҚТАМА",
      "Қалада 2026 жылы 42 көшені жөндеу жоспарланған. Жұмыстардың жалпы құны 3 250 млн "
      "теңгені құрайды, оның ішінде жергілікті бюджеттен 2 100 млн теңге.",
      "Жұмыстар екі кезеңде жүргізіледі: бірінші кезеңде 18 көше, екінші кезеңде 24 көше "
      "жөнделеді. Мемлекеттік қадағалау қызметі жұмыстардың сапасын тексереді."]
RU = ["СПРАВКА",
      "В 2026 году в городе запланирован ремонт 42 улиц. Общая стоимость работ составляет "
      "3 250 млн тенге, в том числе из местного бюджета 2 100 млн тенге.",
      "Работы проводятся в два этапа: на первом этапе ремонтируются 18 улиц, на втором этапе "
      "24 улицы. Качество работ проверяет служба государственного надзора."]
KK_OTHER_AMOUNT = [KK[0], KK[1].replace("3 250", "3 520"), KK[2]]
KK_LATIN_I = [KK[0], KK[1], KK[2].replace("Мемлекеттік", "Мемлекеттiк")]  # Latin "i"

DRAFT = {"Қаулы_жобасы_қаз.docx": lambda: build_docx(["ҚАУЛЫ ЖОБАСЫ", *KK[1:]]),
         "Проект_постановления_рус.docx": lambda: build_docx(["ПРОЕКТ ПОСТАНОВЛЕНИЯ", *RU[1:]]),
         "Қатысушылар_тізімі_қаз.docx": lambda: build_docx(["ҚАТЫСУШЫЛАР ТІЗІМІ",
                                                             "Қаржы бөлімінің басшысы"]),
         "Список_участников_рус.docx": lambda: build_docx(["СПИСОК УЧАСТНИКОВ",
                                                            "Руководитель отдела финансов"])}


def _docx_file(name: str, lines: list[str]) -> Builder:
    def build(folder: Path) -> Path:
        return lang_docs.docx(folder / name, lines)
    return build


def _pair(kk: list[str] | None, ru: list[str] | None) -> Builder:
    """A package folder with the Kazakh and/or the Russian version of a reference."""
    def build(folder: Path) -> Path:
        item = folder / "item"
        item.mkdir(parents=True)
        if kk is not None:
            lang_docs.docx(item / "Анықтама_қаз.docx", kk)
        if ru is not None:
            lang_docs.docx(item / "Справка_рус.docx", ru)
        return item
    return build


# -- decks -----------------------------------------------------------------------------------

def _small_print() -> bytes:
    """A 16:9 colour deck with a 14 pt source line under its title."""
    prs = Presentation(io.BytesIO(build_pptx()))
    add_xml(prs.slides[0], box_xml(para("Дереккөз: қала әкімдігі", sz=1400)))
    return save(prs)


def _greyscale() -> bytes:
    """A 16:9 deck with black text on white slides and nothing else."""
    prs = new_deck()
    title = add_slide(prs, "title_only").shapes.title
    assert title is not None
    title.text = "Бюджет 2026"
    return save(prs)


def _autofit(lines: int) -> bytes:
    """The body placeholder set to shrink on overflow (bare ``<a:normAutofit/>``) with
    ``lines`` long paragraphs: ten overflow the box, one fits."""
    prs = new_deck()
    slide = add_slide(prs, "content")
    title = slide.shapes.title
    assert title is not None
    title.text = "Жұмыс кезеңдері"
    text = "Қалалық бағдарламаның үшінші тоқсандағы бюджетінің орындалуы "
    sp = fill_placeholder(slide, 1, *(para(f"{text}{n}") for n in range(lines)))
    body_pr = sp.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}bodyPr")
    assert body_pr is not None
    body_pr.append(parse_xml(f"<a:normAutofit {NSDECL}/>"))
    return save(prs)


def _embedded_document() -> bytes:
    return h.pptx(parts={"ppt/embeddings/Document1.docx": h.docx()},
                  types={"ppt/embeddings/Document1.docx": DOCX_TYPE},
                  slide_rels=[("rId3", f"{h.RT}/package", "../embeddings/Document1.docx",
                               False)])


def _report(words: int) -> Callable[[], bytes]:
    return lambda: build_docx([" ".join(["баяндама"] * 50)] * (words // 50))


# -- the table -------------------------------------------------------------------------------

CASES: dict[str, list[Case]] = {
    "FIL001": [
        Case("truncated-docx", _file("Справка.docx", lambda: build_docx(RU)[:3000]), True),
        Case("whole-docx", _file("Справка.docx", lambda: build_docx(RU)), False),
    ],
    "FIL002": [
        Case("program-in-package", _package({
            "Доклад.pptx": build_pptx, "setup.exe": lambda: b"MZ\x90\x00" + b"\x00" * 60}),
             True),
        Case("pptx", _file("Доклад.pptx", build_pptx), False),
    ],
    "FIL003": [
        Case("member-climbs-out", _file("d.pptx", lambda: h.pptx(
            extra_names=[("../../evil.xml", b"<x/>")])), True),
        Case("plain-members", _file("d.pptx", h.pptx), False),
    ],
    "SLD001": [
        Case("four-three", _file("deck.pptx", lambda: build_pptx(9144000, 6858000)), True),
        Case("sixteen-nine", _file("deck.pptx", build_pptx), False),
    ],
    "SLD002": [
        Case("14pt-source-line", _file("deck.pptx", _small_print), True),
        Case("32pt-title", _file("deck.pptx", build_pptx), False),
    ],
    "SLD003": [
        Case("over-10mb", _file("deck.pptx", lambda: build_pptx(pad=11 * 1048576)), True),
        Case("small", _file("deck.pptx", build_pptx), False),
    ],
    "SLD004": [
        Case("black-on-white", _file("deck.pptx", _greyscale), True),
        Case("blue-title", _file("deck.pptx", build_pptx), False),
    ],
    "SLD005": [
        Case("overflowing-bare-autofit", _file("deck.pptx", lambda: _autofit(10)), True),
        Case("short-bare-autofit", _file("deck.pptx", lambda: _autofit(1)), False),
    ],
    "LNG001": [
        Case("russian-only", _pair(None, RU), True),
        Case("kazakh-and-russian", _pair(KK, RU), False),
    ],
    "LNG002": [
        Case("kazakh-name-russian-text", _docx_file("Анықтама_қаз.docx", RU), True),
        Case("kazakh-name-kazakh-text", _docx_file("Анықтама_қаз.docx", KK), False),
    ],
    "LNG003": [
        Case("amounts-differ", _pair(KK_OTHER_AMOUNT, RU), True),
        Case("same-facts", _pair(KK, RU), False),
    ],
    "LNG004": [
        Case("latin-i-in-kazakh-word", _docx_file("Анықтама_қаз.docx", KK_LATIN_I), True),
        Case("kazakh-letters", _docx_file("Анықтама_қаз.docx", KK), False),
    ],
    "DOC001": [
        Case("seven-page-pdf-reference", _file("Справка.pdf", lambda: build_pdf([A4] * 7)),
             True),
        Case("three-page-pdf-reference", _file("Справка.pdf", lambda: build_pdf([A4] * 3)),
             False),
        # Locked by a password: SEC003 alone says so; its pages are not "uncounted".
        Case("encrypted-reference", _file("Справка.docx", lambda: h.cfb(
            {"EncryptionInfo": b"\x04\x00", "EncryptedPackage": b"\x00"})), False),
    ],
    "DOC002": [
        Case("eleven-minute-report", _file("Баяндама.docx", _report(800)), True),
        Case("three-minute-report", _file("Баяндама.docx", _report(200)), False),
    ],
    "DOC003": [
        Case("tracked-insertion", _file("Справка.docx", lambda: build_docx(RU, insertions=1)),
             True),
        Case("comment", _file("Справка.docx", lambda: build_docx(RU, comments=1)), True),
        Case("final-text", _file("Справка.docx", lambda: build_docx(RU)), False),
    ],
    "SEC001": [
        Case("for-official-use", _file("Анықтама_қаз.docx", lambda: build_docx(
            KK, header="Қызмет бабында пайдалану үшін")), True),
        Case("unmarked", _file("Анықтама_қаз.docx", lambda: build_docx(KK)), False),
    ],
    "SEC002": [
        Case("macro-enabled-deck", _file("d.pptm", lambda: h.pptx(main_type=h.PPTM_MAIN)),
             True),
        Case("plain-deck", _file("d.pptx", h.pptx), False),
    ],
    "SEC003": [
        Case("encrypted-container", _file("secret.docx", lambda: h.cfb(
            {"EncryptionInfo": b"\x04\x00", "EncryptedPackage": b"\x00"})), True),
        Case("plain-docx", _file("open.docx", h.docx), False),
    ],
    "SEC004": [
        Case("includepicture-http", _file("Справка.docx", lambda: active.word_doc(
            active.simple_field('INCLUDEPICTURE "http://example.org/a.png" \\d'))), True),
        Case("remote-template", _file("Справка.docx", lambda: h.docx(parts={
            "word/_rels/settings.xml.rels": h.rels_xml([(
                "rId1", f"{h.RT}/attachedTemplate", "http://example.org/t.dotm", True)]),
            "word/settings.xml": f'<w:settings xmlns:w="{h.W}" xmlns:r="{h.R}">'
                                 '<w:attachedTemplate r:id="rId1"/></w:settings>'.encode()},
            document_rels=[("rId9", f"{h.RT}/settings", "settings.xml", False)])), True),
        Case("page-field", _file("Справка.docx", lambda: active.word_doc(
            active.simple_field("PAGE"))), False),
    ],
    "SEC005": [
        Case("embedded-word-document", _file("d.pptx", _embedded_document), True),
        Case("no-embeddings", _file("d.pptx", h.pptx), False),
    ],
    "PKG001": [
        Case("reference-only", _package({"Анықтама_қаз.docx": lambda: build_docx(KK),
                                         "Справка_рус.docx": lambda: build_docx(RU)}), True),
        Case("draft-and-participants", _package(DRAFT), False),
    ],
    "PKG002": [
        Case("submitted-the-day-before", _package({
            **DRAFT, "manifest.toml": lambda: b"meeting_date = 2026-03-12\n"
                                              b"submitted = 2026-03-11\n"}), True),
        Case("submitted-three-weeks-before", _package({
            **DRAFT, "manifest.toml": lambda: b"meeting_date = 2026-03-12\n"
                                              b"submitted = 2026-02-19\n"}), False),
    ],
}
