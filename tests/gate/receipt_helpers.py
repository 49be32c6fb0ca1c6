"""What the receipt tests share: a gate that receives without checking, a submission, the
verifying command run as a subprocess, and the gate's public key."""

from __future__ import annotations

import base64
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.gate.conftest import Env, make_env
from tests.gate.packages import compliant_item

ROOT = Path(__file__).resolve().parents[2]


def quiet_env(tmp_path: Path) -> Iterator[Env]:
    """A gate that receives but checks nothing: receipts need no check."""
    e = make_env(tmp_path, max_checks=0)
    with e.client:
        yield e


def submitted(env: Env, files: dict[str, bytes] | None = None) -> dict[str, Any]:
    """The 202 answer to a submission by the roads body (the compliant item by default)."""
    resp = env.submit("roads", files or compliant_item())
    assert resp.status_code == 202, resp.text
    body: dict[str, Any] = resp.json()
    return body


def verify_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """``validator receipt verify ARGS`` in a child process."""
    return subprocess.run([sys.executable, "-m", "validator", "receipt", "verify", *args],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)


def public_key(env: Env) -> bytes:
    """The raw public key, as ``GET /api/v1/receipt-key`` gives it to anyone."""
    return base64.b64decode(env.client.get("/api/v1/receipt-key").json()["public_key"])
