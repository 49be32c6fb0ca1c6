"""LNG004: mixed-script words, KZ-1048 letters and lost Kazakh letters, located per block."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.checks.lang_docs import docx, findings, pptx, run
from validator.core.findings import Severity


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        # (paragraph number, measured count, words fragment in the English message)
        (["Мемлекеттiк қызмет", "Жақсы мәтін"], [(1, 1, "Мемлекеттiк → Мемлекеттік")]),
        (["Таза мәтін", "Yкiметiнiң қаулысы"], [(2, 1, "Yкiметiнiң → Үкіметінің")]),
        (["в cлучаях и Meжду"], [(1, 2, "cлучаях → случаях; Meжду → Между")]),
        (["Ќазаќстан Республикасы"], [(1, 1, "Ќазаќстан → Қазақстан")]),
        (["Мемлекеттік қызмет", "IT-компания, COVID-19, Wi-Fi"], []),
    ],
)
def test_docx_words(tmp_path: Path, paragraphs: list[str],
                    expected: list[tuple[int, int, str]]) -> None:
    report = run(docx(tmp_path / "Анықтама_каз.docx", paragraphs))
    hits = findings(report, "LNG004")
    got = [(h.location.paragraph, h.measured) for h in hits]
    assert got == [(p, n) for p, n, _ in expected]
    for hit, (_, _, words) in zip(hits, expected, strict=True):
        assert words in hit.message("en")
        assert hit.severity is Severity.WARNING
        assert hit.clause == "15"


def test_kz1048_message_and_count(tmp_path: Path) -> None:
    original = "Өскемен қаласы әкімдігінің шешімі бойынша ұсыныстар ғана қабылданады"
    mojibake = original.encode("kz1048").decode("cp1251")
    hits = findings(run(docx(tmp_path / "a.docx", [mojibake])), "LNG004")
    assert len(hits) == 1
    assert "KZ-1048" in hits[0].message("en")
    assert hits[0].measured == 6  # every word with ө қ ә ң ұ ғ; шешімі, бойынша are intact


def test_lost_kazakh_letters_words(tmp_path: Path) -> None:
    text = "Мен бугин кешке уйге барамын деп ойладым."
    hits = findings(run(docx(tmp_path / "a.docx", ["Кіріспе", text])), "LNG004")
    assert [(h.location.paragraph, h.unit, h.measured) for h in hits] == [(2, "words", 2)]
    assert hits[0].evidence.startswith("kazakh-without-kazakh-letters in ")
    assert ("2 Kazakh word(s) typed without Kazakh letters (ә, ғ, қ, ң, ө, ұ, ү, һ, і): "
            "бугин → бүгін; уйге → үйге") in hits[0].message("en")
    assert "бугин → бүгін; уйге → үйге" in hits[0].message("ru")
    assert "бугин → бүгін; уйге → үйге" in hits[0].message("kk")


def test_correct_kazakh_slide_line_without_kazakh_letters_is_silent(tmp_path: Path) -> None:
    deck = pptx(tmp_path / "Баяндама_каз.pptx",
                [["Жылыту маусымы", "Мектептер мен ауруханалар жылыту маусымына дайын"]])
    assert findings(run(deck), "LNG004") == []


def test_pseudo_unicode_letters_named_with_their_spelling(tmp_path: Path) -> None:
    paragraphs = ["Біз кӛмек кӛрсетуді жалғастырамыз.", "Заңға ӛзгерістер енгізілді."]
    hits = findings(run(docx(tmp_path / "Анықтама_каз.docx", paragraphs)), "LNG004")
    assert [(h.location.paragraph, h.evidence.split(" ")[0], h.measured) for h in hits] == [
        (1, "foreign-letter", 2), (2, "foreign-letter", 1)]
    assert "кӛмек → көмек; кӛрсетуді → көрсетуді" in hits[0].message("en")
    assert "ӛзгерістер → өзгерістер" in hits[1].message("kk")


def test_real_russian_text_is_silent(tmp_path: Path) -> None:
    flores = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "text"
    source = flores / "flores200-devtest.rus_Cyrl.txt"
    if not source.exists():
        pytest.skip("shared corpus missing")
    lines = [s for s in source.read_text(encoding="utf-8").splitlines()[:200]
             if not any(c in s for c in "ceopaxyCEOPAXYiI")]
    hits = findings(run(docx(tmp_path / "Справка_рус.docx", lines)), "LNG004")
    assert hits == []


def test_slides_located_and_capped(tmp_path: Path) -> None:
    slides = [["Кіріспе"]] + [[f"Слайд {n}", "мемлекеттiк бағдарлама"] for n in range(2, 6)]
    deck = pptx(tmp_path / "Таныстырылым_каз.pptx", slides)
    hits = findings(run(deck), "LNG004")
    assert [h.location.slide for h in hits] == [2, 3, 4, 5]
    assert all(h.measured == 1 for h in hits)


def test_fingerprints_follow_the_words_not_the_paragraph_number(tmp_path: Path) -> None:
    """Two paragraphs with different defects get different fingerprints; a paragraph inserted
    above moves the findings but keeps their fingerprints (a code-scanning alert stays the
    same alert)."""
    first = findings(run(docx(tmp_path / "a.docx", ["Мемлекеттiк қызмет", "Yкiметiнiң қаулысы"])),
                     "LNG004")
    moved = findings(run(docx(tmp_path / "b.docx", ["Кіріспе", "Мемлекеттiк қызмет",
                                                    "Yкiметiнiң қаулысы"])), "LNG004")
    assert [h.location.paragraph for h in first] == [1, 2]
    assert [h.location.paragraph for h in moved] == [2, 3]
    assert first[0].fingerprint != first[1].fingerprint
    # the file name is part of a fingerprint: compare the same file under both contents
    again = findings(run(docx(tmp_path / "a.docx", ["Кіріспе", "Мемлекеттiк қызмет",
                                                    "Yкiметiнiң қаулысы"])), "LNG004")
    assert [h.fingerprint for h in again] == [h.fingerprint for h in first]
