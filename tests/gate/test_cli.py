"""``validator tokens add|list|revoke`` and what revocation does to a session; the
defaults ``validator serve`` starts the gate with."""

from __future__ import annotations

import os
from pathlib import Path

import anyio.to_thread
import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

import validator.gate.app
import validator.gate.processes
from validator.commands.main import main
from validator.gate.app import create_app
from validator.gate.config import GateConfig, default_checks


def test_tokens_add_list_revoke(tmp_path: Path) -> None:
    data = tmp_path / "data"
    runner = CliRunner()
    assert runner.invoke(main, ["bodies", "add", "Отдел дорог", "--data", str(data)]
                         ).exit_code == 0
    added = runner.invoke(main, ["tokens", "add", "--data", str(data), "--body",
                                 "Отдел дорог", "--role", "submitter"])
    assert added.exit_code == 0, added.output
    token = added.output.strip()
    token_id, secret = token.split(".")
    assert len(token_id) == 16 and len(secret) >= 43
    listed = runner.invoke(main, ["tokens", "list", "--data", str(data)])
    assert listed.output.startswith(f"{token_id}\tsubmitter\tОтдел дорог\t")
    assert secret not in listed.output
    bad_role = runner.invoke(main, ["tokens", "add", "--data", str(data), "--body", "x",
                                    "--role", "admin"])
    assert bad_role.exit_code == 2

    config = GateConfig(data=data)
    with TestClient(create_app(config), base_url="http://127.0.0.1") as client:
        client.post("/login", data={"token": token})
        assert client.get("/submit").status_code == 200
        revoked = runner.invoke(main, ["tokens", "revoke", token_id, "--data", str(data)])
        assert revoked.exit_code == 0 and revoked.output.strip() == f"revoked {token_id}"
        # the session ends with its token, and so does the bearer token
        assert client.get("/submit", follow_redirects=False).status_code == 303
        assert client.get("/api/v1/submissions",
                          headers={"Authorization": f"Bearer {token}"}).status_code == 401
    again = runner.invoke(main, ["tokens", "revoke", token_id, "--data", str(data)])
    assert again.exit_code == 2


@pytest.mark.parametrize(("lang", "said"), [
    ("ru", {"exists": "validator: ошибка: орган с таким названием уже зарегистрирован: «Отдел "
                      "дорог»",
            "no_body": "validator: ошибка: орган «Отдел дорок» не зарегистрирован; сначала "
                       "добавьте его: validator bodies add НАЗВАНИЕ",
            "no_token": "validator: ошибка: токена с идентификатором abc нет; идентификаторы "
                        "токенов выводит validator tokens list",
            "revoked": "токен {id} отозван, его сеансы завершены"}),
    ("kk", {"exists": "validator: қате: мұндай атаулы орган тіркеліп қойған: «Отдел дорог»",
            "no_body": "validator: қате: «Отдел дорок» органы тіркелмеген; алдымен оны қосыңыз: "
                       "validator bodies add АТАУЫ",
            "no_token": "validator: қате: abc идентификаторы бар токен жоқ; токен "
                        "идентификаторларын validator tokens list шығарады",
            "revoked": "{id} токені кері қайтарылды, оның сеанстары аяқталды"}),
    ("en", {"exists": "validator: error: a body with this name is already registered: "
                      "'Отдел дорог'",
            "no_body": "validator: error: no body named 'Отдел дорок' is registered; add it "
                       "first with: validator bodies add NAME",
            "no_token": "validator: error: no token with id abc",
            "revoked": "revoked {id}"}),
])
def test_tokens_and_bodies_speak_the_language(tmp_path: Path, lang: str,
                                              said: dict[str, str]) -> None:
    data = str(tmp_path / "data")
    runner = CliRunner()

    def run(*args: str) -> tuple[int, str, str]:
        done = runner.invoke(main, [*args, "--data", data, "--lang", lang])
        return done.exit_code, done.stdout.strip(), done.stderr.strip()

    assert run("bodies", "add", "Отдел дорог")[0] == 0
    assert run("bodies", "add", "Отдел дорог") == (2, "", said["exists"])
    assert run("tokens", "add", "--body", "Отдел дорок", "--role", "submitter") == (
        2, "", said["no_body"])
    code, token, _ = run("tokens", "add", "--body", "Отдел дорог", "--role", "submitter")
    assert code == 0
    assert run("tokens", "revoke", "abc") == (2, "", said["no_token"])
    token_id = token.split(".")[0]
    assert run("tokens", "revoke", token_id) == (0, said["revoked"].format(id=token_id), "")


def _served_configs(monkeypatch: pytest.MonkeyPatch) -> list[GateConfig]:
    """The settings each ``validator serve`` of the test would start a gate with (the
    server itself is not started)."""
    seen: list[GateConfig] = []
    monkeypatch.setattr(validator.gate.app, "create_app", lambda config: seen.append(config))
    monkeypatch.setattr(validator.gate.processes, "bind", lambda options, shared=True: None)
    monkeypatch.setattr(validator.gate.processes, "serve_on", lambda app, sock, options: None)
    # the test run's own heap stays collectable
    monkeypatch.setattr(validator.gate.processes, "keep_startup_heap", lambda: None)
    return seen


def test_serve_leaves_one_core_to_receiving(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Unless told, the gate checks on one core fewer than the machine has (at least one),
    so receipts keep a core on deadline day; ``--max-checks`` still decides when given."""
    for cpus, expected in ((None, 1), (1, 1), (2, 1), (4, 3), (8, 7)):
        monkeypatch.setattr(os, "cpu_count", lambda n=cpus: n)
        assert default_checks() == expected
    seen = _served_configs(monkeypatch)
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    for extra, expected in (([], 3), (["--max-checks", "4"], 4), (["--max-checks", "0"], 0)):
        result = CliRunner().invoke(main, ["serve", "--data", str(tmp_path / "d"), *extra])
        assert result.exit_code == 0, result.output
        assert seen[-1].max_checks == expected


def test_serve_threads_size_the_pool_requests_take_turns_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``--threads`` (default 4) reaches the running gate: its event loop's thread pool,
    which every request's work on the register and the store goes through, has that many
    threads rather than anyio's forty; 0 is refused."""
    seen = _served_configs(monkeypatch)
    for extra, expected in (([], 4), (["--threads", "2"], 2)):
        result = CliRunner().invoke(main, ["serve", "--data", str(tmp_path / "d"), *extra])
        assert result.exit_code == 0, result.output
        assert seen[-1].threads == expected
    refused = CliRunner().invoke(main, ["serve", "--data", str(tmp_path / "d"),
                                        "--threads", "0"])
    assert refused.exit_code == 2 and "--threads" in refused.output

    def pool_size() -> float:
        return anyio.to_thread.current_default_thread_limiter().total_tokens

    for threads in (4, 3):
        config = GateConfig(data=tmp_path / f"data{threads}", threads=threads)
        with TestClient(create_app(config), base_url="http://127.0.0.1") as client:
            assert client.portal is not None
            assert client.portal.call(pool_size) == threads
            assert client.get("/api/v1/health").status_code == 200


@pytest.mark.parametrize(("lang", "said"), [
    ("ru", "validator: ошибка: {path}: ошибка синтаксиса TOML в строке 1, столбце 9; проверьте "
           "кавычки, скобки и знаки «=»"),
    ("en", "validator: error: {path}: not valid TOML: Expected ']' at the end of a table "
           "declaration (at line 1, column 9)"),
])
def test_serve_with_a_broken_profile_says_why_and_does_not_start(tmp_path: Path, lang: str,
                                                                 said: str) -> None:
    """A gate started with a profile that does not load stops at once with exit code 2 and
    one line in the language of --lang: no traceback, no server."""
    profile = tmp_path / "mine.toml"
    profile.write_text("[profile\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["serve", "--data", str(tmp_path / "d"), "--profile",
                                       str(profile), "--lang", lang, "--port", "1"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == said.format(path=profile) + "\n"


def test_a_register_that_cannot_be_reached_is_said_at_once(tmp_path: Path) -> None:
    """``tokens``/``bodies`` on a PostgreSQL register nobody listens on: one line in the
    language of --lang, exit 2, in seconds (not the pool's minute of retries), and the
    password in the URL never shown."""
    import socket
    import time

    with socket.socket() as sock:  # a loopback port with no server behind it
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"postgresql://clerk:s3cret-pw@127.0.0.1:{port}/register"
    start = time.monotonic()
    result = CliRunner().invoke(main, ["tokens", "list", "--data", str(tmp_path / "d"),
                                       "--database", url, "--lang", "ru"])
    assert time.monotonic() - start < 15
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("validator: ошибка: не удаётся подключиться к базе данных "
                               "реестра, указанной в --database: проверьте адрес")
    assert f"port {port} failed" in lines[0]
    assert "s3cret-pw" not in result.output
