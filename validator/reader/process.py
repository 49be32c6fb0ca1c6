"""The reader process: limits itself, then checks the files it is sent, one at a time.

``worker_main`` runs in a child process (started by ``reader.isolation`` with forkserver or
spawn, or forked from a caller with a single thread): it limits its own address space
(``RLIMIT_AS``), core dumps and file writes, has malloc merge freed memory as it goes
(``tune_allocator``), sets what it holds from the start aside from the cyclic collector
(``gc.freeze``), then answers tasks one at a time over a pipe with
the FileReport and the computed views. It is given the per-file check (``tasks.FileCheck``)
once, when it starts. A MemoryError ends the worker with ``EXIT_MEMORY`` after it reports; the
parent replaces it.

The worker's page counter makes layout estimates only (the report's page count); exact counts
with LibreOffice are made in the parent by the run's counter.
"""

from __future__ import annotations

import gc
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
#: glibc's ``mallopt`` parameter for the largest request served from a fast bin.
_M_MXFAST = 1


def set_limits(memory_mb: int) -> None:
    """Limit this process: address space, no core dumps, no file writes."""
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write fails with EFBIG, not a kill
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))


def tune_allocator() -> bool:
    """Have glibc's malloc merge freed memory as it is freed, in this process only; True when
    it was done (glibc), False elsewhere, where nothing changes.

    libxml2 allocates each node of a part's tree with malloc and frees them all when the file
    is done. glibc keeps such small freed chunks in fast bins, unmerged, until a larger request
    makes it merge every one of them at once: the next file then pays for the last one's
    trees (70 ms for one deck of the corpus, measured). With fast bins off the chunks are
    merged as they are freed: opening the 87 corpus decks in one process takes 0.52-0.57 s of
    CPU instead of 0.68-0.70 s, with the same peak memory (``docs/BENCHMARKS.md``). Done in
    the reader processes only: a library caller's own process is left as it is.
    """
    try:
        if not os.confstr("CS_GNU_LIBC_VERSION"):
            return False
    except (ValueError, OSError):
        return False
    import ctypes

    try:
        return bool(ctypes.CDLL(None).mallopt(_M_MXFAST, 0))
    except (OSError, AttributeError):
        return False


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
    tune_allocator()
    try:
        check: FileCheck = loads(setup)
        # What the worker holds from here on (modules, the check and its profile) lives as
        # long as it does: set aside from the cyclic collector, so a full collection walks
        # only what the files leave (collecting over the corpus decks: 0.021 s -> 0.011 s).
        gc.freeze()
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
