"""PKG002 late-submission: deadlines in working days, extraordinary meetings, report facts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from validator.api import check
from validator.checks.base import RunContext
from validator.core.findings import Severity, Status

from .docbuild import build_docx, write

D = dt.date


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("item")
    for name in ("Справка.docx", "Проект постановления.docx", "Список участников.docx"):
        write(folder, name, build_docx(["текст"]))
    return folder


@pytest.mark.parametrize(
    ("meeting", "submitted", "extraordinary", "deadline", "late"),
    [
        (D(2026, 3, 12), D(2026, 3, 4), False, "2026-03-04", 0),   # on the deadline
        (D(2026, 3, 12), D(2026, 3, 5), False, "2026-03-04", 1),
        (D(2026, 3, 12), D(2026, 3, 10), False, "2026-03-04", 3),  # 9 Mar is a holiday
        (D(2026, 3, 12), D(2026, 3, 7), False, "2026-03-04", 3),   # Saturday: counts as Tue 10
        (D(2025, 3, 28), D(2025, 3, 18), False, "2025-03-18", 0),  # across Nauryz
        (D(2025, 3, 28), D(2025, 3, 19), False, "2025-03-18", 1),
        (D(2025, 1, 10), D(2024, 12, 31), False, "2024-12-31", 0),  # year boundary
        (D(2026, 3, 12), D(2026, 3, 12), True, "2026-03-12", 0),   # extraordinary: same day
        (D(2026, 3, 12), D(2026, 3, 13), True, "2026-03-12", 1),
    ],
)
def test_deadlines(package: Path, meeting: dt.date, submitted: dt.date, extraordinary: bool,
                   deadline: str, late: int) -> None:
    ctx = RunContext(meeting_date=meeting, submitted=submitted, extraordinary=extraordinary)
    report = check(package, context=ctx)
    (pkg,) = report.packages
    dates = dict(pkg.extra)["dates"]
    assert dates["deadline"] == deadline
    assert dates["working_days_late"] == late
    found = [f for f in report.all_findings() if f.code == "PKG002"]
    if late == 0:
        assert found == []
        return
    (f,) = found
    assert (f.measured, f.unit, f.severity, f.status) == (late, "working days", Severity.ERROR,
                                                          Status.VIOLATION)
    assert deadline in f.message("en") and deadline in f.message("kk")
    assert f.clause == "15"
    assert ("extraordinary meeting" in f.message("en")) is extraordinary


def test_no_meeting_date_no_rule(package: Path) -> None:
    report = check(package, context=RunContext(submitted=D(2030, 1, 1)))
    assert [f for f in report.all_findings() if f.code == "PKG002"] == []
    assert report.packages[0].extra == ()


def test_submitted_defaults_to_today(package: Path) -> None:
    ctx = RunContext(today=D(2026, 3, 6), meeting_date=D(2026, 3, 12))
    (f,) = [f for f in check(package, context=ctx).all_findings() if f.code == "PKG002"]
    assert f.measured == 2


def test_unreviewed_year_is_needs_review(package: Path) -> None:
    ctx = RunContext(meeting_date=D(2027, 3, 12), submitted=D(2027, 3, 11))
    (f,) = [f for f in check(package, context=ctx).all_findings() if f.code == "PKG002"]
    assert f.status is Status.NEEDS_REVIEW
    assert "not been reviewed" in f.message("en")


def _item_with_manifest(folder: Path, manifest: bytes) -> Path:
    for name in ("Справка.docx", "Проект постановления.docx", "Список участников.docx"):
        write(folder, name, build_docx(["текст"]))
    (folder / "manifest.toml").write_bytes(manifest)
    return folder


@pytest.mark.parametrize(
    ("manifest", "submitted", "late", "extraordinary"),
    [
        (b"meeting_date = 2026-03-12\n", D(2026, 3, 5), 1, False),
        (b"meeting_date = 2026-03-12\nextraordinary = true\n", D(2026, 3, 12), 0, True),
    ],
)
def test_meeting_date_from_the_manifest(tmp_path: Path, manifest: bytes, submitted: dt.date,
                                        late: int, extraordinary: bool) -> None:
    folder = _item_with_manifest(tmp_path / "item", manifest)
    report = check(folder, context=RunContext(submitted=submitted))
    dates = dict(report.packages[0].extra)["dates"]
    assert dates["source"] == f"{folder.as_posix()}/manifest.toml"
    assert (dates["working_days_late"], dates["extraordinary"]) == (late, extraordinary)
    assert len([f for f in report.all_findings() if f.code == "PKG002"]) == late


def test_command_line_wins_over_the_manifest(tmp_path: Path) -> None:
    folder = _item_with_manifest(tmp_path / "item", b"meeting_date = 2026-03-12\n")
    ctx = RunContext(meeting_date=D(2026, 4, 20), submitted=D(2026, 4, 1))
    dates = dict(check(folder, context=ctx).packages[0].extra)["dates"]
    assert (dates["meeting"], dates["source"]) == ("2026-04-20", "command line")


@pytest.mark.parametrize(
    ("manifest", "reason"),
    [
        (b"meeting_date = '12.03.2026'\n", "meeting_date must be a TOML date"),
        (b"meeting = 2026-03-12\n", "unknown key(s) meeting"),
        (b"meeting_date = \n", "not valid UTF-8 TOML"),
        (b"\xff\xfe", "not valid UTF-8 TOML"),
        (b"extraordinary = 'yes'\nmeeting_date = 2026-03-12\n", "extraordinary must be"),
        (b"# " + b"x" * 70000 + b"\n", "larger than 65536 bytes"),
    ],
)
def test_bad_manifest_is_needs_review(tmp_path: Path, manifest: bytes, reason: str) -> None:
    folder = _item_with_manifest(tmp_path / "item", manifest)
    report = check(folder, context=RunContext(submitted=D(2026, 3, 5)))
    (f,) = [f for f in report.all_findings() if f.code == "PKG002"]
    assert f.status is Status.NEEDS_REVIEW
    assert reason in f.evidence
    assert "manifest" in f.message("en")


#: Why each bad manifest cannot be read, in Russian and Kazakh: the report's own words.
SAID = {
    b"meeting_date = '12.03.2026'\n": (
        "meeting_date должен быть датой TOML без кавычек, например 2026-03-12",
        "meeting_date тырнақшасыз TOML күні болуы керек, мысалы 2026-03-12"),
    b"meeting = 2026-03-12\n": (
        "неизвестные ключи: meeting; допустимые: extraordinary, meeting_date, submitted",
        "белгісіз кілттер: meeting; рұқсат етілгендері: extraordinary, meeting_date, "
        "submitted"),
    b"meeting_date = \n": (
        "ошибка синтаксиса TOML в строке 1, столбце 16; проверьте кавычки, скобки и знаки «=»",
        "TOML синтаксис қатесі: 1-жол, 16-баған; тырнақшаларды, жақшаларды және «=» "
        "белгілерін тексеріңіз"),
    b"\xff\xfe": ("файл сохранён не в кодировке UTF-8; сохраните его в UTF-8",
                  "файл UTF-8 кодтауында сақталмаған; оны UTF-8 түрінде сақтаңыз"),
    b"meeting_date = 1999-03-12\n": (
        "дата 1999-03-12 вне лет, на которые есть производственный календарь: 2000–2100",
        "1999-03-12 күні өндірістік күнтізбе бар жылдардан тыс: 2000–2100"),
}


@pytest.mark.parametrize("manifest", list(SAID))
def test_why_a_manifest_is_unreadable_is_said_in_the_reports_language(
        tmp_path: Path, manifest: bytes) -> None:
    """The reason was the reader's English in every report language; now each language says
    it, and the English stays in the evidence."""
    folder = _item_with_manifest(tmp_path / "item", manifest)
    report = check(folder, context=RunContext(submitted=D(2026, 3, 5)))
    (f,) = [f for f in report.all_findings() if f.code == "PKG002"]
    path = f"{folder.as_posix()}/manifest.toml"
    ru, kk = SAID[manifest]
    assert f.message("ru") == ("манифест пакета не читается, дата заседания неизвестна: "
                               f"{path}: {ru}")
    assert f.message("kk") == f"пакет манифесі оқылмайды, отырыс күні белгісіз: {path}: {kk}"
    assert f.evidence.startswith(f"{path}: ") and f.evidence in f.message("en")


def test_the_calendar_file_is_part_of_the_cache_salt(tmp_path: Path) -> None:
    import dataclasses
    from types import MappingProxyType

    from validator.settings.options import Settings
    from validator.settings.profile import load_profile, resolve_profile_path
    from validator.storage.cache import salt_parts

    profile = load_profile(resolve_profile_path("oskemen-2025"))
    calendar = tmp_path / "calendar.toml"
    calendar.write_text("reviewed_years = [2026]\n", encoding="utf-8")
    pkg002 = profile.rules["PKG002"]
    params = MappingProxyType({**pkg002.params, "calendar": str(calendar)})
    rules = MappingProxyType({**profile.rules,
                              "PKG002": dataclasses.replace(pkg002, params=params)})
    custom = dataclasses.replace(profile, rules=rules)
    def calendar_entry(p: object) -> list[str]:
        # the cache finds data files among any rule's parameters, without naming PKG002
        return [e for e in salt_parts(p, Settings())["data_files"]  # type: ignore[arg-type]
                if e[:2] == ["PKG002", "calendar"]]

    before = calendar_entry(custom)
    calendar.write_text("reviewed_years = [2026, 2027]\n", encoding="utf-8")
    after = calendar_entry(custom)
    assert before != after and before
    assert calendar_entry(profile)
