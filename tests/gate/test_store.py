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


def test_a_package_is_written_first_and_made_durable_together(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``place`` syncs every staged file before any rename and each receiving folder once
    after all of them; nothing is in the store before it, nothing is left in ``tmp/`` after."""
    import os

    store = ContentStore(tmp_path / "store")
    work = tmp_path / "tmp"
    blobs = [b"a" * 10, b"b" * 20, b"a" * 10, b"c" * 30]  # the same bytes twice
    staged = [store.stage(io.BytesIO(b), limit=100, work=work) for b in blobs]
    assert [s.size for s in staged] == [10, 20, 10, 30]
    assert list(store.addresses()) == []  # staged is not stored
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        target = os.readlink(f"/proc/self/fd/{fd}")
        events.append("sync-dir" if os.path.isdir(target) else "sync-file")
        real_fsync(fd)

    def replace(src: object, dst: object) -> None:
        events.append("rename")
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    store.place(staged)
    folders = {store.path(s.sha256).parent for s in staged}
    # every file synced before the first rename (a new folder syncs the store's root when
    # made); after the last rename, each receiving folder synced once
    first, last = events.index("rename"), len(events) - 1 - events[::-1].index("rename")
    assert events[:first] == ["sync-file"] * 4
    assert "sync-file" not in events[first:]
    assert events[last + 1:] == ["sync-dir"] * len(folders)
    assert sorted(store.addresses()) == sorted({hashlib.sha256(b).hexdigest() for b in blobs})
    assert list(work.iterdir()) == []


def test_a_package_over_the_limit_leaves_nothing(tmp_path: Path) -> None:
    """The third file of a package goes past the gate's limit: 413, and neither the store
    nor ``tmp/`` keeps any of the package's files."""
    from validator.gate.intake import Intake, IntakeError, Upload

    store = ContentStore(tmp_path / "data" / "store")
    intake = Intake.__new__(Intake)  # only what ``receive`` uses
    object.__setattr__(intake, "store", store)
    object.__setattr__(intake, "data", tmp_path / "data")
    object.__setattr__(intake, "max_bytes", 50)
    uploads = [Upload(f"{n}.docx", io.BytesIO(b"x" * 20)) for n in range(3)]
    with pytest.raises(IntakeError) as refused:
        intake.receive(uploads)
    assert refused.value.status == 413
    assert list(store.addresses()) == []
    assert list((tmp_path / "data" / "tmp").iterdir()) == []


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
