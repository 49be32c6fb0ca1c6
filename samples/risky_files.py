"""Byte-level edits that turn the samples' decks and documents into the files the security,
archive and layout rules catch: a macro-enabled deck with a VBA project, an embedded Word
document, a password-protected (encrypted) Office container, a picture field that fetches an
address on the internet, a member name that climbs out of the archive, a greyscale deck and
text set to shrink on overflow. Used by ``make_samples.py``; every edit is deterministic
(fixed zip timestamps, no random salts), so the samples regenerate byte for byte.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path

ZIP_TIME = (2026, 1, 15, 9, 0, 0)
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PPTX_MAIN = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
PPTM_MAIN = b"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"
VBA_TYPE = "application/vnd.ms-office.vbaProject"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _cfb_writer() -> Callable[[Mapping[str, bytes]], bytes]:
    """The project's OLE compound file writer (tests/security/cfb.py), loaded by path."""
    path = Path(__file__).resolve().parent.parent / "tests" / "security" / "cfb.py"
    namespace: dict[str, object] = {"__name__": "sample_cfb", "__file__": str(path)}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    writer: Callable[[Mapping[str, bytes]], bytes] = namespace["cfb"]  # type: ignore[assignment]
    return writer


def edit_zip(data: bytes, change: Mapping[str, Callable[[bytes], bytes]] | None = None,
             add: Mapping[str, bytes] | None = None) -> bytes:
    """A copy of an OOXML zip with members changed or added, timestamps fixed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        members = [(i.filename, src.read(i.filename)) for i in src.infolist()]
        for name, body in [*members, *(add or {}).items()]:
            if change and name in change:
                body = change[name](body)
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, body, compresslevel=6)
    return out.getvalue()


def _add_override(types: bytes, part: str, content_type: str) -> bytes:
    return types.replace(b"</Types>", f'<Override PartName="/{part}" ContentType='
                                      f'"{content_type}"/></Types>'.encode())


def _add_rel(rels: bytes, rid: str, kind: str, target: str, external: bool = False) -> bytes:
    mode = ' TargetMode="External"' if external else ""
    return rels.replace(b"</Relationships>", f'<Relationship Id="{rid}" Type="{RT}/{kind}" '
                                             f'Target="{target}"{mode}/></Relationships>'
                        .encode())


def macro_deck(deck: bytes, embedded: bytes) -> bytes:
    """A macro-enabled deck (.pptm) with a VBA project, and a Word document embedded in its
    first slide (clause-free security findings SEC002 and SEC005)."""
    cfb = _cfb_writer()
    project = cfb({"VBA/dir": b"\x01\x00", "VBA/Module1": b"Sub AutoOpen()\r\nEnd Sub\r\n",
                   "PROJECT": b'ID="{00000000-0000-0000-0000-000000000000}"\r\n'})

    def types(xml: bytes) -> bytes:
        xml = xml.replace(PPTX_MAIN, PPTM_MAIN)
        xml = _add_override(xml, "ppt/vbaProject.bin", VBA_TYPE)
        return _add_override(xml, "ppt/embeddings/Document1.docx", DOCX_TYPE)

    return edit_zip(deck, change={
        "[Content_Types].xml": types,
        "ppt/_rels/presentation.xml.rels":
            lambda x: _add_rel(x, "rIdVba", "vbaProject", "vbaProject.bin"),
        "ppt/slides/_rels/slide1.xml.rels":
            lambda x: _add_rel(x, "rIdPkg", "package", "../embeddings/Document1.docx"),
    }, add={"ppt/vbaProject.bin": project, "ppt/embeddings/Document1.docx": embedded})


def encrypted_container() -> bytes:
    """What Office writes for a password-protected file: an OLE container whose streams are
    EncryptionInfo and EncryptedPackage (fixed bytes: no salt, nothing random)."""
    info = b"\x04\x00\x04\x00\x40\x00\x00\x00" + b"<encryption/>"
    return _cfb_writer()({"EncryptionInfo": info, "EncryptedPackage": b"\x00" * 64})


def picture_field(document: bytes, url: str) -> bytes:
    """A document whose last paragraph fetches a picture from ``url`` when fields update."""
    field = (f'<w:p><w:fldSimple w:instr="INCLUDEPICTURE &quot;{url}&quot; \\d">'
             "<w:r><w:t>-</w:t></w:r></w:fldSimple></w:p>").encode()

    def body(xml: bytes) -> bytes:
        return re.sub(rb"(<w:sectPr)", lambda m: field + m.group(1), xml, count=1)

    return edit_zip(document, change={"word/document.xml": body})


def hostile_member(document: bytes, name: str) -> bytes:
    """A document with an extra zip member whose name climbs out of the archive."""
    return edit_zip(document, add={name: b"<x/>"})


def shrink_on_overflow(deck: bytes, slide: str, paragraphs: list[str]) -> bytes:
    """The body placeholder of ``slide`` set to shrink text on overflow (a bare
    ``<a:normAutofit/>``, no stored scale) and filled with more text than fits."""
    runs = "".join(f'<a:p><a:r><a:rPr lang="ru-RU" sz="2400" dirty="0"/><a:t>{text}</a:t>'
                   "</a:r></a:p>" for text in paragraphs)

    def fill(xml: bytes) -> bytes:
        shapes = xml.split(b"<p:sp>")
        body = shapes[2]  # the second shape: the content placeholder
        body = re.sub(rb"<a:bodyPr\s*/>", b"<a:bodyPr><a:normAutofit/></a:bodyPr>", body,
                      count=1)
        body = re.sub(rb"<a:p>.*</a:p>", runs.encode(), body, count=1, flags=re.S)
        shapes[2] = body
        return b"<p:sp>".join(shapes)

    return edit_zip(deck, change={slide: fill})


def greyscale(deck: bytes, slides: int) -> bytes:
    """The same deck with its one colour (the blue band on every slide) turned grey, and the
    band's theme style (a blue accent shadow) removed."""
    def grey(xml: bytes) -> bytes:
        xml = xml.replace(b'<a:srgbClr val="006EB8"/>', b'<a:srgbClr val="7F7F7F"/>')
        return re.sub(rb"<p:style>.*?</p:style>", b"", xml, flags=re.S)

    return edit_zip(deck, change={f"ppt/slides/slide{n}.xml": grey
                                  for n in range(1, slides + 1)})
