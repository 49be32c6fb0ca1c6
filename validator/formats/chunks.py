"""altChunk imports of WordprocessingML (``w:altChunk r:id`` -> an ``aFChunk`` part): content
in another format (HTML, MHT, XHTML, RTF, plain text, or a whole .docx) that Word converts
and merges into the document when it opens it. Its text is not what the other rules read,
and what it refers to is fetched by that conversion: a remote picture or style sheet of an
HTML chunk, a field or a linked object of an RTF chunk, the external relationships and
fields of a .docx chunk (read one level deep, within the same limits).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from validator.core.errors import LimitError, UnreadableError
from validator.formats.active import FIELD_CASES, Active, field_target, shown, word_fields
from validator.formats.fields import parse_instruction
from validator.formats.ooxml import OoxmlPackage

#: Attribute and CSS references of HTML/XHTML/MHT.
_HTML_REFS = re.compile(
    rb"""(?:\b(?:src|href|data|background|action|codebase|lowsrc|dynsrc|poster|longdesc|"""
    rb"""xlink:href)\s*=\s*["']?|url\(\s*["']?|@import\s+["'])\s*([^"'\s>)]+)""",
    re.IGNORECASE)
#: A reference that leaves the file: a URL scheme that fetches, a UNC or drive path.
_REMOTE = re.compile(rb"^(?:https?:|ftps?:|file:|mhtml:|\\\\|//|[a-z]:[\\/])", re.IGNORECASE)
_RTF_FLDINST = re.compile(rb"\\fldinst")
_RTF_CONTROL = re.compile(rb"\\[a-z]+-?\d* ?|\\\*|[{}\r\n]")
_RTF_LINKED = re.compile(rb"\\(objautlink|objlink)\b")
_RTF_TEMPLATE = re.compile(rb"\{\\\*\\template\s+([^}]*)\}")
_MAX_REFS = 5


def _format(ctype: str, head: bytes) -> str:
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if head.lstrip().startswith(b"{\\rtf") or "rtf" in ctype:
        return "rtf"
    for marker, name in (("html", "html"), ("rfc822", "mht"), ("plain", "text"),
                         ("xml", "xml")):
        if marker in ctype:
            return name
    return "other"


def _unquote_printable(data: bytes) -> bytes:
    return data.replace(b"=\r\n", b"").replace(b"=\n", b"").replace(b"=3D", b"=")


def html_refs(data: bytes) -> list[str]:
    """References out of the file in HTML, XHTML or MHT (quoted-printable undone)."""
    out: list[str] = []
    for match in _HTML_REFS.finditer(_unquote_printable(data)):
        ref = match.group(1)
        if _REMOTE.match(ref):
            out.append(ref.decode("latin-1"))
    return out


def rtf_refs(data: bytes) -> list[str]:
    """Fields that reach outside, linked objects and an attached template in RTF."""
    out: list[str] = []
    for match in _RTF_FLDINST.finditer(data):
        chunk = data[match.end():match.end() + 4000]
        end = chunk.find(b"\\fldrslt")
        chunk = chunk[:end] if end >= 0 else chunk
        chunk = chunk.replace(b"\\\\", b"\x00")  # an escaped backslash is text
        text = _RTF_CONTROL.sub(b"", chunk).replace(b"\x00", b"\\\\").decode("latin-1")
        field = parse_instruction(text)
        if field.keyword in FIELD_CASES and (target := field_target(field)):
            out.append(f"{field.keyword} {target}")
    out += [f"linked object (\\{m.group(1).decode()})" for m in _RTF_LINKED.finditer(data)]
    out += [f"template {m.group(1).decode('latin-1').strip()}"
            for m in _RTF_TEMPLATE.finditer(data)]
    return out


def _docx_refs(pkg: OoxmlPackage, data: bytes) -> list[str]:
    inner = OoxmlPackage(data, pkg.zip.limits, pkg.max_part_bytes, pkg.max_part_elements)
    out = [f"{rel.kind} {rel.target}" for _, rel in inner.all_rels()
           if rel.external and rel.kind != "hyperlink"]
    out += [f"{a.what} {a.target}" for a in word_fields(inner)]
    return out


def alt_chunks(pkg: OoxmlPackage) -> Iterator[Active]:
    """One ``Active`` per altChunk part: ``alt-chunk-fetch`` when it refers outside the file,
    ``alt-chunk`` otherwise; a chunk that cannot be read is reported as unread, not passed."""
    types = pkg.content_types
    for source, rel in pkg.all_rels():
        if rel.kind != "aFChunk":
            continue
        if rel.external:
            yield Active("alt-chunk-fetch", "alt-chunk-fetch", source, shown(rel.target),
                         f"altChunk relationship {rel.id} of /{source} points outside the "
                         f"file: {shown(rel.target)!r} (not fetched)", what="external")
            continue
        part = rel.target
        if not pkg.has(part):
            continue
        ctype = types.get(part, "")
        try:
            data = pkg.read(part)
            kind = _format(ctype, data[:64])
            refs = (_docx_refs(pkg, data) if kind == "docx" else
                    rtf_refs(data) if kind == "rtf" else html_refs(data))
        except (UnreadableError, LimitError) as exc:
            yield Active("alt-chunk", "alt-chunk", part, shown(part),
                         f"altChunk /{part} ({ctype or 'no content type'}) imported by "
                         f"/{source} could not be read: {exc}", what="?")
            continue
        if refs:
            listed = ", ".join(repr(shown(r)) for r in refs[:_MAX_REFS])
            yield Active("alt-chunk-fetch", "alt-chunk-fetch", part, shown(refs[0]),
                         f"altChunk /{part} ({kind}, {ctype or 'no content type'}) imported "
                         f"by /{source} refers outside the file: {listed}"
                         f"{' ...' if len(refs) > _MAX_REFS else ''} (not fetched)",
                         what=kind.upper())
        else:
            yield Active("alt-chunk", "alt-chunk", part, shown(part),
                         f"altChunk /{part} ({kind}, {ctype or 'no content type'}) imported "
                         f"by /{source} when the document opens; its text is not checked",
                         what=kind.upper())
