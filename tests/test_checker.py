"""``api.Checker``: many checks with one profile, the workers and LibreOffice kept running
between them, and every report the same as ``check()`` gives."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import ROOT
from validator.api import Checker, check
from validator.checks.base import RunContext
from validator.core.findings import Report
from validator.paging.libreoffice import find_libreoffice

COMPLIANT = ROOT / "samples" / "compliant-item"
NON_COMPLIANT = ROOT / "samples" / "non-compliant-item"
CONTEXT = RunContext(today=dt.date(2026, 1, 5), meeting_date=dt.date(2026, 1, 20),
                     submitted=dt.date(2026, 1, 5))


def _findings(report: Report) -> list[tuple[str, str, str, str, str]]:
    return sorted((f.file, f.code, f.status.value, f.fingerprint, f.message("en"))
                  for f in report.all_findings())


def test_reports_are_those_of_check_and_the_workers_start_once() -> None:
    with Checker(jobs=1) as checker:
        runs = [checker.check(path, context=CONTEXT)
                for path in (COMPLIANT, NON_COMPLIANT, COMPLIANT)]
        assert checker.pool is not None and checker.page_counter is not None
        started = checker.pool.started
        lo_starts = checker.page_counter.libreoffice_starts
    for path, got in zip((COMPLIANT, NON_COMPLIANT, COMPLIANT), runs, strict=True):
        alone = check(path, context=CONTEXT)
        assert _findings(got) == _findings(alone)
        assert [p.verdict for p in got.packages] == [p.verdict for p in alone.packages]
        assert got.notes == alone.notes  # the page-count note counts this run's files only
    assert {"PKG001", "SLD001", "SLD002", "LNG003"} <= {f.code for f in runs[1].all_findings()}
    assert runs[0].notes and runs[0].notes == runs[2].notes
    assert started == 1  # one worker read the three packages (29 files)
    assert lo_starts == (1 if find_libreoffice() else 0)


def test_a_closed_checker_refuses_to_check() -> None:
    checker = Checker(jobs=1)
    checker.close()
    checker.close()  # closing twice is harmless
    with pytest.raises(RuntimeError, match="closed"):
        checker.check(COMPLIANT)


def test_a_missing_path_is_an_error_not_a_report() -> None:
    with Checker(isolate=False) as checker, pytest.raises(FileNotFoundError):
        checker.check(ROOT / "no-such-folder")
