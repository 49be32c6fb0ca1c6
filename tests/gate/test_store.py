"""The content store writes an upload in one pass: hashed while written, durable, bounded."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest

from validator.gate.register import Register
from validator.gate.store import ContentStore, TooLarge


def test_stream_is_stored_at_its_address_once(tmp_path: Path) -> None:
    store = ContentStore(tmp_path / "store")
    blob = b"\xd0\x9f" * 700_000  # over one read chunk
    sha, size = store.put_stream(io.BytesIO(blob), limit=10 << 20, work=tmp_path / "tmp")
    assert (sha, size) == (hashlib.sha256(blob).hexdigest(), len(blob))
    assert store.read(sha) == blob
    again = store.put_stream(io.BytesIO(blob), limit=10 << 20, work=tmp_path / "tmp")
    assert again == (sha, size)
    assert list(store.addresses()) == [sha]
    assert list((tmp_path / "tmp").iterdir()) == []  # no temporary file left


def test_stream_over_its_limit_leaves_nothing(tmp_path: Path) -> None:
    store = ContentStore(tmp_path / "store")
    with pytest.raises(TooLarge):
        store.put_stream(io.BytesIO(b"x" * 5000), limit=4999, work=tmp_path / "tmp")
    assert list(store.addresses()) == []
    assert list((tmp_path / "tmp").iterdir()) == []
    # exactly the limit is allowed
    sha, size = store.put_stream(io.BytesIO(b"x" * 5000), limit=5000, work=tmp_path / "tmp")
    assert size == 5000 and store.verify(sha)


def test_an_upload_in_progress_is_outside_the_store(tmp_path: Path) -> None:
    """While an upload is being received it is a file of the work folder (swept by age when
    a gate starts), never a file of the store: a process killed during a long upload leaves
    the store as it was."""
    store = ContentStore(tmp_path / "data" / "store")
    work = tmp_path / "data" / "tmp"
    seen: list[tuple[list[str], list[str]]] = []

    class Watched(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            seen.append((sorted(p.name for p in work.iterdir()),
                         [str(p) for p in store.root.rglob("*") if p.is_file()]))
            return super().read(3)

    sha, _ = store.put_stream(Watched(b"abcdef"), limit=10, work=work)
    in_work, in_store = seen[1]  # after the first chunk was written
    assert len(in_work) == 1 and in_work[0].startswith(".tmp-")
    assert in_store == []
    assert list(store.addresses()) == [sha] and list(work.iterdir()) == []


def test_sqlite_connection_survives_a_failed_transaction(tmp_path: Path) -> None:
    """A thread keeps its SQLite connection between transactions; a transaction that fails
    is rolled back and the next one works on a clean connection."""
    register = Register.in_folder(tmp_path)
    register.create()
    with pytest.raises(RuntimeError), register.transaction() as cur:
        cur.execute("INSERT INTO sessions (id, token_id, csrf, created_at, expires_at) "
                    "VALUES ('s', 't', 'c', 0, 1)")
        raise RuntimeError("the caller failed half-way")
    with register.transaction(write=False) as cur:
        cur.execute("SELECT COUNT(*) FROM sessions")
        assert cur.fetchone()[0] == 0  # rolled back
    with register.transaction() as cur:
        cur.execute("INSERT INTO sessions (id, token_id, csrf, created_at, expires_at) "
                    "VALUES ('s', 't', 'c', 0, 1)")
    with register.transaction(write=False) as cur:
        cur.execute("SELECT COUNT(*) FROM sessions")
        assert cur.fetchone()[0] == 1
    register.close()
