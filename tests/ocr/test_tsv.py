"""Tesseract's TSV becomes text laid out as a text layer would be: what parity compares."""

from __future__ import annotations

from validator.formats.ocr import parse_tsv

HEADER = "\t".join(["level", "page_num", "block_num", "par_num", "line_num", "word_num",
                    "left", "top", "width", "height", "conf", "text"])


def _tsv(lines: list[tuple[int, str]], conf: float = 95.0) -> str:
    rows = [HEADER]
    for n, (top, text) in enumerate(lines, start=1):
        for w, word in enumerate(text.split(), start=1):
            rows.append(f"5\t1\t{n}\t1\t1\t{w}\t{100 * w}\t{top}\t90\t40\t{conf}\t{word}")
    return "\n".join(rows)


def test_a_paragraph_wrapped_across_lines_is_one_line() -> None:
    page = parse_tsv(_tsv([(100, "из местного бюджета 2"), (150, "100 млн тенге."),
                           (200, "жоспар-"), (250, "ланған жұмыс")]))
    assert page.text == "из местного бюджета 2 100 млн тенге. жоспарланған жұмыс"
    assert page.words == 10
    assert page.confidence == 0.95


def test_items_and_blank_gaps_start_new_lines() -> None:
    page = parse_tsv(_tsv([(100, "ПОСТАНОВЛЯЕТ:"), (150, "1. Утвердить план."),
                           (200, "3: Контроль возложить"), (250, "на заместителя."),
                           (400, "Аким города")]))
    assert page.text.splitlines() == ["ПОСТАНОВЛЯЕТ:", "1. Утвердить план.",
                                      "3. Контроль возложить на заместителя.", "Аким города"]


def test_confidence_is_weighted_by_word_length() -> None:
    tsv = _tsv([(100, "Қазақстан")], 90.0) + "\n" + _tsv([(150, "и")], 10.0).split("\n", 1)[1]
    page = parse_tsv(tsv)
    assert page.confidence == round((90 * 9 + 10 * 1) / 10 / 100, 3)
