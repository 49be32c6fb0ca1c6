"""The gate's settings: where it keeps things and its operational limits.

These are limits of the service (request size, files per package, concurrent checks, time
and memory per check), not thresholds of the regulation: those stay in the profile.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class GateConfig:
    data: Path
    database: str | None = None
    profile: str | None = None
    max_request_bytes: int = 64 << 20
    max_files: int = 50
    max_checks: int = max(1, os.cpu_count() or 1)
    #: Requests being received or waiting for a checker; beyond that: 503 (None: 4 x checks,
    #: at most 32, so waiting requests never take all 40 threads of the server's pool).
    max_pending: int | None = None
    check_timeout: float = 120.0
    check_memory_bytes: int = 2 << 30
    retry_after_seconds: int = 5

    @property
    def pending_limit(self) -> int:
        if self.max_pending is not None:
            return self.max_pending
        return min(4 * self.max_checks, 32)

    @property
    def database_url(self) -> str:
        if self.database:
            return self.database
        return f"sqlite:///{(self.data / 'register.sqlite3').resolve()}"
