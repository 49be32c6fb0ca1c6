"""Unsafe fixes of Word and macro findings: DOC003 (tracked changes accepted, comments
removed) and SEC002 (a macro-enabled file saved without its VBA project, under the ordinary
extension).

Both change the document beyond what a reader sees as the finding's place, so they are made
only with ``--unsafe-fixes``; both keep every other part and every run's formatting.
"""

from __future__ import annotations

import posixpath

from lxml import etree

from validator.core.location import Location
from validator.files.document import Document
from validator.fix.package import Edits
from validator.fix.records import FixPlace, FixRecord

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"

#: Macro-enabled main content types and their ordinary twins.
ORDINARY = {
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml":
        ("application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
         ".pptx"),
    "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml":
        ("application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
         ".ppsx"),
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml":
        ("application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
         ".potx"),
    "application/vnd.ms-word.document.macroEnabled.main+xml":
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
         ".docx"),
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml":
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
         ".dotx"),
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml":
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", ".xlsx"),
    "application/vnd.ms-excel.template.macroEnabled.main+xml":
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
         ".xltx"),
}
_VBA_KINDS = ("vbaProject", "wordVbaData", "keyMapCustomizations")
_WORD_PARTS = ("document", "header", "footer", "footnotes", "endnotes")
_COMMENT_TYPES = ("comments+xml", "commentsExtended+xml", "commentsIds+xml",
                  "commentsExtensible+xml", "people+xml")
#: Revision marks whose content is kept (accepted) and those removed with their content.
_UNWRAP = (f"{W}ins", f"{W}moveTo")
_DROP = (f"{W}del", f"{W}moveFrom")
_DROP_EMPTY = (f"{W}rPrChange", f"{W}pPrChange", f"{W}sectPrChange", f"{W}tblPrChange",
               f"{W}trPrChange", f"{W}tcPrChange", f"{W}tblGridChange", f"{W}numberingChange",
               f"{W}moveFromRangeStart", f"{W}moveFromRangeEnd", f"{W}moveToRangeStart",
               f"{W}moveToRangeEnd", f"{W}customXmlInsRangeStart", f"{W}customXmlInsRangeEnd",
               f"{W}customXmlDelRangeStart", f"{W}customXmlDelRangeEnd")
_COMMENT_MARKS = (f"{W}commentRangeStart", f"{W}commentRangeEnd")


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _drop_relationships(doc: Document, edits: Edits, source: str, targets: set[str]) -> None:
    """Remove the relationships of ``source`` that point at ``targets`` (part names)."""
    rels = _rels_name(source)
    if not doc.ooxml.has(rels):
        return
    tree = doc.ooxml.xml(rels)
    base = posixpath.dirname(source)
    for rel in list(tree):
        target = rel.get("Target") or ""
        if rel.get("TargetMode") == "External":
            continue
        full = posixpath.normpath(posixpath.join(base, target)).lstrip("/") \
            if not target.startswith("/") else target.lstrip("/")
        if full in targets:
            tree.remove(rel)
            edits.touch(rels)


def _remove_parts(doc: Document, edits: Edits, parts: set[str]) -> None:
    """Drop parts, their own relationships, their content-type overrides and every
    relationship that points at them."""
    for part in parts:
        edits.removed.add(part)
        rels = _rels_name(part)
        if doc.ooxml.has(rels):
            edits.removed.add(rels)
    for name in doc.ooxml.zip.names:
        if name.endswith(".rels") or name in parts:
            continue
        _drop_relationships(doc, edits, name, parts)
    root_rels = "_rels/.rels"
    if doc.ooxml.has(root_rels):
        tree = doc.ooxml.xml(root_rels)
        for rel in list(tree):
            if (rel.get("Target") or "").lstrip("/") in parts:
                tree.remove(rel)
                edits.touch(root_rels)
    types = doc.ooxml.xml("[Content_Types].xml")
    for override in list(types.iterfind(f"{CT}Override")):
        if (override.get("PartName") or "").lstrip("/") in parts:
            types.remove(override)
            edits.touch("[Content_Types].xml")


def remove_macros(doc: Document, edits: Edits) -> tuple[list[FixRecord], str | None]:
    """SEC002: the VBA project and its data gone, the main part made ordinary.

    Returns the records and the new extension (None when the name keeps its own).
    """
    pkg = doc.ooxml
    vba = {name for name, ctype in pkg.content_types.items()
           if "vbaProject" in ctype or "vbaData" in ctype or "keyMapCustomizations" in ctype}
    vba |= {name for name in pkg.zip.names if posixpath.basename(name).lower() in
            ("vbaproject.bin", "vbadata.xml")}
    for _source, rel in pkg.all_rels():
        if rel.kind in _VBA_KINDS and not rel.external:
            vba.add(rel.target.lstrip("/"))
    vba = {v for v in vba if pkg.has(v)}
    records = [FixRecord("SEC002", f"/{name}", name, "", safe=False, kind="macros",
                         place=FixPlace(places=(Location(part=name),)))
               for name in sorted(vba)]
    _remove_parts(doc, edits, vba)
    main = pkg.main_part
    types = pkg.xml("[Content_Types].xml")
    new_ext = None
    for override in types.iterfind(f"{CT}Override"):
        if (override.get("PartName") or "").lstrip("/") != main:
            continue
        ctype = override.get("ContentType") or ""
        if ctype in ORDINARY:
            ordinary, new_ext = ORDINARY[ctype]
            override.set("ContentType", ordinary)
            edits.touch("[Content_Types].xml")
            records.append(FixRecord("SEC002", f"/{main} content type", ctype, ordinary,
                                     safe=False, kind="ordinary",
                                     args=(("extension", ORDINARY[ctype][1].lstrip(".")),),
                                     place=FixPlace("file_type")))
    for default in list(types.iterfind(f"{CT}Default")):
        if (default.get("Extension") or "").lower() == "bin" and \
                "vbaProject" in (default.get("ContentType") or ""):
            types.remove(default)
            edits.touch("[Content_Types].xml")
    return records, new_ext


def _word_parts(doc: Document) -> list[str]:
    return [name for name, ctype in doc.ooxml.content_types.items()
            if "wordprocessingml" in ctype and any(f".{kind}" in ctype or f"{kind}+xml" in ctype
                                                    for kind in _WORD_PARTS)]


def _remove_all(tree: etree._Element, tags: tuple[str, ...]) -> int:
    """Remove every element of ``tags`` (with its content); return how many."""
    removed = 0
    for el in list(tree.iter(*tags)):
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)
            removed += 1
    return removed


def accept_revisions(doc: Document, edits: Edits) -> list[FixRecord]:
    """DOC003: tracked changes accepted (insertions kept, deletions dropped, formatting
    changes settled) and comments removed, in the body, headers, footers and notes."""
    counts = {"insertions": 0, "deletions": 0, "formatting": 0, "comments": 0}
    for part in _word_parts(doc):
        tree = doc.ooxml.xml(part)
        touched = False
        dropped = _remove_all(tree, _DROP)
        counts["deletions"] += dropped
        for el in list(tree.iter(*_UNWRAP)):
            parent = el.getparent()
            if parent is None:
                continue
            index = parent.index(el)
            for i, kid in enumerate(list(el)):
                parent.insert(index + i, kid)
            parent.remove(el)
            counts["insertions"] += 1
            touched = True
        settled = _remove_all(tree, _DROP_EMPTY)
        counts["formatting"] += settled
        marks = _remove_all(tree, _COMMENT_MARKS)
        touched = touched or bool(dropped or settled or marks)
        for ref in list(tree.iter(f"{W}commentReference")):
            run = ref.getparent()
            holder = run.getparent() if run is not None else None
            if run is not None and run.tag == f"{W}r" and holder is not None:
                holder.remove(run)
            elif run is not None:
                run.remove(ref)
            counts["comments"] += 1
            touched = True
        # Deleted paragraph marks: a w:del inside w:rPr of a paragraph mark was removed above.
        if touched:
            edits.touch(part)
    comment_parts = {name for name, ctype in doc.ooxml.content_types.items()
                     if ctype.endswith(_COMMENT_TYPES) and "wordprocessingml" in ctype}
    if comment_parts:
        _remove_parts(doc, edits, comment_parts)
    if not any(counts.values()) and not comment_parts:
        return []
    summary = ", ".join(f"{n} {what}" for what, n in counts.items() if n)
    return [FixRecord("DOC003", "/" + doc.ooxml.main_part, summary or "comments", "",
                      safe=False, kind="revisions",
                      args=tuple((k, str(v)) for k, v in counts.items()),
                      place=FixPlace("whole_document"))]

