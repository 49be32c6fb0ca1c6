"""Build the bundled sample packages, byte for byte the same on every run.

    python samples/make_samples.py [OUTPUT_DIR]     (default: the samples/ folder itself)

``compliant-item/`` is one agenda item's package that the shipped profile accepts: Kazakh and
Russian versions of a 16:9 presentation, a reference, a draft resolution and a participant list.
``non-compliant-item/`` breaks clauses 15, 15.3 and 22 and the reading rules on purpose: a 4:3
deck with a 14 pt source line on its second slide, a deck over 10 MB (with an extra slide the
Kazakh deck lacks), a corrupt reference, a legacy .ppt, a Kazakh draft resolution whose amount
differs from the Russian one, which is typed with a Latin "i" for "і" and still carries a
tracked insertion and a comment, a participant list named Kazakh but written in Russian (so
the package has no Kazakh participant list), a reference marked «Қызмет бабында пайдалану
үшін», a 12-minute report, and a manifest whose meeting date (20 January 2026) makes every
submission late. ``security-and-layout-item/`` carries what the security, archive and layout
rules catch (greyscale decks, text set to shrink on overflow, macros, an embedded document, a
picture loaded from the internet, a hostile zip member name, password-protected files,
references over five pages); its byte-level edits live in ``risky_files.py``. The findings
each package must produce are
listed in ``expected/<package>.txt``; tests regenerate the files and compare.

Determinism: document properties are fixed, and every zip is rewritten with fixed timestamps
and member order, since python-pptx and python-docx stamp the current time.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docx import Document as new_docx
from docx.shared import Pt as DocxPt
from pptx import Presentation as new_pptx
from pptx.dml.color import RGBColor
from pptx.util import Emu, Pt

FIXED_TIME = dt.datetime(2026, 1, 15, 9, 0, 0)
ZIP_TIME = (2026, 1, 15, 9, 0, 0)
WIDE = (Emu(12192000), Emu(6858000))   # 13.333 x 7.5 in, PowerPoint's Widescreen 16:9
FOUR_THREE = (Emu(9144000), Emu(6858000))

# -- texts (the Kazakh and Russian versions carry the same facts and numbers) ----------------

DECK = {
    "kk": [
        ("Қалалық жолдарды жөндеу, 2026 жыл",
         ["Жөндеуге 42 көше жоспарланған", "Бюджеті: 3 250 млн теңге",
          "Мерзімі: 1 маусым – 30 қыркүйек"]),
        ("Жұмыс кезеңдері",
         ["1-кезең: 18 көше, маусым–шілде", "2-кезең: 24 көше, тамыз–қыркүйек",
          "Мердігерлер конкурс арқылы таңдалады"]),
        ("Күтілетін нәтиже",
         ["Жөнделген жолдар үлесі 68 %-ға жетеді", "Тұрғындардың шағымдары азаяды"]),
    ],
    "ru": [
        ("Ремонт городских дорог, 2026 год",
         ["Запланирован ремонт 42 улиц", "Бюджет: 3 250 млн тенге", "Сроки: 1 июня – 30 сентября"]),
        ("Этапы работ",
         ["1-й этап: 18 улиц, июнь–июль", "2-й этап: 24 улицы, август–сентябрь",
          "Подрядчики выбираются по конкурсу"]),
        ("Ожидаемый результат",
         ["Доля отремонтированных дорог достигнет 68 %", "Жалоб жителей станет меньше"]),
    ],
}

REFERENCE = {
    "kk": ("АНЫҚТАМА",
           ["2026 жылы қалалық жолдарды жөндеу туралы",
            "Қалада 2026 жылы 42 көшені жөндеу жоспарланған. Жұмыстардың жалпы құны 3 250 "
            "млн теңгені құрайды, оның ішінде жергілікті бюджеттен 2 100 млн теңге.",
            "Жұмыстар екі кезеңде жүргізіледі: бірінші кезеңде 18 көше, екінші кезеңде 24 көше "
            "жөнделеді. Жұмыстарды 2026 жылғы 30 қыркүйекке дейін аяқтау көзделген.",
            "Жөндеу нәтижесінде жақсы жағдайдағы жолдардың үлесі 68 пайызға жетеді."]),
    "ru": ("СПРАВКА",
           ["о ремонте городских дорог в 2026 году",
            "В 2026 году в городе запланирован ремонт 42 улиц. Общая стоимость работ составляет "
            "3 250 млн тенге, в том числе из местного бюджета 2 100 млн тенге.",
            "Работы проводятся в два этапа: на первом этапе ремонтируются 18 улиц, на втором "
            "этапе 24 улицы. Завершить работы предусмотрено до 30 сентября 2026 года.",
            "В результате ремонта доля дорог в хорошем состоянии достигнет 68 процентов."]),
}

RESOLUTION = {
    "kk": ("ҚАУЛЫ ЖОБАСЫ",
           ["2026 жылы қалалық жолдарды жөндеу туралы",
            "Өскемен қаласының әкімдігі ҚАУЛЫ ЕТЕДІ:",
            "1. 2026 жылы 42 көшені жөндеу жоспары бекітілсін.",
            "2. Қаржы бөлімі жұмыстарды 3 250 млн теңге көлемінде қаржыландыруды қамтамасыз етсін.",
            "3. Осы қаулының орындалуын бақылау қала әкімінің орынбасарына жүктелсін."]),
    "ru": ("ПРОЕКТ ПОСТАНОВЛЕНИЯ",
           ["О ремонте городских дорог в 2026 году",
            "Акимат города Усть-Каменогорска ПОСТАНОВЛЯЕТ:",
            "1. Утвердить план ремонта 42 улиц в 2026 году.",
            "2. Отделу финансов обеспечить финансирование работ в объёме 3 250 млн тенге.",
            "3. Контроль за исполнением настоящего постановления возложить на заместителя "
            "акима города."]),
}

REPORT_KK = ("БАЯНДАМА",
             ["Құрметті әріптестер!",
              *[f"{n}-бөлім. Қалада 2026 жылы 42 көшені жөндеу жоспарланған. Жұмыстардың жалпы "
                "құны 3 250 млн теңгені құрайды, оның ішінде жергілікті бюджеттен 2 100 млн "
                "теңге бөлінеді. Жұмыстар екі кезеңде жүргізіледі: бірінші кезеңде 18 көше, "
                "екінші кезеңде 24 көше жөнделеді. Мердігерлер ашық конкурс арқылы таңдалады, "
                "ал жұмыстардың сапасын техникалық қадағалау қызметі тексереді."
                for n in range(1, 22)],
              "Назарларыңызға рахмет."])

# The Kazakh draft with two defects the language rules catch: the amount in item 2 differs
# from the Russian text (3 520 against 3 250), and "мемлекеттiк" is typed with a Latin "i".
RESOLUTION_DEFECTIVE_KK = (
    RESOLUTION["kk"][0],
    [*RESOLUTION["kk"][1][:3],
     "2. Қаржы бөлімі жұмыстарды 3 520 млн теңге көлемінде мемлекеттiк қаржыландыруды "
     "қамтамасыз етсін.",
     RESOLUTION["kk"][1][4]],
)

PARTICIPANTS = {
    "kk": ("ҚАТЫСУШЫЛАР ТІЗІМІ",
           ["Әкімдік отырысына шақырылғандар", "Тұрғын үй-коммуналдық шаруашылық бөлімінің басшысы",
            "Қаржы бөлімінің басшысы", "Құрылыс бөлімінің басшысы"]),
    "ru": ("СПИСОК УЧАСТНИКОВ",
           ["Приглашённые на заседание акимата",
            "Руководитель отдела жилищно-коммунального хозяйства",
            "Руководитель отдела финансов", "Руководитель отдела строительства"]),
}


# -- builders ------------------------------------------------------------------------------

def _normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps so the bytes do not depend on when it was built."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename), compresslevel=6)
    return out.getvalue()


def _png(width: int, height: int, seed: int) -> bytes:
    """An uncompressible PNG of random pixels (stored, not deflated), built without Pillow."""
    rng = random.Random(seed)
    raw = b"".join(b"\x00" + rng.randbytes(width * 3) for _ in range(height))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 0)) + chunk(b"IEND", b""))


def deck(lang: str, size: tuple[Emu, Emu], picture: bytes | None = None,
         footnote: str | None = None) -> bytes:
    prs = new_pptx()
    prs.slide_width, prs.slide_height = size
    props = prs.core_properties
    props.author = props.last_modified_by = "Sample"
    props.created = props.modified = FIXED_TIME
    props.revision = 1
    props.title = DECK[lang][0][0]
    layout = prs.slide_layouts[1]  # Title and Content
    for title, bullets in DECK[lang]:
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text_frame.text = title
        for run in slide.shapes.title.text_frame.paragraphs[0].runs:
            run.font.size = Pt(36)
        body = slide.placeholders[1].text_frame
        for i, text in enumerate(bullets):
            para = body.paragraphs[0] if i == 0 else body.add_paragraph()
            run = para.add_run()
            run.text = text
            run.font.size = Pt(24)
        band = slide.shapes.add_shape(1, 0, size[1] - Emu(457200), size[0], Emu(457200))
        band.fill.solid()
        band.fill.fore_color.rgb = RGBColor(0x00, 0x6E, 0xB8)
        band.line.fill.background()
    if footnote is not None:  # clause 15.3: a 14 pt source line on slide 2 (under 20 pt)
        slide = prs.slides[1]
        box = slide.shapes.add_textbox(Emu(457200), size[1] - Emu(1280160), size[0] - Emu(914400),
                                       Emu(457200))
        run = box.text_frame.paragraphs[0].add_run()
        run.text = footnote
        run.font.size = Pt(14)
    if picture is not None:
        slide = prs.slides.add_slide(prs.slide_layouts[5])  # Title Only
        slide.shapes.title.text_frame.text = DECK[lang][0][0]
        for run in slide.shapes.title.text_frame.paragraphs[0].runs:
            run.font.size = Pt(36)
        slide.shapes.add_picture(io.BytesIO(picture), Emu(914400), Emu(1371600),
                                 height=Emu(4572000))
    buf = io.BytesIO()
    prs.save(buf)
    return _normalise_zip(buf.getvalue())


def document(content: tuple[str, list[str]], table: bool = False,
             header: str | None = None, revisions: bool = False) -> bytes:
    doc = new_docx()
    props = doc.core_properties
    props.author = props.last_modified_by = "Sample"
    props.created = props.modified = FIXED_TIME
    props.revision = 1
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = DocxPt(14)
    heading, paragraphs = content
    if header is not None:
        doc.sections[0].header.paragraphs[0].text = header
    doc.add_paragraph(heading).runs[0].bold = True
    if table:
        doc.add_paragraph(paragraphs[0])
        grid = doc.add_table(rows=len(paragraphs) - 1, cols=2)
        for i, text in enumerate(paragraphs[1:]):
            grid.cell(i, 0).text = f"{i + 1}."
            grid.cell(i, 1).text = text
    else:
        for text in paragraphs:
            doc.add_paragraph(text)
    if revisions:
        _track_last_paragraph(doc)
    buf = io.BytesIO()
    doc.save(buf)
    return _normalise_zip(buf.getvalue())


def _track_last_paragraph(doc: Any) -> None:
    """Leave a tracked insertion and a reviewer's comment in the last paragraph."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph = doc.paragraphs[-1]
    run = paragraph.runs[0]
    comment = doc.add_comment(run, text="Сомасын тексеру керек", author="Sample", initials="S")
    comment._comment_elm.set(qn("w:date"), "2026-01-15T09:00:00Z")  # fixed, for stable bytes
    inserted = OxmlElement("w:ins")
    for key, value in (("w:id", "901"), ("w:author", "Sample"),
                       ("w:date", "2026-01-15T09:00:00Z")):
        inserted.set(qn(key), value)
    added = paragraph.add_run(" Жұмыстар уақтылы аяқталсын.")  # no numbers: parity unchanged
    added._r.addprevious(inserted)
    inserted.append(added._r)


def legacy_ppt() -> bytes:
    """The first sector of an OLE compound file: what a PowerPoint 97-2003 file starts with."""
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[24:26] = struct.pack("<H", 0x3E)
    header[26:28] = struct.pack("<H", 3)
    header[28:30] = b"\xfe\xff"
    header[30:32] = struct.pack("<H", 9)
    header[32:34] = struct.pack("<H", 6)
    return bytes(header) + bytes(512 * 3)


PACKAGES: dict[str, dict[str, Callable[[], bytes]]] = {
    "compliant-item": {
        "Таныстырылым_қаз.pptx": lambda: deck("kk", WIDE),
        "Презентация_рус.pptx": lambda: deck("ru", WIDE),
        "Анықтама_қаз.docx": lambda: document(REFERENCE["kk"]),
        "Справка_рус.docx": lambda: document(REFERENCE["ru"]),
        "Қаулы_жобасы_қаз.docx": lambda: document(RESOLUTION["kk"]),
        "Проект_постановления_рус.docx": lambda: document(RESOLUTION["ru"]),
        "Қатысушылар_тізімі_қаз.docx": lambda: document(PARTICIPANTS["kk"], table=True),
        "Список_участников_рус.docx": lambda: document(PARTICIPANTS["ru"], table=True),
    },
    "non-compliant-item": {
        "Таныстырылым_қаз.pptx": lambda: deck(
            "kk", FOUR_THREE, footnote="Дереккөз: қалалық тұрғын үй-коммуналдық шаруашылық бөлімі"),
        "Презентация_рус.pptx": lambda: deck("ru", WIDE, picture=_png(1900, 1900, seed=15)),
        "Анықтама_қаз.docx": lambda: document(REFERENCE["kk"]),
        "Справка_рус.docx": lambda: document(REFERENCE["ru"])[:6000],
        "Доклад_рус.ppt": legacy_ppt,
        "Қаулы_жобасы_қаз.docx": lambda: document(RESOLUTION_DEFECTIVE_KK, revisions=True),
        "Проект_постановления_рус.docx": lambda: document(RESOLUTION["ru"]),
        "Қатысушылар_тізімі_қаз.docx": lambda: document(PARTICIPANTS["ru"], table=True),
        # clause 15: a document marked for official use only must not be in the package
        "Анықтама_ҚБПҮ_қаз.docx": lambda: document(
            REFERENCE["kk"], header="Қызмет бабында пайдалану үшін"),
        # clause 15.4: a report of about 12 minutes (over the 10-minute limit)
        "Баяндама_қаз.docx": lambda: document(REPORT_KK),
        # the meeting date, so the late submission (clause 15, PKG002) shows in every run
        "manifest.toml": lambda: b"meeting_date = 2026-01-20\n",
    },
}


def _risky() -> Any:
    """The byte-level edits of ``risky_files.py`` beside this file, loaded by path (so the
    generator runs both as a script and from the tests) and compiled in memory (no
    ``__pycache__`` folder appears among the samples)."""
    import types

    path = Path(__file__).resolve().parent / "risky_files.py"
    module = types.ModuleType("risky_files")
    module.__file__ = str(path)
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), module.__dict__)
    return module


# A reference of about ten pages (clause 15.1 allows five): the text several times over.
LONG_REFERENCE = {
    lang: (heading, [paragraphs[0], *[f"{n}. {text}" for n in range(1, 25)
                                      for text in paragraphs[1:]]])
    for lang, (heading, paragraphs) in REFERENCE.items()
}

OVERFLOW = {  # more bullets than the body placeholder holds at 24 pt
    "kk": [f"{n}-кезең: {n * 3} көше, жұмыстар мердігерлер арқылы жүргізіледі"
           for n in range(1, 13)],
    "ru": [f"{n}-й этап: {n * 3} улиц, работы выполняют подрядчики по договорам"
           for n in range(1, 13)],
}


def _grey_overflowing_deck(lang: str) -> bytes:
    risky = _risky()
    grey = risky.greyscale(deck(lang, WIDE), slides=3)
    return risky.shrink_on_overflow(grey, "ppt/slides/slide2.xml", OVERFLOW[lang])


PACKAGES["security-and-layout-item"] = {
    # clause 15.3: greyscale slides (SLD004), a body set to shrink its overflowing text (SLD005)
    "Таныстырылым_қаз.pptx": lambda: _grey_overflowing_deck("kk"),
    "Презентация_рус.pptx": lambda: _grey_overflowing_deck("ru"),
    # macros (SEC002) and an embedded Word document (SEC005)
    "Таныстырылым_макрос_қаз.pptm": lambda: _risky().macro_deck(
        deck("kk", WIDE), document(PARTICIPANTS["kk"], table=True)),
    "Презентация_макрос_рус.pptm": lambda: _risky().macro_deck(
        deck("ru", WIDE), document(PARTICIPANTS["ru"], table=True)),
    # clause 15.1: references over five pages (DOC001)
    "Анықтама_қаз.docx": lambda: document(LONG_REFERENCE["kk"]),
    "Справка_рус.docx": lambda: document(LONG_REFERENCE["ru"]),
    # a picture fetched from the internet when fields update (SEC004)
    "Қаулы_жобасы_қаз.docx": lambda: _risky().picture_field(
        document(RESOLUTION["kk"]), "http://example.org/map.png"),
    "Проект_постановления_рус.docx": lambda: _risky().picture_field(
        document(RESOLUTION["ru"]), "http://example.org/map.png"),
    # a zip member whose name climbs out of the archive (FIL003)
    "Қатысушылар_тізімі_қаз.docx": lambda: _risky().hostile_member(
        document(PARTICIPANTS["kk"], table=True), "../../outside.xml"),
    "Список_участников_рус.docx": lambda: document(PARTICIPANTS["ru"], table=True),
    # password-protected: nothing inside can be checked (SEC003)
    "Ақпарат_қаз.docx": lambda: _risky().encrypted_container(),
    "Информация_рус.docx": lambda: _risky().encrypted_container(),
    # a script left in the package (FIL002 error: programs never belong in it)
    "жаңарту.bat": lambda: b"@echo off\r\ncopy *.docx \\\\server\\share\r\n",
}


def build(root: Path) -> list[Path]:
    """Write every sample package under ``root``; return the files written."""
    written = []
    for package, files in PACKAGES.items():
        folder = root / package
        folder.mkdir(parents=True, exist_ok=True)
        for name, make in files.items():
            path = folder / name
            path.write_bytes(make())
            written.append(path)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    for p in build(target):
        print(p)
