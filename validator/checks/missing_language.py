"""LNG001 missing-language-version: every material exists in Kazakh and in Russian (clause 15).

Each Kazakh document of a package is matched with its Russian counterpart by role, name (after
language markers are removed, ``Анықтама`` = ``Справка``) and structure (slide or page count,
numbered items, figures); see ``validator.language.pairing``. A document left without a
counterpart is reported on that file, naming the missing language. A material saved in two
formats under one name (``Справка_рус.docx`` and ``Справка_рус.pdf``) is one material: its
copy needs no counterpart of its own. A document that holds both
languages itself (``mixed``) needs no counterpart. A package whose documents are all in one
language gets one finding for the package instead of one per file. A document whose language
cannot be told, even from its name, is "needs-review". A material whose text was not read
(FIL001, FIL003, SEC003, a scan without a text layer) is never judged on its text: it pairs by
its name's language marker, as does an item of the package that was not read at all (a link,
an archive's files under a password). Its own finding names the cause, once: this rule says
nothing of its language, nor of two unpaired files that may be each other's versions when one
of them was not read (the unread one's name marks no language, or the other one's); the next
run, with the file readable, judges them. A file left with no possible counterpart at all is
still reported, unread or not. A lone file is not a package: no check.

Parameters: none.
Fails: a package with ``Анықтама_каз.docx`` and no Russian reference.
Passes: ``Анықтама_каз.docx`` with ``Справка_рус.docx``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from validator.checks._lang_common import TEXT_KINDS, entries_of, pairing_of
from validator.checks.base import Hit, Params, rule
from validator.core.findings import Location, Status
from validator.language import language_from_filename
from validator.plain.quantities import localized_language

if TYPE_CHECKING:
    from validator.language.pairing import PairCandidate, Pairing

OTHER = {"kk": "ru", "ru": "kk"}
#: Kinds of unread files that may be, or hold, a material's other version: a material (its
#: text not read), and a file of no material kind that holds documents not read out of it (an
#: archive, a signature file: FIL002 needs-review).
HOLDERS = frozenset({*TEXT_KINDS, "other"})


@rule(
    code="LNG001",
    reads_language=True,
    reads_views=("text_blocks", "text_marks"),
    name="missing-language-version",
    scope="package",
    params={},
    cases=("missing", "one-language", "other-language", "undetermined"),
)
def missing_language_version(ctx: Any, params: Params) -> Iterator[Hit]:
    if ctx.single:
        return
    entries = entries_of(ctx)
    pairing, _ = pairing_of(entries)
    # Files that were not read and found no partner (a material whose text was not read, a
    # signature file or an archive whose documents were not read out of it): their own
    # findings (FIL001, FIL003, SEC003, FIL002) name the cause, once. Their language is not
    # judged here, and a document one of them may be the missing version of is not judged
    # either: neither file is blamed for the one that was not read (the next run, with it
    # readable, pairs them).
    paired = {c.path for p in pairing.pairs for c in (p.kk, p.ru)}
    paired |= {copy.path for copy, _ in pairing.copies}  # spoken for by the file they copy
    unread = {e.path for e in entries if e.unread and e.kind in HOLDERS and e.path not in paired}
    unread |= {r.path for r in ctx.refusals}  # items not read at all: a link, a password
    if unread:
        # An unread file's language is only what its name marks.
        langs = {u: language_from_filename(u) for u in unread}
        langs |= {c.path: c.effective_language for c in pairing.unpaired if c.path not in unread}
        rest = [c for c in pairing.unpaired if not _may_pair_unread(c, langs, unread)]
        pairing = replace(pairing, unpaired=tuple(rest))
    present = {c.effective_language for c in pairing.unpaired}
    present |= {"kk", "ru"} if pairing.pairs else set()
    if pairing.bilingual:
        present |= {"kk", "ru"}
    if len(present & {"kk", "ru"}) == 1 and pairing.unpaired:
        lang = next(iter(present & {"kk", "ru"}))
        names = ", ".join(c.path for c in pairing.unpaired)
        yield Hit(
            location=Location(),
            measured=len(pairing.unpaired),
            unit="files",
            evidence=f"all {len(pairing.unpaired)} text documents are {lang}: {names}",
            case="one-language",
            message=f"one_language_{lang}",
            args={"count": len(pairing.unpaired), "files": names},
        )
    else:
        twins = {a.path: b.path for pair in pairing.apart for a, b in (pair, pair[::-1])}
        for c in pairing.unpaired:
            lang = c.effective_language or ""
            source = "text" if c.language == lang else "file name"
            message = "default" if OTHER[lang] == "ru" else "missing_kk"
            twin = twins.get(c.path)
            yield Hit(
                location=Location(),
                evidence=(f"{source} is {lang}; no {OTHER[lang]} {c.kind} left to pair with "
                          f"(pairs: {len(pairing.pairs)})"
                          + (f"; {twin} has its name but another text" if twin else "")),
                case="missing",
                message=f"other_text_{message}" if twin else message,
                args={"name": twin} if twin else {},
                file=c.path,
            )
    yield from _others(pairing)


def _may_pair_unread(c: PairCandidate, langs: dict[str, str | None], unread: set[str]) -> bool:
    """Whether ``c``'s missing version may be there, unjudged because one of the two was not
    read: another unpaired file (``langs``: path -> language) in no language or the other
    one, where it or ``c`` is in ``unread``. Two readable files the pairing left apart are
    not such a case."""
    other = OTHER.get(c.effective_language or "")
    return any(path != c.path and (path in unread or c.path in unread)
               and (lang is None or lang == other) for path, lang in langs.items())


def _others(pairing: Pairing) -> Iterator[Hit]:
    """Documents in another language, or whose language cannot be told."""
    for c in pairing.other_language:
        yield Hit(
            location=Location(),
            evidence=f"text is {c.language}: neither Kazakh nor Russian",
            case="other-language",
            message="other_language",
            args={"language": localized_language(c.language or "")},
            file=c.path,
        )
    for c in pairing.undetermined:
        yield Hit(
            location=Location(),
            evidence="too little text to tell its language, and no language marker in the name",
            status=Status.NEEDS_REVIEW,
            case="undetermined",
            message="undetermined",
            file=c.path,
        )
