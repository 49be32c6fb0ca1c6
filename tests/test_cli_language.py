"""The command line speaks the language of ``--lang``: its usage errors, `rules`, `explain`
and `profiles`; English stays as it was."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from tests.conftest import ROOT
from validator.commands.main import main
from validator.commands.usage import argv_lang

ITEM = str(ROOT / "samples" / "compliant-item")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(("args", "said"), [
    (["explain", "XYZ999", "--lang", "kk"],
     "validator: қате: белгісіз ереже: «XYZ999»; validator rules шығаратын тізімдегі кодты "
     "көрсетіңіз"),
    (["explain", "SDL002", "--lang", "ru"],
     "validator: ошибка: неизвестное правило «SDL002»; возможно, имелось в виду SLD002? "
     "Список правил выводит validator rules"),
    (["check", ITEM, "--select", "SDL", "--lang", "ru"],
     "validator: ошибка: --select: неизвестный код или префикс правила «SDL»; возможно, "
     "имелся в виду SLD? Список правил выводит validator rules"),
    (["check", "--lang", "kk", ITEM, "--ignore", "XYZ"],
     "validator: қате: --ignore: ереженің белгісіз коды немесе префиксі: «XYZ» (белгілі ереже "
     "топтары: DOC, FIL, LNG, PKG, SEC, SLD; ережелер тізімін validator rules шығарады)"),
    (["check", ITEM, "--profile", "nosuch", "--lang", "ru"],
     "validator: ошибка: неизвестный профиль «nosuch» (поставляемые профили: oskemen-2025); "
     "укажите один из них или путь к файлу профиля .toml"),
    (["check", "--lang", "kk", ITEM, "--extraordinary"],
     "validator: қате: --extraordinary үшін отырыс күні керек: оны --meeting-date "
     "параметрінде көрсетіңіз (ЖЖЖЖ-АА-КК)"),
])
def test_the_toolkits_own_usage_errors_in_the_language(args: list[str], said: str) -> None:
    code, out, err = run(*args)
    assert code == 2 and out == ""
    assert err == said + "\n"


@pytest.mark.parametrize(("args", "said"), [
    (["check", "/nonexistent/path", "--lang", "kk"],  # --lang after the failing value
     "validator: қате: «/nonexistent/path» жолы табылмады: жолда қате жоқ екенін және мұндай "
     "папка не файл бар екенін тексеріңіз"),
    (["check", "--lang=ru", "/nonexistent/path"],
     "validator: ошибка: путь «/nonexistent/path» не найден: проверьте, нет ли в нём опечатки, "
     "и что такая папка или файл существует"),
    (["check", ITEM, "--meeting-date", "2026-13-45", "--lang", "ru"],
     "validator: ошибка: --meeting-date: даты «2026-13-45» нет в календаре (месяц от 01 до 12, "
     "день не больше числа дней в месяце); укажите дату в формате ГГГГ-ММ-ДД, например "
     "2026-03-12"),
    (["check", ITEM, "--submitted", "2026/02/03", "--lang", "kk"],
     "validator: қате: --submitted: «2026/02/03» ЖЖЖЖ-АА-КК пішіміндегі күн емес; күнді былай "
     "көрсетіңіз: 2026-03-12"),
    (["check", "--lang", "ru"],
     "validator: ошибка: не указано, что проверять: назовите папку, архив .zip или файл"),
    (["check", ITEM, "--format", "xml", "--lang", "ru"],
     "validator: ошибка: --format: недопустимое значение «xml»; допустимые значения: text, "
     "json, html, sarif, junit, markdown, github, gitlab"),
    (["deadlines", "--lang", "kk"],
     "validator: қате: міндетті --meeting-date параметрі көрсетілмеген"),
    # click's own errors, said in the language too
    (["check", "--lang", "ru", "--slect", "SLD", ITEM],
     "validator: ошибка: неизвестный параметр «--slect»; возможно, имелся в виду --select?"),
    (["check", ITEM, "--zzz", "--lang", "kk"],
     "validator: қате: белгісіз параметр: «--zzz»; команданың параметрлер тізімін оның --help "
     "шығарады"),
    (["chek", ITEM, "--lang", "ru"],
     "validator: ошибка: неизвестная команда «chek»; возможно, имелась в виду check?"),
    (["check", "--lang", "kk", ITEM, "--jobs", "x"],
     "validator: қате: --jobs: «x» — 1 немесе одан үлкен бүтін сан емес; мысалы, 1 деп "
     "көрсетіңіз"),
    (["check", "--lang", "ru", ITEM, "--jobs", "0"],
     "validator: ошибка: --jobs: «0» — не целое число не меньше 1; укажите, например, 1"),
    (["check", "--lang", "ru", ITEM, "--select"],
     "validator: ошибка: для параметра --select нужно значение: укажите его после параметра"),
    (["check", "--lang", "kk", "--no-cache=yes", ITEM],
     "validator: қате: --no-cache параметрі мән қабылдамайды: оны «=» белгісіз және мәнсіз "
     "көрсетіңіз"),
    (["explain", "SLD001", "SLD002", "--lang", "ru"],
     "validator: ошибка: лишние аргументы: SLD002; что принимает команда, выводит её --help"),
])
def test_parameter_errors_in_the_language(args: list[str], said: str) -> None:
    code, out, err = run(*args)
    lines = err.splitlines()
    assert code == 2 and out == ""
    assert lines[0] == said
    assert lines[1].split(": ", 1)[0] in {"Анықтама", "Справка"}
    command = "main" if args[0] == "chek" else f"main {args[0]}"  # the runner names it main
    lang = "kk" if lines[1].startswith("Анықтама") else "ru"  # the help it names is in it
    assert lines[1].endswith(f" {command} --help --lang {lang}") and len(lines) == 2


def test_english_errors_are_as_before() -> None:
    assert run("explain", "XYZ999")[2] == (
        "validator: error: unknown rule 'XYZ999' (see `validator rules`)\n")
    assert run("check", ITEM, "--select", "SDL")[2] == (
        "validator: error: --select: unknown rule code or prefix 'SDL'; did you mean SLD?\n")
    err = run("check", "/nonexistent/path")[2]
    assert err.endswith(
        "\nError: Invalid value for 'PATHS...': Path '/nonexistent/path' does not exist.\n")
    assert err.startswith("Usage: ")
    assert run("check", ITEM, "--meeting-date", "12.03.2026")[2].endswith(
        "Error: Invalid value for '--meeting-date': '12.03.2026' does not match the format "
        "'%Y-%m-%d'.\n")
    # click's own messages, as click words them, with the command's usage and help
    err = run("check", "--slect", "SLD", ITEM)[2]
    assert err.startswith("Usage: main check ")
    assert err.endswith("Error: No such option '--slect'. Did you mean '--select'?\n")
    assert run("check", ITEM, "--jobs", "x")[2].endswith(
        "Error: Invalid value for '--jobs' / '-j': 'x' is not a valid integer range.\n")
    err = run("check", ITEM, "--select")[2]
    assert err.startswith("Usage: main check ")
    assert err.endswith("Error: Option '--select' requires an argument.\n")
    assert run("explain", "SLD001", "SLD002")[2].endswith(
        "Error: Got unexpected extra argument (SLD002)\n")


def test_a_date_not_in_the_calendar_is_not_called_a_format_error() -> None:
    code, _, err = run("check", ITEM, "--submitted", "2026-02-30")
    assert code == 2
    assert err.endswith(
        "Error: Invalid value for '--submitted': '2026-02-30' is not a date in the calendar "
        "(month 01-12, day within the month); give it as YYYY-MM-DD, e.g. 2026-03-12.\n")


def test_explain_names_the_closest_rule() -> None:
    code, _, err = run("explain", "SDL002")
    assert code == 2
    assert err == ("validator: error: unknown rule 'SDL002'; did you mean SLD002? "
                   "(see `validator rules`)\n")


def test_the_language_is_read_before_parsing() -> None:
    assert argv_lang(["check", "x", "--lang", "kk"]) == "kk"
    assert argv_lang(["check", "--lang=ru", "x"]) == "ru"
    assert argv_lang(["check", "--lang", "de"]) == "en"
    assert argv_lang(["check", "--", "--lang", "kk"]) == "en"
    assert argv_lang(["check", "--lang", "kk", "--lang", "ru"]) == "ru"  # the last one wins


def test_rules_in_russian_and_kazakh_without_english_words() -> None:
    _, ru, _ = run("rules", "--lang", "ru")
    assert "min-font-size" not in ru and " error " not in ru
    rows = ru.splitlines()
    assert rows[0] == "DOC001  15.1       ошибка          Справка длиннее 5 стр."
    assert "PKG001  15.2, 15.5 ошибка          В пакете нет обязательного материала" in rows
    assert "SLD005  15.3       предупреждение  Текст уменьшится при следующей правке" in rows
    _, kk, _ = run("rules", "--lang", "kk")
    assert "SLD002  15.3       қате     " in kk and "warning" not in kk


def test_rules_columns_stay_aligned_after_several_clauses() -> None:
    _, en, _ = run("rules")
    rows = en.splitlines()
    assert ("PKG001  missing-required-material  15.2, 15.5 error    "
            "Required material missing from the package") in rows
    titles = {row.index(row.split("  ")[-1].strip()) for row in rows}
    assert len(titles) == 1  # every title starts in the same column
    assert "SLD001  slide-aspect-ratio         15.3       error    " in en


def test_explain_in_russian_labels_the_profiles_settings() -> None:
    _, out, _ = run("explain", "SLD002", "--lang", "ru")
    assert out.startswith("SLD002: Текст на слайдах меньше минимального размера шрифта\n")
    tail = out.split("«", 1)[1].split("»\n", 1)[1]
    assert tail == ("Настройки правила в профиле (таблица [rules.SLD002] в файле профиля):\n"
                    "  min_size_pt = 20\n"
                    "  tolerance_pt = 0,01\n"
                    "Важность по случаям (таблица [rules.SLD002.cases]):\n"
                    "  hidden-slide: замечание\n")
    assert "Профиль oskemen-2025: пункт 15.3, ошибка\n" in out


def test_explain_in_kazakh() -> None:
    _, out, _ = run("explain", "PKG002", "--lang", "kk")
    assert out.startswith("PKG002: Материалдарды енгізу мерзімі\n")
    assert "Профиль oskemen-2025: 15-тармақ, қате\n" in out
    assert out.endswith("Жағдайлар бойынша маңыздылығы ([rules.PKG002.cases] кестесі):\n"
                        "  past-meeting: ескертпе\n")
    _, sld, _ = run("explain", "SLD003", "--lang", "kk")
    assert ("Профильдегі ереже баптаулары (профиль файлындағы [rules.SLD003] кестесі):\n"
            "  max_size = 10\n") in sld
    _, pkg1, _ = run("explain", "PKG001", "--lang", "en")
    assert "Profile oskemen-2025: clauses 15.2, 15.5, error\n" in pkg1


def test_profiles_in_the_language() -> None:
    assert run("profiles", "--lang", "kk")[1] == (
        "oskemen-2025\t2025-12-09\tӨскемен қаласы әкімдігінің Регламенті\t(ережелер саны: 22)\n")
    assert run("profiles")[1] == (
        "oskemen-2025\t2025-12-09\tRegulation of the Oskemen city akimat\t(22 rules)\n")
    assert run("profiles", "--lang", "ru")[1].split("\t")[3] == "(правил: 22)\n"


@pytest.mark.parametrize(("args", "said", "help_line"), [
    (["tokens", "revoke", "x", "--lang", "ru", "--data"],
     "validator: ошибка: для параметра --data нужно значение: укажите его после параметра",
     "Справка: main tokens revoke --help --lang ru"),
    (["bodies", "add", "--lang", "kk", "--data", "d", "a", "b"],
     "validator: қате: артық аргументтер: b; команда нені қабылдайтынын оның --help шығарады",
     "Анықтама: main bodies add --help --lang kk"),
])
def test_the_commands_of_a_sub_group_speak_the_language(args: list[str], said: str,
                                                        help_line: str) -> None:
    """``tokens``, ``bodies`` and ``receipt`` hold the toolkit's commands too: their parser's
    errors are said in the language and name the command's own help."""
    code, out, err = run(*args)
    assert code == 2 and out == ""
    assert err.splitlines() == [said, help_line]


@pytest.mark.parametrize(("args", "said"), [
    (["fix", "nothere", "--diff", "--lang", "kk"],
     "validator: қате: «nothere» жолы табылмады: жолда қате жоқ екенін және мұндай папка не "
     "файл бар екенін тексеріңіз"),
    (["fix", ITEM, "--lang", "ru"],
     "validator: ошибка: укажите папку для исправленных копий в --output или добавьте --diff, "
     "чтобы только увидеть, что будет изменено"),
    (["fix", ITEM, "--diff", "--format", "xml", "--lang", "ru"],
     "validator: ошибка: --format: недопустимое значение «xml»; допустимые значения: text, "
     "json"),
    (["receipt", "verify", "nothere.json", "--key", "k", "--lang", "ru"],
     "validator: ошибка: путь «nothere.json» не найден: проверьте, нет ли в нём опечатки, и "
     "что такая папка или файл существует"),
    (["receipt", "verify", ITEM, "--key", "k", "--lang", "kk"],
     f"validator: қате: «{ITEM}» — папка, ал файл керек: файлдың жолын көрсетіңіз"),
    (["receipt", "verify", str(ROOT / "README.md"), "--lang", "kk"],
     "validator: қате: міндетті --key параметрі көрсетілмеген"),
])
def test_fix_and_receipt_say_their_usage_errors_in_the_language(args: list[str],
                                                                said: str) -> None:
    code, out, err = run(*args)
    assert code == 2 and out == ""
    assert err.splitlines()[0] == said


def test_an_output_that_cannot_be_written_is_said_in_the_language(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Every report that can be written is; each place that cannot is named in the language
    with why, and the run exits 2."""
    good = tmp_path / "report.json"
    missing = tmp_path / "no-such-folder" / "report.html"
    code, out, err = run("check", ITEM, "-o", str(missing), "-o", str(good), "--lang", "ru")
    assert code == 2 and out == ""
    assert err.splitlines() == [
        f"validator: ошибка: --output {missing}: отчёт нельзя записать: такой папки нет: "
        "создайте её или укажите другой путь"]
    assert good.read_text(encoding="utf-8").startswith("{")
    folder = tmp_path / "a-folder.json"
    folder.mkdir()
    code, _, err = run("check", ITEM, "-o", str(missing), "-o", str(folder), "--lang", "kk")
    assert code == 2
    assert err.splitlines() == [
        f"validator: қате: --output {missing}: есепті жазу мүмкін емес: мұндай папка жоқ: оны "
        "жасаңыз немесе басқа жолды көрсетіңіз",
        f"validator: қате: --output {folder}: есепті жазу мүмкін емес: бұл папка: файлдың "
        "жолын көрсетіңіз"]
    code, _, err = run("check", ITEM, "-o", str(missing))
    assert code == 2
    assert err == (f"validator: error: --output {missing}: cannot write: No such file or "
                   "directory\n")
