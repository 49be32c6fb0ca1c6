"""The checking processes: reused while healthy, replaced when killed, FIL001 when a check
cannot finish."""

from __future__ import annotations

import datetime as dt
import os
import signal
import time
from pathlib import Path

from tests.gate.packages import compliant_item, write
from tests.gate.procs import children
from validator.core.clock import check_time
from validator.gate.worker import CheckJob, CheckLimits, CheckPool, StoredFile, worker_context
from validator.settings.profile import load_profile, resolve_profile_path

PROFILE = resolve_profile_path("oskemen-2025")


def _job(folder: Path) -> CheckJob:
    return CheckJob(str(folder), "package", str(PROFILE), dt.date(2030, 3, 5),
                    dt.date(2030, 2, 1), shown_as="")


def _big_package(folder: Path, decks: int) -> list[StoredFile]:
    """``decks`` copies of a 400-slide deck in ``folder/package``: a check that takes seconds."""
    from pptx import Presentation

    (folder / "package").mkdir(parents=True)
    prs = Presentation()
    for _ in range(400):
        prs.slides.add_slide(prs.slide_layouts[1]).shapes.title.text = "Жол жөндеу"
    first = folder / "package" / "deck00.pptx"
    prs.save(str(first))
    for i in range(1, decks):
        (folder / "package" / f"deck{i:02}.pptx").write_bytes(first.read_bytes())
    return [StoredFile(p.name, p.stat().st_size, "0" * 64)
            for p in sorted((folder / "package").iterdir())]


def test_pool_reuses_replaces_and_fails_closed(tmp_path: Path) -> None:
    write(tmp_path / "package", compliant_item())
    profile = load_profile(PROFILE)
    pool = CheckPool(worker_context(), CheckLimits(timeout=60), tmp_path / "work")
    files = [StoredFile(n, len(b), "0" * 64) for n, b in compliant_item().items()]
    try:
        first = pool.run(_job(tmp_path), profile, files)
        assert first.packages[0].verdict.value == "accept"
        # named as submitted: neither the job's folder nor the checking process's shows
        assert first.packages[0].path == ""
        assert sorted(f.path for f in first.packages[0].files) == sorted(compliant_item())
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
        # both reports state when the check ran (SOURCE_DATE_EPOCH, tests/conftest.py)
        assert first.checked_at == broken.checked_at == check_time()
        assert pool._idle == []
        # the package was given back to its request folder; retired workers left nothing
        assert sorted(p.name for p in (tmp_path / "package").iterdir()) == sorted(
            compliant_item())
    finally:
        pool.close()
    assert list((tmp_path / "work").iterdir()) == []


def test_process_killed_mid_check_gives_fil001(tmp_path: Path) -> None:
    import threading

    small = tmp_path / "small"
    write(small / "package", {"a.pptx": compliant_item()["Таныстырылым_қаз.pptx"]})
    big = tmp_path / "big"
    files = _big_package(big, 41)
    profile = load_profile(PROFILE)
    pool = CheckPool(worker_context(), CheckLimits(timeout=120), tmp_path / "work")
    try:
        pool.run(_job(small), profile, files[:1])
        pid = pool._idle[0].proc.pid
        result: list = []
        started = time.monotonic()
        t = threading.Thread(target=lambda: result.append(pool.run(_job(big), profile, files)))
        t.start()
        time.sleep(0.5)
        assert t.is_alive(), "the check finished before it could be killed"
        os.kill(pid, signal.SIGKILL)
        t.join(60)
        assert time.monotonic() - started < 30
        report = result[0]
        findings = [f for p in report.packages for fr in p.files for f in fr.findings]
        assert len(findings) == len(files)
        assert {f.code for f in findings} == {"FIL001"}
        assert "checking process stopped (exit code -9)" in findings[0].evidence
    finally:
        pool.close()
    assert list((tmp_path / "work").iterdir()) == []


def test_pool_closed_during_a_check_leaves_no_folder(tmp_path: Path) -> None:
    """A gate stopping while a check runs: the busy checking process is ended too and its
    folder removed, so nothing is left under the work folder (the check goes back to the
    queue in the dispatcher)."""
    import threading

    big = tmp_path / "big"
    files = _big_package(big, 41)
    profile = load_profile(PROFILE)
    pool = CheckPool(worker_context(), CheckLimits(timeout=120), tmp_path / "work")
    result: list = []
    t = threading.Thread(target=lambda: result.append(pool.attempt(_job(big), profile, files)))
    t.start()
    deadline = time.monotonic() + 60
    while not pool._busy and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    assert t.is_alive(), "the check finished before the pool was closed"
    busy = pool._busy[0].proc
    pool.close()
    t.join(30)
    assert not t.is_alive()
    assert not busy.is_alive()
    report, crash = result[0]
    assert report is None and "exit code -9" in crash  # not a result: the check is retried
    assert list((tmp_path / "work").iterdir()) == []


def _readers(checking: int) -> list[int]:
    """The reader processes of a checking process: children of its forkserver."""
    servers = [c for c in children(checking)
               if b"forkserver" in Path(f"/proc/{c}/cmdline").read_bytes()]
    return [r for s in servers for r in children(s)]


def test_reader_killed_mid_check_gives_fil001_for_its_file_only(tmp_path: Path) -> None:
    """The checking process reads files in a reader process it keeps between submissions;
    killing that reader in the middle of a package costs one file a FIL001, the rest of the
    package is checked, the submission is answered, and the next check gets a new reader."""
    import threading

    folder = tmp_path / "big"
    files = _big_package(folder, 30)
    small = tmp_path / "small"
    write(small / "package", {"a.pptx": compliant_item()["Таныстырылым_қаз.pptx"]})
    profile = load_profile(PROFILE)
    pool = CheckPool(worker_context(), CheckLimits(timeout=120), tmp_path / "work")
    try:
        pool.run(_job(small), profile, files[:1])  # the reader starts and stays
        checking = pool._idle[0].proc.pid
        readers = _readers(checking)
        assert len(readers) == 1, readers
        result: list = []
        t = threading.Thread(target=lambda: result.append(pool.run(_job(folder), profile,
                                                                   files)))
        t.start()
        time.sleep(1.0)
        assert t.is_alive(), "the check finished before the reader could be killed"
        os.kill(readers[0], signal.SIGKILL)
        t.join(120)
        report = result[0]
        by_file = {fr.path: [f for f in fr.findings if f.code == "FIL001"]
                   for p in report.packages for fr in p.files}
        died = [path for path, found in by_file.items() if found]
        assert len(died) == 1, died
        assert "the reader process died (SIGKILL)" in by_file[died[0]][0].evidence
        assert len(by_file) == len(files)  # every other file was read by a new reader
        assert pool._idle[0].proc.pid == checking  # the checking process itself lived on
        after = _readers(checking)
        assert len(after) == 1 and after != readers
    finally:
        pool.close()
