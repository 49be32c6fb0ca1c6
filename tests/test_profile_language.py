"""A profile that does not load says why in the language of ``--lang``: its rules, options,
coverage, deadlines and discovery tables, and a meeting date outside the calendar's years.
The English texts stay as they were (``test_profile.py`` and ``test_coverage.py``)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import ROOT
from tests.test_cli_help import english_left
from tests.test_profile import SHIPPED, _variant
from validator.commands.main import main

ITEM = str(ROOT / "samples" / "compliant-item")
#: What a profile's author typed, named as typed inside a Kazakh or Russian message.
TYPED_KEYS = {"severity", "clause", "cases", "status", "rules", "kind", "value", "key", "date",
              "deadlines", "required", "language_folders", "max_depth", "max_entries",
              "error", "warning", "info", "true", "false", "profile", "id", "version",
              "title", "clauses", "coverage", "discovery", "TOML", "kk", "ru", "en",
              "automated", "partly", "person", "tolerance", "default", "ratio_height", "nan", "inf",
              "max_pages", "working_days"}

VARIANTS = [
    pytest.param("tolerance = 0.005", "tolerance = 0.005\ntolerence = 1", id="unknown-option"),
    pytest.param("tolerance = 0.005", 'tolerance = "small"', id="wrong-type"),
    pytest.param("max_size = 10", "", id="missing-parameter"),
    pytest.param("[rules.SLD001]", "[rules.SLD999]", id="unknown-rule"),
    pytest.param('clause = "15.3"\nseverity = "error"\nratio_width',
                 'clause = "99"\nseverity = "error"\nratio_width', id="unquoted-clause"),
    pytest.param('clause = "15.3"\nseverity = "error"\nratio_width',
                 'clause = "15.3"\nseverity = "fatal"\nratio_width', id="bad-severity"),
    pytest.param('id = "oskemen-2025"', 'id = ""', id="empty-id"),
    pytest.param('en = "Regulation of the Oskemen city akimat"', "", id="title-language"),
    pytest.param('[coverage."13"]\nstatus = "not-applicable"',
                 '[coverage."13"]\nstatus = "maybe"', id="coverage-status"),
    pytest.param('[coverage."39"]', '[coverage."39a"]', id="coverage-clause"),
    pytest.param('rules = ["PKG001"]\nkk = "Қатысушылар',
                 'rules = ["LNG001"]\nkk = "Қатысушылар', id="coverage-uncovered"),
    pytest.param('kind = "working-days-before"', 'kind = "weeks"', id="deadline-kind"),
    pytest.param("max_depth = ", "max_depth = -", id="discovery-positive"),
    pytest.param("[profile]", "[profile\n", id="toml-syntax"),
    pytest.param("ratio_height = 9\n", "ratio_height = 0\n", id="zero-divisor"),
    pytest.param("rates = { kk = 280.0, ru = 280.0, default = 280.0 }",
                 "rates = { kk = 0, ru = 280.0, default = 280.0 }", id="zero-rate"),
    pytest.param("rates = { kk = 280.0, ru = 280.0, default = 280.0 }",
                 "rates = { kk = 280.0, ru = 280.0 }", id="no-default-rate"),
    pytest.param("tolerance = 0.005", "tolerance = nan", id="not-a-number"),
    pytest.param("max_pages = 5", "max_pages = 0", id="zero-pages"),
    pytest.param("working_days = 5", "working_days = -1", id="negative-days"),
    pytest.param("rates = { kk = 280.0, ru = 280.0, default = 280.0 }",
                 "rates = { kk = inf, ru = 280.0, default = 280.0 }", id="infinite-rate"),
]


def _error(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), prog_name="validator")
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    return result.stderr.strip()


def _words(message: str, path: Path) -> list[str]:
    """The Latin words of a message, the path, quoted names, TOML tables and typed keys
    aside."""
    text = message.replace(str(path), " ")
    text = re.sub(r"«[^»]*»|'[^']*'|\"[^\"]*\"|\[[^\]]*\]", " ", text)
    text = re.sub(r"\b[a-z0-9]+(?:[_-][a-z0-9]+)+\b", " ", text)  # typed identifiers
    return [w for w in english_left(text) if w not in TYPED_KEYS]


@pytest.mark.parametrize(("old", "new"), VARIANTS)
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_profile_error_is_said_wholly_in_the_language(tmp_path: Path, old: str, new: str,
                                                        lang: str) -> None:
    path = _variant(tmp_path, old, new)
    said = _error("check", ITEM, "--profile", str(path), "--lang", lang)
    english = _error("check", ITEM, "--profile", str(path))
    assert said.startswith({"kk": "validator: қате: ", "ru": "validator: ошибка: "}[lang])
    assert str(path) in said and str(path) in english
    assert said != english
    assert _words(said, path) == []


def test_a_rules_option_in_russian_names_the_rule_and_the_option(tmp_path: Path) -> None:
    path = _variant(tmp_path, "tolerance = 0.005", "tolerance = 0.005\ntolerence = 1")
    assert _error("check", ITEM, "--profile", str(path), "--lang", "ru") == (
        f"validator: ошибка: {path}: правило SLD001: неизвестный параметр «tolerence» "
        "(параметры SLD001: ratio_height, ratio_width, tolerance)")


def test_a_wrong_type_in_kazakh_says_what_the_option_needs(tmp_path: Path) -> None:
    path = _variant(tmp_path, "tolerance = 0.005", 'tolerance = "small"')
    assert _error("check", ITEM, "--profile", str(path), "--lang", "kk") == (
        f"validator: қате: {path}: SLD001 ережесі: «tolerance» параметрі: сан керек, ал "
        "көрсетілгені: 'small'")
    assert _error("check", ITEM, "--profile", str(path)) == (
        f"validator: error: {path}: rule SLD001: option \"tolerance\": expected float, got "
        "str 'small'")


def test_a_coverage_error_in_russian_names_the_clause(tmp_path: Path) -> None:
    path = _variant(tmp_path, 'rules = ["PKG001"]\nkk = "Қатысушылар',
                    'rules = ["LNG001"]\nkk = "Қатысушылар')
    assert _error("coverage", "--profile", str(path), "--lang", "ru") == (
        f'validator: ошибка: {path}: правило PKG001 ссылается на пункт 15.5, но '
        '[coverage."15.5"] его не перечисляет')


@pytest.mark.parametrize(("args", "said"), [
    (["deadlines", "--meeting-date", "1999-03-01", "--lang", "ru"],
     "validator: ошибка: --meeting-date: дата 1999-03-01 вне лет, на которые есть "
     "производственный календарь: 2000–2100"),
    (["check", ITEM, "--meeting-date", "2026-03-12", "--submitted", "1999-03-01", "--lang",
      "kk"],
     "validator: қате: --submitted: 1999-03-01 күні өндірістік күнтізбе бар жылдардан тыс: "
     "2000–2100"),
    (["check", ITEM, "--meeting-date", "2101-03-01"],
     "validator: error: --meeting-date: 2101-03-01 is outside the calendar's years 2000-2100"),
])
def test_a_meeting_outside_the_calendars_years(args: list[str], said: str) -> None:
    assert _error(*args) == said


#: The keys of a working-day override file, named as typed inside a message.
CALENDAR_KEYS = {"day_off", "working_day", "reviewed_years", "reason", "source", "in_library",
                 "calendar", "date", "colour", "UTF"}  # colour: the unknown key typed
CALENDARS = [
    pytest.param(b'reviewed_years = [2026]\ncolour = "red"\n', id="unknown-key"),
    pytest.param(b'[[day_off]]\ndate = "2026-13-01"\nreason = "x"\n', id="not-a-date"),
    pytest.param(b"[[day_off]]\ndate = 2026-12-21\n", id="no-reason"),
    pytest.param(b'[[day_off]]\ndate = 2026-12-21\nreason = "x"\n'
                 b'[[working_day]]\ndate = 2026-12-21\nreason = "y"\n', id="both-kinds"),
    pytest.param(b"reviewed_years = ['2026']\n", id="years-as-text"),
    pytest.param(b"day_off = 3\n", id="not-an-array"),
    pytest.param(b"this is not toml\n", id="toml-syntax"),
    pytest.param(b'# \xcf\xf0\xee\xe8\xe7\xe2\xee\xe4\xf1\xf2\xe2\xe5\xed\xed\xfb\xe9\n',
                 id="windows-1251"),
    pytest.param(None, id="missing-file"),
]


@pytest.mark.parametrize("calendar", CALENDARS)
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_broken_calendar_file_stops_the_profile_in_the_language(
        tmp_path: Path, calendar: bytes | None, lang: str) -> None:
    """A profile's working-day override file (PKG002's ``calendar``) is read when the profile
    loads: what is wrong in it stops the run (exit 2) and is said in the language of --lang,
    naming the profile, the rule, the option and the file. Before, the run went on and the
    check said only that PKG002 could not be completed."""
    file = tmp_path / "calendar.toml"
    if calendar is not None:
        file.write_bytes(calendar)
    path = _variant(tmp_path, 'calendar = "kz-calendar-overrides.toml"',
                    f'calendar = "{file}"')
    said = _error("check", ITEM, "--profile", str(path), "--lang", lang)
    english = _error("check", ITEM, "--profile", str(path))
    assert said.startswith({"kk": "validator: қате: ", "ru": "validator: ошибка: "}[lang])
    assert said.count(str(file)) == 1 and "PKG002" in said and "«calendar»" in said
    assert said != english and str(file) in english
    words = [w for w in _words(said.replace(str(file), " "), path) if w not in CALENDAR_KEYS]
    assert words == [], said


def test_a_profile_saved_as_windows_1251_says_so(tmp_path: Path) -> None:
    """A profile edited in a text editor that saves Windows-1251 was an internal error
    (UnicodeDecodeError); now it says what to do, as a config file in that encoding does."""
    path = tmp_path / "mine.toml"
    path.write_bytes(SHIPPED.read_text(encoding="utf-8").encode("cp1251", "replace"))
    assert _error("check", ITEM, "--profile", str(path), "--lang", "ru") == (
        f"validator: ошибка: {path}: файл профиля сохранён не в кодировке UTF-8 (например, в "
        "Windows-1251); сохраните его в UTF-8")
    config = tmp_path / "validator.toml"
    config.write_bytes("# Настройки проверки\n".encode("cp1251"))
    assert _error("check", ITEM, "--config", str(config), "--lang", "kk") == (
        f"validator: қате: {config}: баптау файлы UTF-8 кодтауында сақталмаған (мысалы, "
        "Windows-1251 түрінде); оны UTF-8 түрінде сақтаңыз")


def test_a_rate_of_zero_stops_the_profile_not_the_file(tmp_path: Path) -> None:
    """DOC002 divides by the speech rate and SLD001 by the format's height: a 0 there made a
    sound report "unreadable" (FIL001, "open the file and save it again"); now the profile
    says what is wrong with it."""
    path = _variant(tmp_path, "rates = { kk = 280.0, ru = 280.0, default = 280.0 }",
                    "rates = { kk = 0, ru = 280.0 }")
    assert _error("check", ITEM, "--profile", str(path), "--lang", "ru") == (
        f"validator: ошибка: {path}: правило DOC002: параметр «rates»: все значения должны "
        "быть больше 0, а указано: kk = 0")
    path = _variant(tmp_path, "ratio_height = 9\n", "ratio_height = -9\n")
    assert _error("check", ITEM, "--profile", str(path)) == (
        f'validator: error: {path}: rule SLD001: option "ratio_height": must be above 0, '
        "not -9")
