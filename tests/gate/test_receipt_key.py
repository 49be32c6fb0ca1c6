"""The receipt key: private (0600), made once when processes start together, refused when
exposed or damaged, pinned in the register (SQLite and PostgreSQL)."""

from __future__ import annotations

import base64
import multiprocessing
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.gate.conftest import make_env
from tests.gate.receipt_helpers import public_key, submitted
from validator.gate.receipt_key import KEY_FILE, ReceiptKeyError, load_or_create
from validator.gate.receipts import Receipts
from validator.gate.register import Register
from validator.gate.service import open_gate
from validator.storage.signing import verify


def test_the_key_file_is_private_and_refused_when_exposed_or_damaged(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    signer = load_or_create(data)
    path = data / KEY_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create(data).public_bytes == signer.public_bytes  # read, not remade
    for mode in (0o640, 0o604, 0o620):
        path.chmod(mode)
        with pytest.raises(ReceiptKeyError, match=f"open to other users \\(mode 0{mode:o}\\)"):
            load_or_create(data)
    path.chmod(0o600)
    pem = path.read_bytes()
    path.write_bytes(pem[:40] + b"A" + pem[41:])
    with pytest.raises(ReceiptKeyError, match="damaged"):
        load_or_create(data)
    path.write_bytes(b"")
    with pytest.raises(ReceiptKeyError, match="damaged"):
        load_or_create(data)
    assert path.read_bytes() == b"", "a damaged key is never replaced"


def test_serve_refuses_to_start_with_an_exposed_key(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    load_or_create(data)
    (data / KEY_FILE).chmod(0o644)
    done = subprocess.run([sys.executable, "-m", "validator", "serve", "--data", str(data),
                           "--port", "9", "--max-checks", "0"],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 2
    assert "open to other users (mode 0644)" in done.stderr
    assert f"chmod 600 {data / KEY_FILE}" in done.stderr
    assert "Traceback" not in done.stderr


def _start_together(data: str, barrier: Any, out: Any) -> None:
    register = Register.in_folder(Path(data))
    barrier.wait()
    receipts = Receipts.open(Path(data), register)
    out.put(receipts.signer.public_b64)


def test_processes_starting_at_once_end_with_one_key(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    for attempt in range(8):
        data = tmp_path / f"data{attempt}"
        data.mkdir()
        Register.in_folder(data).create()
        barrier, out = ctx.Barrier(4), ctx.Queue()
        procs = [ctx.Process(target=_start_together, args=(str(data), barrier, out))
                 for _ in range(4)]
        for p in procs:
            p.start()
        keys = [out.get(timeout=60) for _ in procs]
        for p in procs:
            p.join(60)
            assert p.exitcode == 0
        assert len(set(keys)) == 1, keys
        assert not [p for p in data.iterdir() if p.name.startswith(f".{KEY_FILE}")]
        assert base64.b64encode(load_or_create(data).public_bytes).decode() == keys[0]


def test_a_register_refuses_a_second_key(tmp_path: Path) -> None:
    e = make_env(tmp_path, max_checks=0)
    first = e.gate.receipts.signer.key_sha256
    e.gate.dispatcher.pool.close()
    key = e.config.data / KEY_FILE
    key.unlink()  # lost: a new key would be made, and refused
    with pytest.raises(ReceiptKeyError, match=f"fingerprint {first}"):
        open_gate(e.config)


def test_processes_sharing_a_postgresql_register_sign_with_one_key(tmp_path: Path,
                                                                  pg_fresh: str) -> None:
    a = make_env(tmp_path / "a", database=pg_fresh, max_checks=0)
    with a.client:
        rec = submitted(a)["receipt"]
    a.gate.dispatcher.pool.close()
    (tmp_path / "b" / "data").mkdir(parents=True)
    other = tmp_path / "b"
    with pytest.raises(ReceiptKeyError, match="every gate process sharing the register"):
        make_env(other, database=pg_fresh, max_checks=0)
    shutil.copy2(a.config.data / KEY_FILE, other / "data" / KEY_FILE)
    b = make_env(other, database=pg_fresh, max_checks=0)
    with b.client:
        served = b.client.get(f"/api/v1/submissions/{rec['id']}", headers=b.auth("staff"))
        assert served.json()["receipt"] == rec
        assert verify(rec, public_key(b)).ok
    b.gate.dispatcher.pool.close()
