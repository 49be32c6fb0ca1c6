"""The content store writes an upload in one pass: hashed while written, durable, bounded."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest

from validator.gate.register import Register
from validator.gate.store import INCOMING, ContentStore, TooLarge


def test_stream_is_stored_at_its_address_once(tmp_path: Path) -> None:
    store = ContentStore(tmp_path / "store")
    blob = b"\xd0\x9f" * 700_000  # over one read chunk
    sha, size = store.put_stream(io.BytesIO(blob), limit=10 << 20)
    assert (sha, size) == (hashlib.sha256(blob).hexdigest(), len(blob))
    assert store.read(sha) == blob
    again = store.put_stream(io.BytesIO(blob), limit=10 << 20)
    assert again == (sha, size)
    assert list(store.addresses()) == [sha]
    assert list((tmp_path / "store" / INCOMING).iterdir()) == []  # no temporary file left


def test_stream_over_its_limit_leaves_nothing(tmp_path: Path) -> None:
    store = ContentStore(tmp_path / "store")
    with pytest.raises(TooLarge):
        store.put_stream(io.BytesIO(b"x" * 5000), limit=4999)
    assert list(store.addresses()) == []
    assert list((tmp_path / "store" / INCOMING).iterdir()) == []
    sha, size = store.put_stream(io.BytesIO(b"x" * 5000), limit=5000)  # exactly the limit
    assert size == 5000 and store.verify(sha)


def test_temporary_upload_left_by_a_crash_is_swept(tmp_path: Path) -> None:
    store = ContentStore(tmp_path / "store")
    store.put_stream(io.BytesIO(b"a"), limit=10)
    left = tmp_path / "store" / INCOMING / ".tmp-deadbeef"
    left.write_bytes(b"half an upload")
    assert store.sweep_temporary() == 1
    assert not left.exists()


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
