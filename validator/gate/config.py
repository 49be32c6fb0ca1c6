"""The gate's settings: where it keeps things and its operational limits.

These are limits of the service (request size, files per package, concurrent checks, time
and memory per check), not thresholds of the regulation: those stay in the profile.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


def default_checks() -> int:
    """Checks a gate runs at once unless told: one fewer than the CPUs, at least one. One
    core stays with receiving, so that on deadline day a receipt never waits for checks
    (and the machine holds one set of checking processes, with their LibreOffice, fewer)."""
    return max(1, (os.cpu_count() or 1) - 1)


@dataclass(frozen=True)
class GateConfig:
    data: Path
    database: str | None = None
    profile: str | None = None
    max_request_bytes: int = 64 << 20
    max_files: int = 50
    #: Checks this process runs at once (its worker threads, each with a checking process);
    #: 0: this process only receives, others check.
    max_checks: int = default_checks()
    #: While packages keep arriving, checks wait until none has arrived for
    #: ``burst_quiet_seconds`` (0: never wait), at most ``burst_most_seconds`` after the oldest
    #: waiting one arrived: receipts come first on deadline day (``jobs.burst_wait``).
    burst_quiet_seconds: float = 0.3
    burst_most_seconds: float = 5.0
    #: Worker threads of this process for a request's blocking work (the register, the
    #: store): a burst's requests take turns on them. More threads than that only contend
    #: for the interpreter and the register's connections (docs/BENCHMARKS.md).
    threads: int = 4
    #: Packages queued or being checked; a submission beyond that is answered 503.
    max_queue: int = 1000
    check_timeout: float = 120.0
    check_memory_bytes: int = 2 << 30
    retry_after_seconds: int = 5
    #: How long a worker holds a check without renewing it (it renews every third of it);
    #: a check whose process died is taken again after this.
    lease_seconds: float = 60.0
    #: How long a pre-check (a check without submitting) is kept for its body, then deleted.
    precheck_keep_hours: float = 24.0

    @property
    def database_url(self) -> str:
        if self.database:
            return self.database
        from validator.gate.database import sqlite_url

        return sqlite_url(self.data)
