"""The README's gate commands, run as written from an empty folder (a relative ``--data``):
the compliant sample is accepted, the non-compliant one gets the command line's findings.

The install line is skipped (the toolkit is installed already); ``.venv/bin/validator`` in
the temporary folder is a link to the installed command, so every other line runs verbatim,
except that the port is replaced by a free one when 8080 is taken on this machine.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import httpx2
import pytest

from tests.gate.conftest import free_port, wait_until_up
from tests.gate.procs import port_free

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"


def readme_gate_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Intake gate", 1)[1]
    block = re.search(r"```\n(.*?)```", section, re.S)
    assert block, "the README's gate section has a command block"
    return [line for line in block[1].splitlines() if line.strip()]


def _installed_validator() -> str:
    here = Path(sys.executable).parent / "validator"
    found = str(here) if here.exists() else shutil.which("validator")
    assert found, "the validator command is installed"
    return found


def _keys(report: dict) -> set[tuple[str, str, str]]:
    out = set()
    for p in report["packages"]:
        for f in p["findings"]:
            out.add((f["code"], "." if f["file"] == p["path"] else f["file"].rsplit("/", 1)[-1],
                     json.dumps(f["location"], sort_keys=True)))
        for fr in p["files"]:
            for f in fr["findings"]:
                out.add((f["code"], f["file"].rsplit("/", 1)[-1],
                         json.dumps(f["location"], sort_keys=True)))
    return out


def test_readme_gate_commands_as_written(tmp_path: Path) -> None:
    commands = readme_gate_commands()
    assert any("pip install" in c for c in commands)
    # a token belongs to a registered body: the body is added first
    adds = [i for i, c in enumerate(commands) if " bodies add " in c or " tokens add " in c]
    assert [commands[i].split()[1] for i in adds] == ["bodies", "tokens"]
    work = tmp_path / "fresh"
    (work / ".venv" / "bin").mkdir(parents=True)
    (work / ".venv" / "bin" / "validator").symlink_to(_installed_validator())
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    port = 8080 if port_free(8080) else free_port()
    token = ""
    server = None
    log = (tmp_path / "serve.log").open("wb")
    try:
        for line in commands:
            if "pip install" in line:
                continue
            args = shlex.split(line.replace("--port 8080", f"--port {port}"))
            if args[1] == "serve":
                # the case that broke: a relative data folder
                assert args[args.index("--data") + 1] == "gate-data"
                server = subprocess.Popen(args, cwd=work, env=env, stdout=log,
                                          stderr=subprocess.STDOUT)
                continue
            out = subprocess.run(args, cwd=work, env=env, check=True, capture_output=True,
                                 text=True, timeout=120)
            if args[1:3] == ["tokens", "add"]:
                token = out.stdout.strip()
        assert token and server is not None
        url = f"http://127.0.0.1:{port}"
        wait_until_up(url, 60)
        meeting = (dt.date.today() + dt.timedelta(days=60)).isoformat()
        auth = {"Authorization": f"Bearer {token}"}
        results = {}
        with httpx2.Client(timeout=120) as client:
            for name in ("compliant-item", "non-compliant-item"):
                folder = SAMPLES / name
                files = [("file", (p.name, p.read_bytes(), "application/octet-stream"))
                         for p in sorted(folder.iterdir()) if p.is_file()]
                resp = client.post(f"{url}/api/v1/submissions", headers=auth, files=files,
                                   data={"meeting_date": meeting, "item": name})
                assert resp.status_code == 202, resp.text
                results[name] = _wait(client, url, auth, resp.json()["id"])
        good, bad = results["compliant-item"], results["non-compliant-item"]
        assert good["check"]["verdict"] == "accept", good["report"]
        assert bad["check"]["verdict"] == "return-for-correction"
        # no finding names a server path (the checking process's folders stay its own)
        for body in (good, bad):
            assert str(work) not in json.dumps(body, ensure_ascii=False)
        arrival = dt.datetime.fromisoformat(bad["receipt"]["received_at"]).date()
        cli = subprocess.run(
            [str(work / ".venv" / "bin" / "validator"), "check",
             str(SAMPLES / "non-compliant-item"), "--format", "json", "--meeting-date",
             meeting, "--submitted", arrival.isoformat()],
            cwd=work, env=env, capture_output=True, text=True, timeout=300)
        expected = _keys(json.loads(cli.stdout))
        assert {"SLD001", "PKG001"} <= {k[0] for k in expected}
        assert _keys(bad["report"]) == expected
        assert (work / "gate-data" / "register.sqlite3").is_file()  # relative to the folder
    finally:
        if server is not None:
            server.terminate()
            server.wait(30)
        log.close()


def _wait(client: httpx2.Client, url: str, auth: dict[str, str], sid: str) -> dict:
    import time

    deadline = time.monotonic() + 180
    while True:
        body: dict = client.get(f"{url}/api/v1/submissions/{sid}", headers=auth).json()
        if body["check"]["state"] in ("done", "failed"):
            return body
        assert time.monotonic() < deadline, body["check"]
        time.sleep(0.2)
