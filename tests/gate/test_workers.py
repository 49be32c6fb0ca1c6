"""``validator serve --workers N``: several gate processes on one port, one data folder and one
register. Both serve; the first checks what either receives, each check once; a process
killed with SIGKILL is started again and nothing received is lost; the processes end with
their supervisor."""

from __future__ import annotations

import gc
import os
import signal
import threading
import time
from pathlib import Path

import httpx2
import pytest

from tests.gate.packages import compliant_item
from tests.gate.procs import children, port_free
from tests.gate.server import Server, add_token, agenda_item, start_server
from tests.gate.test_faults import _agreement, _checks, _uploader, _wait_all_checked
from validator.gate.processes import keep_startup_heap
from validator.gate.register import Register

pytestmark = pytest.mark.slow


def _listening(port: int) -> set[str]:
    """Inodes of the sockets listening on ``port`` (IPv4)."""
    out = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        cols = line.split()
        if int(cols[1].split(":")[1], 16) == port and cols[3] == "0A":
            out.add(cols[9])
    return out


def _serving(server: Server) -> list[int]:
    """The supervisor's gate processes that listen on its port, oldest first."""
    inodes = _listening(server.port)
    out = []
    for pid in sorted(children(server.proc.pid)):
        try:
            fds = [os.readlink(p) for p in Path(f"/proc/{pid}/fd").iterdir()]
        except OSError:
            continue
        if {f[len("socket:["):-1] for f in fds if f.startswith("socket:[")} & inodes:
            out.append(pid)
    return out


def _wait_serving(server: Server, count: int, without: set[int] = frozenset(),
                  timeout: float = 60) -> list[int]:
    deadline = time.monotonic() + timeout
    while len(found := [p for p in _serving(server) if p not in without]) < count:
        assert time.monotonic() < deadline, (found, server.log.read_text()[-2000:])
        time.sleep(0.1)
    return found


def _submit(url: str, token: str, item: str, out: list[dict], timeout: float) -> None:
    """One submission on a connection of its own (the kernel picks the process)."""
    with httpx2.Client(timeout=timeout) as client:
        resp = client.post(f"{url}/api/v1/submissions",
                           headers={"Authorization": f"Bearer {token}"},
                           data={"item_id": item},
                           files=[("file", (k, v, "application/octet-stream"))
                                  for k, v in compliant_item().items()])
    assert resp.status_code == 202, resp.text
    out.append(resp.json()["receipt"])


def test_two_processes_serve_and_the_first_checks_each_once(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    token = add_token(data, "Отдел дорог", "submitter")
    staff = add_token(data, "Аппарат акима", "apparatus")
    server = start_server(data, "--workers", "2", "--max-checks", "1")
    try:
        first, second = _wait_serving(server, 2)
        item = agenda_item(server.url, staff, "item", "Отдел дорог")
        # The checking process is stopped: the receipts that come meanwhile are the other
        # process's, which receives and registers on its own.
        os.kill(first, signal.SIGSTOP)
        early: list[dict] = []
        threads = [threading.Thread(target=_submit, args=(server.url, token, item, early, 60))
                   for _ in range(10)]
        for t in threads:
            t.start()
        deadline = time.monotonic() + 30
        while not early and time.monotonic() < deadline:
            time.sleep(0.05)
        assert early, "no receipt while the first process was stopped"
        register = Register.in_folder(data)
        assert {s for s, _, _ in _checks(register).values()} == {"queued"}  # none checked
        os.kill(first, signal.SIGCONT)
        for t in threads:
            t.join(60)
        assert len(early) == 10
        _wait_all_checked(register)
        checks = _checks(register)
        assert sorted(checks) == sorted(r["id"] for r in early)
        # each checked once, all by the first process (the second only receives)
        assert {(state, attempts) for state, attempts, _ in checks.values()} == {("done", 1)}
        assert {owner.split(":")[1] for _, _, owner in checks.values() if owner} == \
            {str(first)}
        assert _agreement(register, data, server.url, token) == 10
        assert second in _serving(server)
    finally:
        server.stop()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_sigkill_of_a_gate_process_loses_nothing(tmp_path: Path, backend: str,
                                                  request: pytest.FixtureRequest) -> None:
    data = tmp_path / "data"
    data.mkdir()
    database: tuple[str, ...] = ()
    if backend == "postgresql":
        url = request.getfixturevalue("pg_fresh")
        database = ("--database", url)
        register = Register(url)
    else:
        register = Register.in_folder(data)
    token = add_token(data, "Отдел дорог", "submitter", *database)
    staff = add_token(data, "Аппарат акима", "apparatus", *database)
    # What a kill loses is tested here, not the queue's limit (tests/gate/test_security.py):
    # while a killed process starts again on a busy machine, the uploaders can queue more
    # than the default 1,000 packages and rightly get 503.
    server = start_server(data, "--lease", "2", "--max-checks", "1", "--workers", "2",
                          "--max-queue", "1000000", *database)
    accepted: list[dict] = []
    errors: list[str] = []
    try:
        processes = _wait_serving(server, 2)
        items = [agenda_item(server.url, staff, f"item {n}", "Отдел дорог") for n in range(3)]
        stop = threading.Event()
        threads = [threading.Thread(target=_uploader,
                                    args=([server.url], token, stop, accepted, errors,
                                          items[n]))
                   for n in range(3)]
        for t in threads:
            t.start()
        killed: set[int] = set()
        # the receiving process, then the checking one, each while submissions come
        for victim in (processes[1], processes[0]):
            before = len(accepted)
            deadline = time.monotonic() + 60
            while len(accepted) < before + 3 and time.monotonic() < deadline:
                time.sleep(0.05)
            os.kill(victim, signal.SIGKILL)
            killed.add(victim)
            _wait_serving(server, 2, without=killed)  # started again
        before = len(accepted)
        deadline = time.monotonic() + 60
        while len(accepted) < before + 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        stop.set()
        for t in threads:
            t.join(60)
        assert server.proc.poll() is None  # the supervisor itself lives on
        _wait_all_checked(register)
        total = _agreement(register, data, server.url, token)
        assert len(accepted) >= 9 and total >= len(accepted)
        with httpx2.Client(timeout=30) as client:
            for rec in accepted:  # every receipt a client got is in the register, as given
                got = client.get(f"{server.url}/api/v1/submissions/{rec['id']}",
                                 headers={"Authorization": f"Bearer {token}"})
                assert got.json()["receipt"] == rec
    finally:
        server.stop()
        register.close()
    # every failure a client saw was a dropped connection, never an error answer
    assert all(not e.startswith("HTTP") for e in errors), errors


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL])
def test_the_gate_processes_end_with_their_supervisor(tmp_path: Path, how: int) -> None:
    data = tmp_path / "data"
    data.mkdir()
    server = start_server(data, "--workers", "2", "--max-checks", "0")
    try:
        processes = _wait_serving(server, 2)
        server.proc.send_signal(how)
        server.proc.wait(30)
        deadline = time.monotonic() + 30
        while any(Path(f"/proc/{p}").exists() and _state(p) != "Z" for p in processes):
            assert time.monotonic() < deadline, processes
            time.sleep(0.1)
        while not port_free(server.port):  # nothing listens on the port any more
            assert time.monotonic() < deadline
            time.sleep(0.1)
        if how == signal.SIGTERM:
            assert server.proc.returncode == 0
    finally:
        server.stop()


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


def test_a_serving_process_keeps_its_startup_heap_out_of_collections() -> None:
    made_at_start = [[i] for i in range(1000)]  # what a gate builds before it serves
    before = gc.get_freeze_count()
    try:
        keep_startup_heap()
        assert gc.get_freeze_count() >= before + len(made_at_start)
        # out of every generation a collection walks
        assert id(made_at_start) not in {id(o) for o in gc.get_objects()}
    finally:
        gc.unfreeze()
