"""LNG004 (safe): look-alike letters inside Kazakh and Russian words made Cyrillic.

The same repair the rule proposes (``validator.language.normalize.iter_word_fixes``: a Latin
``i``, ``a``, ``Y``... inside a word of Cyrillic letters becomes its Cyrillic twin), applied
letter by letter inside each run's text, so every run keeps its formatting and the text keeps
its length. Words typed without Kazakh letters are not touched: which letter was meant is a
person's call.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from lxml import etree

from validator.core.location import Location
from validator.files.document import Document
from validator.fix.package import Edits
from validator.fix.records import FixPlace, FixRecord
from validator.language.defects import LATIN_IN_CYRILLIC
from validator.language.normalize import iter_word_fixes

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SLIDE_TYPES = ("slide+xml", "notesSlide+xml")
_WORD_TYPES = ("document.main+xml", "header+xml", "footer+xml", "footnotes+xml",
               "endnotes+xml", "template.main+xml", "macroEnabled.main+xml")


def _paragraphs(root: etree._Element, para: str, text: str
                ) -> Iterator[tuple[etree._Element, list[etree._Element]]]:
    """Each paragraph and its text nodes, in order (nested paragraphs stand alone)."""
    for p in root.iter(para):
        nodes = []
        for t in p.iter(text):
            owner = t.getparent()
            while owner is not None and owner.tag != para:
                owner = owner.getparent()
            if owner is p:
                nodes.append(t)
        if nodes:
            yield p, nodes


def _numbering(root: etree._Element, para: str, shapes: bool
               ) -> dict[etree._Element, tuple[str, int]]:
    """Each paragraph and its shape's name and 1-based number, as the check reports count
    them (``validator.formats.textblocks``): within its shape on a slide, within the part in a
    Word document. The paragraphs themselves are the keys: holding them keeps lxml's element
    objects, and so their identity, alive while the part is repaired."""
    if not shapes:
        return {p: ("", n) for n, p in enumerate(root.iter(para), start=1)}
    out: dict[etree._Element, tuple[str, int]] = {}
    for sp in root.iter(f"{P}sp", f"{P}graphicFrame"):
        nv = sp.find(f".//{P}cNvPr")
        name = (nv.get("name") if nv is not None else None) or ""
        for n, p in enumerate(sp.iter(para), start=1):
            out.setdefault(p, (name, n))
    return out


def _where(part: str, numbered: tuple[str, int] | None, slide: int | None, main: str
           ) -> Location:
    """A repaired paragraph's place: slide, shape and paragraph, or the part's paragraph."""
    shape, n = numbered if numbered is not None else ("", 0)
    if slide is not None:
        return Location(slide=slide, shape=shape or None, paragraph=n or None)
    return Location(part=None if part == main else part, paragraph=n or None)


def _repair(nodes: list[etree._Element]) -> list[tuple[str, str]]:
    """Repair the paragraph in place; return (word, fixed) for each word changed."""
    texts = [t.text or "" for t in nodes]
    joined = "".join(texts)
    changes: dict[int, str] = {}
    done: list[tuple[str, str]] = []
    for fix in iter_word_fixes(joined):
        if fix.kind != LATIN_IN_CYRILLIC or len(fix.fixed) != len(fix.word):
            continue
        for i, (old, new) in enumerate(zip(fix.word, fix.fixed, strict=True)):
            if old != new:
                changes[fix.start + i] = new
        done.append((fix.word, fix.fixed))
    if not changes:
        return []
    offset = 0
    for node, text in zip(nodes, texts, strict=True):
        letters = list(text)
        for i in range(len(text)):
            if offset + i in changes:
                letters[i] = changes[offset + i]
        new = "".join(letters)
        if new != text:
            node.text = new
        offset += len(text)
    return done


def fix_letters(doc: Document, edits: Edits) -> list[FixRecord]:
    """Every repairable mixed-script word of the slides (and notes) or of the Word parts."""
    pkg = doc.ooxml
    if doc.declared_kind == "presentation":
        parts, para, text = [n for n, c in pkg.content_types.items()
                             if c.endswith(_SLIDE_TYPES)], f"{A}p", f"{A}t"
    else:
        parts, para, text = [n for n, c in pkg.content_types.items()
                             if "wordprocessingml" in c and c.endswith(_WORD_TYPES)], \
            f"{W}p", f"{W}t"
    slides = {ref.part: ref.number for ref in doc.deck.slides} \
        if doc.declared_kind == "presentation" else {}
    records = []
    for part in sorted(parts):
        if not pkg.has(part):
            continue
        words: Counter[tuple[str, str]] = Counter()
        root = pkg.xml(part)
        numbers = _numbering(root, para, part in slides)
        places: list[Location] = []
        for p, nodes in _paragraphs(root, para, text):
            repaired = _repair(nodes)
            words.update(repaired)
            if repaired:
                places.append(_where(part, numbers.get(p), slides.get(part), pkg.main_part))
        if words:
            edits.touch(part)
            listed = ", ".join(f"{w} → {f}" + (f" (×{n})" if n > 1 else "")
                               for (w, f), n in sorted(words.items()))
            records.append(FixRecord("LNG004", f"/{part}", ", ".join(w for w, _ in words),
                                     ", ".join(f for _, f in words), kind="letters",
                                     args=(("words", listed),),
                                     place=FixPlace(places=tuple(places) if any(
                                         p.paragraph for p in places) else (Location(
                                             part=part),))))
    return records
