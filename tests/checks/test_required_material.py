"""PKG001 missing-required-material: which part is missing, and in which language."""

from __future__ import annotations

from pathlib import Path

import pytest

from validator.api import check
from validator.checks.base import FileEntry, PackageContext, RunContext
from validator.checks.required_material import missing_required_material
from validator.core.errors import ConfigError
from validator.core.findings import FileReport

from .docbuild import build_docx, write

PARAMS = {"required": ("draft-resolution|draft-protocol-decision", "participant-list"),
          "languages": ("kk", "ru")}


def _package(folder: Path, names: list[str]) -> Path:
    for name in names:
        write(folder, name, build_docx(["текст"]))
    return folder


@pytest.mark.parametrize(
    ("names", "missing"),
    [
        (["Справка.docx", "Проект постановления.docx", "Список участников.docx"], []),
        (["Справка.docx", "Проект протокольного решения.docx", "Список участников.docx"], []),
        (["Справка.docx", "Список участников.docx"],
         ["«draft resolution» or «draft protocol decision»"]),
        (["Справка.docx", "Қаулы жобасы.docx"], ["«list of participants»"]),
        (["Справка.docx"], ["«draft resolution» or «draft protocol decision»",
                            "«list of participants»"]),
        (["Справка.docx", "kk/Қаулы жобасы.docx", "ru/spisok_uchastnikov.docx"], []),
    ],
)
def test_required_roles(tmp_path: Path, names: list[str], missing: list[str]) -> None:
    report = check(_package(tmp_path / "item", names))
    found = [f for f in report.all_findings() if f.code == "PKG001"]
    assert [f.message("en").removeprefix("the package has no ") for f in found] == missing
    for f in found:
        assert f.clause == "15.2, 15.5"
        assert f.file == str(tmp_path / "item")


def test_messages_name_the_part_in_each_language(tmp_path: Path) -> None:
    report = check(_package(tmp_path / "item", ["Справка.docx", "Қаулы жобасы.docx"]))
    (f,) = [f for f in report.all_findings() if f.code == "PKG001"]
    assert f.message("kk") == "пакетте міндетті материал жоқ: «қатысушылар тізімі»"
    assert f.message("ru") == "в пакете нет обязательного материала: «список участников»"


def test_a_single_file_is_not_a_package(tmp_path: Path) -> None:
    path = write(tmp_path, "Справка.docx", build_docx(["СПРАВКА"]))
    assert [f for f in check(path).all_findings() if f.code == "PKG001"] == []


def _entry(path: str, role: str, language: str | None) -> FileEntry:
    report = FileReport(path=path, format="docx", kind="document", size=1, sha256="0",
                        findings=(), role=role, language=language)
    return FileEntry(document=None, report=report)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ([("a", "draft-resolution", "kk"), ("b", "draft-resolution", "ru"),
          ("c", "participant-list", "kk"), ("d", "participant-list", "ru")], []),
        ([("a", "draft-resolution", "kk"), ("c", "participant-list", "kk"),
          ("d", "participant-list", "ru")], [("language", "орыс")]),
        ([("a", "draft-resolution", "kk"), ("b", "draft-protocol-decision", "ru"),
          ("c", "participant-list", "ru")], [("language", "қазақ")]),
        # languages unknown: left to the language rules
        ([("a", "draft-resolution", None), ("c", "participant-list", "undetermined")], []),
        ([("a", "draft-resolution", "mixed"), ("c", "participant-list", "ru"),
          ("d", "participant-list", "kk")], []),
    ],
)
def test_languages(files: list[tuple[str, str, str | None]],
                   expected: list[tuple[str, str]]) -> None:
    ctx = PackageContext("pkg", tuple(_entry(*f) for f in files), (), RunContext())
    hits = list(missing_required_material.check(ctx, PARAMS))
    assert [(h.message, h.args["language"]["kk"]) for h in hits] == expected


def test_unknown_role_in_profile_is_an_error() -> None:
    ctx = PackageContext("pkg", (), (), RunContext())
    with pytest.raises(ConfigError, match="unknown role"):
        list(missing_required_material.check(ctx, {"required": ("resolution",), "languages": ()}))


def test_unclassified_documents_make_a_missing_part_needs_review(tmp_path: Path) -> None:
    from validator.core.findings import Status

    folder = _package(tmp_path / "item", ["Справка.docx", "Проект постановления.docx",
                                          "Приложение 1.docx"])
    (f,) = [f for f in check(folder).all_findings() if f.code == "PKG001"]
    assert f.status is Status.NEEDS_REVIEW
    assert f.evidence.endswith(f"unclassified: {folder.as_posix()}/Приложение 1.docx")
    assert "1 file(s) have no recognisable role" in f.message("en")


def test_items_not_read_make_a_missing_part_needs_review(tmp_path: Path) -> None:
    """A participant list that is a link (not followed) may be the missing part: PKG001 says
    so and a person looks, where it used to state that the package has none."""
    from validator.core.findings import Status

    folder = _package(tmp_path / "item", ["Справка.docx", "Проект постановления.docx",
                                          "Анықтама.docx", "Қаулы жобасы.docx"])
    (folder / "Список участников.docx").symlink_to("/etc/hostname")
    (f,) = [f for f in check(folder).all_findings() if f.code == "PKG001"]
    assert f.status is Status.NEEDS_REVIEW
    assert f.message("en").startswith("no required material was found: «list of participants»")
    assert f.evidence.endswith(f"not read: {folder.as_posix()}/Список участников.docx")
    assert f.message("ru") == (
        "обязательный материал не найден: «список участников»; но элементы пакета (1) не "
        "прочитаны, и он может быть среди них — сделайте их читаемыми и проверьте пакет снова")
    assert "пакеттің 1 элементі оқылмады" in f.message("kk")


def test_items_not_read_leave_the_languages_to_their_own_findings() -> None:
    from validator.discovery.packages import Refusal

    files = (_entry("a", "draft-resolution", "kk"), _entry("c", "participant-list", "kk"),
             _entry("d", "participant-list", "ru"))
    refusal = Refusal("pkg/Қаулы жобасы_рус.docx", "not a regular file (symlink)",
                      unreadable=True)
    ctx = PackageContext("pkg", files, (refusal,), RunContext())
    assert list(missing_required_material.check(ctx, PARAMS)) == []
    ctx = PackageContext("pkg", files, (), RunContext())
    assert [h.message for h in missing_required_material.check(ctx, PARAMS)] == ["language"]
