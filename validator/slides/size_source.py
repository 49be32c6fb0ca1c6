"""Where a run's font size is set, in plain words, from the resolver's technical source.

The resolver records the source as the file has it (``run a:rPr sz``, ``layout 'Title' title
placeholder, level 1``, ``presentation defaultTextStyle``); the SLD002 message tells a person
where to go to change the size ("в самом тексте", "в образце слайдов"), from the catalogue
(``size.source.*`` in ``messages/_plain.toml``). The technical source stays in the evidence.
"""

from __future__ import annotations

from validator.core.catalogue import LANGS, ui
from validator.materials.roles import Localized

#: (text searched in the source, catalogue key); the first match wins.
_SOURCES: tuple[tuple[str, str], ...] = (
    ("chart built-in", "chart_built_in"),  # a chart's own default (10 pt, titles 18 pt)
    ("built-in", "built_in"),
    ("SmartArt", "smartart"),
    ("chart", "chart"),
    ("run a:rPr", "run"),
    ("paragraph a:pPr", "paragraph"),
    ("layout '", "layout"),
    ("master ", "master"),
    ("defaultTextStyle", "default"),
    ("lstStyle", "shape"),
)


def source_key(source: str) -> str:
    """The catalogue key for a technical size source (``other`` when none fits)."""
    for marker, key in _SOURCES:
        if marker in source:
            return key
    return "other"


def source_words(source: str, lang: str) -> str:
    """Where the size is set, in ``lang``; says so when PowerPoint shrinks the text too."""
    where = ui(lang, f"size.source.{source_key(source)}")
    if "autofit" in source:
        return ui(lang, "size.source.autofit", where=where)
    return where


def localized_source(source: str) -> Localized:
    """``source_words`` in every language, for SLD002's message."""
    return Localized({lang: source_words(source, lang) for lang in LANGS})


#: (text searched in an unreadable size's source, catalogue key): what could not be read.
_UNREAD: tuple[tuple[str, str], ...] = (
    ("math", "math"),
    ("content part", "ink"),
    ("SmartArt", "smartart"),
    ("chart", "chart"),
    ("embedded", "object"),
)


def localized_unread(source: str) -> Localized:
    """What holds text whose size cannot be read (an equation, a chart), in every language."""
    key = next((k for marker, k in _UNREAD if marker in source), "other")
    return Localized({lang: ui(lang, f"size.unread.{key}") for lang in LANGS})
