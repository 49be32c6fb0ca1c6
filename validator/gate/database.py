"""The register's database: one SQL dialect on SQLite or PostgreSQL, and its connections.

SQLite (the embedded default) keeps one connection per thread, opened on its first
transaction; PostgreSQL connections come from a pool per process, opened on first use and
never inherited by a child process. Both give a cursor taking ``?`` placeholders, inside one
transaction per ``with``: ``Register`` builds on this and knows nothing of connections.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from validator.gate.writer_lock import WriterLock


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...
    def execute(self, sql: str, params: Sequence[Any] = ...) -> Any: ...
    def fetchall(self) -> list[Any]: ...
    def fetchone(self) -> Any: ...


T = TypeVar("T")


@dataclass(frozen=True)
class Read(Generic[T]):
    """Reading statements whose rows together give one value (``decode`` takes each
    statement's rows, in order). Several reads go to the database together
    (``Database.read``): on PostgreSQL in one round trip, whatever their number."""

    statements: tuple[tuple[str, tuple[Any, ...]], ...]
    decode: Callable[[list[list[Any]]], T]


#: PostgreSQL connections one gate process keeps open (its request threads and its check
#: dispatcher share them); a burst of receipts waits for a free one rather than opening more.
PG_POOL_SIZE = 8


#: The URLs of a register: PostgreSQL (several gate processes may share it) or SQLite.
POSTGRES_SCHEMES = ("postgresql://", "postgres://")
SQLITE_SCHEME = "sqlite:///"
#: The SQLite register's file in a gate's data folder.
SQLITE_FILE = "register.sqlite3"


def is_postgres(url: str) -> bool:
    """Whether ``url`` names a PostgreSQL register."""
    return url.startswith(POSTGRES_SCHEMES)


def is_register_url(url: str) -> bool:
    """Whether ``url`` names a register the gate can open (PostgreSQL or SQLite)."""
    return is_postgres(url) or url.startswith(SQLITE_SCHEME)


def sqlite_url(data: Path) -> str:
    """The URL of the SQLite register in the data folder ``data``."""
    return f"{SQLITE_SCHEME}{(data / SQLITE_FILE).resolve()}"


class Database:
    """Transactions on the register's database: one short SQLite transaction on this thread's
    connection, or a connection borrowed from this process's PostgreSQL pool (opening one
    costs more than most queries)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.postgres = is_postgres(url)
        self._pool: Any = None
        self._pool_lock = threading.Lock()
        self._local = threading.local()
        # SQLite writers of this process take turns here rather than in SQLite's busy
        # handler, which sleeps up to 100 ms between tries (a burst of receipts waits on it).
        self._writer = threading.Lock()
        if not is_register_url(url):
            raise ValueError("database URL must be sqlite:///PATH or postgresql://...")
        # ... and the writers of this machine's other gate processes, on a file lock.
        self._across = WriterLock(url.removeprefix(SQLITE_SCHEME) + ".writer")

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.postgres else sql

    def transaction(self, write: bool = True) -> Any:
        """One transaction (a context manager giving a cursor with ``?`` placeholders).

        On SQLite a writing transaction takes the write lock at once (``BEGIN IMMEDIATE``:
        no upgrade deadlocks); a reading one (``write=False``) does not, so reads go on
        beside a write (WAL).
        """
        return self._transaction(write)

    @contextmanager
    def _transaction(self, write: bool = True, pipeline: bool = False) -> Iterator[Cursor]:
        """``transaction``; with ``pipeline`` PostgreSQL's statements are sent without
        waiting for each answer, until one is read (a fetch) or the transaction ends: the
        statements whose results nobody reads cost no round trip of their own."""
        if self.postgres and pipeline:
            # BEGIN travels with the first statement and COMMIT is the pipeline's last
            # message, rather than each waiting for its own answer (as psycopg's own
            # transaction blocks do in a pipeline)
            with self._pg_pool().connection() as conn:
                conn.autocommit = True
                try:
                    with conn.pipeline(), conn.cursor() as cur:
                        cur.execute("BEGIN")
                        yield _PgCursor(cur, self._sql)
                        cur.execute("COMMIT")
                except BaseException:
                    # A statement refused in a pipeline (another process took the version
                    # number) leaves psycopg's record of prepared statements unsure: the
                    # connection is closed, which rolls back, and the pool opens another.
                    conn.close()
                    raise
                conn.autocommit = False
            return
        if self.postgres:
            with self._pg_pool().connection() as conn, conn.transaction(), \
                    conn.cursor() as cur:
                yield _PgCursor(cur, self._sql)
            return
        with self._writer if write else contextlib.nullcontext(), self._lite(write) as cur:
            yield cur

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        """The rows of one reading statement, run on its own (it is its own transaction):
        no ``BEGIN`` and ``COMMIT`` around it, which on PostgreSQL are a round trip each
        (a receipt makes several such reads: its token, the queue's length, its item)."""
        found: list[Any] = self.read(Read(((sql, tuple(params)),), lambda rows: rows[0]))[0]
        return found

    def read(self, *reads: Read[Any]) -> tuple[Any, ...]:
        """The value of each of ``reads``, in order. Each statement runs on its own, outside
        a transaction, like ``query``: fit for rows that never change once written, or whose
        reads need not agree to the moment. On PostgreSQL every statement is sent before any
        answer is awaited (a pipeline), so a poll's several reads cost one round trip."""
        statements = [s for r in reads for s in r.statements]
        if self.postgres:
            rows = self._pg_read(statements)
        else:
            lite = self._lite_connection()
            try:
                rows = [lite.execute(sql, params).fetchall() for sql, params in statements]
            except BaseException:
                self._drop_lite_connection()
                raise
        out, at = [], 0
        for r in reads:
            out.append(r.decode(rows[at:at + len(r.statements)]))
            at += len(r.statements)
        return tuple(out)

    def _pg_read(self, statements: Sequence[tuple[str, tuple[Any, ...]]]) -> list[list[Any]]:
        with self._pg_pool().connection() as conn:
            conn.autocommit = True
            try:
                cursors = []
                # the pipeline's end sends every statement and one Sync, and waits once for
                # all the answers, which the cursors then hold
                with conn.pipeline():
                    for sql, params in statements:
                        cur = conn.cursor()
                        cur.execute(self._sql(sql), params)
                        cursors.append(cur)
                return [list(c.fetchall()) for c in cursors]
            except BaseException:
                conn.close()  # as in a pipelined transaction: psycopg's state is unsure
                raise
            finally:
                if not conn.closed:
                    conn.autocommit = False

    def _pg_pool(self) -> Any:
        """This process's pool, opened on first use (never inherited: a child process that
        receives a Register opens its own)."""
        with self._pool_lock:
            if self._pool is None:
                from psycopg_pool import ConnectionPool

                self._pool = ConnectionPool(self.url, min_size=1, max_size=PG_POOL_SIZE,
                                            kwargs={"connect_timeout": 10}, timeout=60,
                                            name="register", open=True)
            return self._pool

    def close(self) -> None:
        """Close this process's PostgreSQL connections and the calling thread's SQLite
        connection (other threads' close when their thread ends)."""
        self._drop_lite_connection()
        self._across.close()
        with self._pool_lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.close()

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_pool"] = None
        state.pop("_local", None)
        state.pop("_pool_lock", None)
        state.pop("_writer", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._pool_lock = threading.Lock()
        self._writer = threading.Lock()
        self._local = threading.local()

    def _lite_connection(self) -> sqlite3.Connection:
        """The calling thread's SQLite connection, opened on its first transaction.

        Kept open between transactions: opening one, setting its pragmas and closing it cost
        more than a receipt's whole transaction, and closing the last connection to a WAL
        database checkpoints it on every call."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.url.removeprefix(SQLITE_SCHEME), timeout=60,
                                   isolation_level=None)
            conn.execute("PRAGMA busy_timeout = 60000")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            self._local.conn = conn
        return conn

    def _drop_lite_connection(self) -> None:
        """Close the calling thread's connection (a failed statement may have left it in an
        unknown state); the next transaction opens a new one."""
        conn = getattr(self._local, "conn", None)
        self._local.conn = None
        if conn is not None:
            with contextlib.suppress(sqlite3.Error):
                conn.close()

    @contextmanager
    def _lite(self, write: bool) -> Iterator[Cursor]:
        with self._across.held() if write else contextlib.nullcontext(), \
                self._lite_transaction(write) as cur:
            yield cur

    @contextmanager
    def _lite_transaction(self, write: bool) -> Iterator[Cursor]:
        lite = self._lite_connection()
        try:
            lite.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        except BaseException:
            self._drop_lite_connection()
            raise
        try:
            yield lite.cursor()
        except BaseException:
            try:
                lite.execute("ROLLBACK")
            except sqlite3.Error:
                self._drop_lite_connection()
            raise
        try:
            lite.execute("COMMIT")
        except BaseException:
            self._drop_lite_connection()  # closing rolls the transaction back
            raise


class _PgCursor:
    """psycopg cursor with the register's ``?`` placeholders."""

    def __init__(self, cur: Any, translate: Any) -> None:
        self._cur = cur
        self._translate = translate

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._cur.execute(self._translate(sql), tuple(params))

    def fetchall(self) -> list[Any]:
        return list(self._cur.fetchall())

    def fetchone(self) -> Any:
        return self._cur.fetchone()

    @property
    def rowcount(self) -> int:
        return int(self._cur.rowcount)
