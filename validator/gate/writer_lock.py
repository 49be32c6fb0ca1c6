"""One SQLite writer at a time across the gate processes of one machine, queued in the kernel.

SQLite lets one transaction write at a time; a process that finds the database locked waits
in SQLite's busy handler, which sleeps between tries (1 ms at first, up to 100 ms), so under a
burst of receipts from several gate processes (``serve --workers N``) a writer sleeps while
the database is already free. Each process's writers take their turn on a thread lock
(``Register``), then on ``flock`` on a file beside the database: the kernel wakes the next
waiting process as soon as the lock is released. Other programs writing to the register
(``validator tokens add``) do not take it and still wait in the busy handler, which stays set:
the lock only orders the gate's writers, it is never needed for correctness.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class WriterLock:
    """``flock`` on ``path``, opened once per process (a descriptor inherited through
    ``fork`` would share the lock with the parent, so a new process opens its own)."""

    path: str
    _fd: int | None = field(default=None, repr=False)
    _pid: int = field(default=0, repr=False)

    def _descriptor(self) -> int:
        if self._fd is None or self._pid != os.getpid():
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            self._pid = os.getpid()
        return self._fd

    @contextmanager
    def held(self) -> Iterator[None]:
        """Hold the lock (the calling process's writers must already take turns)."""
        fd = self._descriptor()
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)

    def close(self) -> None:
        if self._fd is not None and self._pid == os.getpid():
            os.close(self._fd)
        self._fd = None

    def __getstate__(self) -> dict[str, object]:
        return {"path": self.path, "_fd": None, "_pid": 0}
