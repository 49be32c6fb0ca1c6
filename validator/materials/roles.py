"""The role of a file in an item's package, from its name and its first lines.

Clause 15 of the regulation lists what a package holds; the toolkit names those parts with
this vocabulary (JSON values, the same in every format):

==========================  ===========================================================
``reference``               анықтама / справка (15.1)
``information-note``        ақпараттық мәліметтер, ақпарат / информация, информационная,
                            аналитическая или пояснительная записка (15.1: "information
                            notes and materials", which share the 5-page limit)
``draft-resolution``        қаулы жобасы / проект постановления (15.2)
``draft-protocol-decision`` хаттамалық шешім жобасы / проект протокольного решения (15.2)
``comparison-table``        салыстырма кесте / сравнительная таблица (15.3)
``presentation``            таныстырылым / презентация, and every slide-deck file (15.3)
``report``                  баяндама / доклад, выступление (15.4)
``participant-list``        қатысушылар тізімі / список участников, приглашённых (15.5)
``other``                   anything else (15.6), or nothing recognisable
==========================  ===========================================================

Profiles refer to these words (which roles DOC001 measures, which PKG001 requires), so
another akimat can change the lists without code.

How: the file name is searched first (Kazakh, Russian, and the Latin transliterations people
type: spravka, anyqtama, proekt_postanovleniya, qauly, doklad, bayandama, spisok
uchastnikov...), then the title and the first lines of the content. When one text names
several parts ("Справка к проекту постановления", "Қаулы жобасына салыстырма кесте") the
accompanying document wins over the draft it accompanies, by the order of `_PATTERNS`.
Slide-deck formats are presentations whatever their name says. The result carries the
reason, e.g. ``file name: 'Справка'`` or ``first heading: 'АНЫҚТАМА'``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from validator.formats.families import PRESENTATIONS

ROLES: tuple[str, ...] = (
    "reference", "information-note", "draft-resolution", "draft-protocol-decision",
    "comparison-table", "presentation", "report", "participant-list", "other",
)
DECK_SUFFIXES = frozenset(f".{ext}" for ext in PRESENTATIONS)
# Only the first lines of a document can hold its title; long lines are body text.
MAX_LINES = 15
MAX_TITLE_CHARS = 250
SHORT_TITLE_WORDS = 8

# Order = priority: accompanying documents before the drafts they mention.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (role, re.compile("|".join(parts)))
    for role, parts in (
        ("participant-list", (
            r"\bсписо?к\w*\s+(участник|приглаш)", r"\bқатысушы\w*\s+тізім",
            r"\bшақырыл\w*\s+тізім", r"\bspiso?k\w*\s+(uchastnik|priglash)",
            r"\b[qk]atysushy\w*\s+tizim", r"\bparticipants?\s+list", r"\blist\s+of\s+participants",
        )),
        ("presentation", (
            r"\bпрезентац", r"\bтаныстырылым", r"\bprezenta[ct]", r"\bpresentation",
            r"\btanystyrylym",
        )),
        ("comparison-table", (
            r"\bсравнительн\w*\s+таблиц", r"\bтаблиц\w*\s+сравнени", r"\bсалыстырм\w*\s+кесте",
            r"\bsravnitel\w*\s+tablic", r"\bsalystyrm\w*\s+keste", r"\bcomparison\s+table",
        )),
        ("report", (
            r"\bдоклад", r"\bбаяндам", r"\bвыступлени", r"\bdokl", r"\bba[yij]andam",
            r"\bvystuplen", r"\breport\b",
        )),
        ("reference", (
            r"\bсправк", r"\bанықтам", r"\bspravk", r"\ban[yi][kq]tam", r"\breference\b",
        )),
        ("information-note", (
            r"\bинформац", r"\b(аналитическ|пояснительн|служебн)\w*\s+записк",
            r"\bақпарат", r"\bтүсіндірме\s+жазба", r"\binforma(c|ts)i", r"\ba[qk]parat",
            r"\bpoyasnitel", r"\binformation\s+note",
        )),
        ("draft-protocol-decision", (
            r"\bпротокольн\w*\s+решени", r"\bхаттамалық\s+шешім", r"\bprotokoln\w*\s+reshen",
            r"\b(k?h|x)attamal[yi][qk]\w*\s+sheshim", r"\bprotocol\s+decision",
        )),
        ("draft-resolution", (
            r"\bпостановлени", r"\bқаулы", r"\bpostanovlen", r"\b[qk]auly",
            r"\bdraft\s+resolution", r"\bresolution\b",
        )),
    )
)


@dataclass(frozen=True)
class RoleResult:
    """A file's role and the evidence for it, shown in every report."""

    role: str
    reason: str


def normalise(text: str) -> str:
    """Lower case, ё as е, every non-letter/digit as a space; the length is preserved."""
    return "".join(
        "е" if ch == "ё" else ch if ch.isalnum() else " " for ch in text.lower()
    )


def find_role(text: str) -> tuple[str, str] | None:
    """The highest-priority role named in `text`, with the matched words as written (in their
    composed form: a name a Mac stored decomposed, ``Список_приглашённых``, reads the same)."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    plain = normalise(text)
    if len(plain) != len(text):  # some letters change length when lowered; search as is
        text = plain
    for role, pattern in _PATTERNS:
        match = pattern.search(plain)
        if match:
            start, end = match.span()
            # extend to the end of the word so the reason quotes whole words
            while end < len(plain) and plain[end].isalnum():
                end += 1
            return role, text[start:end]
    return None


def _content_role(lines: Sequence[str]) -> RoleResult | None:
    """Prefer a short title line ('СПРАВКА', 'Қаулы жобасы') over a long first sentence."""
    candidates: list[tuple[bool, int, str, str, str]] = []
    seen = 0
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        seen += 1
        if seen > MAX_LINES:
            break
        if len(line) > MAX_TITLE_CHARS:
            continue
        found = find_role(line)
        if found:
            short = len(line.split()) <= SHORT_TITLE_WORDS
            candidates.append((not short, seen, found[0], found[1], line))
    if not candidates:
        return None
    _, index, role, words, line = min(candidates)
    where = "first heading" if index == 1 else f"line {index}"
    shown = line if len(line.split()) <= SHORT_TITLE_WORDS else words
    return RoleResult(role, f"{where}: {shown!r}")


def classify_role(
    file_name: str, lines: Sequence[str] = (), title: str | None = None
) -> RoleResult:
    """Classify a file from its name (the last path part is used), title and first lines.

    `lines` are the document's first text lines (paragraphs, slide titles) in reading
    order; `title` is the document-properties title when there is one.
    """
    by_name = role_by_name(file_name)
    if by_name is not None:
        return by_name
    if title and title.strip():
        found = find_role(" ".join(title.split()))
        if found:
            return RoleResult(found[0], f"document title: {' '.join(title.split())!r}")
    by_content = _content_role(lines)
    if by_content:
        return by_content
    return RoleResult("other", "no role named in the file name, title or first lines")


def role_by_name(file_name: str) -> RoleResult | None:
    """The role that ``file_name`` alone decides, before any title or line is looked at (the
    manifest, a presentation's file type, a role named in the file name), or None.

    ``classify_role`` asks it first, so a caller can skip reading a document's text when the
    name already decides.
    """
    path = PurePosixPath(file_name.replace("\\", "/"))
    suffix = path.suffix.lower()
    if path.name.casefold() == MANIFEST:  # the meeting's dates, not a material
        return RoleResult("other", MANIFEST_REASON)
    if suffix in DECK_SUFFIXES:
        return RoleResult("presentation", f"file type: {suffix}")
    found = find_role(path.stem)
    if found:
        return RoleResult(found[0], f"file name: {found[1]!r}")
    return None


#: The package manifest's name (``discovery.manifest``): it holds the meeting's dates.
MANIFEST = "manifest.toml"
#: Why the manifest has no material's role, as a file's report records it.
MANIFEST_REASON = "package manifest"


class Localized(dict[str, str]):
    """A text in kk, ru and en; the engine picks the report language's entry for a message."""


@functools.lru_cache(maxsize=1)
def _labels() -> dict[str, dict[str, str]]:
    import tomllib
    from importlib import resources

    text = (resources.files("validator") / "messages" / "_roles.toml").read_text("utf-8")
    return tomllib.loads(text)


def role_label(role: str, lang: str) -> str | None:
    """The name of ``role`` in ``lang`` (None for a role the catalogue does not know)."""
    return _labels().get(lang, {}).get(role)


def localized_group(roles: Sequence[str]) -> Localized:
    """Role names for messages, alternatives joined by the language's 'or'."""
    labels = _labels()
    return Localized({
        lang: f" {table['or']} ".join(f"«{table[r]}»" for r in roles)
        for lang, table in labels.items()
    })


def localized_language(code: str) -> Localized:
    """A language's name in the form the PKG001 templates use."""
    return Localized({lang: table[f"lang.{code}"] for lang, table in _labels().items()})
