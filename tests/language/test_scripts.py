"""Scripts other than Cyrillic and Latin, Kazakh in the Latin alphabets, and mojibake."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.language.scripts_text import to_arabic, to_latin_2018, to_latin_2021
from validator.language import detect_document
from validator.language.detect import detect
from validator.language.mojibake import mojibake, repaired

PERSIAN = [
    "زبان فارسی یکی از زبان‌های هندواروپایی است که در ایران، افغانستان و تاجیکستان به آن "
    "سخن می‌گویند.",
    "شورای شهر گزارش سالانه را بررسی کرد و بودجه سال آینده را تصویب نمود.",
]
ARABIC = [
    "اللغة العربية هي أكثر اللغات السامية تحدثا وإحدى أكثر اللغات انتشارا في العالم.",
    "ناقش المجلس البلدي التقرير السنوي ووافق على ميزانية العام المقبل.",
]
OTHER = {
    "cjk": "市议会审议了年度报告并批准了明年的预算。",
    "greek": "Το δημοτικό συμβούλιο εξέτασε την ετήσια έκθεση και ενέκρινε τον προϋπολογισμό.",
    "hebrew": "מועצת העיר דנה בדוח השנתי ואישרה את התקציב לשנה הבאה.",
}


@pytest.mark.corpus
def test_arabic_script_kazakh_is_kk(flores: dict[str, list[str]]) -> None:
    sentences = [s for s in flores["kk"] if not s.startswith("Back in May")]
    results = [detect(to_arabic(s)) for s in sentences]
    kk = sum(r.language == "kk" for r in results)
    assert kk / len(results) >= 0.99  # measured 1010 of 1011
    assert not any(r.language in ("en", "ru") for r in results)
    assert {r.script for r in results} <= {"arabic", "mixed"}
    doc = detect_document(to_arabic(s) for s in sentences[:20])
    assert (doc.language, doc.script, doc.method) == ("kk", "arabic", "votes:kk=20")


def test_arabic_script_kazakh_sample() -> None:
    text = to_arabic("Біз үшін қазақ тілі мен мәдениеті маңызды.")
    assert text == "ٴبىز ٴۇشىن قازاق ٴتىلى مەن مادەنيەتى ماڭىزدى."
    result = detect(text)
    assert (result.language, result.script, result.method) == ("kk", "arabic",
                                                               "kk-arabic-script")


@pytest.mark.parametrize("text", PERSIAN + ARABIC)
def test_arabic_and_persian_are_undetermined_with_the_script(text: str) -> None:
    result = detect(text)
    assert (result.language, result.script, result.method) == ("undetermined", "arabic",
                                                               "script:arabic")


@pytest.mark.parametrize(("script", "text"), OTHER.items())
def test_other_scripts_are_undetermined(script: str, text: str) -> None:
    result = detect(text)
    assert (result.language, result.script, result.method) == ("undetermined", script,
                                                               f"script:{script}")


def test_a_foreign_script_document_with_a_latin_word_is_not_english() -> None:
    result = detect_document([*PERSIAN, "PDF", "Annex 2"])
    assert (result.language, result.script) == ("undetermined", "arabic")


@pytest.mark.corpus
@pytest.mark.parametrize("convert", [to_latin_2021, to_latin_2018])
def test_latin_kazakh_is_kk_with_latin_script(flores: dict[str, list[str]],
                                              convert: Callable[[str], str]) -> None:
    results = [detect(convert(s)) for s in flores["kk"][:300]]
    kk = [r for r in results if r.language == "kk"]
    assert len(kk) / len(results) >= 0.97  # measured on all 1,011: 2021 99.4 %, 2018 99.1 %
    assert {r.script for r in kk} == {"latin"}


def test_latin_2018_acute_accents_alone_are_not_kazakh() -> None:
    spanish = "El gobierno anunció también que la economía crecerá este año según los datos."
    assert detect(spanish).language == "en"
    assert detect(to_latin_2018("Біз бүгін жұмыс үшін кездесеміз және мәселені шешеміз.")
                  ).language == "kk"


MISTAKES = [("utf-8", "cp1252"), ("utf-8", "cp1251"), ("cp1251", "cp1252"),
            ("cp866", "cp1251"), ("cp866", "cp1252")]


def _garble(text: str, written: str, read_as: str) -> str:
    return text.encode(written, errors="replace").decode(read_as, errors="replace")


def test_issue_mojibake_examples() -> None:
    for text, reason in [("Ð¡Ð¿ÑÐ°Ð²ÐºÐ°", "utf-8 read as cp1252"),
                         ("‘Їа ўЄ ", "cp866 read as cp1251")]:
        result = detect(text)
        assert (result.language, result.method) == ("undetermined", f"mojibake:{reason}")


@pytest.mark.corpus
@pytest.mark.parametrize(("written", "read_as"), MISTAKES)
def test_mojibake_is_never_en_or_ru(flores: dict[str, list[str]], written: str,
                                    read_as: str) -> None:
    texts = flores["ru"][:100] + (flores["kk"][:100] if written == "utf-8" else [])
    for text in texts:
        result = detect(_garble(text, written, read_as))
        assert result.language == "undetermined", text
        assert result.method == f"mojibake:{written} read as {read_as}"


@pytest.mark.corpus
def test_real_text_is_never_mojibake(flores: dict[str, list[str]],
                                     regulation: str) -> None:
    for lang in ("kk", "ru", "en"):
        assert [s for s in flores[lang] if mojibake(s)] == []
    assert mojibake(regulation) is None
    kz1048 = "Ќазаќстан Республикасы Їкіметініѕ ќаулысы"
    assert mojibake(kz1048) is None and detect(kz1048).language == "kk"
    # A word of a corpus document (WordWithAttachments.docx): read back from code page 866 it
    # would be "┴хЄввв 1", box-drawing signs no text holds.
    assert mojibake("Бетўўў 1") is None


@pytest.mark.corpus
@pytest.mark.parametrize(("written", "read_as"), MISTAKES)
def test_a_repaired_text_is_the_text_that_was_written(flores: dict[str, list[str]],
                                                      written: str, read_as: str) -> None:
    """What ``validator fix`` writes back: every sentence found to be mojibake, that lost no
    byte, decodes to exactly the sentence that was written."""
    repairs = 0
    for text in flores["ru"] + flores["kk"]:
        try:
            garbled = text.encode(written).decode(read_as, errors="replace")
        except UnicodeEncodeError:
            continue  # Kazakh letters have no byte in Windows-1251
        mistake = mojibake(garbled)
        if mistake is None or "\ufffd" in garbled:
            continue
        assert repaired(garbled, mistake) == text
        repairs += 1
    assert repairs >= 20  # UTF-8 read as Windows-1252 loses a byte in most sentences
