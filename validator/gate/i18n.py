"""The gate's own words in Kazakh, Russian and English (``messages.toml`` beside this file)."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from validator.catalogue import LANGS

DEFAULT_LANG = "kk"


@cache
def texts(lang: str) -> Mapping[str, str]:
    """Every gate text in ``lang``."""
    raw = (resources.files("validator.gate") / "messages.toml").read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    merged = dict(data[lang])
    # Blocks of texts of one part of the gate: ``[part.en]``, ``[part.ru]``, ``[part.kk]``.
    for name, block in data.items():
        if name not in LANGS and isinstance(block, dict) and isinstance(block.get(lang), dict):
            merged.update(block[lang])
    return MappingProxyType(merged)


def text(lang: str, key: str, **args: Any) -> str:
    template = texts(lang)[key]
    return template.format(**args) if args else template


def pick_lang(*candidates: str | None) -> str:
    """The first candidate that is a supported language, else the default."""
    for c in candidates:
        if c in LANGS:
            return str(c)
    return DEFAULT_LANG
