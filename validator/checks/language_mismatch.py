"""LNG002 language-mismatch: the language a file name declares is the language of its text.

File names carry language markers (``Справка_каз.docx``, ``doklad_RU.pptx``, ``қазақша``,
``на русском``; a ``kk/`` or ``ru/`` folder counts when the name has none). When the marked
language holds less than ``min_share`` of the words the text is read as, the file is
mislabelled: the Kazakh version was probably replaced by the Russian one, and pairing by name
would go wrong. A bilingual text (``mixed``) that holds the declared language is not a
mismatch. Text too short to judge (under ``min_words`` words) is not judged.

Parameters: ``min_words`` (words of text before the content can contradict the name),
``min_share`` (share of the words the declared language must hold).
Fails: ``Анықтама_каз.docx`` whose text is Russian. Passes: the same name on Kazakh text.
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.checks.base import Hit, Param, Params, rule
from validator.core.errors import LimitError, UnreadableError
from validator.core.location import Location
from validator.files.document import Document
from validator.language import language_from_filename
from validator.plain.quantities import localized_language, localized_shares


def _shares(shares: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.2f}" for k, v in sorted(shares.items(), key=lambda kv: -kv[1]))


@rule(
    code="LNG002",
    reads_language=True,
    name="language-mismatch",
    kinds={"presentation", "document", "spreadsheet"},
    params={
        "min_words": Param("int", "words of text needed before content can contradict a name"),
        "min_share": Param("float", "share of words the declared language must hold"),
    },
)
def language_mismatch(doc: Document, params: Params) -> Iterator[Hit]:
    declared = language_from_filename(doc.path)
    if declared is None:
        return
    try:
        found = doc.language
    except (UnreadableError, LimitError):
        return  # FIL001/FIL003 already say why
    if found.words < params["min_words"] or found.language == "undetermined":
        return
    share = found.shares.get(declared, 0.0)
    if share >= params["min_share"] or (found.language == "mixed" and share > 0):
        return  # a bilingual text holds the declared language too
    shares = dict(found.shares)
    message = {("kk", "ru"): "kk_is_ru", ("ru", "kk"): "ru_is_kk"}.get(
        (declared, found.language), "default"
    )
    yield Hit(
        location=Location(),
        measured=share,
        threshold=params["min_share"],
        unit="share",
        evidence=(f"name marks {declared}; text over {found.words} words: {_shares(shares)} "
                  f"({found.method})"),
        message=message,
        args={"declared": localized_language(declared),
              "found": localized_language(found.language), "shares": localized_shares(shares),
              "words": found.words},
    )
