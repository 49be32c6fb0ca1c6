"""LNG001 missing-language-version: every material exists in Kazakh and in Russian (clause 15).

Each Kazakh document of a package is matched with its Russian counterpart by role, name (after
language markers are removed, ``Анықтама`` = ``Справка``) and structure (slide or page count,
numbered items, figures); see ``validator.language.pairing``. A document left without a
counterpart is reported on that file, naming the missing language. A document that holds both
languages itself (``mixed``) needs no counterpart. A package whose documents are all in one
language gets one finding for the package instead of one per file. A document whose language
cannot be told, even from its name, is "needs-review". A material whose text was not read
(FIL001, FIL003, SEC003, a scan without a text layer) is never judged on its text: it pairs by
its name's language marker; without one it is "needs-review", and a document left without a
counterpart while such a file is in the package is "needs-review" naming it (it may be the
missing version), not a violation. A lone file is not a package: no check.

Parameters: none.
Fails: a package with ``Анықтама_каз.docx`` and no Russian reference.
Passes: ``Анықтама_каз.docx`` with ``Справка_рус.docx``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from validator.checks._lang_common import entries_of, pairing_of
from validator.checks.base import Hit, Params, rule
from validator.core.findings import Location, Status
from validator.language import language_from_filename

if TYPE_CHECKING:
    from validator.language.pairing import Pairing

OTHER = {"kk": "ru", "ru": "kk"}


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
    # Materials whose text was not read and that found no partner: one of them may be the
    # missing version, so a document without a counterpart is a question, not a violation.
    paired = {c.path for p in pairing.pairs for c in (p.kk, p.ru)}
    unread = [e.path for e in entries if e.text_unread and e.path not in paired]
    for path in unread:
        if language_from_filename(path) is None:
            yield Hit(
                location=Location(),
                evidence="the text was not read and the name has no language marker",
                status=Status.NEEDS_REVIEW,
                case="undetermined",
                message="unread_language",
                file=path,
            )
    if unread:
        rest = []
        for c in pairing.unpaired:
            others = ", ".join(u for u in unread if u != c.path)
            if not others:
                rest.append(c)
                continue
            yield Hit(
                location=Location(),
                evidence=f"no counterpart among the files whose text was read; not read: {others}",
                status=Status.NEEDS_REVIEW,
                case="missing",
                message="unread",
                args={"unread": others},
                file=c.path,
            )
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
        for c in pairing.unpaired:
            lang = c.effective_language or ""
            source = "text" if c.language == lang else "file name"
            yield Hit(
                location=Location(),
                evidence=(f"{source} is {lang}; no {OTHER[lang]} {c.kind} left to pair with "
                          f"(pairs: {len(pairing.pairs)})"),
                case="missing",
                message="default" if OTHER[lang] == "ru" else "missing_kk",
                file=c.path,
            )
    yield from _others(pairing)


def _others(pairing: Pairing) -> Iterator[Hit]:
    """Documents in another language, or whose language cannot be told."""
    for c in pairing.other_language:
        yield Hit(
            location=Location(),
            evidence=f"text is {c.language}: neither Kazakh nor Russian",
            case="other-language",
            message="other_language",
            args={"language": c.language or ""},
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
