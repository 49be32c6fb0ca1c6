"""The message catalogue: every rule's title, summary, explanation and message templates in
Kazakh, Russian and English, read from ``validator/messages/<CODE>.toml``, plus the reports'
own words from ``validator/messages/_ui.toml`` and the commands' help from ``_help.toml``.

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
#: Languages that write a decimal comma: ``10,05 пт``, never ``10.05 пт``.
_COMMA_LANGS = frozenset({"kk", "ru"})


def number_text(value: float, lang: str, digits: int = 2, spec: str = "") -> str:
    """A number as ``lang`` writes it: ``12.1`` / ``12,1``.

    With a format ``spec`` (``g``, ``.1f``) the number is formatted by it; without one, a
    fraction shows at most ``digits`` decimals (trailing zeros dropped; under 1, when those
    would change it, its first two significant digits, so 0.005 stays 0.005 and 0.001 s is
    never "0 s") and a whole number as it is. Kazakh and Russian take a decimal comma. Every
    number a message, a rule's text or a report's own words shows goes through here, so none
    shows a decimal point in kk or ru.
    """
    if spec:
        shown = format(value, spec)
    elif isinstance(value, float):
        shown = f"{value:.{digits}f}".rstrip("0").rstrip(".")
        if abs(value) < 1 and float(shown) != value:  # 0.005 stays 0.005, 0.001 never 0
            shown = format(value, ".2g")
    else:
        shown = str(value)
    return shown.replace(".", ",") if lang in _COMMA_LANGS else shown


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@dataclass(frozen=True, slots=True)
class RuleText:
    title: str
    summary: str
    explanation: str
    messages: Mapping[str, str]
    how_to_fix: str = ""
    #: How to mend a finding on a PDF, where the fix is made in the file the PDF was made
    #: from (empty: ``how_to_fix`` holds for a PDF too).
    how_to_fix_pdf: str = ""


def _messages_dir() -> Any:
    return resources.files("validator") / "messages"


@cache
def _rule_file(code: str) -> Mapping[str, Any]:
    """A rule's message file, parsed once for all its languages."""
    path = _messages_dir() / f"{code}.toml"
    return MappingProxyType(tomllib.loads(path.read_text(encoding="utf-8")))


def limit_kind(code: str) -> str:
    """How rule ``code``'s threshold bounds what it measures: ``minimum`` (the value must reach
    it: a font size, a count of required files), ``exact`` (must equal it: a slide proportion,
    the other language's count of slides) or ``maximum`` (must not pass it), as the rule's
    message file says (``limit``; a maximum when it says nothing). The reports word the
    measured line by it ("required: at least 20 pt", "required: 16:9", "allowed: 10 MB")."""
    try:
        return str(_rule_file(code).get("limit", "maximum"))
    except (FileNotFoundError, OSError):
        return "maximum"


@cache
def rule_text(code: str, lang: str) -> RuleText:
    """Return a rule's texts in ``lang``; raise KeyError when the catalogue lacks them."""
    if lang not in LANGS:
        raise KeyError(f"unknown language {lang!r}")
    table = _rule_file(code)[lang]
    return RuleText(
        title=table["title"],
        summary=table["summary"],
        explanation=table["explanation"].strip(),
        messages=MappingProxyType(dict(table["messages"])),
        how_to_fix=table.get("how_to_fix", ""),
        how_to_fix_pdf=table.get("how_to_fix_pdf", ""),
    )


class _Lenient(dict[str, Any]):
    """Values for a rule's texts; a placeholder the profile does not fill shows as "…"."""

    def __missing__(self, key: str) -> str:
        return "…"


class _NumberFormatter(string.Formatter):
    """Fills a text for one language: numbers are written as the language writes them
    (``number_text``: ``10,05`` in Kazakh and Russian), everything else as it is."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if _is_number(value):
            return number_text(value, self.lang, spec=format_spec)
        return str(super().format_field(value, format_spec))


class _TextFormatter(_NumberFormatter):
    """Formats a rule's texts; a value that does not fit its format (a parameter the profile
    leaves out, shown as "…") is shown as it is instead of failing."""

    def format_field(self, value: Any, format_spec: str) -> str:
        try:
            return super().format_field(value, format_spec)
        except (ValueError, TypeError):
            return str(value)

    def get_field(self, field_name: str, args: Any, kwargs: Any) -> Any:
        try:
            return super().get_field(field_name, args, kwargs)
        except (KeyError, IndexError, TypeError, AttributeError):
            return "…", field_name


def plural(n: float, forms: str, lang: str) -> str:
    """The form of ``forms`` (``one|few|many``, ``one|many`` or one form) that goes with ``n``:
    Russian one/few/many, English one/many, Kazakh one form (no plural after a numeral)."""
    words = forms.split("|")
    if len(words) == 1:
        return words[0]
    if lang == "ru" and len(words) == 3:
        if n != int(n):
            return words[1]
        k = abs(int(n))
        if k % 10 == 1 and k % 100 != 11:
            return words[0]
        if 2 <= k % 10 <= 4 and not 12 <= k % 100 <= 14:
            return words[1]
        return words[2]
    return words[0] if n == 1 else words[-1]


def clause_ref(clause: str | None, lang: str, capital: bool = False) -> str:
    """``clause 15.3`` / ``пункт 15.3`` / ``15.3-тармақ``; ``clauses 15.2, 15.5`` for several."""
    if not clause:
        return ui(lang, "no_clause")
    key = "clause_ref.many" if "," in clause else "clause_ref.one"
    text = ui(lang, key, clause=clause)
    return text[:1].upper() + text[1:] if capital else text


def text_values(lang: str, clause: str | None, params: Mapping[str, Any]) -> dict[str, Any]:
    """What a rule's title, summary, explanation and "how to fix" may name: the clause it
    cites and every parameter of the profile, plus a few phrases whose grammar follows the
    number (Russian plural forms), so that no threshold or clause number lives in the text."""
    values: dict[str, Any] = _Lenient(params)
    values["clause"] = clause or ""
    values["clause_ref"] = clause_ref(clause, lang)
    values["Clause_ref"] = clause_ref(clause, lang, capital=True)
    if "unit" in params and isinstance(params["unit"], str):
        words = ui_texts(lang)
        values["unit_word"] = words.get(f"unit.{params['unit']}", params["unit"])
    for name, forms in (("max_pages", "pages"), ("working_days", "working_days")):
        if isinstance(params.get(name), int | float):
            n = params[name]
            values[f"{name}_phrase"] = (f"{number_text(n, lang, spec='g')} "
                                        f"{plural(n, ui(lang, f'phrase.{forms}'), lang)}")
    return values


def rule_text_in(code: str, lang: str, clause: str | None,
                 params: Mapping[str, Any]) -> RuleText:
    """A rule's texts as a profile applies it: thresholds and clause numbers filled in."""
    raw = rule_text(code, lang)
    values = text_values(lang, clause, params)
    formatter = _TextFormatter(lang)

    def fill(text: str) -> str:
        return formatter.vformat(text, (), values)

    return RuleText(fill(raw.title), fill(raw.summary), fill(raw.explanation), raw.messages,
                    fill(raw.how_to_fix), fill(raw.how_to_fix_pdf))


@cache
def _words_file(name: str) -> Mapping[str, Any]:
    """``_ui.toml``, ``_plain.toml`` or ``_help.toml``, parsed once for all its languages."""
    return MappingProxyType(tomllib.loads((_messages_dir() / name).read_text(encoding="utf-8")))


@cache
def ui_texts(lang: str) -> Mapping[str, str]:
    """Return the reports' own words (headings, verdicts, states) in ``lang``: ``_ui.toml``
    and the plain words for places, languages, units and causes (``_plain.toml``)."""
    words: dict[str, str] = {}
    for name in ("_ui.toml", "_plain.toml"):
        words.update(_words_file(name)[lang])
    return MappingProxyType(words)


@cache
def help_texts(lang: str) -> Mapping[str, str]:
    """The commands' ``--help`` texts in ``lang`` (kk or ru; English is the code's own), keyed
    by the English text they translate (``_help.toml``)."""
    if lang == "en":
        return MappingProxyType({})
    return MappingProxyType(dict(_words_file("_help.toml")[lang]))


def ui(lang: str, key: str, /, **args: Any) -> str:
    """The reports' word ``key`` in ``lang``, filled with ``args`` (numbers as ``lang`` writes
    them)."""
    text = ui_texts(lang)[key]
    return _NumberFormatter(lang).vformat(text, (), args) if args else text


class _Args(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        raise KeyError(f"message template needs {{{key}}}, which the check did not give")


def format_message(code: str, lang: str, key: str, args: Mapping[str, Any]) -> str:
    """Fill the template ``key`` of rule ``code`` in ``lang`` with ``args``; a number among
    them is written as ``lang`` writes it (``10,05`` in Kazakh and Russian)."""
    template = rule_text(code, lang).messages[key]
    return _NumberFormatter(lang).vformat(template, (), _Args(args))


def template_fields(template: str) -> set[str]:
    """Return the placeholder names a template uses (for the catalogue's own tests)."""
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}
