"""Several gate processes on one machine serving one port (``serve --workers N``).

One Python process receives on one CPU at most (the interpreter lock): under a burst of
submissions its own work, not the disk, sets the pace. ``Supervisor`` starts N gate
processes (``spawn``: each imports and opens everything itself, no state is inherited), each
listening on the same address with ``SO_REUSEPORT``, so the kernel spreads the connections
evenly over them (one shared listening socket would not: an event loop accepts up to a
hundred waiting connections at each wake-up, and the first process awake takes a whole
burst). They share the register and the data folder as gate processes on several machines do:
every submission is registered with its signed receipt in one transaction, and checks are
taken from the register's queue under leases, so none is checked twice.

The first process runs the checks (``--max-checks``); the others only receive, so the
machine holds one set of checking processes (memory) whatever N is. The first is started
alone and the others once it has opened the data folder (the register's tables, the session
and receipt keys are made once). A process that dies (killed, crashed) is started again with
the same share; what it was receiving is lost to its client only (no receipt was sent) and a
check it held is taken again after its lease. The supervisor holds no register connection
and no request: it forwards SIGTERM and SIGINT to its processes and waits for them, and its
processes end when it is killed (Linux: the parent-death signal).
"""

from __future__ import annotations

import errno
import gc
import logging
import multiprocessing
import os
import signal
import socket
import time
from dataclasses import dataclass, replace
from typing import Any

from validator.core.errors import WordedError
from validator.gate.config import GateConfig

log = logging.getLogger("validator.gate")

#: Seconds between looks at the processes (a dead one is started again then).
WATCH_EVERY = 0.5
#: Seconds at least between two starts of the same process (one that cannot start at all
#: is not started in a tight loop).
RESTART_AFTER = 2.0
#: Seconds a stopping process is given before it is killed.
STOP_WAIT = 30.0


@dataclass(frozen=True)
class ServerOptions:
    """How each process serves HTTP (the options ``serve`` gives uvicorn)."""

    host: str
    port: int
    timeout_keep_alive: int = 5


def share(config: GateConfig, index: int) -> GateConfig:
    """Process ``index``'s settings: the first runs ``config.max_checks`` checks at once,
    the others none (they receive; the first checks what they register)."""
    return config if index == 0 else replace(config, max_checks=0)


#: Why a port cannot be listened on, as the catalogue names it (``gate.bind.*``).
_BIND_CAUSES = {errno.EADDRINUSE: "busy", errno.EACCES: "denied", errno.EPERM: "denied",
                errno.EADDRNOTAVAIL: "host"}


def bind(options: ServerOptions, *, shared: bool = True) -> socket.socket:
    """A listening socket on the gate's address; a ``WordedError`` (``gate.bind``) when the
    port is taken, needs privileges, or the host is not an address of this machine.

    ``shared``: a socket of the port's group (``serve --workers``): connections are spread
    over the group's sockets by the kernel; a process that ends takes its own waiting
    connections with it (their clients, who have no receipt, send again). Another program of
    the same user that listens with ``SO_REUSEPORT`` on the same address would join the
    group, so a single gate process listens without it: a second gate started on its port by
    mistake is refused instead of being handed half the connections."""
    family = socket.AF_INET6 if ":" in options.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if shared:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((options.host, options.port))
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        cause = "host" if isinstance(exc, socket.gaierror) else _BIND_CAUSES.get(
            exc.errno or 0, "other")
        raise WordedError(f"gate.bind.{cause}", host=options.host, port=str(options.port),
                          detail=" ".join(str(exc.strerror or exc).split())) from None
    return sock


def serve_on(app: Any, sock: socket.socket, options: ServerOptions) -> None:
    """Serve ``app`` over HTTP on a socket ``bind`` gave, until told to stop."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(
        app, server_header=False, log_level="info",
        timeout_keep_alive=options.timeout_keep_alive, proxy_headers=False))
    server.run(sockets=[sock])


def _die_with_parent() -> None:
    """End this process when the supervisor ends, even by SIGKILL (Linux)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return


def keep_startup_heap() -> None:
    """Take what the process has imported and built to serve out of the garbage collector's
    sight (``gc.freeze``): it lives as long as the process. A full collection then walks
    only the objects made since; during a burst of receipts one such collection of the
    ninety thousand objects a gate holds after starting took 29 ms of a single CPU."""
    gc.collect()
    gc.freeze()


def _run(config: GateConfig, options: ServerOptions, ready: Any, parent: int,
         errors: Any) -> None:
    """One gate process: open the gate, say so, serve on the port until told to stop. What
    keeps it from starting (a receipt key it cannot use, a port taken) is sent to the
    supervisor over ``errors``, which says it in the command line's language."""
    _die_with_parent()
    if os.getppid() != parent:  # the supervisor ended before this process started
        return
    from validator.gate.app import create_app

    try:
        app = create_app(config)
        keep_startup_heap()
        sock = bind(options)
    except WordedError as exc:
        errors.send(exc)
        return
    finally:
        errors.close()
    ready.set()
    serve_on(app, sock, options)


class Supervisor:
    """Starts the gate processes, starts again any that dies, stops them all on a signal."""

    def __init__(self, config: GateConfig, options: ServerOptions, workers: int) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.config = config
        self.options = options
        self.workers = workers
        self._ctx = multiprocessing.get_context("spawn")
        self._procs: dict[int, Any] = {}
        #: Each process's start signal, kept while it lives (its semaphore must outlive it).
        self._ready: dict[int, Any] = {}
        #: Each process's pipe for what kept it from starting (``_run``).
        self._errors: dict[int, Any] = {}
        self._started: dict[int, float] = {}
        self._stopping = False

    def _start(self, index: int) -> Any:
        ready = self._ctx.Event()
        receive, send = self._ctx.Pipe(duplex=False)
        proc = self._ctx.Process(target=_run, name=f"gate-{index}", daemon=False,
                                 args=(share(self.config, index), self.options, ready,
                                       os.getpid(), send))
        proc.start()
        send.close()  # the process holds its own end: the pipe ends when the process does
        if index in self._errors:
            self._errors[index].close()
        self._procs[index] = proc
        self._ready[index] = ready
        self._errors[index] = receive
        self._started[index] = time.monotonic()
        return ready

    def _stop(self, signum: int, frame: Any) -> None:
        self._stopping = True

    def _why_not(self, index: int) -> WordedError | None:
        """What process ``index`` sent before it ended without starting, if anything."""
        pipe = self._errors.get(index)
        try:
            if pipe is not None and pipe.poll():
                problem = pipe.recv()
                return problem if isinstance(problem, WordedError) else None
        except (EOFError, OSError):
            return None
        return None

    def run(self) -> int:
        """Serve until SIGTERM or SIGINT; the exit status (1: the first process ended
        before it could serve, saying nothing). What it said, it raises: a
        ``WordedError``."""
        previous = {s: signal.signal(s, self._stop) for s in (signal.SIGTERM, signal.SIGINT)}
        try:
            first = self._start(0)
            while not first.wait(0.2):
                if not self._procs[0].is_alive() or self._stopping:
                    if self._stopping:
                        return 0
                    self._procs[0].join(5)
                    problem = self._why_not(0)
                    if problem is not None:
                        raise problem
                    return 1
            for index in range(1, self.workers):
                self._start(index)
            log.info("%d gate processes serve on %s:%d", self.workers, self.options.host,
                     self.options.port)
            while not self._stopping:
                time.sleep(WATCH_EVERY)
                for index, proc in list(self._procs.items()):
                    if (not proc.is_alive() and not self._stopping
                            and time.monotonic() - self._started[index] > RESTART_AFTER):
                        problem = self._why_not(index)
                        log.warning("gate process %d ended (%s); started again", index,
                                    problem if problem is not None else proc.exitcode)
                        proc.close()
                        self._start(index)
            return 0
        finally:
            self._end_all()
            for s, handler in previous.items():
                signal.signal(s, handler)

    def _end_all(self) -> None:
        for proc in self._procs.values():
            if proc.is_alive() and proc.pid is not None:
                os.kill(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_WAIT
        for proc in self._procs.values():
            proc.join(max(0.0, deadline - time.monotonic()))
            if proc.is_alive():
                proc.kill()
                proc.join(5)
        for pipe in self._errors.values():
            pipe.close()
