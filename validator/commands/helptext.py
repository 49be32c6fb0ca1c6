"""Every command's ``--help`` in the language of the command line.

``validator check --help --lang ru`` shows the usage line, the command's text, its options and
their defaults in Russian (``--lang kk`` in Kazakh); without ``--lang``, or with ``--lang en``,
click writes the help as it always has. The language is the one ``Group`` read from the
command line before click parsed it, so ``--lang`` may come before or after ``--help``.

The translations live in ``validator/messages/_help.toml``, keyed as gettext keys them: by the
English text itself (whitespace collapsed), so the same English is translated once wherever it
appears, and an English text that changes has no translation until one is written (the
catalogue's tests list every text a help page shows and fail on one missing). Option names,
choices, command names and defaults are shown as typed.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Mapping

import click
from click.formatting import HelpFormatter, join_options

from validator.core.catalogue import help_texts, number_text

#: Click's own words in a help page, as English keys of the catalogue.
USAGE, OPTIONS_METAVAR, SUBCOMMAND_METAVAR = "Usage:", "[OPTIONS]", "COMMAND [ARGS]..."
OPTIONS, COMMANDS, DEFAULT, REQUIRED = "Options", "Commands", "default: {default}", "required"
HELP_OPTION = "Show this message and exit."
_SPACE = re.compile(r"\s+")


def help_key(text: str) -> str:
    """The catalogue key of an English help text: its paragraphs (as ``inspect.cleandoc``
    leaves them), each with its whitespace collapsed to single spaces."""
    paragraphs = inspect.cleandoc(text).partition("\f")[0].split("\n\n")
    return "\n\n".join(_SPACE.sub(" ", p).strip() for p in paragraphs if p.strip())


def type_key(param: click.Parameter) -> str:
    """The catalogue key of the placeholder an option's value is shown by when it is not a
    choice: its type's name in capitals (``TEXT``, ``DIRECTORY``, ``INTEGER RANGE``)."""
    return param.type.name.upper()


def option_help(param: click.Option) -> str:
    """The English text of an option (click's own for ``--help``)."""
    if param.help:
        return param.help
    return HELP_OPTION if param.name == "help" else ""


def argument_key(param: click.Argument) -> str:
    """The catalogue key of an argument's name in the usage line (``PATHS``, ``CODE``)."""
    return param.metavar or (param.name or "").upper()


class Translator:
    """Looks English texts up in one language's part of the catalogue; a text without a
    translation stays English (the catalogue's tests make sure there is none)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.texts: Mapping[str, str] = help_texts(lang)

    def __call__(self, text: str) -> str:
        key = help_key(text)
        return self.texts.get(key, key)


def write_usage(command: click.Command, ctx: click.Context, formatter: HelpFormatter,
                said: Translator) -> None:
    """The usage line: ``Использование: validator check [ПАРАМЕТРЫ] ПУТИ...``."""
    pieces = [said(OPTIONS_METAVAR)] if command.options_metavar else []
    for param in command.get_params(ctx):
        if isinstance(param, click.Argument):
            name = said(argument_key(param))
            if not param.required:
                name = f"[{name}]"
            pieces.append(f"{name}..." if param.nargs != 1 else name)
    if isinstance(command, click.Group):
        pieces.append(said(SUBCOMMAND_METAVAR))
    formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=f"{said(USAGE)} ")


def write_text(command: click.Command, formatter: HelpFormatter, said: Translator) -> None:
    """The command's own text."""
    if command.help:
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(said(command.help))


def _spec(param: click.Option, ctx: click.Context, said: Translator) -> str:
    spec = join_options(param.opts)[0]
    if param.is_flag or param.count:
        return spec
    if isinstance(param.type, click.Choice):
        return f"{spec} {param.make_metavar(ctx)}"
    return f"{spec} {said(type_key(param))}"


def _extra(param: click.Option, ctx: click.Context, said: Translator) -> str:
    extra = param.get_help_extra(ctx)
    items = []
    if "default" in extra:
        default = extra["default"]
        if isinstance(param.default, float) and not isinstance(param.default, bool):
            default = number_text(param.default, said.lang)
        items.append(said(DEFAULT).format(default=default))
    if "range" in extra:
        items.append(extra["range"])
    if "required" in extra:
        items.append(said(REQUIRED))
    return f"  [{'; '.join(items)}]" if items else ""


def write_options(command: click.Command, ctx: click.Context, formatter: HelpFormatter,
                  said: Translator) -> None:
    """The options, each with its placeholder, text, default and whether it is required."""
    rows = [(_spec(p, ctx, said), said(option_help(p)) + _extra(p, ctx, said))
            for p in command.get_params(ctx) if isinstance(p, click.Option) and not p.hidden]
    if rows:
        with formatter.section(said(OPTIONS)):
            formatter.write_dl(rows)


def short_help(text: str, limit: int) -> str:
    """The first sentence of ``text``, cut at a word with "..." when it is longer than
    ``limit`` characters (as click shortens an English one)."""
    first = text.split("\n\n", 1)[0]
    end = first.find(". ")
    sentence = first if end < 0 else first[:end + 1]
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit - 3].rsplit(" ", 1)[0]
    return f"{cut.rstrip(',;:')}..."


def write_commands(group: click.Group, ctx: click.Context, formatter: HelpFormatter,
                   said: Translator) -> None:
    """A group's commands, each with the first sentence of its text."""
    commands = [(name, cmd) for name in group.list_commands(ctx)
                if (cmd := group.get_command(ctx, name)) is not None and not cmd.hidden]
    if not commands:
        return
    limit = formatter.width - 6 - max(len(name) for name, _ in commands)
    rows = [(name, short_help(said(cmd.help or ""), limit)) for name, cmd in commands]
    with formatter.section(said(COMMANDS)):
        formatter.write_dl(rows)


def write_help(command: click.Command, ctx: click.Context, formatter: HelpFormatter,
               lang: str) -> None:
    """The whole help page of ``command`` in ``lang``."""
    said = Translator(lang)
    write_usage(command, ctx, formatter, said)
    write_text(command, formatter, said)
    write_options(command, ctx, formatter, said)
    if isinstance(command, click.Group):
        write_commands(command, ctx, formatter, said)


def needed_keys(command: click.Command) -> set[str]:
    """Every English text the help pages of ``command`` and the commands under it show: what
    the catalogue must translate in each language. Read from the commands' declared
    parameters (the ``--help`` option is click's own, added to each)."""
    keys = {USAGE, OPTIONS_METAVAR, OPTIONS, HELP_OPTION}
    ctx = click.Context(command)
    if command.help:
        keys.add(help_key(command.help))
    for param in command.params:
        if isinstance(param, click.Argument):
            keys.add(argument_key(param))
        elif isinstance(param, click.Option) and not param.hidden:
            keys.add(help_key(option_help(param)))
            if not (param.is_flag or param.count or isinstance(param.type, click.Choice)):
                keys.add(type_key(param))
            extra = param.get_help_extra(ctx)
            keys.update(k for k, present in ((DEFAULT, "default" in extra),
                                             (REQUIRED, "required" in extra)) if present)
    if isinstance(command, click.Group):
        keys.update((SUBCOMMAND_METAVAR, COMMANDS))
        for sub in command.commands.values():
            if not sub.hidden:
                keys |= needed_keys(sub)
    return keys
