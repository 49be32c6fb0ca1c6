"""The commands that show what the checks rest on: the rule catalogue (``validator rules``,
``explain``), the shipped profiles (``profiles``), the regulation's coverage (``coverage``) and
the dates around a meeting (``deadlines``). Added to the main command group."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

import click

from validator.commands.usage import Command, WordedChoice, WordedDate, lang_option
from validator.commands.usage import guarded as _guarded

F = TypeVar("F", bound=Callable[..., Any])


def _profile(text: str) -> Callable[[F], F]:
    return click.option("--profile", default="oskemen-2025", show_default=True, help=text)


def _format(text: str) -> Callable[[F], F]:
    return click.option("--format", "fmt", type=WordedChoice(["text", "json", "markdown"]),
                        default="text", show_default=True, help=text)


@click.command(cls=Command)
@lang_option("Language of the rules' names.")
@_profile("Profile id (see `validator profiles`) or file: its clauses and severities.")
@_format("Format of the list.")
@_guarded
def rules(lang: str, profile: str, fmt: str) -> None:
    """List the rule catalogue: code, name, clause, default severity."""
    from validator.commands.rules_doc import rules_table

    click.echo(rules_table(profile, lang, fmt), nl=False)


@click.command(cls=Command)
@click.argument("code")
@lang_option("Language of the documentation.")
@_profile("Profile id (see `validator profiles`) or file: its thresholds and clauses.")
@_guarded
def explain(code: str, lang: str, profile: str) -> None:
    """Show the documentation of the rule CODE, such as SLD002."""
    from validator.commands.rules_doc import explain_rule

    click.echo(explain_rule(code.upper(), profile, lang), nl=False)


@click.command(cls=Command)
@lang_option("Language of the profiles' titles.")
@_guarded
def profiles(lang: str) -> None:
    """List the regulation profiles shipped in rules/, with their titles in --lang."""
    from validator.commands.rules_doc import profiles_list

    click.echo(profiles_list(lang), nl=False)


@click.command(cls=Command)
@lang_option("Language of the table.")
@_profile("Profile id (see `validator profiles`) or file.")
@_format("Format of the table.")
@_guarded
def coverage(lang: str, profile: str, fmt: str) -> None:
    """List every clause of the profile's regulation and how far the checks judge it."""
    from validator.core.errors import WordedError
    from validator.reports.coverage import render
    from validator.settings.profile import load_profile, resolve_profile_path

    p = load_profile(resolve_profile_path(profile))
    if not p.coverage:
        raise WordedError("profile.no_coverage", id=p.id)
    click.echo(render(p.coverage, p.title, p.id, p.version, lang, fmt), nl=False)


@click.command(cls=Command)
@click.option("--meeting-date", type=WordedDate(), required=True,
              help="Date of the meeting (YYYY-MM-DD).")
@click.option("--extraordinary", is_flag=True,
              help="Extraordinary meeting: materials are due on the meeting day (clause 15).")
@lang_option("Language of the dates' descriptions.")
@_profile("Profile id (see `validator profiles`) or file: its deadlines.")
@_guarded
def deadlines(meeting_date: dt.datetime, extraordinary: bool, lang: str, profile: str) -> None:
    """Print the dates the regulation sets around a meeting (clauses 9, 15, 16, 17)."""
    from validator.commands.deadline import deadline_text

    click.echo(deadline_text(meeting_date.date(), profile, lang, extraordinary), nl=False)


#: The commands of this module, in the order they are added.
COMMANDS = (rules, explain, profiles, coverage, deadlines)
