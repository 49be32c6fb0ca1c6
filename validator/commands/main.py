"""The command line: a thin adapter over ``validator.api`` and the reporters.

Exit codes: 0 nothing at or above the failing level; 1 findings there, and always when a
file was not read, whatever the options (``validator.core.outcome``); 2 usage, configuration (an
unknown rule code is one) or internal error (a message, never a traceback). Heavy libraries
load only inside commands, so ``validator --version`` starts fast.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import click

from validator.commands import receipt as receipt_cli
from validator.commands import reference
from validator.commands.usage import (
    Group,
    WordedChoice,
    WordedDate,
    WordedIntRange,
    WordedPath,
    group_lang,
    lang_option,
    say_error,
)
from validator.commands.usage import fail as _fail
from validator.commands.usage import guarded as _guarded
from validator.core.version import __version__
from validator.gate import cli as gate_cli

FORMATS = ("text", "json", "html", "sarif", "junit", "markdown", "github", "gitlab")


def _split_codes(values: Sequence[str]) -> tuple[str, ...]:
    out: list[str] = []
    for v in values:
        out.extend(c.strip().upper() for c in v.split(",") if c.strip())
    return tuple(out)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="validator",
                      message="%(prog)s %(version)s")
@group_lang
def main(lang: str) -> None:
    """Check packages of akimat meeting materials against the regulation."""
    import logging

    # Parsers log recoverable damage as warnings; the report carries what matters.
    logging.getLogger("pypdf").setLevel(logging.ERROR)


@main.command()
@click.argument("paths", nargs=-1, required=True,
                type=WordedPath(exists=True, path_type=Path))
@click.option("--format", "--output-format", "fmt", type=WordedChoice(FORMATS), default=None,
              help="Report format on stdout (default: text). github: workflow commands "
                   "(annotations); gitlab: Code Quality JSON.")
@click.option("--output", "-o", "outputs", multiple=True, type=click.Path(path_type=Path),
              help="Write the report to FILE instead of stdout; may be given several times "
                   "(one run, every format). The format follows the extension: .txt, .json, "
                   ".html, .sarif (or .sarif.json), .xml (JUnit), .md, .codequality.json "
                   "(GitLab), .github; with one --output, --format overrides it.")
@lang_option("Language of the report's messages.")
@click.option("--profile", default=None, help="Profile id (see `validator profiles`) or file.")
@click.option("--config", "config_file", type=WordedPath(exists=True, dir_okay=False,
              path_type=Path), help="Use this config file instead of searching for one.")
@click.option("--isolated", is_flag=True, help="Ignore all config files.")
@click.option("--select", multiple=True, help="Only these rule codes or prefixes (comma list).")
@click.option("--ignore", multiple=True, help="Skip these rule codes or prefixes (comma list).")
@click.option("--fail-level", type=WordedChoice(["error", "warning", "info"]), default=None,
              help="Exit 1 when a finding is at or above this severity. Without it, "
                   "needs-review findings also fail the run. Files that were not read always "
                   "fail it.")
@click.option("--exit-zero", is_flag=True,
              help="Exit 0 even when there are findings or unread files (the report says so).")
@click.option("--jobs", "-j", type=WordedIntRange(min=1), default=None,
              help="Worker processes that read files in parallel (default: one per core). "
                   "Each file is read in a worker with the profile's time and memory limits.")
@click.option("--no-isolation", is_flag=True,
              help="Debugging only: read files in this process, without the time and memory "
                   "limits of worker processes. Never use it on files from others.")
@click.option("--statistics", is_flag=True,
              help="Also print how many findings each rule had (in JSON: a `statistics` "
                   "object in the report).")
@click.option("--no-cache", is_flag=True, envvar="VALIDATOR_NO_CACHE",
              help="Check every file again; read and write no cache.")
@click.option("--cache-dir", type=WordedPath(file_okay=False, path_type=Path),
              envvar="VALIDATOR_CACHE_DIR", default=None,
              help="Keep the cache here (default: the user's cache directory); never inside a "
                   "checked folder.")
@click.option("--meeting-date", type=WordedDate(), default=None,
              help="Date of the meeting (YYYY-MM-DD): checks the submission deadline (PKG002).")
@click.option("--submitted", type=WordedDate(), default=None,
              help="Date the materials were submitted (else the manifest's; without one, "
                   "today while the meeting is ahead, and no lateness judged after it).")
@click.option("--extraordinary", is_flag=True,
              help="Extraordinary meeting: materials may arrive on the meeting day (clause 15).")
@click.option("--exclude", multiple=True,
              help="Skip folders and zips matching these glob patterns while searching for "
                   "packages (comma list; adds to the config's exclude).")
@_guarded
def check(paths: tuple[Path, ...], fmt: str | None, outputs: tuple[Path, ...], lang: str,
          profile: str | None, config_file: Path | None, isolated: bool,
          select: tuple[str, ...], ignore: tuple[str, ...], fail_level: str | None,
          exit_zero: bool, jobs: int | None, no_isolation: bool, statistics: bool,
          no_cache: bool, cache_dir: Path | None, meeting_date: dt.datetime | None,
          submitted: dt.datetime | None, extraordinary: bool, exclude: tuple[str, ...]) -> None:
    """Check PATHS: a folder, a .zip, a meeting folder of items, or single files."""
    from dataclasses import replace

    from validator.core.clock import check_time
    from validator.core.errors import WordedError

    check_time()  # a bad SOURCE_DATE_EPOCH fails before any reader process starts
    _check_years(meeting_date=meeting_date, submitted=submitted)
    from validator.api import check as run_check
    from validator.checks.base import RunContext
    from validator.commands.progress import TerminalProgress
    from validator.core.findings import Severity
    from validator.core.outcome import exit_code, with_exit_zero_notice
    from validator.reports import format_for, renderer
    from validator.reports.text import colourise
    from validator.settings.codes import check_selection
    from validator.settings.options import Settings, check_codes, discover_config, read_config

    if isolated:
        settings = Settings()
    elif config_file is not None:
        settings = read_config(config_file) or Settings()
    else:
        settings = discover_config(list(paths))
    if select:
        settings = replace(settings, select=check_selection(_split_codes(select), "--select"))
    if ignore:
        settings = replace(settings, ignore=settings.ignore
                           + check_codes(_split_codes(ignore), "--ignore"))
    if fail_level is not None:
        settings = replace(settings, fail_level=Severity.parse(fail_level))
    if exclude:
        settings = replace(settings, exclude=settings.exclude + tuple(
            p.strip() for v in exclude for p in v.split(",") if p.strip()))
    if extraordinary and meeting_date is None:
        _fail(WordedError("usage.extraordinary"))
    context = RunContext(
        meeting_date=meeting_date.date() if meeting_date else None,
        submitted=submitted.date() if submitted else None,
        extraordinary=extraordinary,
    )
    targets: list[tuple[Path, str]] = []
    for out in outputs:
        out_fmt = (fmt if fmt and len(outputs) == 1 else None) or format_for(out.name)
        if out_fmt is None:
            _fail(WordedError("usage.output_format", path=str(out)))
            return
        targets.append((out, out_fmt))
    cache: bool | Path = False if no_cache else (cache_dir or True)
    with TerminalProgress(lang) as progress:
        report = run_check(list(paths), profile=profile, settings=settings, cache=cache,
                           progress=progress, jobs=jobs, isolate=not no_isolation,
                           context=context, fork_readers=True)  # this process starts no thread

    def rendered(name: str) -> str:
        if statistics and name == "json":
            from validator.reports.statistics import render_json

            return render_json(report, lang)
        return renderer(name)(report, lang)

    code = exit_code(report, settings.fail_level)
    if exit_zero and code != 0:  # the report says that the exit code does not tell
        report = with_exit_zero_notice(report)
        code = 0
    errors: list[str | Exception] = [e for out, out_fmt in targets
                                     if (e := _write_report(out, out_fmt, rendered)) is not None]
    stdout_fmt = fmt or "text"
    try:
        if not outputs:
            try:
                text = rendered(stdout_fmt)
            except Exception as exc:  # the report of what was checked is still shown (stderr)
                errors.append(f"internal error writing the {stdout_fmt} report: "
                              f"{type(exc).__name__}: {exc}")
                click.echo(renderer("text")(report, lang), nl=False, err=True)
            else:
                if stdout_fmt == "text" and sys.stdout.isatty():
                    text = colourise(text)
                click.echo(text, nl=False)
        if statistics and (outputs or stdout_fmt != "json"):
            from validator.reports.statistics import render as render_statistics

            to_stderr = not outputs and stdout_fmt != "text"
            click.echo(render_statistics(report, lang), nl=False, err=to_stderr)
        sys.stdout.flush()
    except BrokenPipeError:
        _closed_pipe(code)
    if errors:  # a fault of the toolkit or the output place: 2, after every report it could
        for problem in errors[:-1]:
            say_error(problem)
        _fail(errors[-1])
    sys.exit(code)


def _check_years(**dates: dt.datetime | None) -> None:
    """A date given on the command line outside the years the calendar answers for is a usage
    error, said before anything is read (a manifest's such date is a finding: needs review)."""
    from validator.calendar.workdays import check_year
    from validator.core.errors import WordedError

    for name, value in dates.items():
        if value is None:
            continue
        try:
            check_year(value.date())
        except WordedError as exc:
            _fail(WordedError("usage.param", param="--" + name.replace("_", "-"),
                              message=exc.phrase))


def _write_report(out: Path, out_fmt: str,
                  rendered: Callable[[str], str]) -> str | Exception | None:
    """Write one ``--output``; return why it failed (the other reports are written anyway):
    a place that cannot be written is said in the user's language, a fault of a reporter in
    English."""
    from validator.core.errors import Said, WordedError, os_cause

    try:
        text = rendered(out_fmt)
    except Exception as exc:  # a bug in one reporter must not cost the others
        return f"internal error writing the {out_fmt} report: {type(exc).__name__}: {exc}"
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        return WordedError("usage.cannot_write", path=str(out),
                           reason=Said(f"output.{os_cause(exc)}"),
                           detail=exc.strerror or type(exc).__name__)
    return None


def _closed_pipe(code: int) -> None:
    """The reader of stdout went away (``validator check ... | head``): stop quietly with the
    verdict's exit code, as other command-line tools do. Stdout is pointed at the null device,
    so that flushing it at exit does not fail a second time."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(code)


@main.command()
@click.argument("paths", nargs=-1, required=True,
                type=WordedPath(exists=True, path_type=Path))
@click.option("--output", "-o", "output", type=click.Path(path_type=Path), default=None,
              help="Folder for the corrected copies (new or empty; never inside PATHS).")
@click.option("--diff", is_flag=True, help="Only say what would change; write nothing.")
@click.option("--unsafe-fixes", is_flag=True,
              help="Also make the fixes that change how a document looks beyond the finding: "
                   "slide size (SLD001), shrink removed (SLD005), chart text raised "
                   "(SLD002), tracked changes accepted (DOC003), macros removed (SEC002).")
@click.option("--convert-legacy", is_flag=True,
              help="Save .ppt .doc .rtf .odt .odp as .pptx/.docx through LibreOffice (where it "
                   "is installed), then fix them like any other file.")
@click.option("--format", "fmt", type=WordedChoice(["text", "json"]), default="text",
              show_default=True, help="Format of what is said on stdout: the changes made "
                                      "and the check of the copies.")
@lang_option("Language of the changes listed and of the check's report.")
@click.option("--profile", default=None, help="Profile id (see `validator profiles`) or file.")
@click.option("--no-isolation", is_flag=True, help="Debugging only: read files in this process.")
@_guarded
def fix(paths: tuple[Path, ...], output: Path | None, diff: bool, unsafe_fixes: bool,
        convert_legacy: bool, fmt: str, lang: str, profile: str | None,
        no_isolation: bool) -> None:
    """Write corrected copies of PATHS into --output, then check the copies.

    The input is never modified. Exit code: what `validator check` gives on the copies (with
    --diff: 1 when something would change, 0 otherwise).
    """
    from validator.api import _profile
    from validator.api import check as run_check
    from validator.core.errors import WordedError
    from validator.core.outcome import exit_code
    from validator.fix.run import fix_paths
    from validator.reports.fixes import render_json, render_text
    from validator.settings.options import discover_config

    if output is None and not diff:
        _fail(WordedError("usage.fix_output"))
    from contextlib import ExitStack

    from validator.fix.refusal import refuse_output
    from validator.fix.run import libreoffice_converter
    from validator.paging import PageCounter

    if output is not None and not diff:  # before anything is checked or written
        refuse_output(list(paths), output)
    settings = discover_config(list(paths))
    loaded, settings = _profile(profile, settings)
    with ExitStack() as stack:
        convert = (libreoffice_converter(stack.enter_context(PageCounter()))
                   if convert_legacy else None)
        result = fix_paths(list(paths), None if diff else output, loaded,
                           lambda items, shown: run_check(items, profile=loaded,
                                                          settings=settings,
                                                          isolate=not no_isolation,
                                                          shown_as=shown, fork_readers=True),
                           unsafe=unsafe_fixes, convert=convert)
    text = render_json(result, lang) if fmt == "json" else render_text(result, lang)
    click.echo(text, nl=False)
    if result.report is None:
        sys.exit(1 if any(f.records for f in result.fixes) else 0)
    sys.exit(exit_code(result.report, settings.fail_level))


@main.command()
@lang_option("Language of the report's messages.")
@click.option("--format", "fmt", type=WordedChoice(FORMATS), default="text", show_default=True,
              help="Report format on stdout.")
@click.option("--profile", default=None, help="Profile id or file (default: the config's).")
@_guarded
def hook(lang: str, fmt: str, profile: str | None) -> None:
    """Check the packages the staged changes touch, as committed (the pre-commit hook)."""
    from validator.commands.hook import run_hook

    text, code = run_hook(Path.cwd(), lang=lang, fmt=fmt, profile=profile)
    click.echo(text, nl=False)
    sys.exit(code)


for command in reference.COMMANDS:
    main.add_command(command)
# The intake gate's commands; their modules import the web stack only when they run.
main.add_command(gate_cli.serve)
main.add_command(gate_cli.tokens)
main.add_command(receipt_cli.receipt)
main.add_command(gate_cli.bodies)
