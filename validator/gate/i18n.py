"""The gate's own words in Kazakh, Russian and English (``messages.toml`` beside this file)."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from validator.core.catalogue import LANGS

DEFAULT_LANG = "kk"


@cache
def texts(lang: str) -> Mapping[str, str]:
    """Every gate text in ``lang``: the ``[lang]`` table, whose sub-tables (``[en.NAME]``)
    give their keys as ``NAME.key``, plus each feature's block ``[<feature>.<lang>]`` (kept
    apart at the end of the file, so features add their texts without editing the common
    tables)."""
    raw = (resources.files("validator.gate") / "messages.toml").read_text(encoding="utf-8")
    data = tomllib.loads(raw)
    merged = _flat(data[lang])
    for name, block in data.items():
        if name not in LANGS and isinstance(block, dict) and lang in block:
            merged.update(_flat(block[lang]))
    return MappingProxyType(merged)


def _flat(table: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    """A language's table with its sub-tables (``[en.ux]``) read as ``ux.KEY``: a block of
    texts can be appended at the end of the file without reopening the language's table."""
    out: dict[str, str] = {}
    for key, value in table.items():
        if isinstance(value, Mapping):
            out.update(_flat(value, f"{prefix}{key}."))
        else:
            out[prefix + key] = str(value)
    return out


@dataclass(frozen=True)
class Phrase:
    """A text of the catalogue given as another text's argument (a refusal's reason, such as
    ``error.file_name.hidden`` inside ``error.file_name``): it is said in the language of
    the text it goes into, so no part of a message stays in the language it was raised in."""

    key: str
    args: Mapping[str, Any] = field(default_factory=dict)


def text(lang: str, key: str, **args: Any) -> str:
    """The text ``key`` in ``lang`` with ``args`` filled in (a ``Phrase`` argument in
    ``lang`` too); a byte ``limit`` is also given as ``limit_size``, in the units a person
    reads (``64 МБ``), for the texts that show it."""
    template = texts(lang)[key]
    args = {name: text(lang, value.key, **value.args) if isinstance(value, Phrase) else value
            for name, value in args.items()}
    if isinstance(args.get("limit"), int):
        from validator.plain.quantities import size_text

        args = {**args, "limit_size": size_text(args["limit"], lang)}
    return template.format(**args) if args else template


def pick_lang(*candidates: str | None) -> str:
    """The first candidate that is a supported language, else the default."""
    for c in candidates:
        if c in LANGS:
            return str(c)
    return DEFAULT_LANG
