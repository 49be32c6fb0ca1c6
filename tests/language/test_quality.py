"""LNG004 material: mixed-script words, KZ-1048 mojibake, Kazakh typed without its letters."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from validator.language import mixed_script_words
from validator.language.defects import (
    CYRILLIC_IN_LATIN,
    FOREIGN_LETTER,
    KZ1048,
    LATIN_IN_CYRILLIC,
    NO_KAZAKH_LETTERS,
)
from validator.language.normalize import normalise


@pytest.mark.corpus
def test_regulation_latin_i_counts(regulation: str) -> None:
    assert regulation.count("i") == 193
    assert regulation.count("і") == 1056
    found = list(mixed_script_words(regulation))
    assert Counter(f.kind for f in found) == {LATIN_IN_CYRILLIC: 124}
    assert sum(f.word.count("i") for f in found) == 193  # every Latin i, none missed
    assert sum(f.word.count("Y") for f in found) == 5  # Yкiметiнiң
    for f in found:
        assert regulation[f.offset : f.offset + len(f.word)] == f.word
        assert f.fix is not None and not re.search("[A-Za-z]", f.fix)
    fixes = {f.word: f.fix for f in found}
    assert fixes["мемлекеттiк"] == "мемлекеттік"
    assert fixes["Yкiметiнiң"] == "Үкіметінің"
    clean = normalise(regulation)
    assert clean.count("i") == 0
    assert clean.count("і") == 1056 + 193


@pytest.mark.parametrize(
    ("text", "word", "kind", "fix"),
    [
        ("в cлучаях", "cлучаях", LATIN_IN_CYRILLIC, "случаях"),
        ("Meжду нами", "Meжду", LATIN_IN_CYRILLIC, "Между"),
        ("Yправление", "Yправление", LATIN_IN_CYRILLIC, "Управление"),  # Russian: Y -> У
        ("Yкімет", "Yкімет", LATIN_IN_CYRILLIC, "Үкімет"),  # Kazakh: Y -> Ү
        ("Microsоft Office", "Microsоft", CYRILLIC_IN_LATIN, "Microsoft"),
        ("Ќазаќстан", "Ќазаќстан", KZ1048, "Қазақстан"),
        ("ҥлкен", "ҥлкен", FOREIGN_LETTER, "ңлкен"),
        ("Ѕ", "Ѕ", KZ1048, "Ң"),
    ],
)
def test_word_defects(text: str, word: str, kind: str, fix: str) -> None:
    found = list(mixed_script_words(text))
    assert [(f.word, f.kind, f.fix) for f in found] == [(word, kind, fix)]
    assert text[found[0].offset :].startswith(word)


@pytest.mark.parametrize(
    "text", ["IT-компания", "SMS-хабарлама", "COVID-19 пандемиясы", "pH-метр", "Wi-Fi желісі"]
)
def test_hyphenated_mixed_tokens_are_not_defects(text: str) -> None:
    assert list(mixed_script_words(text)) == []


def test_kz1048_roundtrip_is_repaired() -> None:
    original = "Өскемен қаласы әкімдігінің Регламенті бекітілсін, ұсыныстар ғана қабылданады"
    mojibake = original.encode("kz1048").decode("cp1251")
    found = list(mixed_script_words(mojibake))
    assert found and {f.kind for f in found} == {KZ1048}
    repaired = mojibake
    for f in sorted(found, key=lambda f: -f.offset):
        assert f.fix is not None
        repaired = repaired[: f.offset] + f.fix + repaired[f.offset + len(f.word) :]
    assert repaired == original


@pytest.mark.corpus
def test_lost_kazakh_letters_silent_on_real_russian(flores: dict[str, list[str]]) -> None:
    fired = [s for s in flores["ru"] if any(
        f.kind == NO_KAZAKH_LETTERS for f in mixed_script_words(s)
    )]
    assert fired == []


KEYBOARD = str.maketrans("әқңөұүіғһӘҚҢӨҰҮІҒҺ", "акноууигхАКНОУУИГХ")
_WORD_RE = re.compile(r"[^\W\d_]+")


def _lost(text: str) -> list[tuple[str, str | None]]:
    return [(f.word, f.fix) for f in mixed_script_words(text) if f.kind == NO_KAZAKH_LETTERS]


@pytest.mark.corpus
def test_lost_kazakh_letters_found_per_word_in_keyboard_typed_kazakh(
    flores: dict[str, list[str]],
) -> None:
    sentences = flores["kk"][:300]
    planted = right = fired = unplanted = 0
    for original in sentences:
        typed = original.translate(KEYBOARD)
        truth = {b.start(): a.group().lower()
                 for a, b in zip(_WORD_RE.finditer(original), _WORD_RE.finditer(typed),
                                 strict=True) if a.group() != b.group()}
        hits = [f for f in mixed_script_words(typed) if f.kind == NO_KAZAKH_LETTERS]
        planted += len(truth)
        fired += bool(hits)
        for f in hits:
            if f.offset not in truth:  # a word the source itself writes without its letters
                unplanted += 1
                continue
            right += truth[f.offset] in {o.lower() for o in (f.fix or "").split(" / ")}
    assert fired / len(sentences) >= 0.97  # measured 99.0 % on all 1,012
    assert right / planted >= 0.65  # measured 70.4 % on all 1,012 (the rest: forms the list lacks)
    assert unplanted <= 2  # «багынан» (бағынан) is in the source text
    # The untouched Kazakh sentences never fire.
    assert not any(_lost(s) for s in sentences)


@pytest.mark.corpus
def test_correct_kazakh_without_kazakh_letters_is_silent(flores: dict[str, list[str]]) -> None:
    no_letters = [s for s in flores["kk"] if not set("әғқңөұүһіӘҒҚҢӨҰҮҺІ") & set(s)]
    assert _lost("Мектептер мен ауруханалар жылыту маусымына дайын") == []
    assert [s for s in no_letters if _lost(s)] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Мен бугин кешке уйге барамын деп ойладым.", [("бугин", "бүгін"), ("уйге", "үйге")]),
        # ң is typed, қ is not: only words that need қ are flagged
        ("Аз-кем уакыт колыңыз тиер ме екен?", [("уакыт", "уақыт"), ("колыңыз", "қолыңыз")]),
        ("Казакстан Республикасынын каулысы", [("Казакстан", "Қазақстан"),
                                               ("каулысы", "қаулысы")]),
        ("Казакстан", [("Казакстан", "Қазақстан")]),  # a title alone
        # both readings are words: both are named
        ("Колды жуу керек, кол орамалы бар ма?", [("Колды", "Қолды"), ("кол", "көл / қол")]),
        # the writer types қ elsewhere: «кандаласы» is a loanword, not a lost letter
        ("Төсек кандаласы да ұя жасайды.", []),
        ("Гана мен Того", []),  # names inside a sentence
        ("Как дела у вас сегодня?", []),  # Russian: как -> қақ is never suggested
    ],
)
def test_lost_letters_per_word(text: str, expected: list[tuple[str, str]]) -> None:
    assert _lost(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("кӛмек кӛрсетуді", [("кӛмек", "көмек"), ("кӛрсетуді", "көрсетуді")]),
        ("Елдегі ӛзгерістер", [("ӛзгерістер", "өзгерістер")]),
        ("ӚЗГЕРІСТЕР", [("ӚЗГЕРІСТЕР", "ӨЗГЕРІСТЕР")]),
    ],
)
def test_pseudo_unicode_letters_are_repaired_from_the_word_list(
    text: str, expected: list[tuple[str, str]]
) -> None:
    found = [(f.word, f.fix) for f in mixed_script_words(text)]
    assert found == expected
    assert {f.kind for f in mixed_script_words(text)} == {FOREIGN_LETTER}
