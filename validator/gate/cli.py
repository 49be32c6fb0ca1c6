"""``validator serve``, ``validator tokens`` and ``validator bodies``: the gate's commands
(added to the main CLI). The commands that manage tokens and bodies say what they did, and
what is wrong, in the language of ``--lang``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from validator.commands.usage import (
    Command,
    SubGroup,
    WordedChoice,
    WordedIntRange,
    WordedParameter,
    WordedPath,
    WordedPositive,
    current_lang,
    fail,
    group_lang,
    guarded,
    lang_option,
)
from validator.core.catalogue import ui
from validator.core.errors import Said, WordedError, os_cause

#: The gate's folder (made when missing); a file there is refused in the language of --lang.
_FOLDER = WordedPath(file_okay=False, path_type=Path)
_data = click.option("--data", required=True, type=_FOLDER,
                     help="The gate's folder, as given to `validator serve --data`.")


class _RegisterUrl(click.ParamType):  # type: ignore[type-arg]
    """A register's URL (``postgresql://``, ``postgres://`` or ``sqlite:///PATH``); anything
    else is refused in the language of --lang, without repeating the URL (it may hold a
    password)."""

    name = "text"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        from validator.gate.database import is_register_url

        text = str(value)
        if is_register_url(text):
            return text
        raise WordedParameter("not a register URL (postgresql://... or sqlite:///PATH)", ctx,
                              param, "usage.database_url")


_URL = _RegisterUrl()
#: The register the administration commands work on.
_database = click.option("--database", default=None, type=_URL,
                         help="Register URL (default: SQLite in --data).")
#: The language of a command's messages (the register's data is printed as it is).
_lang = lang_option("Language of the command's messages.")


@click.command(cls=Command)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0: every interface).")
@click.option("--port", default=8080, show_default=True, type=WordedIntRange(1, 65535),
              help="Port to listen on.")
@click.option("--data", required=True, type=_FOLDER,
              help="Folder for the register (SQLite), the file store and the session key.")
@click.option("--database", default=None, type=_URL,
              help="Register URL instead of SQLite in --data, e.g. postgresql://host/db.")
@click.option("--profile", default=None, help="Profile id or file (default: the shipped one).")
@click.option("--max-request-mb", default=64, show_default=True, type=WordedIntRange(1),
              help="Largest package accepted, in MB (413 above it).")
@click.option("--max-files", default=50, show_default=True, type=WordedIntRange(1),
              help="Most files in one package.")
@click.option("--max-checks", default=None, type=WordedIntRange(0),
              help="Checks this process runs at once (default: one fewer than the CPUs, at "
                   "least 1; 0: it only receives, other gate processes check).")
@click.option("--max-queue", default=1000, show_default=True, type=WordedIntRange(1),
              help="Packages waiting for or in a check; beyond that a submission gets 503.")
@click.option("--check-timeout", default=120.0, show_default=True, type=WordedPositive(),
              help="Seconds one package's check may take.")
@click.option("--lease", default=60.0, show_default=True, type=WordedPositive(),
              help="Seconds a check stays with a worker that stopped renewing it (a killed "
                   "process) before another worker takes it.")
@click.option("--precheck-keep-hours", default=24.0, show_default=True, type=WordedPositive(),
              help="Hours a check without submitting is kept for its body, then deleted.")
@click.option("--threads", default=4, show_default=True, type=WordedIntRange(1, 256),
              help="Worker threads of each gate process for requests' work on the register "
                   "and the store; a burst's requests take turns on them.")
@click.option("--workers", default=1, show_default=True, type=WordedIntRange(1, 64),
              help="Gate processes serving the port (one receives on one CPU "
                   "at most); the first runs the checks, the others only receive.")
@lang_option("Language of this help and of the command line's errors (the gate's pages "
             "take each visitor's language).")
@guarded
def serve(host: str, port: int, data: Path, database: str | None, profile: str | None,
          max_request_mb: int, max_files: int, max_checks: int | None,
          max_queue: int, check_timeout: float, lease: float,
          precheck_keep_hours: float, threads: int, workers: int, lang: str) -> None:
    """Start the intake gate (web pages and /api/v1/)."""
    from validator.gate.app import create_app
    from validator.gate.config import GateConfig, default_checks
    from validator.gate.service import clean_temporary

    data = data.resolve()  # checking processes work in folders of their own
    config = GateConfig(data=data, database=database, profile=profile,
                        max_request_bytes=max_request_mb << 20, max_files=max_files,
                        max_checks=default_checks() if max_checks is None else max_checks,
                        max_queue=max_queue, check_timeout=check_timeout, lease_seconds=lease,
                        precheck_keep_hours=precheck_keep_hours, threads=threads)
    _folder(data)
    # A shared register means other processes may be mid-request in this folder.
    clean_temporary(data, older_than=0.0 if database is None else check_timeout * 4 + 600)
    if workers > 1:
        from validator.gate.processes import ServerOptions, Supervisor

        if Supervisor(config, ServerOptions(host, port), workers).run():
            fail(WordedError("gate.not_started"))
        return
    from validator.gate.processes import ServerOptions, bind, keep_startup_heap, serve_on

    options = ServerOptions(host, port)
    app = create_app(config)  # a receipt key it cannot use is a WordedError: it does not start
    keep_startup_heap()
    serve_on(app, bind(options, shared=False), options)  # a port taken: a WordedError too


@click.group(cls=SubGroup)
@group_lang
def tokens(lang: str) -> None:
    """Manage access tokens."""


@tokens.command("add")
@_data
@_database
@click.option("--body", required=True,
              help="The registered body (name or id, see `validator bodies add`) it belongs to.")
@click.option("--role", required=True, type=WordedChoice(["submitter", "apparatus"]),
              help="submitter: a body's officer who sends its packages; apparatus: the akimat's "
                   "staff who receive them.")
@_lang
@guarded
def tokens_add(data: Path, database: str | None, body: str, role: str, lang: str) -> None:
    """Create a token and print it (it is stored hashed and cannot be shown again)."""
    from validator.gate.agenda import find_body
    from validator.gate.auth import new_token

    register = _register(data, database)
    if find_body(register, body) is None:  # a typo never makes a second body
        fail(WordedError("gate.no_body", body=body.strip()))
    click.echo(new_token(register, body, role))


def _register(data: Path, database: str | None) -> Any:
    from validator.gate.register import Register

    _folder(data)
    from validator.gate.database import is_postgres

    if database and is_postgres(database):
        _reach(database)
    register = Register(database) if database else Register.in_folder(data)
    click.get_current_context().call_on_close(register.close)
    register.create()
    return register


def _folder(data: Path) -> None:
    """Make the gate's folder and its parents when missing; said in the language of --lang
    when it cannot be made (a read-only or missing mount, no permission)."""
    try:
        data.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(WordedError("gate.data_folder", path=str(data),
                         reason=Said(f"output.{os_cause(exc)}")))


def _reach(url: str) -> None:
    """Connect once to a PostgreSQL register before its pool is made, so that a command run
    by hand says at once (within 10 s) that the register cannot be reached, in the language
    of --lang, instead of the pool retrying for a minute. The URL is not repeated: it may hold
    a password."""
    try:
        import psycopg
    except ImportError:
        fail(WordedError("gate.database_driver"))
    try:
        psycopg.connect(url, connect_timeout=10).close()
    except (psycopg.Error, ValueError) as exc:
        detail = " ".join(str(exc).split())
        fail(WordedError("gate.database", detail=detail))


@tokens.command("list")
@_data
@_database
@_lang
@guarded
def tokens_list(data: Path, database: str | None, lang: str) -> None:
    """List tokens: id, role, body, creation time (never the secrets)."""
    for row in _register(data, database).tokens():
        click.echo(f"{row.token_id}\t{row.role}\t{row.body}\t{row.created_at}")


@tokens.command("revoke")
@click.argument("token_id")
@_data
@_database
@_lang
@guarded
def tokens_revoke(token_id: str, data: Path, database: str | None, lang: str) -> None:
    """Revoke a token by its id (the part before the dot); its sessions end too."""
    if not _register(data, database).revoke_token(token_id):
        fail(WordedError("gate.no_token", id=token_id))
    click.echo(ui(current_lang(), "gate.revoked", id=token_id))


@click.group(cls=SubGroup)
@group_lang
def bodies(lang: str) -> None:
    """Manage the submitting bodies (a token belongs to one)."""


@bodies.command("add")
@click.argument("name")
@_data
@_database
@_lang
@guarded
def bodies_add(name: str, data: Path, database: str | None, lang: str) -> None:
    """Register a body by its NAME; print its id and name."""
    from validator.gate.agenda import add_body
    from validator.gate.intake import IntakeError

    try:
        body = add_body(_register(data, database), name)
    except IntakeError as exc:
        fail(WordedError("gate.body_exists" if exc.status == 409 else "gate.body_name",
                         name=name))
    click.echo(f"{body.id}\t{body.name}")


@bodies.command("list")
@_data
@_database
@_lang
@guarded
def bodies_list(data: Path, database: str | None, lang: str) -> None:
    """List bodies: id, name, creation time."""
    from validator.gate.agenda import bodies as all_bodies

    for body in all_bodies(_register(data, database)):
        click.echo(f"{body.id}\t{body.name}\t{body.created_at}")
