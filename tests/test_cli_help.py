"""Every command's ``--help`` in the language of ``--lang``: the catalogue translates every
text a help page shows, the pages show no English word in Kazakh and Russian, a group's
``--lang`` is the default of the commands under it, and English stays as click writes it."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from validator.commands.helptext import help_key, needed_keys, option_help
from validator.commands.main import main
from validator.core.catalogue import help_texts

#: Latin words a Kazakh or Russian help text may show as they are typed: names of formats,
#: programs and standards, choices of options, config keys, API paths.
TYPED = {"text", "json", "github", "gitlab", "GitHub", "GitLab", "JSON", "Code", "Quality",
         "JUnit", "LibreOffice", "SQLite", "API", "GET", "base64", "statistics", "exclude",
         "submitter", "apparatus", "pre", "commit", "postgresql", "host", "db", "validator",
         "api", "v1", "receipt", "key", "en", "kk", "ru", "check", "fix", "rules", "explain",
         "profiles", "coverage", "deadlines", "hook", "serve", "tokens", "bodies", "add", "list",
         "revoke", "verify"}
_TOKENS = [
    re.compile(r"(?<![\w-])--?[a-z][\w-]*"),  # option names
    re.compile(r"\[[a-z|]+\]"),  # choices, as click shows them
    re.compile(r"\b[A-Z]{3}\d{3}\b"),  # rule codes
    re.compile(r"(?<!\w)\.[a-z]+(?:\.[a-z]+)?"),  # file extensions
    re.compile(r"\b[a-z]+://\S+"),  # URLs
    re.compile(r"\{[a-z]+\}"),  # placeholders
    re.compile(r"(?:\d+<=?)?x[<>]=?\d+"),  # ranges: x>=1, 1<=x<=256
    re.compile(r"(?:(?<=умолчанию:)|(?<=әдепкі:))\s+[^;\]\s]+"),  # default values, as typed
]
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]*")


def english_left(text: str) -> list[str]:
    """The Latin words of ``text`` that are neither typed names nor option spellings."""
    for token in _TOKENS:
        text = token.sub(" ", text)
    return [w for w in _LATIN.findall(text) if w not in TYPED]


def commands(command: click.Command = main, path: tuple[str, ...] = ()) -> Iterator[
        tuple[tuple[str, ...], click.Command]]:
    """Every command under ``command``, with the words that name it on the command line."""
    yield path, command
    if isinstance(command, click.Group):
        for name, sub in command.commands.items():
            yield from commands(sub, (*path, name))


def run(*args: str) -> click.testing.Result:
    return CliRunner().invoke(main, list(args), prog_name="validator")


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_catalogue_translates_every_help_text_and_nothing_else(lang: str) -> None:
    texts = help_texts(lang)
    needed = needed_keys(main)
    assert sorted(needed - set(texts)) == []
    assert sorted(set(texts) - needed) == []  # an English text changed: translate it again


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_translations_are_in_the_language(lang: str) -> None:
    found = {key: left for key, text in help_texts(lang).items()
             if (left := english_left(text))}
    assert found == {}
    # each placeholder of the English text is in its translation
    for key, text in help_texts(lang).items():
        assert re.findall(r"\{\w+\}", key) == re.findall(r"\{\w+\}", text), key


def test_every_option_says_what_it_is_for() -> None:
    silent = [f"{' '.join(path)} {p.opts[0]}" for path, command in commands()
              for p in command.params if isinstance(p, click.Option) and not option_help(p)]
    assert silent == []
    assert all(command.help for _, command in commands())


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_help_page_is_wholly_in_the_language(lang: str) -> None:
    for path, _ in commands():
        result = run(*path, "--help", "--lang", lang)
        assert result.exit_code == 0, (path, result.output)
        assert english_left(result.stdout) == [], path


def test_check_help_in_russian() -> None:
    result = run("check", "--help", "--lang", "ru")
    lines = result.stdout.splitlines()
    assert lines[0] == "Использование: validator check [ПАРАМЕТРЫ] ПУТИ..."
    assert lines[2] == ("  Проверить ПУТИ: папку, архив .zip, папку заседания с вопросами "
                        "или отдельные")
    assert "Параметры:" in lines
    lang_line = next(line for line in lines if line.lstrip().startswith("--lang"))
    assert lang_line.split() == ["--lang", "[kk|ru|en]", "Язык", "сообщений", "отчёта.",
                                 "[по", "умолчанию:", "en]"]
    assert any(line.split()[:3] == ["-j,", "--jobs", "ЧИСЛО"] for line in lines)
    assert any(line.split()[:2] == ["--meeting-date", "ГГГГ-ММ-ДД"] for line in lines)
    assert lines[-1].split() == ["-h,", "--help", "Показать", "эту", "справку", "и", "выйти."]


def test_the_main_help_in_kazakh_lists_the_commands_in_kazakh() -> None:
    result = run("--lang", "kk", "--help")  # --lang before --help
    lines = result.stdout.splitlines()
    assert lines[0] == "Қолданылуы: validator [ПАРАМЕТРЛЕР] КОМАНДА [АРГУМЕНТТЕР]..."
    assert "Командалар:" in lines
    tokens_line = next(line for line in lines if line.lstrip().startswith("tokens "))
    assert tokens_line.split()[1:] == ["Қол", "жеткізу", "токендерін", "басқару."]


def test_required_and_numeric_defaults_are_said_in_the_language() -> None:
    out = run("serve", "--help", "--lang", "ru").stdout
    assert "[обязательно]" in out  # --data
    # --check-timeout 120.0 (a number above 0): the default as typed, never split inside
    flowing = re.sub(r"[ \n]+", " ", out)
    assert "[по\u00a0умолчанию: 120; x>0]" in flowing
    kk = run("tokens", "add", "--lang", "kk", "--help").stdout
    assert "[міндетті]" in kk and "--role [submitter|apparatus]" in kk


def test_english_help_is_clicks_own() -> None:
    result = run("check", "--help")
    lines = result.stdout.splitlines()
    assert lines[0] == "Usage: validator check [OPTIONS] PATHS..."
    assert "Options:" in lines and "  -h, --help                      Show this message and " \
                                    "exit." in lines
    assert run("--help", "--lang", "en").stdout.splitlines()[0] == (
        "Usage: validator [OPTIONS] COMMAND [ARGS]...")


def test_a_groups_lang_is_the_default_of_its_commands() -> None:
    ru = run("--lang", "ru", "explain", "SLD002")
    assert ru.exit_code == 0
    assert ru.stdout == run("explain", "SLD002", "--lang", "ru").stdout
    assert ru.stdout != run("explain", "SLD002").stdout
    # the command's own --lang wins
    assert run("--lang", "ru", "explain", "SLD002", "--lang", "kk").stdout == \
        run("explain", "SLD002", "--lang", "kk").stdout
    # errors of a command under a group that was given --lang
    error = run("--lang", "kk", "tokens", "add", "--body", "x", "--role", "submitter")
    assert error.exit_code == 2
    assert error.stderr.splitlines()[0] == (
        "validator: қате: міндетті --data параметрі көрсетілмеген")


def test_the_main_groups_own_parser_errors_are_said_in_the_language() -> None:
    result = run("--bogus", "--lang", "ru")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "validator: ошибка: неизвестный параметр «--bogus»: список параметров команды "
        "выводит её --help",
        "Справка: validator --help --lang ru"]


def test_help_keys_join_a_wrapped_docstring() -> None:
    assert help_key("""First line
        goes on.

        Second paragraph.
        """) == "First line goes on.\n\nSecond paragraph."


def test_help_in_kazakh_from_another_folder_as_installed(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("validator")
    argv = [str(script)] if script.exists() else [sys.executable, "-m", "validator"]
    done = subprocess.run([*argv, "fix", "--help", "--lang", "kk"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Қолданылуы: validator fix [ПАРАМЕТРЛЕР] ЖОЛДАР..."
    assert english_left(done.stdout) == []
