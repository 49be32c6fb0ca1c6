"""`validator deadlines` and the date options of `validator check`."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from validator.commands.main import main

from .docbuild import build_docx, write


@pytest.mark.parametrize(
    ("lang", "lines"),
    [
        ("en", ["Dates for the meeting of 2025-03-28 (Friday)",
                "  clause 9   2024-12-20 Friday       the quarterly list of issues is approved",
                "  clause 15  2025-03-18 Tuesday      last day to submit the materials",
                "  clause 16  2025-03-20 Thursday     the draft agenda and the materials",
                "  clause 17  2025-04-02 Wednesday    the signed protocol is sent"]),
        ("ru", ["Сроки для заседания 2025-03-28 (пятница)",
                "  пункт 15  2025-03-18 вторник      последний день внесения материалов"]),
        ("kk", ["2025-03-28 отырысының мерзімдері (жұма)",
                "  15-тармақ  2025-03-18 сейсенбі     материалдарды аппаратқа енгізудің"]),
    ],
)
def test_deadlines_command(lang: str, lines: list[str]) -> None:
    result = CliRunner().invoke(main, ["deadlines", "--meeting-date", "2025-03-28",
                                       "--lang", lang])
    assert result.exit_code == 0, result.output
    for line in lines:
        assert any(out.startswith(line) for out in result.output.splitlines()), line
    assert "not been reviewed" not in result.output
    assert "not a working day" not in result.output and "жұмыс күні емес" not in result.output


@pytest.mark.parametrize(("lang", "line"), [
    ("ru", "Обратите внимание: 2026-03-21 — нерабочий день в Казахстане (выходной или "
           "праздник); проверьте дату заседания."),
    ("kk", "Назар аударыңыз: 2026-03-21 — Қазақстанда жұмыс күні емес (демалыс не мереке "
           "күні); отырыс күнін тексеріңіз."),
])
def test_a_meeting_on_a_day_off_is_pointed_out(lang: str, line: str) -> None:
    """21 March 2026 is a Saturday and Nauryz: more often a mistyped date than a meeting."""
    result = CliRunner().invoke(main, ["deadlines", "--meeting-date", "2026-03-21",
                                       "--lang", lang])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1] == line


def test_deadlines_extraordinary_and_unreviewed_year() -> None:
    result = CliRunner().invoke(main, ["deadlines", "--meeting-date", "2027-02-10",
                                       "--extraordinary"])
    assert result.exit_code == 0
    assert "  clause 15  2027-02-10 Wednesday" in result.output
    assert "calendar of 2027 has not been reviewed" in result.output


def test_only_the_years_not_reviewed_are_named() -> None:
    """The materials of a meeting on 12 January 2027 are due in December 2026, a reviewed
    year: the warning names 2027 alone (it said "2026, 2027")."""
    result = CliRunner().invoke(main, ["deadlines", "--meeting-date", "2027-01-12",
                                       "--lang", "ru"])
    assert result.exit_code == 0
    assert "  пункт 15  2026-12-31 четверг" in result.output
    assert result.output.splitlines()[-1] == (
        "Внимание: календарь 2027 не сверен с официальным производственным календарём; "
        "объявленные позже переносы могут сдвинуть эти даты.")


def test_bad_date_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["deadlines", "--meeting-date", "28.03.2025"])
    assert result.exit_code == 2


def test_check_with_dates(tmp_path: Path) -> None:
    folder = tmp_path / "item"
    for name in ("Справка.docx", "Проект постановления.docx", "Список участников.docx"):
        write(folder, name, build_docx(["текст"]))
    # the package rules only: these one-word files leave their language undecided (LNG001)
    args = ["check", str(folder), "--select", "PKG", "--format", "json", "--meeting-date",
            "2026-03-12", "--submitted", "2026-03-05"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    schema = json.loads((Path(__file__).resolve().parents[2] / "docs" / "report.schema.json")
                        .read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert data["packages"][0]["dates"]["deadline"] == "2026-03-04"
    assert [f["role"] for f in data["packages"][0]["files"]] == [
        "draft-resolution", "participant-list", "reference"]
    assert [f["code"] for f in data["packages"][0]["findings"]] == ["PKG002"]
    on_time = CliRunner().invoke(main, [*args[:-1], "2026-03-04"])
    assert on_time.exit_code == 0, on_time.output
    text = CliRunner().invoke(main, ["check", str(folder), "--meeting-date", "2026-03-12",
                                     "--submitted", "2026-03-04", "--lang", "ru"])
    assert "заседание 2026-03-12: срок внесения материалов — 2026-03-04" in text.output


def test_extraordinary_needs_meeting_date(tmp_path: Path) -> None:
    path = write(tmp_path, "Справка.docx", build_docx(["текст"]))
    result = CliRunner().invoke(main, ["check", str(path), "--extraordinary"])
    assert result.exit_code == 2
    assert "needs --meeting-date" in result.output


def test_submitted_alone_judges_the_manifest_date(tmp_path: Path) -> None:
    """--submitted without --meeting-date: the meeting date comes from the package."""
    folder = tmp_path / "item"
    write(folder, "Справка.docx", build_docx(["текст"]))
    (folder / "manifest.toml").write_text("meeting_date = 2026-03-12\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(folder), "--submitted", "2026-03-05",
                                       "--format", "json"])
    dates = json.loads(result.output)["packages"][0]["dates"]
    assert (dates["submitted"], dates["working_days_late"]) == ("2026-03-05", 1)


def test_dates_line_names_the_manifest_and_an_unreviewed_calendar() -> None:
    from validator.calendar.deadlines_text import dates_line

    dates = {"meeting": "2027-02-10", "deadline": "2027-02-03", "submitted": "2027-02-01",
             "working_days": 5, "extraordinary": False, "working_days_late": 0,
             "calendar_reviewed": False, "source": "item/manifest.toml"}
    assert dates_line(dates, "en") == (
        "meeting 2027-02-10: materials due by 2027-02-03 (5 working days before); submitted "
        "2027-02-01; meeting date from item/manifest.toml; the calendar of these dates has not "
        "been reviewed")
    assert dates_line({**dates, "source": "command line", "calendar_reviewed": True}, "kk") == (
        "2027-02-10 отырысы: материалдарды енгізу мерзімі — 2027-02-03 (5 жұмыс күні бұрын); "
        "енгізілді 2027-02-01")


def test_html_report_shows_role_reasons_and_dates(tmp_path: Path) -> None:
    folder = tmp_path / "item"
    for name in ("Справка.docx", "Проект постановления.docx", "Список участников.docx"):
        write(folder, name, build_docx(["текст"]))
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["check", str(folder), "--no-cache", "-o", str(out),
                                       "--meeting-date", "2026-03-12", "--submitted",
                                       "2026-03-05", "--lang", "kk", "--exit-zero"])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert ('<p class="dates">2026-03-12 отырысы: материалдарды енгізу мерзімі — 2026-03-04 '
            "(5 жұмыс күні бұрын); енгізілді 2026-03-05</p>") in html
    assert '<small class="why">файл атауы: «Справка»</small>' in html


@pytest.mark.parametrize(
    ("lang", "header"),
    [("en", "meeting 2026-03-12 (command line)"),
     ("ru", "заседание 2026-03-12 (командная строка)"),
     ("kk", "2026-03-12 отырысы (пәрмен жолы)")],
)
def test_text_report_names_the_command_line_in_its_language(tmp_path: Path, lang: str,
                                                            header: str) -> None:
    """The package line at the top of the text report says where the meeting date came from
    in the report's language; the JSON keeps the value a program compares."""
    folder = tmp_path / "item"
    write(folder, "Справка.docx", build_docx(["текст"]))
    args = ["check", str(folder), "--no-cache", "--meeting-date", "2026-03-12", "--submitted",
            "2026-03-05", "--exit-zero"]
    result = CliRunner().invoke(main, [*args, "--lang", lang])
    assert f"{folder} - {header}" in result.output.splitlines()[1]
    if lang != "en":
        assert "command line" not in result.output
    data = json.loads(CliRunner().invoke(main, [*args, "--format", "json"]).output)
    assert data["packages"][0]["dates"]["source"] == "command line"


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "intake service"), ("ru", "сервис приёма"), ("kk", "қабылдау қызметі")],
)
def test_the_intake_service_as_a_source_is_said_in_words(lang: str, words: str) -> None:
    """A date the intake gate gave (its agenda item) is named in words, never taken for a
    folder's name; a path stays as it is."""
    from validator.calendar.deadlines_text import dates_line, source_words

    dates = {"meeting": "2027-02-10", "deadline": "2027-02-03", "submitted": "2027-02-01",
             "working_days": 5, "extraordinary": False, "working_days_late": 0,
             "calendar_reviewed": True, "source": "intake service"}
    assert source_words("intake service", lang) == words
    assert source_words("meetings/2027-02-10", lang) == "meetings/2027-02-10"
    line = dates_line(dates, lang)
    assert line == dates_line({**dates, "source": "command line"}, lang)
    assert "intake" not in line and "2027-02-01" in line
