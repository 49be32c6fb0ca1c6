"""Language markers in file names: ``Справка_каз.docx``, ``doklad-RU.pptx``, ``қазақша``.

Only whole tokens count (split at separators, case changes and script changes), so ordinary
words that merely contain ``ru`` or ``kaz`` (``structure``, ``Казначейство``) are not markers.
A name with markers of both languages says nothing.
"""

from __future__ import annotations

import re
import unicodedata

KK_MARKERS = frozenset(
    ("kz", "kk", "kaz", "kazakh", "qaz", "қаз", "каз", "қазақша", "казакша", "қазақ",
     "казах", "казахский")
)
RU_MARKERS = frozenset(("ru", "rus", "russian", "рус", "орыс", "орысша", "русский"))
KK_PHRASES = (
    "на казахском", "на государственном", "мемлекеттік тілде", "қазақ тілінде",
    "казахский язык", "на каз",
)
RU_PHRASES = ("на русском", "орыс тілінде", "русский язык", "на рус")

_TOKEN_RE = re.compile(
    r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[А-ЯЁӘҒҚҢӨҰҮҺІ]+(?![а-яёәғқңөұүһі])|[А-ЯЁӘҒҚҢӨҰҮҺІ]?[а-яёәғқңөұүһі]+"
)
_EXTENSION_RE = re.compile(r"\.[A-Za-z0-9]{1,5}$")


def language_from_filename(name: str) -> str | None:
    """``"kk"`` or ``"ru"`` from the markers in a file name, else None.

    ``name`` may be a path (``kk/Баяндама.docx``, ``item.zip/ru/Справка.docx``): the base name
    decides; when it has no marker, the nearest folder with one does. A name stored decomposed
    (NFD, as a Mac writes ``русский``) reads as its composed form.
    """
    name = unicodedata.normalize("NFC", name)
    parts = [p for p in re.split(r"[\\/]", name) if p]
    for index, part in enumerate(reversed(parts)):
        found = _marker(part if index else _EXTENSION_RE.sub("", part))
        if found is not None:
            return found
    return None


def _marker(stem: str) -> str | None:
    low = " ".join(re.split(r"[\W_]+", stem.lower()))
    kk = any(p in f" {low} " and f" {p}" in f" {low}" for p in KK_PHRASES)
    ru = any(p in f" {low} " and f" {p}" in f" {low}" for p in RU_PHRASES)
    for token in _TOKEN_RE.findall(stem):
        t = token.lower()
        kk = kk or t in KK_MARKERS
        ru = ru or t in RU_MARKERS
    if kk == ru:
        return None
    return "kk" if kk else "ru"
