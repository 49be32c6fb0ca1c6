"""LNG003: figures, numbering, slide counts and length of kk/ru pairs, located in both files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.checks.lang_docs import (
    KK_TEXT,
    RU_TEXT,
    docx,
    docx_with_table,
    findings,
    name,
    pptx,
    run,
    xlsx,
)
from validator.core.findings import Severity


def _pair(root: Path, kk: list[str], ru: list[str]) -> Path:
    docx(root / "Анықтама_каз.docx", kk)
    docx(root / "Справка_рус.docx", ru)
    return root


@pytest.mark.parametrize(
    ("kk", "ru", "expected"),
    [
        (KK_TEXT, RU_TEXT, []),
        # Wrong year in item 3 of the Kazakh text.
        ([*KK_TEXT[:3], KK_TEXT[3].replace("2026", "2027")], RU_TEXT,
         [(4, "item 3.: figures differ: only in Kazakh [2027] (paragraph 4)", "paragraph[4]")]),
        # Amount changed in item 1 of the Russian text.
        (KK_TEXT, [RU_TEXT[0], RU_TEXT[1].replace("4589731", "4589781"), *RU_TEXT[2:]],
         [(2, "only in Russian [4589781]", "paragraph[2]")]),
        # Date in the preamble: 09.12.2025 against 9 қараша (November).
        ([KK_TEXT[0].replace("желтоқсандағы", "қарашадағы"), *KK_TEXT[1:]], RU_TEXT,
         [(1, "the text before the first numbered item: figures differ", "paragraph[1]")]),
        # Item 2 missing from the Russian text.
        (KK_TEXT, [RU_TEXT[0], RU_TEXT[1], RU_TEXT[3]],
         [(3, "item 2. is in the Kazakh text", "paragraph[3]")]),
    ],
)
def test_document_pairs(tmp_path: Path, kk: list[str], ru: list[str],
                        expected: list[tuple[int, str, str]]) -> None:
    hits = [h for h in findings(run(_pair(tmp_path / "item", kk, ru)), "LNG003")
            if "length" not in h.evidence]
    got = [(h.location.paragraph, h.message("en")) for h in hits]
    assert len(got) == len(expected), got
    for hit, (para, text, ru_place) in zip(hits, expected, strict=True):
        assert hit.location.paragraph == para
        assert text in hit.message("en")
        assert name(hit.file) == "Анықтама_каз.docx"
        assert hit.severity is Severity.ERROR and hit.clause == "22"
        if "figures" in text:
            assert "Справка_рус.docx" in hit.message("en") and ru_place in hit.evidence


def test_decks_compared_slide_by_slide(tmp_path: Path) -> None:
    root = tmp_path / "item"
    pptx(root / "Таныстырылым_каз.pptx",
         [["Нәтижелер"], ["2025 жылы 4 589 731 теңге"], ["Өтініштер 15% азайды"]])
    pptx(root / "Презентация_рус.pptx",
         [["Результаты"], ["В 2025 году 4589731 тенге"], ["Обращений меньше на 16%"],
          ["Спасибо за внимание"]])
    hits = findings(run(root), "LNG003")
    got = [(h.location.slide, h.measured, h.threshold) for h in hits]
    assert (None, 3, 4) in got  # slide counts
    assert (3, 2, None) in got  # 15 against 16 on slide 3
    msg = next(h for h in hits if h.location.slide == 3).message("en")
    assert "slide 3: figures differ: only in Kazakh [15]" in msg and "[16]" in msg


def test_chart_titles_are_compared(tmp_path: Path) -> None:
    root = tmp_path / "item"
    pptx(root / "Таныстырылым_каз.pptx", [["Нәтижелер 2025"]], chart_title="Шығындар, 2024 жыл")
    pptx(root / "Презентация_рус.pptx", [["Результаты 2025"]], chart_title="Расходы, 2023 год")
    hits = findings(run(root), "LNG003")
    assert len(hits) == 1
    assert "[2024]" in hits[0].message("en") and "[2023]" in hits[0].message("en")


def test_length_ratio_is_a_warning(tmp_path: Path) -> None:
    kk = [*KK_TEXT, "Қосымша түсініктеме: " + "бағдарлама аясында жұмыстар жүргізілді. " * 12]
    ru = [*RU_TEXT, "Дополнительное пояснение: в рамках программы проведены работы. " * 2]
    hits = findings(run(_pair(tmp_path / "item", kk, ru)), "LNG003")
    length = [h for h in hits if h.unit == "ratio"]
    assert len(length) == 1
    assert length[0].severity is Severity.WARNING
    assert isinstance(length[0].measured, float) and length[0].measured > 1.3


def test_comparison_tables_compare_numeric_cells(tmp_path: Path) -> None:
    root = tmp_path / "item"
    xlsx(root / "Салыстырма_кесте_каз.xlsx",
         [["Көрсеткіш", "2025 жыл", "2026 жыл"], ["Жөнделген көшелер саны", 40, 42],
          ["Қаржыландыру, млн теңге", 3100, 3250]])
    xlsx(root / "Сравнительная_таблица_рус.xlsx",
         [["Показатель", "2025 год", "2026 год"], ["Число отремонтированных улиц", 40, 42],
          ["Финансирование, млн тенге", 3100, 3520]])
    report = run(root)
    files = {name(f.path): f for f in report.packages[0].files}
    assert files["Салыстырма_кесте_каз.xlsx"].language == "kk"
    assert files["Сравнительная_таблица_рус.xlsx"].language == "ru"
    hits = findings(report, "LNG003")
    assert len(hits) == 1
    assert hits[0].location.sheet == "1" and hits[0].location.cell == "C3"
    assert "only in Kazakh [3250]" in hits[0].message("en")
    assert "only in Russian [3520]" in hits[0].message("en")
    assert findings(report, "LNG001") == []


@pytest.mark.parametrize(
    ("ru_rows", "expected"),
    [
        ([["Показатель", "2026"], ["Улицы", "42"], ["Бюджет", "3250"]], None),
        ([["Показатель", "2026"], ["Улицы", "42"]], ("3x2", "2x2")),
        ([["Показатель", "2026", "Примечание"], ["Улицы", "42", ""], ["Бюджет", "3250", ""]],
         ("3x2", "3x3")),
    ],
)
def test_table_shapes(tmp_path: Path, ru_rows: list[list[str]],
                      expected: tuple[str, str] | None) -> None:
    root = tmp_path / "item"
    docx_with_table(root / "Анықтама_каз.docx", "Жөндеу жұмыстарының көрсеткіштері 2026 жыл",
                    [["Көрсеткіш", "2026"], ["Көшелер", "42"], ["Бюджет", "3250"]])
    docx_with_table(root / "Справка_рус.docx", "Показатели ремонтных работ 2026 год", ru_rows)
    hits = [h for h in findings(run(root), "LNG003") if h.unit == "rows x columns"]
    if expected is None:
        assert hits == []
        return
    assert [(h.measured, h.threshold, h.location.shape) for h in hits] == [
        (expected[0], expected[1], "table 1")
    ]
    assert "table 1 is" in hits[0].message("en")


def test_inserted_slide_does_not_shift_the_comparison(tmp_path: Path) -> None:
    root = tmp_path / "item"
    kk = [["Нәтижелер"], ["2025 жылы 42 көше"], ["Бюджеті 3 250 млн теңге"],
          ["Мерзімі 30 қыркүйек"]]
    ru = [["Результаты"], ["В 2025 году 42 улицы"], ["Карта районов города: 7 районов"],
          ["Бюджет 3 250 млн тенге"], ["Срок 30 сентября"]]
    pptx(root / "Таныстырылым_каз.pptx", kk)
    pptx(root / "Презентация_рус.pptx", ru)
    hits = findings(run(root), "LNG003")
    assert [(h.measured, h.threshold, h.unit) for h in hits] == [(4, 5, "slides")]
