"""Language markers in file names, and no false hits inside ordinary words."""

from __future__ import annotations

import pytest

from validator.language import language_from_filename


@pytest.mark.parametrize(
    ("name", "language"),
    [
        ("Справка_каз.docx", "kk"),
        ("Справка_kz.docx", "kk"),
        ("Анықтама_kk.docx", "kk"),
        ("Презентация_ҚАЗ.pptx", "kk"),
        ("Анықтама (қазақша).docx", "kk"),
        ("Справка на казахском языке.pdf", "kk"),
        ("Баяндама мемлекеттік тілде.docx", "kk"),
        ("Презентация каз.яз.pptx", "kk"),
        ("Справка_рус.docx", "ru"),
        ("Справка_ru.docx", "ru"),
        ("doklad-RU.pptx", "ru"),
        ("СправкаRU.docx", "ru"),
        ("Справка на русском языке.pdf", "ru"),
        ("Баяндама_орыс.docx", "ru"),
        ("kz/Баяндама.docx", "kk"),
        ("item.zip/ru/Справка.docx", "ru"),
        ("kk/Справка_рус.docx", "ru"),  # the base name wins over the folder
        # No marker, or a marker only inside an ordinary word:
        ("structure.docx", None),
        ("Казначейство.docx", None),
        ("Kazan.docx", None),
        ("truck_report.pdf", None),
        ("Русакова_справка.docx", None),
        ("Каздорпроект.docx", None),
        ("Справка.docx", None),
        # Both languages named: no evidence either way.
        ("report_kk_ru.docx", None),
    ],
)
def test_language_from_filename(name: str, language: str | None) -> None:
    assert language_from_filename(name) == language
