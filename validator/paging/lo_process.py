"""Ending a LibreOffice process group without leaving anything behind.

soffice listens on a named socket of its own in ``/tmp``,
``OSL_PIPE_<uid>_SingleOfficeIPC_<digest>``, where the digest is MD5 of the profile's URL in
UTF-16LE, each byte in hexadecimal without leading zeros (LibreOffice's
``desktop/source/app/officeipcthread.cxx``; it ignores ``TMPDIR`` for its pipes). soffice
removes the socket when it quits, but not when it is killed or crashes, and every start here
uses a new profile: each LibreOffice killed for a time limit or brought down by a file used to
leave one more socket file in ``/tmp``, hundreds on a gate that runs for weeks. Killing the
shell wrapper alone (what ``subprocess.run`` does on a timeout) also left ``soffice.bin``
running.

The same holds for the pipe on which the bridge's soffice accepts its UNO connection
(``OSL_PIPE_<uid>_<name>``).

``kill_group`` kills the whole process group (every soffice here is started in a new session)
and ``remove_pipes`` then removes that profile's sockets: only socket files owned by this
user, at the names that profile and that pipe give.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import stat
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

#: How long ``kill_group`` waits for the killed group's processes to finish exiting: a killed
#: soffice.bin still frees its memory for a moment after its parent has been reaped.
_EXIT_WAIT = 10.0


def profile_url(profile: str) -> str:
    """The ``-env:UserInstallation`` URL of a profile folder, as soffice is given it."""
    return "file://" + profile


def _pipe_file(name: str) -> str:
    """Where LibreOffice puts the named socket of the pipe ``name`` (sal/osl: ``/tmp``, or
    ``/var/tmp`` when ``/tmp`` cannot be written)."""
    folder = "/tmp" if os.access("/tmp", os.W_OK) else "/var/tmp"
    return f"{folder}/OSL_PIPE_{os.getuid()}_{name}"


def pipe_path(url: str) -> str:
    """Where soffice started with the profile ``url`` puts its single-instance socket."""
    digest = hashlib.md5(url.encode("utf-16-le"), usedforsecurity=False).digest()
    return _pipe_file("SingleOfficeIPC_" + "".join(format(byte, "x") for byte in digest))


def bridge_pipe(workdir: str) -> str:
    """The name of the pipe on which the soffice of the bridge working in ``workdir``
    accepts its UNO connection (given to ``lo_bridge`` on its command line)."""
    return "validator_" + os.path.basename(workdir).replace("-", "_")


def accept_path(name: str) -> str:
    """Where soffice puts the socket of its ``--accept=pipe,name=NAME`` pipe."""
    return _pipe_file(name)


def remove_pipes(url: str, accept: str | None = None) -> None:
    """Remove the sockets soffice left for the profile ``url`` (and its accept pipe
    ``accept``), if it left them: only socket files owned by this user. Call it once that
    soffice has ended."""
    paths = [pipe_path(url)] + ([accept_path(accept)] if accept is not None else [])
    for path in paths:
        with contextlib.suppress(OSError):
            info = os.lstat(path)
            if stat.S_ISSOCK(info.st_mode) and info.st_uid == os.getuid():
                os.unlink(path)


def live_members(group: int) -> list[int]:
    """The processes of process group ``group`` that have not yet exited (zombies, which
    hold no memory and run nothing, are not counted). Read from ``/proc``; none without it."""
    found: list[int] = []
    try:
        entries = list(Path("/proc").iterdir())
    except OSError:
        return found
    for entry in entries:
        if not entry.name.isdigit():
            continue
        try:
            stat_line = (entry / "stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses
        fields = stat_line[stat_line.rfind(")") + 2:].split()
        if len(fields) > 2 and int(fields[2]) == group and fields[0] not in ("Z", "X"):
            found.append(int(entry.name))
    return found


def kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Kill ``proc``'s process group (``proc`` leads it: started with a new session), wait
    for ``proc``, and then for the rest of the group to finish exiting (bounded by
    ``_EXIT_WAIT``), so that no soffice.bin is still running when this returns."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + _EXIT_WAIT
    while live_members(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.01)


def run_once(soffice: str, profile: str, args: Sequence[str], timeout: float) -> bool:
    """Run a one-off ``soffice --headless ... ARGS`` with the user installation ``profile``,
    in a session of its own, output discarded. On ``timeout`` the whole group is killed and
    False returned; either way the profile's socket is not left behind."""
    url = profile_url(profile)
    proc = subprocess.Popen([soffice, "--headless", "--norestore", "--nolockcheck",
                             f"-env:UserInstallation={url}", *args],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_group(proc)
        return False
    finally:
        remove_pipes(url)
    return True
