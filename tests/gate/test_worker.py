"""The checking processes: reused while healthy, replaced when killed, FIL001 when a check
cannot finish."""

from __future__ import annotations

import datetime as dt
import os
import signal
import time
from pathlib import Path

from tests.gate.packages import compliant_item, write
from validator.gate.worker import CheckJob, CheckLimits, CheckPool, StoredFile, worker_context
from validator.profile import load_profile, resolve_profile_path

PROFILE = resolve_profile_path("oskemen-2025")


def _job(folder: Path) -> CheckJob:
    return CheckJob(str(folder), "package", str(PROFILE), dt.date(2030, 3, 5),
                    dt.date(2030, 2, 1))


def test_pool_reuses_replaces_and_fails_closed(tmp_path: Path) -> None:
    write(tmp_path / "package", compliant_item())
    profile = load_profile(PROFILE)
    pool = CheckPool(worker_context(), CheckLimits(timeout=60))
    files = [StoredFile(n, len(b), "0" * 64) for n, b in compliant_item().items()]
    try:
        first = pool.run(_job(tmp_path), profile, files)
        assert first.packages[0].verdict.value == "accept"
        assert [f.path for f in first.packages[0].files][0].startswith("package/")
        pid = pool._idle[0].proc.pid
        pool.run(_job(tmp_path), profile, files)
        assert pool._idle[0].proc.pid == pid  # the same process, caches warm
        # a process killed while idle is replaced on the next check
        os.kill(pid, signal.SIGKILL)
        time.sleep(0.2)
        again = pool.run(_job(tmp_path), profile, files)
        assert again.packages[0].verdict.value == "accept"
        assert pool._idle[0].proc.pid != pid
        # a check that fails inside the process: FIL001 per file, the process not reused
        broken = pool.run(_job(tmp_path / "missing"), profile, files)
        findings = [f for p in broken.packages for fr in p.files for f in fr.findings]
        assert len(findings) == len(files)
        assert {f.code for f in findings} == {"FIL001"}
        assert "FileNotFoundError" in findings[0].evidence
        assert pool._idle == []
    finally:
        pool.close()
