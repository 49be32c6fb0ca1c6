"""A gate that cannot start says why, once, in the language of ``--lang``, with exit code 2
and no traceback, whether it runs one process or several (``--workers``): a receipt key it
cannot use, a port already taken, a folder it cannot make, an option out of its range."""

from __future__ import annotations

import pickle
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.gate.conftest import free_port
from validator.commands.main import main
from validator.core.catalogue import ui
from validator.core.errors import Said, WordedError
from validator.gate.receipt_key import KEY_FILE, ReceiptKeyError, load_or_create


def _serve(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``validator serve`` as a person starts it, in its own process."""
    return subprocess.run([sys.executable, "-m", "validator", "serve", "--max-checks", "0",
                           *args], capture_output=True, text=True, timeout=120, cwd=cwd)


def _said(lang: str, key: str, **values: str) -> str:
    return ui(lang, "usage.error", message=ui(lang, key, **values))


@pytest.mark.parametrize(("workers", "lang"), [("1", "en"), ("1", "kk"), ("2", "ru")])
def test_a_receipt_key_open_to_others_stops_the_gate(tmp_path: Path, workers: str,
                                                     lang: str) -> None:
    data = tmp_path / "data"
    data.mkdir()
    load_or_create(data)
    (data / KEY_FILE).chmod(0o644)
    done = _serve(tmp_path, "--data", str(data), "--port", str(free_port()),
                  "--workers", workers, "--lang", lang)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    said = _said(lang, "gate.key.exposed", path=str(data / KEY_FILE), mode="0644")
    assert done.stderr.splitlines()[-1] == said
    assert done.stderr.count(said) == 1
    assert f"chmod 600 {data / KEY_FILE}" in said
    if lang != "en":
        assert said != _said("en", "gate.key.exposed", path=str(data / KEY_FILE), mode="0644")


@pytest.mark.parametrize(("workers", "lang"), [("1", "ru"), ("2", "kk")])
def test_a_port_already_taken_stops_the_gate(tmp_path: Path, workers: str, lang: str) -> None:
    """Another program listens on the port (without sharing it): the gate says so and names
    what to do; before, one process ended with uvicorn's English log line and exit code 1,
    several with a Python traceback."""
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = str(busy.getsockname()[1])
        done = _serve(tmp_path, "--data", str(tmp_path / "data"), "--port", port,
                      "--workers", workers, "--lang", lang)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    said = _said(lang, "gate.bind.busy", host="127.0.0.1", port=port)
    assert done.stderr.splitlines()[-1] == said
    assert "--port" in said


def test_a_single_gate_does_not_share_its_port(tmp_path: Path) -> None:
    """A single gate process listens without ``SO_REUSEPORT``: a second gate started on its
    port by mistake is refused, not handed half of the first one's connections."""
    from validator.gate.processes import ServerOptions, bind

    options = ServerOptions("127.0.0.1", free_port())
    first = bind(options, shared=False)
    try:
        with pytest.raises(WordedError) as raised:
            bind(options, shared=True)
        assert raised.value.key == "gate.bind.busy"
    finally:
        first.close()
    with pytest.raises(WordedError) as raised:
        bind(ServerOptions("192.0.2.1", free_port()))  # TEST-NET-1: no address of this machine
    assert raised.value.key == "gate.bind.host"


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stderr


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_serve_options_out_of_range_are_said_in_the_language(tmp_path: Path,
                                                            lang: str) -> None:
    """Values ``serve`` cannot run with are refused before anything starts, in the language
    of --lang: a port outside 1-65535, no time to check in, a file given as the folder."""
    data, a_file = str(tmp_path / "d"), tmp_path / "notes.txt"
    a_file.write_text("x", encoding="utf-8")
    help_line = ui(lang, "usage.help", command="main serve")
    cases = [
        (["--port", "0"], "--port", ui(lang, "usage.integer_range", value="0", min="1",
                                      max="65535")),
        (["--port", "http"], "--port", ui(lang, "usage.integer_range", value="http", min="1",
                                         max="65535")),
        (["--check-timeout", "0"], "--check-timeout", ui(lang, "usage.positive", value="0")),
        (["--lease", "-1"], "--lease", ui(lang, "usage.positive", value="-1")),
        (["--max-files", "0"], "--max-files", ui(lang, "usage.integer_min", value="0",
                                                min="1")),
        (["--max-checks", "-1"], "--max-checks", ui(lang, "usage.integer_min", value="-1",
                                                   min="0")),
    ]
    for extra, param, message in cases:
        code, err = _run("serve", "--data", data, *extra, "--lang", lang)
        said = ui(lang, "usage.error", message=ui(lang, "usage.param", param=param,
                                                  message=message))
        assert (code, err) == (2, f"{said}\n{help_line}\n"), extra
    code, err = _run("serve", "--data", str(a_file), "--lang", lang)
    said = ui(lang, "usage.param", param="--data",
              message=ui(lang, "usage.path_is_file", path=str(a_file)))
    assert (code, err.splitlines()[0]) == (2, ui(lang, "usage.error", message=said))
    assert not (tmp_path / "d").exists(), "nothing is made for a command line refused"


def test_a_gate_folder_that_cannot_be_made_is_said(tmp_path: Path) -> None:
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x", encoding="utf-8")
    folder = a_file / "gate"
    for args in (["bodies", "add", "Отдел", "--data", str(folder), "--lang", "ru"],
                 ["serve", "--data", str(folder), "--lang", "ru"]):
        code, err = _run(*args)
        assert code == 2, args
        assert err == _said("ru", "gate.data_folder", path=str(folder),
                            reason=ui("ru", "output.not_folder")) + "\n"


def test_a_worded_error_crosses_processes_whole() -> None:
    """A gate process sends its supervisor why it did not start: pickled, the error keeps its
    class, key and values (phrases included), so the supervisor says it in its language."""
    sent = ReceiptKeyError("gate.key.unopened", path="/srv/gate/receipt-key.pem",
                           reason=Said("config.os.denied"))
    got = pickle.loads(pickle.dumps(sent))
    assert type(got) is ReceiptKeyError
    assert (got.key, got.said("kk"), str(got)) == (sent.key, sent.said("kk"), str(sent))
    assert "оқуға құқық жоқ" in got.said("kk")


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_a_register_url_of_another_kind_is_refused_without_its_password(tmp_path: Path,
                                                                       lang: str) -> None:
    """``--database mysql://...`` was "internal error: ValueError: database URL must be ..."
    in English; now it is a usage error in the language, and the URL, which may hold a
    password, is not repeated."""
    url = "mysql://clerk:s3cret-pw@db.local/register"
    for command in (["serve"], ["tokens", "list"], ["bodies", "add", "Отдел"]):
        code, err = _run(*command, "--data", str(tmp_path / "d"), "--database", url,
                         "--lang", lang)
        said = ui(lang, "usage.error", message=ui(lang, "usage.param", param="--database",
                                                  message=ui(lang, "usage.database_url")))
        assert (code, err.splitlines()[0]) == (2, said), command
        assert "s3cret" not in err
    assert not (tmp_path / "d").exists()
