"""A real gate server in a child process (``python -m validator serve``), for the browser,
fault and load tests."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tests.gate.conftest import free_port, numbered, wait_until_up


@dataclass
class Server:
    data: Path
    port: int
    proc: subprocess.Popen[bytes]
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


def start_server(data: Path, *extra: str, port: int | None = None) -> Server:
    port = port or free_port()
    log = data.parent / f"server-{port}.log"
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root)}
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "validator", "serve", "--host", "127.0.0.1", "--port",
             str(port), "--data", str(data), *extra],
            stdout=out, stderr=subprocess.STDOUT, env=env, cwd=root)
    server = Server(data, port, proc, log)
    try:
        wait_until_up(server.url)
    except RuntimeError:
        server.stop()
        tail = log.read_text(errors="replace")[-2000:]
        raise RuntimeError(f"gate did not start: {tail}") from None
    return server


def add_token(data: Path, body: str, role: str, *extra: str) -> str:
    """A token for ``body`` (registered first when it is not yet)."""
    root = Path(__file__).resolve().parents[2]
    subprocess.run([sys.executable, "-m", "validator", "bodies", "add", body, "--data",
                    str(data), *extra], capture_output=True, text=True, cwd=root,
                   env={**os.environ, "PYTHONPATH": str(root)})
    out = subprocess.run([sys.executable, "-m", "validator", "tokens", "add", "--data",
                          str(data), "--body", body, "--role", role, *extra],
                         check=True, capture_output=True, text=True, cwd=root,
                         env={**os.environ, "PYTHONPATH": str(root)})
    return out.stdout.strip()


def agenda_item(url: str, staff: str, title: str, body: str, day: str = "2030-03-05") -> str:
    """The id of a new agenda item ``title`` of ``body`` at the meeting on ``day``, made
    through the API with the apparatus's token ``staff`` (the meeting too, if none yet).
    "2. Дороги" is item number 2 titled "Дороги" (``numbered``); a number already taken,
    or none, gives the next one."""
    import httpx2

    auth = {"Authorization": f"Bearer {staff}"}
    with httpx2.Client(timeout=60) as client:
        meetings = client.get(f"{url}/api/v1/agenda", headers=auth).json()["meetings"]
        if not [m for m in meetings if m["date"] == day]:
            client.post(f"{url}/api/v1/meetings", headers=auth,
                        json={"date": day, "kind": "regular"}).raise_for_status()
        listed = client.get(f"{url}/api/v1/meetings/{day}/items", headers=auth).json()
        after = len(listed["items"]) + 1
        number, named = numbered(title, after)
        if number in {i["number"] for i in listed["items"]}:
            number = str(after)
        made = client.post(f"{url}/api/v1/meetings/{day}/items", headers=auth,
                           json={"number": number, "title": named, "bodies": [body]})
        made.raise_for_status()
        return str(made.json()["id"])
