"""Packages found anywhere in a tree: every layout a repository of meeting materials uses."""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import pytest

from tests.conftest import build_docx, build_zip, only, run
from validator.api import check
from validator.checks.base import RunContext
from validator.core.findings import Severity
from validator.discovery.packages import Discovery, find_packages
from validator.run.engine import discovery_rules
from validator.run.filecheck import read_limits
from validator.settings.options import Settings
from validator.settings.profile import Profile


@functools.lru_cache(maxsize=1)
def _docx() -> bytes:
    return build_docx(["Анықтама мәтіні"])


def _item(folder: Path, *names: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names or ("Справка.docx",):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_docx())
    return folder


def _find(path: Path, profile: Profile, exclude: tuple[str, ...] = ()) -> Discovery:
    rules = discovery_rules(profile, Settings(exclude=exclude))
    return find_packages(path, read_limits(profile).archive, rules)


def _paths(found: Discovery, base: Path) -> list[str]:
    prefix = base.as_posix() + "/"
    return [p.path.removeprefix(prefix) for p in found.packages]


def _repository(root: Path) -> Path:
    """The layout of the report: a README at the top, meetings/2026-01-20/<items>."""
    root.mkdir()
    (root / "README.md").write_text("# materials\n", encoding="utf-8")
    (root / ".github" / "workflows").mkdir(parents=True)
    (root / ".github" / "workflows" / "check.yml").write_text("on: push\n", encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD.docx").write_bytes(b"not a document")
    meeting = root / "meetings" / "2026-01-20"
    _item(meeting / "01-roads", "Справка.docx", "Проект постановления.docx",
          "Список участников.docx")
    _item(meeting / "02-schools", "Справка.docx")
    (meeting / "notes.yaml").write_text("agenda: 2\n", encoding="utf-8")
    return root


def test_flat_item_is_one_package(tmp_path: Path, profile: Profile) -> None:
    item = _item(tmp_path / "item", "Справка.docx", "notes.txt", "annex/Қосымша.docx")
    found = _find(item, profile)
    assert _paths(found, tmp_path) == ["item"]
    assert sorted(m.name for m in found.packages[0].members) == [
        "notes.txt", "Справка.docx", "Қосымша.docx"]
    assert found.strays == ()


def test_meeting_folder_items_carry_its_date(tmp_path: Path, profile: Profile) -> None:
    meeting = tmp_path / "2026-01-20"
    _item(meeting / "01-roads")
    _item(meeting / "02-schools")
    found = _find(meeting, profile)
    assert _paths(found, tmp_path) == ["2026-01-20/01-roads", "2026-01-20/02-schools"]
    assert [p.meeting for p in found.packages] == [
        (dt.date(2026, 1, 20), meeting.as_posix())] * 2


@pytest.mark.parametrize(("name", "day"), [
    ("2026-01-20", dt.date(2026, 1, 20)),
    ("2026-01-20 extraordinary", dt.date(2026, 1, 20)),
    # the date as Kazakh and Russian write it
    ("20.01.2026", dt.date(2026, 1, 20)),
    ("20.01.2026 внеочередное", dt.date(2026, 1, 20)),
    # a name that says it is a meeting's, the date after the word
    ("Заседание 20.01.2026", dt.date(2026, 1, 20)),
    ("Заседание акимата № 3 от 20.01.2026", dt.date(2026, 1, 20)),
    ("Әкімдік отырысы 2026-01-20", dt.date(2026, 1, 20)),
    ("Отырыс_20.01.2026", dt.date(2026, 1, 20)),
    # the month in words, as letters and decrees write dates
    ("Заседание 20 января 2026 г", dt.date(2026, 1, 20)),
    ("Заседание акимата № 5 от 12 мая 2026 года", dt.date(2026, 5, 12)),
    ("ЗАСЕДАНИЕ 1 ИЮЛЯ 2026", dt.date(2026, 7, 1)),
    ("20 января 2026", dt.date(2026, 1, 20)),
    # Kazakh order: the date before the word for a meeting
    ("2026 жылғы 20 қаңтардағы әкімдік отырысы", dt.date(2026, 1, 20)),
    ("2026 жылғы 5 қыркүйектегі отырыс", dt.date(2026, 9, 5)),
    ("Әкімдік отырысы 2026 жылғы 12 наурыз", dt.date(2026, 3, 12)),
    # no meeting date: a document's date, another number before the date, no such day
    ("Справка от 20.01.2026", None),
    ("Заседание 2 квартал 20.01.2026", None),
    ("31.02.2026", None),
    ("Справка от 20 января 2026", None),
    ("Справка от 20.01.2026 к заседанию", None),  # only the Kazakh order comes before
    ("Заседание 2 квартал 2026", None),
    ("Заседание 31 февраля 2026", None),
])
def test_meeting_folder_names(tmp_path: Path, profile: Profile, name: str,
                              day: dt.date | None) -> None:
    meeting = tmp_path / name
    _item(meeting / "01-roads")
    found = _find(meeting, profile)
    assert [p.meeting for p in found.packages] == [
        (day, meeting.as_posix()) if day else None]


def test_a_dotted_meeting_folder_date_is_judged(tmp_path: Path) -> None:
    """As offices name folders: the deadline of a meeting on 20.01.2026 is 13 January, and
    materials submitted on the 15th are late (PKG002), in the report's words."""
    item = _item(tmp_path / "Заседание 20.01.2026" / "01-roads")
    report = run(item, context=RunContext(submitted=dt.date(2026, 1, 15)), isolate=False)
    (late,) = only(report, "PKG002")
    assert late.severity is Severity.ERROR
    dates = dict(report.packages[0].extra)["dates"]
    assert (dates["meeting"], dates["deadline"], dates["working_days_late"]) == (
        "2026-01-20", "2026-01-13", 2)


@pytest.mark.parametrize("start", [".", "meetings", "meetings/2026-01-20"])
def test_repository_root_meetings_and_date_find_the_same_items(
        tmp_path: Path, profile: Profile, start: str) -> None:
    root = _repository(tmp_path / "repo")
    found = _find(root / start, profile)
    assert [p.path.rsplit("/", 2)[-2:] for p in found.packages] == [
        ["2026-01-20", "01-roads"], ["2026-01-20", "02-schools"]]
    # README, .github, .git and the yaml beside the items belong to no package.
    assert found.strays == ()
    assert all(m.name.endswith(".docx") for p in found.packages for m in p.members)
    assert {p.meeting[0] for p in found.packages if p.meeting} == {dt.date(2026, 1, 20)}


def test_repository_root_reports_each_items_package_rules(tmp_path: Path) -> None:
    """The report of the issue: checking the repository root must not merge the items."""
    root = _repository(tmp_path / "repo")
    report = run(root, context=RunContext(today=dt.date(2026, 1, 5)), isolate=False)
    schools = (root / "meetings" / "2026-01-20" / "02-schools").as_posix()
    assert [p.path.removeprefix(root.as_posix() + "/") for p in report.packages] == [
        "meetings/2026-01-20/01-roads", "meetings/2026-01-20/02-schools"]
    # 02-schools lacks a draft and a participant list: its own PKG001 findings say so.
    missing = [f.message("en") for f in only(report, "PKG001") if f.file == schools]
    assert any("draft" in m for m in missing) and any("participant" in m for m in missing)
    roads = [f.message("en") for f in only(report, "PKG001") if f.file != schools]
    assert not any("participant list" in m and "no " in m for m in roads), roads
    # The meeting date comes from the folder name; 5 January is before the deadline.
    (pkg,) = [p for p in report.packages if p.path == schools]
    dates = dict(pkg.extra)["dates"]
    assert (dates["meeting"], dates["deadline"], dates["source"]) == (
        "2026-01-20", "2026-01-13", (root / "meetings" / "2026-01-20").as_posix())
    from validator.reports.text import render

    head = render(report, "en").splitlines()[:3]
    assert head == ["Packages found: 2",
                    f"  {root.as_posix()}/meetings/2026-01-20/01-roads - meeting 2026-01-20 "
                    f"({root.as_posix()}/meetings/2026-01-20)",
                    f"  {schools} - meeting 2026-01-20 ({root.as_posix()}/meetings/2026-01-20)"]


def test_year_month_day_item(tmp_path: Path, profile: Profile) -> None:
    _item(tmp_path / "2026" / "01" / "20" / "roads")
    _item(tmp_path / "2026" / "02" / "03" / "parks")
    found = _find(tmp_path / "2026", profile)
    assert _paths(found, tmp_path) == ["2026/01/20/roads", "2026/02/03/parks"]
    assert [p.meeting[0] for p in found.packages if p.meeting] == [
        dt.date(2026, 1, 20), dt.date(2026, 2, 3)]


def test_items_as_zips_inside_a_meeting_folder(tmp_path: Path, profile: Profile) -> None:
    meeting = tmp_path / "2026-03-12"
    meeting.mkdir()
    (meeting / "01-roads.zip").write_bytes(build_zip({"Справка.docx": _docx()}))
    (meeting / "02-schools.zip").write_bytes(build_zip({"02-schools/Справка.docx": _docx(),
                                                   "02-schools/kk/Анықтама.docx": _docx()}))
    found = _find(meeting, profile)
    assert _paths(found, tmp_path) == ["2026-03-12/01-roads.zip",
                                       "2026-03-12/02-schools.zip/02-schools"]
    assert [len(p.members) for p in found.packages] == [1, 2]
    assert {p.meeting[0] for p in found.packages if p.meeting} == {dt.date(2026, 3, 12)}


def test_item_with_only_language_subfolders(tmp_path: Path, profile: Profile) -> None:
    meeting = tmp_path / "meeting"
    _item(meeting / "01-roads" / "kk", "Анықтама.docx")
    _item(meeting / "01-roads" / "ru", "Справка.docx")
    _item(meeting / "02-parks" / "қаз", "Анықтама.docx")
    (meeting / "02-parks" / "рус").mkdir()
    found = _find(meeting, profile)
    assert _paths(found, tmp_path) == ["meeting/01-roads", "meeting/02-parks"]
    assert sorted(m.path.removeprefix(meeting.as_posix() + "/")
                  for m in found.packages[0].members) == [
        "01-roads/kk/Анықтама.docx", "01-roads/ru/Справка.docx"]


def test_other_subfolders_make_a_container(tmp_path: Path, profile: Profile) -> None:
    """A folder whose sub-folders are not all language folders is searched further."""
    _item(tmp_path / "m" / "kk", "Анықтама.docx")
    _item(tmp_path / "m" / "annex", "Қосымша.docx")
    assert _paths(_find(tmp_path / "m", profile), tmp_path) == ["m/annex", "m/kk"]


def test_a_manifest_alone_makes_a_package(tmp_path: Path, profile: Profile) -> None:
    item = tmp_path / "item"
    _item(item / "annex")
    (item / "manifest.toml").write_text("meeting_date = 2026-03-12\n", encoding="utf-8")
    assert _paths(_find(item, profile), tmp_path) == ["item"]


def test_exclude_patterns_skip_containers_entries(tmp_path: Path, profile: Profile) -> None:
    _item(tmp_path / "m" / "01")
    _item(tmp_path / "m" / "drafts" / "02")
    _item(tmp_path / "m" / ".old" / "03")
    assert _paths(_find(tmp_path / "m", profile), tmp_path) == ["m/01", "m/drafts/02"]
    assert _paths(_find(tmp_path / "m", profile, ("drafts",)), tmp_path) == ["m/01"]


def test_exclude_from_the_config_and_the_command_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from validator.commands.main import main

    _item(tmp_path / "m" / "01")
    _item(tmp_path / "m" / "old" / "02")
    _item(tmp_path / "m" / "tmp" / "03")
    (tmp_path / "validator.toml").write_text('exclude = ["old"]\n', encoding="utf-8")
    report = check(tmp_path / "m", isolate=False)
    assert [p.path.rsplit("/", 1)[-1] for p in report.packages] == ["01", "03"]
    result = CliRunner().invoke(main, ["check", str(tmp_path / "m"), "--exclude", "tmp",
                                       "--format", "json", "--no-isolation"])
    import json

    paths = [p["path"].rsplit("/", 1)[-1] for p in json.loads(result.output)["packages"]]
    assert paths == ["01"], result.output


def test_past_meeting_without_submission_date_states_the_deadline(tmp_path: Path) -> None:
    item = _item(tmp_path / "2026-01-20" / "01-roads", "Справка.docx")
    report = run(item, context=RunContext(today=dt.date(2026, 6, 1)), isolate=False)
    (f,) = only(report, "PKG002")
    assert (f.severity, f.measured) == (Severity.INFO, None)
    assert "2026-01-13" in f.message("en") and "2026-01-13" in f.message("kk")
    assert "not judged" in f.message("en")
    dates = dict(report.packages[0].extra)["dates"]
    assert (dates["submitted"], dates["working_days_late"]) == (None, None)


def test_meeting_ahead_judges_today(tmp_path: Path) -> None:
    item = _item(tmp_path / "2026-01-20" / "01-roads", "Справка.docx")
    report = run(item, context=RunContext(today=dt.date(2026, 1, 16)), isolate=False)
    (f,) = only(report, "PKG002")
    assert (f.severity, f.measured) == (Severity.ERROR, 3)


def test_manifest_submitted_is_judged(tmp_path: Path) -> None:
    item = _item(tmp_path / "item", "Справка.docx")
    (item / "manifest.toml").write_text("meeting_date = 2026-01-20\nsubmitted = 2026-01-14\n",
                                        encoding="utf-8")
    report = run(item, context=RunContext(today=dt.date(2026, 6, 1)), isolate=False)
    (f,) = only(report, "PKG002")
    assert (f.severity, f.measured) == (Severity.ERROR, 1)


def test_an_item_checked_as_dot_reads_its_manifest(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    item = _item(tmp_path / "item", "Справка.docx")
    (item / "manifest.toml").write_text("meeting_date = 2026-01-20\n", encoding="utf-8")
    monkeypatch.chdir(item)
    report = run(Path("."), context=RunContext(today=dt.date(2026, 1, 5)), isolate=False)
    assert [p.path for p in report.packages] == ["."]
    assert dict(report.packages[0].extra)["dates"]["source"] == "./manifest.toml"
