"""Builders of small real files for the document and package rules (python-docx + XML edits)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

V_NS = "urn:schemas-microsoft-com:vml"


def build_docx(lines: list[str], *, header: str | None = None, footer: str | None = None,
               title: str | None = None, keywords: str | None = None,
               watermark: str | None = None, insertions: int = 0, deletions: int = 0,
               comments: int = 0) -> bytes:
    """A .docx with body lines; optional header/footer text, properties, a WordArt watermark,
    tracked insertions/deletions (each wraps one body run) and comments."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    doc = Document()
    if header is not None:
        doc.sections[0].header.paragraphs[0].text = header
    if footer is not None:
        doc.sections[0].footer.paragraphs[0].text = footer
    if watermark is not None and header is None:
        doc.sections[0].header.paragraphs[0].text = ""
    paragraphs = [doc.add_paragraph(line) for line in lines]
    core = doc.core_properties
    core.title = title or ""
    core.keywords = keywords or ""
    core.comments = ""
    runs = [p.runs[0] for p in paragraphs if p.runs]
    for i in range(insertions + deletions):
        run = runs[i]
        tag = "w:ins" if i < insertions else "w:del"
        wrapper = OxmlElement(tag)
        wrapper.set(qn("w:id"), str(100 + i))
        wrapper.set(qn("w:author"), "Reviewer")
        wrapper.set(qn("w:date"), "2026-01-01T00:00:00Z")
        if tag == "w:del":
            for t in run._r.findall(qn("w:t")):
                t.tag = qn("w:delText")
        run._r.addprevious(wrapper)
        wrapper.append(run._r)
    for i in range(comments):
        doc.add_comment(paragraphs[-1 - i].runs, text=f"check this {i}", author="Reviewer")
    buf = io.BytesIO()
    doc.save(buf)
    data = buf.getvalue()
    if watermark is not None:
        data = _add_watermark(data, watermark)
    return data


def _add_watermark(data: bytes, text: str) -> bytes:
    shape = (f'<w:r><w:pict><v:shape xmlns:v="{V_NS}" id="PowerPlusWaterMarkObject" '
             f'type="#_x0000_t136"><v:textpath style="font-family:&quot;Times New Roman&quot;" '
             f'string="{text}"/></v:shape></w:pict></w:r>').encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if re.fullmatch(r"word/header\d*\.xml", info.filename):
                body = body.replace(b"</w:p>", shape + b"</w:p>", 1)
            dst.writestr(info.filename, body)
    return out.getvalue()


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
