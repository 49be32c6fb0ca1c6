"""Fixtures of the gate's tests: an app on a temporary data folder, tokens, PostgreSQL.

PostgreSQL and Chromium tests skip with a reason when the program is missing, except under
``CI=true``, where a missing program fails the run (CI installs and starts them).
"""

from __future__ import annotations

import html
import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from validator.gate.agenda import add_body, find_body
from validator.gate.app import create_app
from validator.gate.auth import new_token
from validator.gate.config import GateConfig
from validator.gate.service import Gate, open_gate

IN_CI = os.environ.get("CI", "").lower() == "true"


def need(condition: bool, reason: str) -> None:
    """Skip when ``condition`` fails locally; fail under CI."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"required under CI: {reason}")
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Env:
    """A running app (in-process) with a few tokens."""

    config: GateConfig
    gate: Gate
    client: TestClient
    tokens: dict[str, str]
    #: The body each token belongs to.
    bodies: dict[str, str] = field(default_factory=dict)
    #: Agenda items made by ``item_id``: (meeting date, title, body) -> item id.
    items: dict[tuple[str, str, str], str] = field(default_factory=dict)

    def auth(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"}

    def login(self, who: str) -> str:
        """Sign in through the form (its CSRF token included); return the session's CSRF."""
        return login(self.client, self.tokens[who])

    def submit(self, who: str, files: dict[str, bytes], meeting: str = "2030-03-05",
               item: str = "1. Ремонт дорог", **extra: str) -> Any:
        """``POST /api/v1/submissions`` of ``files`` by ``who`` to ``item`` of the meeting on
        ``meeting``; the response. New tests submit through here, so that how a submission
        names its meeting and item is written once.

        A body's token submits to an agenda item (``item_id``): the apparatus creates the
        meeting and the item (``who``'s body responsible) through the API the first time, and
        it is reused after. The apparatus's token sends the free ``meeting_date`` + ``item``;
        ``item_id`` in ``extra`` names an item directly."""
        multipart = [("file", (name, data, "application/octet-stream"))
                     for name, data in files.items()]
        fields: dict[str, str] = {"meeting_date": meeting, "item": item}
        if "item_id" not in extra and who in self.bodies and not self.is_apparatus(who):
            fields = {"item_id": self.item_id(who, meeting, item)}
        lang = extra.pop("lang", None)
        return self.client.post("/api/v1/submissions" + (f"?lang={lang}" if lang else ""),
                                headers=self.auth(who), data={**fields, **extra},
                                files=multipart)

    def is_apparatus(self, who: str) -> bool:
        return who == "staff"

    def item_id(self, who: str, meeting: str, title: str, kind: str = "regular") -> str:
        """The agenda item ``title`` of ``who``'s body at the meeting on ``meeting`` (made
        by the apparatus through the API on first use)."""
        key = (meeting, title, self.bodies[who])
        if key not in self.items:
            staff = self.auth("staff")
            listed = self.client.get(f"/api/v1/meetings/{meeting}/items", headers=staff)
            assert listed.status_code == 200, listed.text
            if not [m for m in self.client.get("/api/v1/agenda", headers=staff).json()[
                    "meetings"] if m["date"] == meeting]:
                made = self.client.post("/api/v1/meetings", headers=staff,
                                        json={"date": meeting, "kind": kind})
                assert made.status_code == 201, made.text
            number, named = numbered(title, len(self.items) + 1)
            taken = {i["number"] for i in listed.json()["items"]}
            while number in taken:
                number += "a"
            added = self.client.post(f"/api/v1/meetings/{meeting}/items", headers=staff,
                                     json={"number": number, "title": named,
                                           "bodies": [self.bodies[who]]})
            assert added.status_code == 201, added.text
            self.items[key] = added.json()["id"]
        return self.items[key]

    def checked(self, sid: str, who: str = "staff", timeout: float = 120.0) -> dict[str, Any]:
        """``GET /api/v1/submissions/ID`` once its check is done (or failed)."""
        return wait_checked(self.client, sid, self.auth(who), timeout)


def numbered(title: str, otherwise: int) -> tuple[str, str]:
    """(number, title) of an agenda item written "2. Ремонт дорог": number 2, titled
    "Ремонт дорог", which the meeting's register shows as "2. Ремонт дорог" again (receipts
    give the title alone). A title without a number gets ``otherwise``."""
    number, _, rest = title.partition(". ")
    if rest and number.isdigit() and len(number) <= 10:
        return number, rest
    return str(otherwise), title


def login(client: Any, token: str) -> str:
    """Sign in like a browser: read the form's CSRF token, post it; return the next one."""
    page = client.get("/login")
    found = re.search(r'name="csrf" value="([^"]*)"', page.text)
    assert found, page.text
    resp = client.post("/login", data={"token": token, "csrf": html.unescape(found[1])},
                       follow_redirects=True)
    assert resp.status_code == 200, resp.text
    again = re.search(r'name="csrf" value="([^"]*)"', client.get("/submit").text)
    assert again
    return html.unescape(again[1])


def wait_checked(client: Any, sid: str, headers: dict[str, str], timeout: float = 120.0
                 ) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        got = client.get(f"/api/v1/submissions/{sid}", headers=headers)
        assert got.status_code == 200, got.text
        body: dict[str, Any] = got.json()
        if body["check"]["state"] in ("done", "failed"):
            return body
        assert time.monotonic() < deadline, f"check of {sid} not done: {body['check']}"
        time.sleep(0.1)


def make_env(tmp: Path, database: str | None = None, **limits: object) -> Env:
    config = GateConfig(data=tmp / "data", database=database, **limits)  # type: ignore[arg-type]
    gate = open_gate(config)
    bodies = {"roads": "Отдел дорог", "health": "Отдел здравоохранения",
              "staff": "Аппарат акима"}
    for name in bodies.values():
        if find_body(gate.register, name) is None:  # an old register made it already
            add_body(gate.register, name)
    tokens = {
        "roads": new_token(gate.register, bodies["roads"], "submitter"),
        "health": new_token(gate.register, bodies["health"], "submitter"),
        "staff": new_token(gate.register, bodies["staff"], "apparatus"),
    }
    # A browser sends its page's origin with every form; the test client does the same.
    client = TestClient(create_app(config, gate), base_url="http://127.0.0.1",
                        headers={"Origin": "http://127.0.0.1"})
    return Env(config, gate, client, tokens, bodies)


@pytest.fixture
def env(tmp_path: Path) -> Iterator[Env]:
    e = make_env(tmp_path, check_timeout=60.0)
    with e.client:
        yield e


# PostgreSQL -------------------------------------------------------------------------------

def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for base in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (base / name).exists():
            return str(base / name)
    return None


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A throw-away PostgreSQL server on a loopback port (initdb + pg_ctl)."""
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    need(initdb is not None and pg_ctl is not None,
         "PostgreSQL server programs (initdb, pg_ctl) are not installed "
         "(apt-get install postgresql)")
    assert initdb and pg_ctl
    # Not under pytest's temporary folder: its parents are private to root, and the server
    # runs as the postgres user.
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="gate-pg-"))
    data = root / "cluster"
    port = free_port()
    prefix: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        shutil.chown(root, "postgres")
        prefix = ["su", "postgres", "-c"]

    def run(args: list[str]) -> None:
        cmd = [*prefix, " ".join(args)] if prefix else args
        subprocess.run(cmd, check=True, capture_output=True, timeout=120)

    run([initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
         "--no-sync"])
    run([pg_ctl, "-D", str(data), "-l", str(root / "log"), "-w", "-t", "60", "-o",
         f"'-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off'", "start"])
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        run([pg_ctl, "-D", str(data), "-m", "immediate", "stop"])
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def pg_fresh(postgres_url: str) -> str:
    """The PostgreSQL URL with the register's tables emptied."""
    import psycopg

    with psycopg.connect(postgres_url) as conn:
        conn.execute("DROP TABLE IF EXISTS decisions, checks, sessions, schema_version, "
                     "receipts, receipt_key, submission_files, submissions, tokens, "
                     "precheck_files, prechecks, item_bodies, agenda_items, meetings, "
                     "bodies CASCADE")
    return postgres_url


def wait_until_up(url: str, timeout: float = 30.0) -> None:
    import httpx2

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx2.get(f"{url}/api/v1/health", timeout=2).status_code == 200:
                return
        except httpx2.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"server at {url} did not come up")
