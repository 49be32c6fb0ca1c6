"""Worker processes: a file whose reader hangs, dies or runs out of memory gets FIL001 with the
reason, and the other files of the run are still checked; workers are replaced after N files;
package rules get the worker's views."""

from __future__ import annotations

import gc
import os
import re
import signal
import threading
import time
from collections import deque
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run as check
from tests.security import hostile as h
from validator.core.errors import UnreadableError
from validator.core.findings import FileReport, Report
from validator.files.document import Document
from validator.files.member import Member
from validator.paging import PageCounter
from validator.reader.isolation import WorkerLimits, WorkerPool
from validator.reader.readers import IsolatedReader, largest_first
from validator.reader.sealed import FailedDocument, SealedDocument
from validator.reader.tasks import Task
from validator.run.filejob import FileJob, worker_pool
from validator.settings.options import Settings
from validator.settings.profile import Profile, load_profile, resolve_profile_path

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
SLOW = CORPUS / "office" / "bug65649.docx"  # 12.6 MB document.xml: about a second to read


def _profile(tmp_path: Path, **params: object) -> Path:
    """The shipped profile with some FIL001 / FIL003 parameters replaced."""
    text = resolve_profile_path("oskemen-2025").read_text(encoding="utf-8")
    for key, value in params.items():
        text, n = re.subn(rf"(?m)^{key} = [^\n#]*", f"{key} = {value}", text)
        assert n == 1, key
    path = tmp_path / "profile.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _by_name(report: Report) -> dict[str, list[tuple[str, str]]]:
    return {f.path.rsplit("/", 1)[-1]: [(x.code, x.evidence) for x in f.findings]
            for p in report.packages for f in p.files}


def _deck(tmp_path: Path, name: str = "ok.pptx") -> Path:
    path = tmp_path / name
    path.write_bytes(h.pptx())
    return path


@pytest.mark.skipif(not SLOW.exists(), reason="needs ../shared/corpus")
def test_timeout_gives_fil001_and_the_rest_is_checked(tmp_path: Path) -> None:
    profile = _profile(tmp_path, worker_timeout_seconds=0.2)
    report = check([SLOW, _deck(tmp_path)], profile=profile, jobs=1)
    found = _by_name(report)
    assert found["bug65649.docx"] == [
        ("FIL001", "reading took longer than 0.2 s (the reader was stopped)")]
    assert [c for c, _ in found["ok.pptx"] if c[:3] in ("FIL", "SEC")] == []


def test_memory_limit_gives_fil001(tmp_path: Path) -> None:
    profile = _profile(tmp_path, worker_memory_mb=1)
    report = check([_deck(tmp_path)], profile=profile, jobs=1)
    assert _by_name(report)["ok.pptx"] == [
        ("FIL001", "the reader ran out of memory (limit 1 MiB)")]


def _setup() -> tuple[FileJob, WorkerLimits]:
    profile = load_profile(resolve_profile_path("oskemen-2025"))
    return FileJob.of(profile, Settings()), WorkerLimits(30.0, 1536, 2)


def _reader(profile: Profile, jobs: int, progress: Any = None) -> IsolatedReader:
    """The run's reader: the per-file check given to a pool of its own."""
    settings = Settings()
    return IsolatedReader(FileJob.of(profile, settings), worker_pool(profile, settings, jobs),
                          own_pool=True, progress=progress)


@pytest.mark.skipif(not SLOW.exists(), reason="needs ../shared/corpus")
def test_killed_worker_gives_fil001_and_the_rest_is_checked(tmp_path: Path) -> None:
    setup, limits = _setup()
    small = _deck(tmp_path)
    tasks = [Task(0, Member(str(SLOW), SLOW.name, disk=SLOW), "p"),
             Task(1, Member(str(small), small.name, disk=small), "p")]
    with WorkerPool(setup, limits, jobs=1) as pool:
        def killer() -> None:
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                slot = pool._slots[0]
                if slot is not None and slot.task is not None and slot.task.index == 0:
                    time.sleep(0.1)
                    os.kill(slot.process.pid, signal.SIGKILL)
                    return
                time.sleep(0.01)

        thread = threading.Thread(target=killer)
        thread.start()
        outcomes = pool.run(tasks)
        thread.join()
        assert outcomes[0].report is None
        assert outcomes[0].failure == "the reader process died (SIGKILL)"
        assert outcomes[1].report is not None
        assert not [f for f in outcomes[1].report.findings if f.code[:3] in ("FIL", "SEC")]
        assert pool.started == 2  # the dead worker was replaced


def test_workers_are_replaced_after_max_files(tmp_path: Path) -> None:
    setup, limits = _setup()
    files = [_deck(tmp_path, f"d{i}.pptx") for i in range(5)]
    tasks = [Task(i, Member(str(p), p.name, disk=p), "p") for i, p in enumerate(files)]
    with WorkerPool(setup, limits, jobs=1) as pool:
        assert pool._ctx.get_start_method() in ("forkserver", "spawn")
        outcomes = pool.run(tasks)
        assert [o.report is not None for o in outcomes] == [True] * 5
        assert pool.started == 3  # 2 files per worker


def test_package_rules_get_the_workers_views(tmp_path: Path) -> None:
    profile = load_profile(resolve_profile_path("oskemen-2025"))
    good = tmp_path / "ok.pptx"
    good.write_bytes(h.pptx(h.slide_xml(h.text_shape(1, "Әкімдік"))))
    with _reader(profile, jobs=1) as reader:
        reader.pool.limits = WorkerLimits(0.0001, 1536, 10)
        [[(late, late_report)]] = reader.read([("p", [Member(str(good), good.name, disk=good)])])
        reader.pool.limits = WorkerLimits(30.0, 1536, 10)
        [[(doc, report)]] = reader.read([("p", [Member(str(good), good.name, disk=good)])])
    assert doc.has_view("text_blocks")  # computed in the worker, not here
    assert [b.text for b in doc.text_blocks] == ["Әкімдік"]
    assert not [f for f in report.findings if f.code[:3] in ("FIL", "SEC")]
    assert isinstance(late, FailedDocument)
    assert [f.code for f in late_report.findings] == ["FIL001"]
    with pytest.raises(UnreadableError, match="took longer"):
        late.text_blocks  # noqa: B018 - never parsed in the parent


def test_the_parent_parses_nothing_of_a_package(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Package rules (pairing, parity, tables) read what the workers sent: with every text
    extractor broken in this process, an isolated run of a bilingual item with a truncated
    file gives exactly the findings of a run that reads everything here."""
    import shutil

    item = tmp_path / "item"
    shutil.copytree(Path(__file__).resolve().parents[2] / "samples" / "non-compliant-item", item)
    whole = (item / "Анықтама_қаз.docx").read_bytes()
    (item / "Анықтама_2_қаз.docx").write_bytes(whole[: len(whole) // 2])
    reference = check(item, isolate=False)

    def parsed_here(*args: object) -> None:
        raise AssertionError("a file was parsed in the parent process")

    import validator.formats.textblocks
    import validator.language.parity

    monkeypatch.setattr(validator.formats.textblocks, "extract_text", parsed_here)
    monkeypatch.setattr(validator.formats.textblocks, "extract_tables", parsed_here)
    monkeypatch.setattr(validator.language.parity, "text_marks", parsed_here)
    isolated = check(item, jobs=2)

    def findings(report: Report) -> list[tuple[str, str, str, str]]:
        return sorted((f.file, f.code, f.status.value, f.fingerprint)
                      for f in report.all_findings())

    assert findings(isolated) == findings(reference)
    broken = [f for f in isolated.all_findings() if f.file.endswith("Анықтама_2_қаз.docx")]
    # Unreadable, and its pair is not compared: its FIL001 alone says so, never judged on text.
    assert sorted((f.code, f.status.value) for f in broken) == [("FIL001", "violation")]
    codes = {f.code for f in reference.all_findings()}
    assert {"LNG001", "LNG003"} <= codes  # pairing and parity really ran


def test_a_sealed_document_raises_instead_of_parsing(tmp_path: Path) -> None:
    profile = load_profile(resolve_profile_path("oskemen-2025"))
    good = tmp_path / "ok.pptx"
    good.write_bytes(h.pptx(h.slide_xml(h.text_shape(1, "Әкімдік 2025"))))
    broken = tmp_path / "broken.docx"
    data = h.docx()
    broken.write_bytes(data[: len(data) // 2])
    members = [Member(str(p), p.name, disk=p) for p in (good, broken)]
    with _reader(profile, jobs=1) as reader:
        [[(doc, _), (bad, bad_report)]] = reader.read([("p", members)])
    assert isinstance(doc, SealedDocument) and isinstance(bad, SealedDocument)
    assert doc.text_marks.figures == ("2025",)  # sent by the worker
    assert doc.table_shapes == ()
    with pytest.raises(UnreadableError, match="slide_runs was not computed in the worker"):
        doc.slide_runs  # noqa: B018 - not sent, and not parsed here either
    [fil] = [f for f in bad_report.findings if f.code == "FIL001"]
    assert bad.kind == "document"
    for view in ("text_blocks", "ooxml", "text_marks", "table_shapes"):
        with pytest.raises(UnreadableError) as raised:
            getattr(bad, view)
        assert str(raised.value) == fil.evidence  # the worker's reason, not a new parse


def test_files_go_to_the_workers_largest_first(tmp_path: Path) -> None:
    sizes = [3, 10, 1, 10]
    tasks = [Task(i, Member(f"f{i}.pptx", f"f{i}.pptx", blob=b"x" * n), "p")
             for i, n in enumerate(sizes)]
    tasks.append(Task(4, Member("gone.pptx", "gone.pptx", disk=tmp_path / "gone.pptx"), "p"))
    assert largest_first(tasks) == [1, 3, 0, 2, 4]  # ties keep their order; unreadable last


def test_the_pool_answers_in_task_order_whatever_the_dispatch_order(tmp_path: Path) -> None:
    setup, limits = _setup()
    files = [_deck(tmp_path, f"d{i}.pptx") for i in range(3)]
    tasks = [Task(i, Member(str(p), p.name, disk=p), "p") for i, p in enumerate(files)]
    with WorkerPool(setup, limits, jobs=2) as pool:
        outcomes = pool.run(tasks, order=[2, 0, 1])
    assert [o.index for o in outcomes] == [0, 1, 2]
    assert [o.report.path for o in outcomes if o.report] == [str(p) for p in files]


def test_a_run_interrupted_mid_file_does_not_hold_up_the_next(tmp_path: Path) -> None:
    """A pool kept between runs (``api.Checker``): when a run stops with a file still being
    read, the next run stops that worker instead of waiting for an answer nobody wants."""
    setup, _ = _setup()
    files = [_deck(tmp_path, f"d{i}.pptx") for i in range(2)]
    tasks = [Task(i, Member(str(p), p.name, disk=p), "p") for i, p in enumerate(files)]
    with WorkerPool(setup, WorkerLimits(30.0, 1536, 100), jobs=1) as pool:
        pool.run(tasks[:1])  # the worker is up
        pool._dispatch(deque([tasks[0]]), {})  # a run that stops after handing out a file
        busy = pool._slots[0]
        assert busy is not None and busy.task is not None
        [outcome] = pool.run([Task(0, tasks[1].member, "p")])
        assert not busy.process.is_alive()  # stopped, not waited for
        assert pool.started == 2  # a new worker read the new run's file
    assert outcome.report is not None and outcome.report.path == str(files[1])


@pytest.mark.skipif(not SLOW.exists(), reason="needs ../shared/corpus")
def test_progress_advances_as_files_are_done(tmp_path: Path) -> None:
    """The progress bar moves while the workers read, not all at once at the end: a small
    deck is reported done while the slow document is still being read by the other worker."""
    profile = load_profile(resolve_profile_path("oskemen-2025"))
    decks = [_deck(tmp_path, f"d{i}.pptx") for i in range(2)]
    members = [Member(str(p), p.name, disk=p) for p in (SLOW, *decks)]

    class Watch:
        def __init__(self) -> None:
            self.events: list[tuple[str, bool]] = []

        def add(self, files: int) -> None:
            pass

        def advance(self, path: str) -> None:
            busy = any(s is not None and s.task is not None for s in reader.pool._slots)
            self.events.append((Path(path).name, busy))

    watch = Watch()
    with _reader(profile, jobs=2, progress=watch) as reader:
        reader.read([("p", members)])
    assert sorted(name for name, _ in watch.events) == sorted(m.name for m in members)
    assert [busy for name, busy in watch.events if name.startswith("d")] == [True, True]
    assert watch.events[-1][0] == SLOW.name


@dataclass(frozen=True)
class _CollectorWatch(FileJob):
    """The run's per-file check, also saying how many objects the worker's cyclic collector
    has set aside when the file is read."""

    def inspect(self, member: Member, package: str, page_counter: PageCounter | None,
                cache: Any = None) -> tuple[Document, FileReport]:
        doc, report = super().inspect(member, package, page_counter, cache)
        return doc, replace(report, extra=(*report.extra, ("frozen", gc.get_freeze_count())))


def test_a_worker_sets_what_it_starts_with_aside_from_the_collector(tmp_path: Path) -> None:
    """The modules and the check a worker starts with live as long as it does: a full
    collection in the worker does not walk them again (``reader.process.worker_main``)."""
    _, limits = _setup()
    watch = _CollectorWatch.of(load_profile(resolve_profile_path("oskemen-2025")), Settings())
    files = [_deck(tmp_path, f"d{i}.pptx") for i in range(2)]
    tasks = [Task(i, Member(str(p), p.name, disk=p), "p") for i, p in enumerate(files)]
    with WorkerPool(watch, limits, jobs=1) as pool:
        outcomes = pool.run(tasks)
    frozen = [dict(o.report.extra)["frozen"] for o in outcomes if o.report is not None]
    assert len(frozen) == 2
    assert all(n > 10_000 for n in frozen)  # every module of the check, at the least
    assert gc.get_freeze_count() == 0  # the caller's own process is left as it is
