"""LNG004 (safe): look-alike letters inside Kazakh and Russian words made Cyrillic, and text
in a wrong encoding decoded as it was written (LNG004's and FIL002's ``Ñïðàâêà``).

The same repair the rule proposes (``validator.language.normalize.iter_word_fixes``: a Latin
``i``, ``a``, ``Y``... inside a word of Cyrillic letters becomes its Cyrillic twin), applied
letter by letter inside each run's text, so every run keeps its formatting and the text keeps
its length. Words typed without Kazakh letters are not touched: which letter was meant is a
person's call.

A paragraph that is mojibake (``validator.language.mojibake``) is decoded run by run with the
mistake found for the whole paragraph; a paragraph that lost a byte (a replacement character:
the letter it was cannot be known) or any run of which does not decode cleanly (a UTF-8 letter
split between two runs) is left as it is.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from lxml import etree

from validator.checks.font_size_pdf import excerpt
from validator.core.location import Location
from validator.files.document import Document
from validator.fix.package import Edits
from validator.fix.records import FixPlace, FixRecord
from validator.language.defects import LATIN_IN_CYRILLIC
from validator.language.mojibake import mojibake, repaired
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


def _decode(nodes: list[etree._Element]) -> tuple[str, str] | None:
    """Decode a mojibake paragraph in place, run by run; (before, after) of its text, or None
    when it is not mojibake or a run does not decode cleanly."""
    texts = [t.text or "" for t in nodes]
    joined = "".join(texts)
    mistake = None if "\ufffd" in joined else mojibake(joined)  # a lost byte: not exact
    if mistake is None:
        return None
    fixed = [repaired(text, mistake) for text in texts]
    if any("\ufffd" in new and "\ufffd" not in old for old, new in zip(texts, fixed,
                                                                       strict=True)):
        return None
    for node, old, new in zip(nodes, texts, fixed, strict=True):
        if new != old:
            node.text = new
    return joined, "".join(fixed)


def fix_letters(doc: Document, edits: Edits, encoding_code: str = "LNG004") -> list[FixRecord]:
    """Every repairable mixed-script word of the slides (and notes) or of the Word parts, and
    every paragraph in a wrong encoding (recorded under ``encoding_code``: FIL002 when the
    file's text was mostly such, LNG004 otherwise)."""
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
        found: dict[str, tuple[Counter[tuple[str, str]], list[Location]]] = {
            "LNG004": (Counter(), []), encoding_code: (Counter(), [])}
        root = pkg.xml(part)
        numbers = _numbering(root, para, part in slides)
        for p, nodes in _paragraphs(root, para, text):
            decoded = _decode(nodes)
            if decoded is not None:
                code, changed = encoding_code, [(excerpt(decoded[0]), excerpt(decoded[1]))]
            else:
                code, changed = "LNG004", _repair(nodes)
            if changed:
                found[code][0].update(changed)
                found[code][1].append(_where(part, numbers.get(p), slides.get(part),
                                             pkg.main_part))
        for code, (words, places) in found.items():
            if words:
                records.append(_record(code, part, words, places))
        if any(words for words, _ in found.values()):
            edits.touch(part)
    return records


def _record(code: str, part: str, words: Counter[tuple[str, str]],
            places: list[Location]) -> FixRecord:
    listed = ", ".join(f"{w} → {f}" + (f" (×{n})" if n > 1 else "")
                       for (w, f), n in sorted(words.items()))
    return FixRecord(code, f"/{part}", ", ".join(w for w, _ in words),
                     ", ".join(f for _, f in words), kind="letters", args=(("words", listed),),
                     place=FixPlace(places=tuple(places) if any(p.paragraph for p in places)
                                    else (Location(part=part),)))
