"""LNG004 mixed-script-word: words that mix Cyrillic and Latin look-alikes, KZ-1048 letters
read as Windows-1251, letters of no alphabet, Kazakh words typed without Kazakh letters, and text
in a wrong encoding.

Real Kazakh documents carry Latin ``i`` for ``і`` (the akimat's own regulation has 193 of them
among 1,056 Cyrillic ``і``), Latin ``Y`` for ``Ү``, Latin a/c/e/o/p/x inside Cyrillic words,
``Ќ``/``Ї``/``Ѕ`` from text typed in the legacy KZ-1048 encoding, ``ӛ`` for ``ө`` from
pseudo-Unicode "Kazakh" fonts (``кӛмек``), and words typed on a Russian keyboard (``уакыт`` for
``уақыт``; judged per word against the shipped Kazakh word list, so correct Kazakh that needs
none of its own letters is never flagged). Such words look right on screen but break search,
spell-checking, sorting and the comparison of the two language versions. One finding per text
block and kind of defect, listing the words and their fixes. Hidden slides are not checked.

Text that was written in one code page and read in another (``Ñïðàâêà``, ``РЎРїСЂР°РІРєР°``:
text imported from a file in another encoding and saved so) has no right word at all: it is one
finding per file (case ``mojibake``), quoting the first such block and what it says. When such
text is most of the file's (``UNREADABLE_SHARE``), the file's text was not read: FIL002 says so,
whatever rules are chosen, and this rule does not.

Parameters: ``max_findings`` (per file; the last one says how many blocks were left out),
``max_words_listed`` (words quoted in one finding).
Fails: a paragraph "мемлекеттiк қызмет" (Latin i). Passes: "мемлекеттік қызмет".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from validator.checks._lang_common import readable_blocks
from validator.checks.base import Hit, Param, Params, rule
from validator.checks.font_size_pdf import excerpt
from validator.files.document import Document
from validator.formats.textblocks import TextBlock
from validator.language.defects import (
    CYRILLIC_IN_LATIN,
    FOREIGN_LETTER,
    KZ1048,
    LATIN_IN_CYRILLIC,
    MOJIBAKE,
    NO_KAZAKH_LETTERS,
)
from validator.language.mojibake import UNREADABLE_SHARE, code_pages, example, garbled, repaired

if TYPE_CHECKING:
    from validator.language.quality import MixedScriptWord

CASES = (LATIN_IN_CYRILLIC, CYRILLIC_IN_LATIN, KZ1048, FOREIGN_LETTER, NO_KAZAKH_LETTERS,
         MOJIBAKE)
_MESSAGE = {
    LATIN_IN_CYRILLIC: "default",
    CYRILLIC_IN_LATIN: "default",
    KZ1048: "kz1048",
    MOJIBAKE: "mojibake",
    FOREIGN_LETTER: "foreign",
    NO_KAZAKH_LETTERS: "no_letters",
}


def _listing(found: list[MixedScriptWord], limit: int) -> str:
    shown = [f"{f.word} → {f.fix}" if f.fix else f"«{f.word[:80]}»" for f in found[:limit]]
    more = len(found) - len(shown)
    return "; ".join(shown) + (f"; … (+{more})" if more > 0 else "")


def _garbled_hit(blocks: list[TextBlock], found: list[tuple[int, str]]) -> Hit:
    """One finding for the blocks of a file that are mojibake (``found``: their indices in
    ``blocks`` and mistakes), quoting one and what it says when decoded as it was written."""
    index, mistake = example([b.text for b in blocks], found)
    block = blocks[index]
    written, read_as = code_pages(mistake)
    return Hit(
        location=block.location,
        measured=len(found),
        unit="blocks",
        evidence=f"{len(found)} text block(s) in a wrong encoding (mostly {mistake}), such as "
                 f"{block.kind} text {block.text[:80]!r}",
        case=MOJIBAKE,
        message="mojibake",
        args={"count": len(found), "excerpt": excerpt(block.text),
              "repaired": excerpt(repaired(block.text, mistake)),
              "written": written, "read": read_as},
        fingerprint_extra=f"{MOJIBAKE}|{mistake}",
    )


@rule(
    code="LNG004",
    name="mixed-script-word",
    kinds={"presentation", "document", "spreadsheet"},
    params={
        "max_findings": Param("int", "findings per file at most", positive=True),
        "max_words_listed": Param("int", "words quoted in one finding", positive=True),
    },
    cases=CASES,
)
def mixed_script_word(doc: Document, params: Params) -> Iterator[Hit]:
    from validator.language.quality import mixed_script_words

    blocks = readable_blocks(doc)
    if not blocks:
        return
    shown = [b for b in blocks if not b.hidden]
    mojibake, share = garbled([b.text for b in shown])
    if share >= UNREADABLE_SHARE:
        return  # most of the text is in a wrong encoding: FIL002 says it was not read
    wrong = {n for n, _ in mojibake}
    hits: list[Hit] = []
    for n, block in enumerate(shown):
        if n in wrong:
            continue  # no word of it is right: one finding for the file, below
        by_kind: dict[str, list[MixedScriptWord]] = {}
        for defect in mixed_script_words(block.text):
            by_kind.setdefault(defect.kind, []).append(defect)
        for kind, found in by_kind.items():
            words = ", ".join(f"{f.word[:40]}@{f.offset}" for f in found)
            hits.append(Hit(
                location=block.location,
                measured=len(found),
                unit="words",
                evidence=f"{kind} in {block.kind} text: {words}",
                case=kind,
                message=_MESSAGE[kind],
                args={"count": len(found), "words": _listing(found, params["max_words_listed"])},
                # the words themselves, not the paragraph number: two paragraphs with defects
                # stay apart, and a paragraph inserted above does not change the fingerprint
                fingerprint_extra=f"{kind}|{' '.join(sorted({f.word for f in found}))}",
            ))
    if mojibake:
        hits.insert(0, _garbled_hit(shown, mojibake))
    limit = params["max_findings"]
    yield from hits[:limit]
    if len(hits) > limit:
        rest = hits[limit:]
        yield Hit(
            location=rest[0].location,
            measured=len(rest),
            unit="blocks",
            evidence=f"{len(rest)} more blocks with script defects not listed",
            case=rest[0].case,
            message="more",
            args={"count": len(rest)},
            fingerprint_extra="more",
        )
