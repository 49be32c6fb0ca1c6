"""The gate's own words exist in every language, with proper Kazakh letters."""

from __future__ import annotations

import re

from validator.gate.i18n import pick_lang, text, texts

MIXED_WORD = re.compile(r"\b(?=\w*[а-яёәіңғүұқөһ])(?=\w*[a-z])\w+\b", re.IGNORECASE)


def test_every_key_in_every_language() -> None:
    keys = {lang: set(texts(lang)) for lang in ("kk", "ru", "en")}
    assert keys["kk"] == keys["ru"] == keys["en"]
    assert len(keys["en"]) > 40


#: Latin words a Kazakh or Russian page may show: names of formats, standards and files, and
#: the English language's own name on the language switch.
NAMES = {"zip", "UTC", "SHA-256", "Ed25519", "CSV", "csv", "Excel", "XLSX", "xlsx",
         "fixes.txt", "English"}


def test_kazakh_and_russian_words_are_kazakh_and_russian() -> None:
    """No English word (a command's name, a term) on a Kazakh or Russian page: only the
    names in ``NAMES`` are written in Latin letters."""
    for lang in ("kk", "ru"):
        for key, value in texts(lang).items():
            words = re.findall(r"[A-Za-z][A-Za-z0-9.-]*[A-Za-z0-9]", re.sub(r"\{[^}]*\}", "",
                                                                           value))
            assert set(words) <= NAMES, (lang, key, value)


def test_kazakh_uses_kazakh_letters_and_no_latin_look_alikes() -> None:
    kk = texts("kk")
    joined = " ".join(kk.values())
    for letter in "іүұқғңәө":
        assert letter in joined, letter
    for key, value in kk.items():
        assert not MIXED_WORD.search(value), (key, value)
    assert kk["submit"] == "Жіберу"
    assert text("kk", "error.too_large", limit=10) == "Пакет тым үлкен (ең көбі 10 байт)."
    # a limit in megabytes is shown in megabytes, never as "67108864 байт"
    assert text("ru", "error.too_large", limit=64 << 20) == "Пакет слишком велик (не более 64 МБ)."
    assert text("kk", "error.too_large", limit=64 << 20) == "Пакет тым үлкен (ең көбі 64 МБ)."


def test_language_choice() -> None:
    assert pick_lang("xx", "ru") == "ru"
    assert pick_lang(None, None) == "kk"
    assert pick_lang("en", "ru") == "en"
