"""Usage errors in the user's language: the toolkit's own and those of its paths and dates.

A person who runs ``validator check ... --lang kk`` reads every message of the run in Kazakh,
the message that stops it too. The language is read from the command line itself before
click parses it (``--lang`` may come after the option that fails), and every usage error the
toolkit knows the cause of is said in it: an unknown rule code, profile or rule
(``WordedError``), a path that does not exist, a date that is not a date, a missing argument,
a value outside a list of choices or below a minimum, an unknown option or command (with the
nearest known one), an option without its value or with a value it does not take, arguments
left over. The English texts stay click's and the toolkit's own, so English output does not
change. Exit code 2 in every language.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Callable, Sequence
from typing import IO, Any, NoReturn, TypeVar

import click
from click.core import ParameterSource

from validator.core.catalogue import LANGS, ui
from validator.core.errors import WordedError

#: Where the language of the command line is kept (``click.Context.meta`` is shared by a
#: command's context and its group's).
LANG_KEY = "validator.lang"
_DATE_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}")
F = TypeVar("F", bound=Callable[..., Any])


def argv_lang(args: Sequence[str]) -> str:
    """The language ``--lang`` names anywhere in ``args`` (the last one wins, as click's does;
    ``en`` when there is none or it is not a known language)."""
    lang = "en"
    items = list(args)
    for i, arg in enumerate(items):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and i + 1 < len(items):
            value = items[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value in LANGS:
            lang = value
    return lang


def ctx_lang(ctx: click.Context) -> str:
    """The language ``Group`` read from the command line of ``ctx`` (``en`` when none)."""
    return str(ctx.meta.get(LANG_KEY, "en"))


def current_lang() -> str:
    """The language of the running command line (``en`` outside one)."""
    ctx = click.get_current_context(silent=True)
    return ctx_lang(ctx) if ctx is not None else "en"


def say_error(problem: str | Exception) -> None:
    """Print the toolkit's own error on stderr. A ``WordedError`` is said in the command
    line's language; any other message (a fault of the toolkit) is English as it is."""
    lang = current_lang()
    if isinstance(problem, WordedError):
        message = ui(lang, "usage.error", message=problem.said(lang))
    else:
        message = ui("en", "usage.error", message=str(problem))
    click.echo(message, err=True)


def fail(problem: str | Exception) -> NoReturn:
    """Print the toolkit's own usage or configuration error (``say_error``) and exit 2."""
    say_error(problem)
    sys.exit(2)


def guarded(fn: F) -> F:
    """Turn configuration and unexpected errors into exit code 2 with a one-line message
    (a ``WordedError`` in the command line's language), never a traceback."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from validator.core.errors import ConfigError

        try:
            return fn(*args, **kwargs)
        except ConfigError as exc:
            fail(exc)
        except FileNotFoundError as exc:
            fail(str(exc))
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as exc:  # last resort: a message, not a traceback
            fail(f"internal error: {type(exc).__name__}: {exc}")
        return None

    return wrapper  # type: ignore[return-value]


class WordedParameter(click.BadParameter):
    """A bad value of a parameter, with the catalogue key (``usage.*``) that says it in any
    language; its message stays the English one click would show."""

    def __init__(self, message: str, ctx: click.Context | None, param: click.Parameter | None,
                 key: str, **values: str) -> None:
        super().__init__(message, ctx=ctx, param=param)
        self.key = key
        self.values = values


class WordedPath(click.Path):
    """``click.Path`` whose failures name their cause for every language."""

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as exc:
            raise WordedParameter(exc.message, ctx, param, self._why(value),
                                  path=os.fsdecode(value)) from None

    def _why(self, value: Any) -> str:
        try:
            mode = os.stat(value).st_mode
        except (FileNotFoundError, NotADirectoryError):
            return "usage.path_missing"
        except OSError:
            return "usage.path_unreadable"
        if stat.S_ISDIR(mode) and not self.dir_okay:
            return "usage.path_is_folder"
        if not stat.S_ISDIR(mode) and not self.file_okay:
            return "usage.path_is_file"
        return "usage.path_unreadable"


class WordedDate(click.DateTime):
    """A date as ``YYYY-MM-DD``. A value of that shape that is not a day of the calendar
    (``2026-02-30``) says so, rather than that it does not match the format."""

    def __init__(self) -> None:
        super().__init__(["%Y-%m-%d"])

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as exc:
            text = str(value)
            if _DATE_SHAPE.fullmatch(text):
                raise WordedParameter(ui("en", "usage.date_calendar", value=text), ctx, param,
                                      "usage.date_calendar", value=text) from None
            raise WordedParameter(exc.message, ctx, param, "usage.date_format",
                                  value=text) from None


class WordedIntRange(click.IntRange):
    """``click.IntRange`` with a minimum (and perhaps a maximum), whose failure can be said
    in every language."""

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as exc:
            if self.max is None:
                raise WordedParameter(exc.message, ctx, param, "usage.integer_min",
                                      value=str(value), min=str(self.min)) from None
            raise WordedParameter(exc.message, ctx, param, "usage.integer_range",
                                  value=str(value), min=str(self.min),
                                  max=str(self.max)) from None


class WordedPositive(click.FloatRange):
    """A number of seconds or hours greater than 0, whose failure can be said in every
    language."""

    def __init__(self) -> None:
        super().__init__(min=0, min_open=True)

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as exc:
            raise WordedParameter(exc.message, ctx, param, "usage.positive",
                                  value=str(value)) from None


class WordedChoice(click.Choice):  # type: ignore[type-arg]
    """``click.Choice`` whose failure can be said in every language."""

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as exc:
            raise WordedParameter(exc.message, ctx, param, "usage.choice", value=str(value),
                                  choices=", ".join(map(str, self.choices))) from None


#: The values of every command's ``--lang``.
LANG_CHOICE = WordedChoice(list(LANGS))


def lang_option(text: str) -> Callable[[F], F]:
    """The ``--lang`` option of a command or group (kk, ru or en; en by default); ``text`` says
    what it sets the language of."""
    return click.option("--lang", type=LANG_CHOICE, default="en", show_default=True, help=text)


def _name(param: click.Parameter | None) -> str:
    """How the user wrote the parameter: its first option name, or an argument's name."""
    if param is None:
        return ""
    if isinstance(param, click.Option) and param.opts:
        return param.opts[0]
    return param.human_readable_name


class ExtraArguments(click.UsageError):
    """Arguments left over after a command took what it needs (click's "Got unexpected extra
    argument"), with the arguments, so that every language can name them."""

    def __init__(self, extra: Sequence[str], ctx: click.Context) -> None:
        super().__init__(f"Got unexpected extra argument{'s' if len(extra) > 1 else ''} "
                         f"({' '.join(extra)})", ctx)
        self.extra = tuple(extra)


def _option(command: click.Command | None, name: str) -> click.Option | None:
    """The option spelt ``name`` of ``command`` (the one whose parser failed)."""
    for param in getattr(command, "params", ()):
        if isinstance(param, click.Option) and name in (*param.opts, *param.secondary_opts):
            return param
    return None


def _unknown(lang: str, key: str, name: str, close: Sequence[str] | None) -> str:
    if close:
        return ui(lang, f"{key}.close", name=name, close=close[0])
    return ui(lang, key, name=name)


def worded(exc: click.UsageError, lang: str) -> str | None:
    """``exc`` in ``lang``, or None when the toolkit does not know what it says."""
    if isinstance(exc, click.NoSuchOption):
        return _unknown(lang, "usage.unknown_option", exc.option_name, exc.possibilities)
    no_such_command = getattr(click.exceptions, "NoSuchCommand", None)  # click 8.4 and later
    if no_such_command is not None and isinstance(exc, no_such_command):
        return _unknown(lang, "usage.unknown_command", exc.command_name, exc.possibilities)
    if isinstance(exc, click.BadOptionUsage):
        option = _option(exc.ctx.command if exc.ctx else None, exc.option_name)
        if option is None:
            return None
        takes_none = option.is_flag or option.count
        return ui(lang, "usage.takes_no_value" if takes_none else "usage.needs_value",
                  param=exc.option_name)
    if isinstance(exc, ExtraArguments):
        return ui(lang, "usage.extra_args", args=" ".join(exc.extra))
    if isinstance(exc, WordedParameter):
        message = ui(lang, exc.key, **exc.values)
        if isinstance(exc.param, click.Argument):  # the message names the value itself
            return message
        return ui(lang, "usage.param", param=_name(exc.param), message=message)
    if isinstance(exc, click.MissingParameter):
        if isinstance(exc.param, click.Argument) and exc.param.name == "paths":
            return ui(lang, "usage.missing_paths")
        if exc.param is not None:
            return ui(lang, "usage.missing", param=_name(exc.param))
    return None


class SaidUsageError(click.UsageError):
    """A usage error shown in the user's language: the message, then where help is."""

    def __init__(self, message: str, ctx: click.Context | None, lang: str) -> None:
        super().__init__(message, ctx)
        self.lang = lang

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(ui(self.lang, "usage.error", message=self.message), err=True, file=file)
        if self.ctx is not None:
            click.echo(ui(self.lang, "usage.help", command=self.ctx.command_path), err=True,
                       file=file)


class _SaidHelp(click.Command):
    """A command whose ``--help`` is written in the command line's language
    (``commands.helptext``); in English as click writes it."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        lang = ctx_lang(ctx)
        if lang == "en":
            super().format_help(ctx, formatter)
            return
        from validator.commands.helptext import write_help

        write_help(self, ctx, formatter, lang)


class Command(_SaidHelp):
    """A command of the toolkit: arguments left over are an ``ExtraArguments`` error, which
    every language can name (click's own is a sentence in English), an error of its option
    parser names this command's help, and its help is said in the command line's language."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        allowed = ctx.allow_extra_args
        ctx.allow_extra_args = True
        try:
            rest = super().parse_args(ctx, args)
        except click.UsageError as exc:
            if exc.ctx is None:  # the option parser's errors: the help named is this command's
                exc.ctx = ctx
            raise
        finally:
            ctx.allow_extra_args = allowed
        if rest and not allowed and not ctx.resilient_parsing:
            raise ExtraArguments(rest, ctx)
        return rest


class SubGroup(_SaidHelp, click.Group):
    """A group of the toolkit's commands under the main one (``tokens``, ``bodies``,
    ``receipt``): its commands are ``Command`` too, its own parser's errors are said as theirs
    are, and so is its help. A ``--lang`` given to the group (``group_lang``) is the default of
    every ``--lang`` under it."""

    command_class = Command

    def invoke(self, ctx: click.Context) -> Any:
        if ctx.get_parameter_source("lang") is ParameterSource.COMMANDLINE:
            ctx.default_map = {**(ctx.default_map or {}),
                               **lang_defaults(self, str(ctx.params["lang"]))}
        return super().invoke(ctx)


def lang_defaults(group: click.Group, lang: str) -> dict[str, Any]:
    """The defaults (``click.Context.default_map``) that make ``lang`` the ``--lang`` of every
    command under ``group``; a command without ``--lang`` ignores its own."""
    out: dict[str, Any] = {}
    for name, command in group.commands.items():
        entry: dict[str, Any] = {"lang": lang}
        if isinstance(command, click.Group):
            entry.update(lang_defaults(command, lang))
        out[name] = entry
    return out


#: A group's ``--lang``: the language of its help and errors, and of the commands under it.
group_lang = lang_option("Language of this help, of the command line's errors and of the "
                         "commands' messages (the default of their --lang).")


def _said(exc: click.UsageError, ctx: click.Context) -> click.UsageError:
    """``exc`` as the command line's language says it (itself in English, or when the
    toolkit does not know what it says)."""
    lang = ctx_lang(ctx)
    message = None if lang == "en" else worded(exc, lang)
    return exc if message is None else SaidUsageError(message, exc.ctx or ctx, lang)


class Group(SubGroup):
    """The toolkit's command group: remembers the language of the command line before
    parsing it, and says the usage errors it knows in that language (English as click says
    them), its own parser's included. Its commands are ``Command``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta[LANG_KEY] = argv_lang(args)
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            raise _said(exc, ctx) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            raise _said(exc, ctx) from None
