"""Reader processes forked from a caller with one thread, forkserver otherwise.

Each scenario runs in a fresh interpreter, so the number of threads in the process is what the
scenario makes it (a pytest process may hold threads of earlier tests).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CORPUS

ROOT = Path(__file__).resolve().parents[2]
DECK = CORPUS / "office" / "bar-chart.pptx"

pytestmark = pytest.mark.skipif(not DECK.is_file(), reason="shared corpus not present")

SCRIPT = r'''
import json, os, sys, threading
from pathlib import Path
from validator.files.member import Member
from validator.reader.isolation import WorkerLimits
from validator.reader.tasks import Task
from validator.run.filejob import worker_pool
from validator.settings.options import Settings
from validator.settings.profile import load_profile, resolve_profile_path

def read(fork, memory_mb=None):
    profile = load_profile(resolve_profile_path("oskemen-2025"))
    deck = Path(sys.argv[1])
    with worker_pool(profile, Settings(select=("SLD",)), jobs=1, fork=fork) as pool:
        if memory_mb is not None:
            pool.limits = WorkerLimits(60.0, memory_mb, 200)
        [outcome] = pool.run([Task(0, Member(deck.name, deck.name, disk=deck), "p")])
        pids = [s.process.pid for s in pool._slots if s is not None]
        parents = [int(Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()[1])
                   for p in pids]
        return {"started": pool.started, "forked": pool.forked,
                "parent_is_caller": parents == [os.getpid()],
                "codes": sorted({f.code for f in outcome.report.findings})
                if outcome.report is not None else None, "failure": outcome.failure}

if __name__ == "__main__":
    out = {"one_thread": read(True), "not_asked": read(False)}
    size = int(Path("/proc/self/statm").read_text().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    out["small_limit"] = read(True, memory_mb=(size >> 20) * 3 // 2)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    out["with_thread"] = read(True)
    stop.set()
    thread.join()
    print(json.dumps(out))
'''


def _run(script: str, *args: str) -> Any:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    res = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True,
                         timeout=300, env=env, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(sys.platform != "linux", reason="fork is used on Linux only")
def test_workers_are_forked_only_from_a_single_thread_with_room_under_the_limit() -> None:
    out = _run(SCRIPT, str(DECK))
    expected = ["SLD001", "SLD002"]
    # Asked, one thread, room under the limit: forked from this process, same findings.
    assert out["one_thread"] == {"started": 1, "forked": 1, "parent_is_caller": True,
                                 "codes": expected, "failure": None}
    # Not asked (a library caller by default): the forkserver's child, not this process's.
    assert out["not_asked"] == {"started": 1, "forked": 0, "parent_is_caller": False,
                                "codes": expected, "failure": None}
    # The copy would start with more than half of its memory limit: not forked (the
    # forkserver's worker may then run out of memory under so small a limit, as it would).
    assert out["small_limit"]["started"] >= 1 and out["small_limit"]["forked"] == 0
    # A second thread is running: a forked copy of its locks could deadlock, so forkserver.
    assert out["with_thread"] == {"started": 1, "forked": 0, "parent_is_caller": False,
                                  "codes": expected, "failure": None}


CLI = r'''
import json, sys
from multiprocessing import forkserver
from validator.commands.main import main
try:
    main(["check", sys.argv[1], "--select", "SLD", "--format", "json", "--jobs", "1",
          "--no-cache", "--output", sys.argv[2]])
except SystemExit as exc:
    code = exc.code
print(json.dumps({"code": code,
                  "forkserver": forkserver._forkserver._forkserver_pid is not None}))
'''


@pytest.mark.skipif(sys.platform != "linux", reason="fork is used on Linux only")
def test_the_command_line_forks_its_readers_and_reports_as_before(tmp_path: Path) -> None:
    """``validator check`` starts no forkserver; its report is the in-process run's."""
    forked = tmp_path / "forked.json"
    out = _run(CLI, str(DECK), str(forked))
    assert out == {"code": 1, "forkserver": False}
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    inline = tmp_path / "inline.json"
    res = subprocess.run([sys.executable, "-m", "validator", "check", str(DECK), "--select",
                          "SLD", "--format", "json", "--jobs", "1", "--no-cache",
                          "--no-isolation", "--output", str(inline)],
                         capture_output=True, text=True, timeout=300, env=env)
    assert res.returncode == 1, res.stderr

    def findings(path: Path) -> list[tuple[str, str, Any]]:
        report = json.loads(path.read_text(encoding="utf-8"))
        return [(f["code"], f.get("location"), f["message"])
                for p in report["packages"] for file in p["files"] for f in file["findings"]]

    got = findings(forked)
    assert {code for code, _, _ in got} == {"SLD001", "SLD002"}
    assert got == findings(inline)


@pytest.mark.skipif(sys.platform != "linux", reason="reads the process table of Linux")
def test_ctrl_c_stops_the_command_and_its_readers_without_their_tracebacks() -> None:
    """Ctrl-C reaches the whole process group; the command says "Aborted!", its reader
    processes print nothing and none is left."""
    import signal
    import time

    decks = sorted(p for p in DECK.parent.iterdir() if p.suffix == ".pptx")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "validator", "check", *map(str, decks),
                             "--select", "SLD", "--format", "json", "--jobs", "2",
                             "--no-cache"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=env, start_new_session=True)
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
    deadline = time.monotonic() + 120
    try:
        while not children.read_text().split():  # the readers have started
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.01)
        readers = [int(c) for c in children.read_text().split()]
        time.sleep(0.2)  # reading
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 1
    assert err.decode().strip() == "Aborted!"
    for pid in readers:  # reaped by the command as it stopped them
        assert not Path(f"/proc/{pid}").exists() or \
            Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
