"""Meta-tests: the rule catalogue, its messages in three languages, profiles and docs agree."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from tests.conftest import ROOT
from validator.checks import ALL_RULES
from validator.core.catalogue import LANGS, rule_text, template_fields, ui_texts

CHECKS = ROOT / "validator" / "checks"
MESSAGES = ROOT / "validator" / "messages"
LATIN_IN_CYRILLIC = re.compile(r"[а-яёәіңғүұқөһ][a-z]|[a-z][а-яёәіңғүұқөһ]", re.IGNORECASE)


def test_codes_unique_and_well_formed() -> None:
    codes = [r.code for r in ALL_RULES]
    assert len(codes) == len(set(codes))
    for r in ALL_RULES:
        assert re.fullmatch(r"(SLD|DOC|LNG|PKG|SEC|FIL)\d{3}", r.code), r.code
        assert re.fullmatch(r"[a-z]+(-[a-z0-9]+)*", r.name), r.name
        assert r.doc.strip(), f"{r.code} has no module docstring (it is the user doc)"


def test_every_check_module_is_listed() -> None:
    modules = {p.stem for p in CHECKS.glob("*.py")} - {"__init__", "base"}
    listed = {r.check.__module__.rsplit(".", 1)[-1] for r in ALL_RULES}
    helpers = {m for m in modules if m.startswith("_")}
    assert modules - helpers <= listed | {m for m in modules if m.endswith("_pdf")}


def test_every_message_file_belongs_to_a_rule() -> None:
    files = {p.stem for p in MESSAGES.glob("*.toml") if not p.stem.startswith("_")}
    assert files == {r.code for r in ALL_RULES}
    helpers = {p.stem for p in MESSAGES.glob("_*.toml")}
    assert helpers == {"_ui", "_plain", "_roles", "_deadlines", "_help"}


@pytest.mark.parametrize("name", ["_roles", "_deadlines"])
def test_helper_words_in_three_languages(name: str) -> None:
    import tomllib

    data = tomllib.loads((MESSAGES / f"{name}.toml").read_text(encoding="utf-8"))
    assert set(data) == set(LANGS)
    keys = {lang: set(data[lang]) for lang in LANGS}
    assert keys["kk"] == keys["ru"] == keys["en"]
    for lang in ("kk", "ru"):
        for value in data[lang].values():
            for text in value if isinstance(value, list) else [value]:
                assert not LATIN_IN_CYRILLIC.search(text), (name, lang, text)
    for key, value in data["en"].items():
        if isinstance(value, str):
            fields = {lang: template_fields(data[lang][key]) for lang in LANGS}
            assert fields["kk"] == fields["ru"] == fields["en"], (name, key)


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_rule_texts_in_three_languages(rule: object) -> None:
    code = rule.code  # type: ignore[attr-defined]
    texts = {lang: rule_text(code, lang) for lang in LANGS}
    keys = {lang: set(t.messages) for lang, t in texts.items()}
    assert keys["kk"] == keys["ru"] == keys["en"], keys
    assert "default" in keys["en"]
    for key in keys["en"]:
        fields = {lang: template_fields(t.messages[key]) for lang, t in texts.items()}
        assert fields["kk"] == fields["ru"] == fields["en"], (code, key, fields)
    for lang in ("kk", "ru"):
        t = texts[lang]
        for text in (t.title, t.summary, t.explanation, *t.messages.values()):
            assert not LATIN_IN_CYRILLIC.search(text), (code, lang, text)
    kk = " ".join([texts["kk"].title, texts["kk"].explanation])
    assert re.search(r"[әіңғүұқөһ]", kk), f"{code}: Kazakh text without Kazakh letters"


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_every_rule_says_how_to_fix_in_three_languages(rule: object) -> None:
    from validator.core.catalogue import rule_text_in
    from validator.settings.profile import load_profile, resolve_profile_path

    code = rule.code  # type: ignore[attr-defined]
    rs = load_profile(resolve_profile_path("oskemen-2025")).rules[code]
    full = {lang: rule_text_in(code, lang, rs.clause, rs.params) for lang in LANGS}
    for lang, t in full.items():  # every placeholder filled by the shipped profile
        for text in (t.title, t.summary, t.explanation, t.how_to_fix):
            assert "{" not in text and "…" not in text, (code, lang, text)
    texts = {lang: t.how_to_fix for lang, t in full.items()}
    for lang, text in texts.items():
        assert text and text.endswith(".") and "\n" not in text, (code, lang, text)
        assert len(text) <= 200, (code, lang, len(text))
    for lang in ("kk", "ru"):
        assert not LATIN_IN_CYRILLIC.search(texts[lang]), (code, lang)
        assert re.search(r"[а-яё]", texts[lang]), (code, lang)
    assert re.search(r"[әіңғүұқөһ]", texts["kk"]), f"{code}: Kazakh without Kazakh letters"
    assert len({texts["kk"], texts["ru"], texts["en"]}) == 3


def test_ui_words_in_three_languages() -> None:
    keys = {lang: set(ui_texts(lang)) for lang in LANGS}
    assert keys["kk"] == keys["ru"] == keys["en"]
    for lang in ("kk", "ru"):
        for text in ui_texts(lang).values():
            assert not LATIN_IN_CYRILLIC.search(text), (lang, text)


def test_rules_doc_is_generated_from_the_catalogue() -> None:
    from validator.commands.rules_doc import rules_table

    doc = (ROOT / "docs" / "RULES.md").read_text(encoding="utf-8")
    table = doc.split("<!-- rules:begin -->\n", 1)[1].split("<!-- rules:end -->", 1)[0]
    expected = rules_table("oskemen-2025", "en", "markdown")
    assert table.strip() == expected.strip(), "regenerate: validator rules --format markdown"


def test_readme_rule_table_is_current() -> None:
    from validator.commands.rules_doc import rules_table

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- readme-rules:begin -->\n", 1)[1].split("<!--", 1)[0]
    assert table.strip() == rules_table("oskemen-2025", "en", "markdown").strip()


def test_readme_commands_exist() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "bash scripts/test.sh" in readme and "validator check samples/" in readme
    assert Path(ROOT / ".ci" / "run").is_file()


#: Russian nouns whose form after a number depends on the number («2 страницы», «5 страниц»).
_COUNTED = re.compile(r"\{\w+[^}]*\}\s+(страниц|слогов|документов|пикселей|файлов|слов|"
                      r"слайдов|уровней|минут|байтов|символов|абзацев|строк)\b")


def _strings(node: object, where: str) -> list[tuple[str, str]]:
    """Every string in a message table, with its dotted key."""
    if isinstance(node, dict):
        return [pair for key, value in node.items() for pair in _strings(value, f"{where}.{key}")]
    return [(where, node)] if isinstance(node, str) else []


def test_russian_counts_agree_with_any_number() -> None:
    """A number the profile or a file fills in is never followed by a plural noun that is
    right only for some numbers: messages write «страниц: N» or «N стр.» instead."""
    found = []
    for path in sorted((ROOT / "validator" / "messages").glob("*.toml")):
        with path.open("rb") as f:
            table = tomllib.load(f)
        for where, text in _strings(table.get("ru", {}), "ru"):
            if hit := _COUNTED.search(text):
                found.append((path.name, where, hit.group(0)))
    assert found == []


def test_one_plural_rule_for_phrases_and_quantities() -> None:
    """The rule texts' phrases and the reports' quantities take their forms from one rule:
    Russian one/few/many by the last digits, English one/many, Kazakh one form."""
    from validator.core.catalogue import plural, text_values
    from validator.plain.quantities import quantity

    forms = "слайд|слайда|слайдов"
    assert [plural(n, forms, "ru") for n in (1, 2, 5, 11, 12, 21, 22, 25, 111, 1.5)] == [
        "слайд", "слайда", "слайдов", "слайдов", "слайдов", "слайд", "слайда", "слайдов",
        "слайдов", "слайда"]
    assert [plural(n, "page|pages", "en") for n in (1, 2, 21)] == ["page", "pages", "pages"]
    assert plural(21, "бет|бет", "kk") == "бет"
    assert text_values("ru", "15.1", {"max_pages": 21})["max_pages_phrase"] == "21 страницы"
    assert text_values("ru", "15.1", {"max_pages": 3})["max_pages_phrase"] == "3 страниц"
    assert quantity(21, "slides", "ru") == "21 слайд" and quantity(3, "slides", "ru") == "3 слайда"


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_a_pdf_how_to_fix_is_whole_in_three_languages_or_absent(rule: object) -> None:
    """A rule's line for findings on a PDF (``how_to_fix_pdf``) follows the same form as its
    general line, in every language, or no language has one."""
    from validator.core.catalogue import rule_text_in
    from validator.settings.profile import load_profile, resolve_profile_path

    code = rule.code  # type: ignore[attr-defined]
    rs = load_profile(resolve_profile_path("oskemen-2025")).rules[code]
    texts = {lang: rule_text_in(code, lang, rs.clause, rs.params).how_to_fix_pdf
             for lang in LANGS}
    if not any(texts.values()):
        return
    for lang, text in texts.items():
        assert text and text.endswith(".") and "\n" not in text, (code, lang, text)
        assert len(text) <= 200 and "{" not in text, (code, lang, len(text))
        assert "PDF" in text, (code, lang)
    for lang in ("kk", "ru"):
        assert not LATIN_IN_CYRILLIC.search(texts[lang]), (code, lang)
    assert len(set(texts.values())) == 3


def test_slide_rules_tell_a_pdf_to_be_mended_in_its_presentation() -> None:
    from validator.core.catalogue import rule_text

    with_pdf = sorted(r.code for r in ALL_RULES if rule_text(r.code, "en").how_to_fix_pdf)
    assert with_pdf == ["SLD001", "SLD002", "SLD003"]
