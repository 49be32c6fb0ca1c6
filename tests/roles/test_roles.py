"""Role classification: a table of real-looking names and first lines, with the reason."""

from __future__ import annotations

import pytest

from validator.materials.roles import ROLES, RoleResult, classify_role, find_role, normalise


@pytest.mark.parametrize(
    ("name", "role", "quoted"),
    [
        ("Справка.docx", "reference", "Справка"),
        ("1. Справка к проекту постановления (рус).docx", "reference", "Справка"),
        ("Анықтама_каз.docx", "reference", "Анықтама"),
        ("қаулы жобасына анықтама.docx", "reference", "анықтама"),
        ("spravka_rus.docx", "reference", "spravka"),
        ("Anyqtama-kaz.pdf", "reference", "Anyqtama"),
        ("anyktama.docx", "reference", "anyktama"),
        ("Проект постановления.docx", "draft-resolution", "постановления"),
        ("proekt_postanovleniya_ru.docx", "draft-resolution", "postanovleniya"),
        ("Қаулы жобасы.docx", "draft-resolution", "Қаулы"),
        ("QAULY_JOBASY.docx", "draft-resolution", "QAULY"),
        ("kaulysy_kaz.docx", "draft-resolution", "kaulysy"),
        ("Проект протокольного решения.docx", "draft-protocol-decision", "протокольного решения"),
        ("Хаттамалық шешім жобасы.docx", "draft-protocol-decision", "Хаттамалық шешім"),
        ("hattamalyq_sheshim.docx", "draft-protocol-decision", "hattamalyq_sheshim"),
        ("Сравнительная таблица к проекту.docx", "comparison-table", "Сравнительная таблица"),
        ("Салыстырма кесте.xlsx", "comparison-table", "Салыстырма кесте"),
        ("sravnitelnaya_tablica.xlsx", "comparison-table", "sravnitelnaya_tablica"),
        ("Таблица сравнения редакций.docx", "comparison-table", "Таблица сравнения"),
        ("Информационно-аналитическая справка.docx", "reference", "справка"),
        ("Доклад заместителя акима.docx", "report", "Доклад"),
        ("Информационный доклад.docx", "report", "доклад"),
        ("dokl_ru.docx", "report", "dokl"),
        ("Баяндама.docx", "report", "Баяндама"),
        ("bayandama_kaz.docx", "report", "bayandama"),
        ("Текст выступления.docx", "report", "выступления"),
        ("Список участников.docx", "participant-list", "Список участников"),
        ("Список приглашённых.xlsx", "participant-list", "Список приглашённых"),
        ("spisok_uchastnikov.docx", "participant-list", "spisok_uchastnikov"),
        ("Қатысушылар тізімі.docx", "participant-list", "Қатысушылар тізімі"),
        ("katysushylar_tizimi.pdf", "participant-list", "katysushylar_tizimi"),
        ("Информация о ходе работ.docx", "information-note", "Информация"),
        ("Пояснительная записка.docx", "information-note", "Пояснительная записка"),
        ("Ақпарат.docx", "information-note", "Ақпарат"),
        ("Презентация.pdf", "presentation", "Презентация"),
        ("prezentaciya.pdf", "presentation", "prezentaciya"),
        ("Таныстырылым.pdf", "presentation", "Таныстырылым"),
    ],
)
def test_roles_from_file_names(name: str, role: str, quoted: str) -> None:
    result = classify_role(name)
    assert result == RoleResult(role, f"file name: {quoted!r}")


@pytest.mark.parametrize("name", ["Справка.pptx", "slides.ppsx", "Доклад.pptm", "x.odp",
                                  "old.ppt", "template.potx"])
def test_decks_are_presentations_whatever_their_name(name: str) -> None:
    result = classify_role(name)
    assert result.role == "presentation"
    assert result.reason.startswith("file type: .")


@pytest.mark.parametrize(
    ("lines", "role", "reason"),
    [
        (["АНЫҚТАМА", "Өскемен қаласында ..."], "reference", "first heading: 'АНЫҚТАМА'"),
        (["", "  Справка  ", "о ходе исполнения"], "reference", "first heading: 'Справка'"),
        (["Жоба", "ӨСКЕМЕН ҚАЛАСЫ ӘКІМДІГІНІҢ ҚАУЛЫСЫ", "..."], "draft-resolution",
         "line 2: 'ӨСКЕМЕН ҚАЛАСЫ ӘКІМДІГІНІҢ ҚАУЛЫСЫ'"),
        (["Проект", "ПОСТАНОВЛЕНИЕ", "акимата города Усть-Каменогорска"], "draft-resolution",
         "line 2: 'ПОСТАНОВЛЕНИЕ'"),
        # a long first sentence that mentions a resolution loses to the short title below it
        (["Өскемен қаласы әкімдігінің 2025 жылғы 5 наурыздағы № 123 қаулысын орындау барысы "
          "туралы", "АНЫҚТАМА"], "reference", "line 2: 'АНЫҚТАМА'"),
        (["ПРОТОКОЛЬНОЕ РЕШЕНИЕ (проект)"], "draft-protocol-decision",
         "first heading: 'ПРОТОКОЛЬНОЕ РЕШЕНИЕ (проект)'"),
        (["Список участников заседания акимата"], "participant-list",
         "first heading: 'Список участников заседания акимата'"),
        (["ДОКЛАД", "по вопросу ..."], "report", "first heading: 'ДОКЛАД'"),
    ],
)
def test_roles_from_content(lines: list[str], role: str, reason: str) -> None:
    assert classify_role("document-01.docx", lines) == RoleResult(role, reason)


def test_title_property_comes_before_the_lines() -> None:
    result = classify_role("x.docx", ["ДОКЛАД"], title="Справка о ходе работ")
    assert result == RoleResult("reference", "document title: 'Справка о ходе работ'")


def test_file_name_wins_over_content() -> None:
    assert classify_role("Баяндама.docx", ["АНЫҚТАМА"]).role == "report"


def test_body_text_is_not_a_title() -> None:
    long_line = "Справка " + "слово " * 60
    far = ["вступление"] * 20 + ["СПРАВКА"]
    assert classify_role("a.docx", [long_line]).role == "other"
    assert classify_role("a.docx", far).role == "other"


@pytest.mark.parametrize("name", ["Приложение 1.docx", "scan_0001.pdf", "data.xlsx",
                                  # 'справочник' (a directory) starts like 'справка'
                                  "Справочник.docx", "Постановка задачи.docx",
                                  "dokument.docx"])
def test_unrecognised_names_are_other(name: str) -> None:
    assert classify_role(name) == RoleResult(
        "other", "no role named in the file name, title or first lines")


def test_path_parts_and_windows_separators() -> None:
    assert classify_role("item.zip/kk/Анықтама.docx").role == "reference"
    assert classify_role(r"C:\\Пакет\\Доклад.docx").role == "report"


def test_vocabulary() -> None:
    assert len(ROLES) == len(set(ROLES)) == 9
    assert normalise("Ёлка_ПРОЕКТ.docx") == "елка проект docx"
    assert find_role("ничего") is None
