"""The message catalogue: every rule's title, summary, explanation and message templates in
Kazakh, Russian and English, read from ``validator/messages/<CODE>.toml``, plus the reports'
own words from ``validator/messages/_ui.toml``.

Templates are ``str.format`` strings filled from a hit's ``args`` and measured values. Text
lives in data, not in code, so translators edit one file per rule with the three languages side
by side.
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

LANGS = ("kk", "ru", "en")


@dataclass(frozen=True, slots=True)
class RuleText:
    title: str
    summary: str
    explanation: str
    messages: Mapping[str, str]
    how_to_fix: str = ""


def _messages_dir() -> Any:
    return resources.files("validator") / "messages"


@cache
def rule_text(code: str, lang: str) -> RuleText:
    """Return a rule's texts in ``lang``; raise KeyError when the catalogue lacks them."""
    if lang not in LANGS:
        raise KeyError(f"unknown language {lang!r}")
    path = _messages_dir() / f"{code}.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    table = data[lang]
    return RuleText(
        title=table["title"],
        summary=table["summary"],
        explanation=table["explanation"].strip(),
        messages=MappingProxyType(dict(table["messages"])),
        how_to_fix=table.get("how_to_fix", ""),
    )


@cache
def ui_texts(lang: str) -> Mapping[str, str]:
    """Return the reports' own words (headings, verdicts, states) in ``lang``."""
    data = tomllib.loads((_messages_dir() / "_ui.toml").read_text(encoding="utf-8"))
    return MappingProxyType(dict(data[lang]))


def ui(lang: str, key: str, **args: Any) -> str:
    text = ui_texts(lang)[key]
    return text.format(**args) if args else text


class _Args(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        raise KeyError(f"message template needs {{{key}}}, which the check did not give")


def format_message(code: str, lang: str, key: str, args: Mapping[str, Any]) -> str:
    """Fill the template ``key`` of rule ``code`` in ``lang`` with ``args``."""
    template = rule_text(code, lang).messages[key]
    return string.Formatter().vformat(template, (), _Args(args))


def template_fields(template: str) -> set[str]:
    """Return the placeholder names a template uses (for the catalogue's own tests)."""
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}
