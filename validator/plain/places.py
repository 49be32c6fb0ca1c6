"""Where a finding is, in the plain words of the report's language.

A finding's ``Location`` is technical (``slide[2]/shape[TextBox 4]``, ``part[word/header1.xml]``)
and stays so in JSON and SARIF, where programs read it. People read "слайд 2, надпись «TextBox
4»", "верхний колонтитул документа, абзац 1", "пункт 2.": this module says a location, a part
of an Office file and the language rules' comparison units (``item[2.]``, ``slide[3]``) that
way, from the catalogue (``messages/_plain.toml``, ``messages/_ui.toml``). Names taken from the
file (a shape's or a sheet's name) are quoted as they are.
"""

from __future__ import annotations

import functools
import re

from validator.core.catalogue import LANGS, ui
from validator.core.location import Location
from validator.materials.roles import Localized

#: (pattern on the lower-cased part name, catalogue key); the first match wins. A number in
#: the pattern's group fills ``{n}``; ``embedded`` takes the member's file name.
_PARTS: tuple[tuple[str, str], ...] = (
    (r"/?ppt/presentation\.xml", "presentation"),
    (r"/?word/(document|glossary/document)\.xml", "document"),
    (r"/?xl/(workbook|connections)\.xml|/?xl/(pivotcache|querytables|externallinks)/.*",
     "workbook"),
    (r"/?word/header\d*\.xml", "header"),
    (r"/?word/footer\d*\.xml", "footer"),
    (r"/?word/(footnotes|endnotes)\.xml", "footnotes"),
    (r".*/(comments\d*|commentsextended|commentsids|commentauthors)\.xml|.*/comments/.*",
     "comments"),
    (r".*/slidemasters/slidemaster(\d+)\.xml", "master"),
    (r".*/slidelayouts/slidelayout(\d+)\.xml", "layout"),
    (r".*/slides/slide(\d+)\.xml", "slide"),
    (r".*/worksheets/sheet(\d+)\.xml", "sheet"),
    (r".*/(notesslides|notesmasters|handoutmasters)/.*", "notes"),
    (r".*/theme/.*", "theme"),
    (r".*/styles(\d*)\.xml|.*/styleswitheffects\.xml", "styles"),
    (r".*/(settings|websettings|presprops|viewprops|tablestyles|calcchain)\.xml", "settings"),
    (r"/?docprops/.*", "properties"),
    (r".*vbaproject\.bin|.*/macrosheets/.*", "macros"),
    (r".*/(embeddings|activex)/.*", "embedded"),
    (r".*/(charts|diagrams|drawings)/.*", "drawing"),
    (r".*/media/.*", "media"),
)
#: Parts a place inside them does not need named: the main text, a slide's or sheet's own.
_PLAIN_PARTS = frozenset({"document", "slide", "sheet"})
_CELL = re.compile(r"R(\d+)C(\d+)")
_UNIT = re.compile(r"^(slide|sheet|item)\[(.*)\]$")


_PART_PATTERNS = tuple((re.compile(pattern), key) for pattern, key in _PARTS)


def _part_kind(part: str) -> tuple[str, str]:
    lowered = part.lower()
    for pattern, key in _PART_PATTERNS:
        match = pattern.fullmatch(lowered)
        if match is not None:
            number = next((g for g in match.groups() if g and g.isdigit()), "")
            return key, number
    return "other", ""


@functools.lru_cache(maxsize=4096)
def part_words(part: str, lang: str) -> str:
    """What an Office file's internal part holds: ``верхний колонтитул документа``.

    Remembered per part and language (a string, computed from the catalogue alone): a deck's
    findings name the same few masters and layouts hundreds of times, and each naming tried
    twenty patterns and formatted a catalogue text in every language."""
    key, number = _part_kind(part)
    if key == "master" and number not in ("", "1"):
        key = "master_n"  # a deck with several masters: the second and later are numbered
    name = part.rstrip("/").rsplit("/", 1)[-1]
    return ui(lang, f"place.part.{key}", n=number or "?", name=name)


def localized_part(part: str) -> Localized:
    """``part_words`` in every language, for a message's argument."""
    return Localized({lang: part_words(part, lang) for lang in LANGS})


def place_words(location: Location, lang: str) -> str:
    """A location in words, e.g. ``слайд 2, надпись «TextBox 4»``; empty for the whole file.

    The part is named when it says more than the rest: a header, a slide master, an embedded
    object; not the main text of a document or a slide's own part.
    """
    words: list[str] = []
    if location.slide is not None:
        words.append(ui(lang, "where.slide", n=location.slide))
    if location.page is not None:
        words.append(ui(lang, "where.page", n=location.page))
    if location.sheet is not None:
        words.append(ui(lang, "where.sheet", name=location.sheet))
    if location.shape is not None:
        words.append(ui(lang, "place.shape", name=location.shape))
    if location.paragraph is not None:
        words.append(ui(lang, "where.paragraph", n=location.paragraph))
    if location.cell is not None:
        match = _CELL.fullmatch(location.cell)
        words.append(ui(lang, "place.table_cell", row=match.group(1), col=match.group(2))
                     if match else ui(lang, "where.cell", name=location.cell))
    part = _named_part(location, lang, bool(words))
    if part and words and location.slide is not None:
        return f"{', '.join(words)} ({part})"
    return ", ".join(([part] if part else []) + words)


def _named_part(location: Location, lang: str, placed: bool) -> str:
    """The part in words, unless the rest of the place already says it (a paragraph of the
    main text, a shape on a slide)."""
    if location.part is None:
        return ""
    kind, _ = _part_kind(location.part)
    if placed and (kind in _PLAIN_PARTS or kind == "presentation"):
        return ""
    return part_words(location.part, lang)


def unit_words(label: str, lang: str) -> str:
    """A comparison unit of the language rules (``item[2.]``, ``slide[3]``, ``sheet[Лист1]``,
    ``document``, ``preamble``) in words: ``пункт 2.``."""
    if label == "document":
        return ui(lang, "place.unit.document")
    if label == "preamble":
        return ui(lang, "place.unit.preamble")
    match = _UNIT.fullmatch(label)
    if match is None:
        return label
    kind, value = match.groups()
    if kind == "item":
        return ui(lang, "place.unit.item", item=value)
    if kind == "slide":
        return ui(lang, "place.unit.slide", n=value)
    return ui(lang, "place.unit.sheet", name=value)


def localized_place(location: Location) -> Localized:
    """``place_words`` in every language (the whole file when the location is empty)."""
    return Localized({lang: place_words(location, lang) or ui(lang, "where.whole")
                      for lang in LANGS})


def localized_unit(label: str) -> Localized:
    """``unit_words`` in every language, for a message's argument."""
    return Localized({lang: unit_words(label, lang) for lang in LANGS})
