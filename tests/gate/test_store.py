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
    work = tmp_path / "tmp"  # a seekable stream is refused while hashed, before any write
    assert not work.exists() or list(work.iterdir()) == []
    # exactly the limit is allowed
    sha, size = store.put_stream(io.BytesIO(b"x" * 5000), limit=5000, work=tmp_path / "tmp")
    assert size == 5000 and store.verify(sha)


@pytest.mark.parametrize("seekable", [False, True])
def test_an_upload_in_progress_is_outside_the_store(tmp_path: Path, seekable: bool) -> None:
    """While an upload is being received it is a file of the work folder (swept by age when
    a gate starts), never a file of the store: a process killed during a long upload leaves
    the store as it was. A stream that cannot seek is read once, as it is written; one that
    can is hashed first (to find content already stored), then written."""
    store = ContentStore(tmp_path / "data" / "store")
    work = tmp_path / "data" / "tmp"
    seen: list[tuple[list[str], list[str]]] = []

    class Watched(io.BytesIO):
        def read(self, size: int | None = -1) -> bytes:
            seen.append((sorted(p.name for p in work.iterdir()) if work.exists() else [],
                         [str(p) for p in store.root.rglob("*") if p.is_file()]))
            return super().read(3)

        def seekable(self) -> bool:
            return seekable

    sha, _ = store.put_stream(Watched(b"abcdef"), limit=10, work=work)
    writing = [in_work for in_work, _ in seen if in_work]
    assert writing and all(len(w) == 1 and w[0].startswith(".tmp-") for w in writing)
    assert all(in_store == [] for _, in_store in seen)
    # read once (3 chunks: 3 bytes, 3 bytes, end) or twice (hashed, then written)
    assert len(seen) == (6 if seekable else 3)
    assert list(store.addresses()) == [sha] and list(work.iterdir()) == []


def test_content_already_stored_is_renewed_not_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same bytes sent again (a package corrected in one file and sent whole): nothing is
    written, synced or replaced; the blob's time is renewed (so no sweep removes it as unused)
    and its folder synced (the process that stored it may not have yet)."""
    import os
    import time

    store = ContentStore(tmp_path / "store")
    work = tmp_path / "tmp"
    sha, _ = store.put_stream(io.BytesIO(b"report" * 100), limit=1000, work=work)
    blob = store.path(sha)
    old = time.time() - 7200
    os.utime(blob, (old, old))
    inode = blob.stat().st_ino
    staged = store.stage(io.BytesIO(b"report" * 100), limit=1000, work=work)
    assert (staged.path, staged.sha256, staged.size) == (None, sha, 600)
    assert list(work.iterdir()) == []  # no temporary file was made
    assert blob.stat().st_mtime > old + 3600
    events = _watch_syncs(monkeypatch)
    store.place([staged])
    assert events == ["sync-dir"]
    assert blob.stat().st_ino == inode and store.read(sha) == b"report" * 100


def test_content_removed_between_staging_and_placing_is_written(tmp_path: Path) -> None:
    """A blob found stored when staged but removed as unused before it is placed: the
    package is staged again and written, and the store holds every file."""
    from validator.gate.intake import Intake, Upload
    from validator.gate.store import Staged, Vanished

    store = ContentStore(tmp_path / "data" / "store")
    old, _ = store.put_stream(io.BytesIO(b"kept"), limit=100, work=tmp_path / "data" / "tmp")
    staged = store.stage(io.BytesIO(b"kept"), limit=100, work=tmp_path / "data" / "tmp")
    store.remove(old)
    new = store.stage(io.BytesIO(b"new"), 100, tmp_path / "data" / "tmp")
    with pytest.raises(Vanished) as gone:
        store.place([staged, new])
    assert gone.value.addresses == {old}
    assert list(store.addresses()) == []  # nothing placed
    store.discard([staged, new])
    assert list((tmp_path / "data" / "tmp").iterdir()) == []

    class Removing(ContentStore):
        """Removes the blob once, right after the first staging found it."""

        def place(self, items: list[Staged]) -> None:  # type: ignore[override]
            if any(i.path is None for i in items) and self.has(old):
                self.remove(old)
            super().place(items)

    removing = Removing(store.root)
    removing.put_stream(io.BytesIO(b"kept"), limit=100, work=tmp_path / "data" / "tmp")
    intake = Intake.__new__(Intake)  # only what ``receive`` uses
    object.__setattr__(intake, "store", removing)
    object.__setattr__(intake, "data", tmp_path / "data")
    object.__setattr__(intake, "max_bytes", 100)
    stored = intake.receive([Upload("a.docx", io.BytesIO(b"kept")),
                             Upload("b.docx", io.BytesIO(b"other"))])
    assert [f.sha256 for f in stored] == [old, hashlib.sha256(b"other").hexdigest()]
    assert store.verify(old) and store.verify(stored[1].sha256)


def test_a_blob_renewed_while_it_is_removed_stays(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``remove_unused`` takes a blob out of its place before its time is looked at a last
    time: a renewal that came after the first look keeps the blob. An unused, old blob is
    removed and nothing of it is left; one taken out by a removal that never finished (a
    crash) is put back when the store is swept."""
    import os
    import time

    store = ContentStore(tmp_path / "store")
    work = tmp_path / "tmp"
    sha, _ = store.put_stream(io.BytesIO(b"blob"), limit=100, work=work)
    old = time.time() - 7200
    os.utime(store.path(sha), (old, old))
    real_rename = os.rename

    def renewed_first(src: object, dst: object) -> None:
        store.touch(sha)  # a request stores the same bytes just before the rename
        real_rename(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "rename", renewed_first)
    assert store.remove_unused(sha, grace=3600) is False
    assert store.verify(sha) and [p.name for p in store.path(sha).parent.iterdir()] == [sha]
    monkeypatch.setattr(os, "rename", real_rename)
    os.utime(store.path(sha), (old, old))
    assert store.remove_unused(sha, grace=3600) is True
    assert not store.path(sha).parent.exists() or list(store.path(sha).parent.iterdir()) == []
    # an interrupted removal: the blob out of its place, under its ".gone-" name
    sha, _ = store.put_stream(io.BytesIO(b"other"), limit=100, work=work)
    store.path(sha).rename(store.path(sha).with_name(f".gone-{sha}-0a1b2c3d"))
    assert not store.has(sha)
    store.sweep_temporary()
    assert store.verify(sha)


def test_a_package_is_written_first_and_made_durable_together(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``place`` syncs every staged file before any rename and each receiving folder once
    after all of them; nothing is in the store before it, nothing is left in ``tmp/`` after."""

    store = ContentStore(tmp_path / "store")
    work = tmp_path / "tmp"
    blobs = [b"a" * 10, b"b" * 20, b"a" * 10, b"c" * 30]  # the same bytes twice
    staged = [store.stage(io.BytesIO(b), limit=100, work=work) for b in blobs]
    assert [s.size for s in staged] == [10, 20, 10, 30]
    assert list(store.addresses()) == []  # staged is not stored
    events = _watch_syncs(monkeypatch)
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


def _watch_syncs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The store's syncs and renames from now on, in order: "sync-file", "sync-dir",
    "rename"."""
    import os

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
    return events
