"""The reader process: limits itself, then checks the files it is sent, one at a time.

``worker_main`` runs in a child process (started by ``reader.isolation`` with forkserver or
spawn, or forked from a caller with a single thread): it limits its own address space
(``RLIMIT_AS``), core dumps and file writes, then answers tasks one at a time over a pipe with
the FileReport and the computed views. It is given the per-file check (``tasks.FileCheck``)
once, when it starts. A MemoryError ends the worker with ``EXIT_MEMORY`` after it reports; the
parent replaces it.

The worker's page counter makes layout estimates only (the report's page count); exact counts
with LibreOffice are made in the parent by the run's counter.
"""

from __future__ import annotations

import os
import pickle
import resource
import signal
from typing import TYPE_CHECKING

from validator.reader.tasks import FileCheck, Outcome, Task, dumps, loads

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from validator.paging import PageCounter

#: Exit status of a worker that ran out of memory (after reporting it, when it could).
EXIT_MEMORY = 86


def set_limits(memory_mb: int) -> None:
    """Limit this process: address space, no core dumps, no file writes."""
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write fails with EFBIG, not a kill
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))


def _answer(conn: Connection, check: FileCheck, task: Task, page_counter: PageCounter) -> None:
    """Read one task's file and send the outcome; after a MemoryError the worker exits."""
    try:
        doc, report = check.inspect(task.member, task.package, page_counter)
        views = check.shipped(doc)
        doc.close()
        try:
            data = dumps(Outcome(task.index, report, views))
        except (pickle.PicklingError, TypeError, AttributeError):
            data = dumps(Outcome(task.index, report))
    except MemoryError:
        data = b""
    except Exception as exc:  # a bug in the check: the file still gets a finding
        data = dumps(Outcome(task.index, None,
                             failure=f"internal error: {type(exc).__name__}: {exc}"))
    if not data:
        try:
            conn.send_bytes(dumps(Outcome(task.index, None, memory=True,
                                          failure="ran out of memory")))
        finally:
            os._exit(EXIT_MEMORY)
    conn.send_bytes(data)


def worker_main(conn: Connection, setup: bytes, memory_mb: int) -> None:
    """Entry point of a worker process: limits, then tasks until the pipe closes."""
    import logging

    from validator.paging import PageCounter

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    # Ctrl-C reaches the whole process group: the parent stops the run and its workers; a
    # worker would only print its own traceback of the interruption.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    set_limits(memory_mb)
    try:
        check: FileCheck = loads(setup)
        # Layout estimates only: LibreOffice (exact counts for DOC001) runs in the parent.
        with PageCounter(use_libreoffice=False) as page_counter:
            while True:
                try:
                    message = conn.recv_bytes()
                except (EOFError, OSError):
                    return
                if not message:
                    return
                task: Task = loads(message)
                _answer(conn, check, task, page_counter)
    except MemoryError:
        os._exit(EXIT_MEMORY)
