"""Small packages built in the tests: an item the shipped profile accepts, and one it returns.

The compliant item has Kazakh and Russian versions of a 16:9 presentation, a draft
resolution and a participant list; the non-compliant one has a 4:3 deck and lacks the
required parts.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document as new_docx
from pptx import Presentation as new_pptx
from pptx.dml.color import RGBColor
from pptx.util import Emu

WIDE = (Emu(12192000), Emu(6858000))
FOUR_THREE = (Emu(9144000), Emu(6858000))

TEXT = {
    "kk": {
        "deck": ("Қалалық жолдарды жөндеу", "Жөндеуге қырық екі көше жоспарланған, жұмыс "
                 "маусымда басталып, қыркүйекте аяқталады."),
        "draft": "Қаулы жобасы. Қалалық жолдарды жөндеу жоспарын бекіту туралы. Әкімдік "
                 "қаулы етеді: жөндеу жұмыстарының жоспары бекітілсін және орындалсын.",
        "list": "Қатысушылар тізімі. Отырысқа қала әкімінің орынбасары, жолаушылар көлігі "
                "бөлімінің басшысы және құрылыс бөлімінің басшысы қатысады.",
    },
    "ru": {
        "deck": ("Ремонт городских дорог", "К ремонту запланированы сорок две улицы, работы "
                 "начнутся в июне и завершатся в сентябре."),
        "draft": "Проект постановления. Об утверждении плана ремонта городских дорог. "
                 "Акимат постановляет: утвердить план ремонтных работ и обеспечить его "
                 "исполнение.",
        "list": "Список участников. В заседании участвуют заместитель акима города, "
                "руководитель отдела пассажирского транспорта и руководитель отдела "
                "строительства.",
    },
}

COMPLIANT_NAMES = {
    ("kk", "deck"): "Таныстырылым_қаз.pptx",
    ("ru", "deck"): "Презентация_рус.pptx",
    ("kk", "draft"): "Қаулы_жобасы_қаз.docx",
    ("ru", "draft"): "Проект_постановления_рус.docx",
    ("kk", "list"): "Қатысушылар_тізімі_қаз.docx",
    ("ru", "list"): "Список_участников_рус.docx",
}


def deck(size: tuple[Emu, Emu], title: str, body: str) -> bytes:
    prs = new_pptx()
    prs.slide_width, prs.slide_height = size
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = title
    slide.placeholders[1].text = body
    # Colour slides (clause 15.3): a coloured title, as real decks have.
    for run in slide.shapes.title.text_frame.paragraphs[0].runs:
        run.font.color.rgb = RGBColor(0x00, 0x6E, 0xB8)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def document(text: str) -> bytes:
    doc = new_docx()
    title, _, rest = text.partition(". ")
    doc.add_heading(title, level=1)
    doc.add_paragraph(rest)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def compliant_item() -> dict[str, bytes]:
    files = {}
    for (lang, part), name in COMPLIANT_NAMES.items():
        t = TEXT[lang][part]
        files[name] = deck(WIDE, *t) if part == "deck" else document(str(t))
    return files


def non_compliant_item() -> dict[str, bytes]:
    return {
        "Презентация_рус.pptx": deck(FOUR_THREE, *TEXT["ru"]["deck"]),
        "Таныстырылым_қаз.pptx": deck(FOUR_THREE, *TEXT["kk"]["deck"]),
    }


def as_zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return out.getvalue()


def write(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder
