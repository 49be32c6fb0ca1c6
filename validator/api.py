"""The library API: ``check()`` a path the way ``validator check`` does, and get a ``Report``;
a ``Checker`` for a program that checks many packages (a service), keeping its worker
processes and LibreOffice running between them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from validator.checks.base import RunContext
from validator.core.clock import check_time
from validator.core.findings import Report
from validator.reader.readers import Progress
from validator.run.engine import run
from validator.settings.options import Settings, discover_config
from validator.settings.profile import Profile, load_profile, resolve_profile_path

if TYPE_CHECKING:
    from validator.paging import PageCounter
    from validator.reader.isolation import WorkerPool


def check(
    paths: str | Path | Sequence[str | Path],
    *,
    profile: str | Path | Profile | None = None,
    settings: Settings | None = None,
    context: RunContext | None = None,
    cache: bool | Path = False,
    progress: Progress | None = None,
    jobs: int | None = None,
    isolate: bool = True,
    shown_as: str | Sequence[str] | None = None,
    fork_readers: bool = False,
) -> Report:
    """Check one or more paths (file, folder, .zip, meeting folder) and return the report.

    ``settings`` defaults to the config file found above the paths; ``profile`` (an id, a path
    or a loaded ``Profile``) overrides the one the settings name. Raises ``ConfigError`` for a
    bad profile or config; unreadable files are findings, not exceptions.

    The report's ``checked_at`` is the moment this call started (``validator.core.clock``:
    Kazakhstan time, or ``SOURCE_DATE_EPOCH``).

    ``cache``: True keeps file reports in the user's cache directory, a path keeps them there
    (never inside a checked folder); False (the default for library use) keeps nothing.
    ``progress`` is told how many files there are and when each is done.

    Each file is read in a worker process with the profile's time and memory limits; ``jobs``
    workers (default: one per core). ``isolate=False`` reads files in the calling process, for
    debugging or a caller that is itself isolated: a hostile file can then hang or exhaust it.
    ``fork_readers=True`` is for a caller that starts no thread (the command line): workers
    are then forked from it, without a second interpreter importing the checks, while it has
    one thread (``validator.reader.isolation``); otherwise they start as by default.

    ``shown_as`` names each path in the report instead of its spelling, one name per path (a
    string for a single path): a service that copies what it received into a folder of its
    own gives that folder ``""``, so the report and its messages name the files as they were
    received (``Справка_рус.docx``, ``item.zip/Справка_рус.docx``), never the folder. Names
    are only shown: files are read through ``paths``. None (the default) shows the paths as
    spelt, as ``validator check`` does.
    """
    started = check_time()
    items = _existing(paths)
    labels = _labels(items, shown_as)
    loaded, settings = _profile(profile, settings or discover_config(items))
    file_cache = None
    if cache is not False:
        from validator.storage.cache import FileCache, salt_parts

        file_cache = FileCache.open(None if cache is True else Path(cache),
                                    salt_parts(loaded, settings), items)
    report = run(items, loaded, settings, context, cache=file_cache, progress=progress,
                 jobs=jobs, isolate=isolate, shown_as=labels, fork_readers=fork_readers)
    return replace(report, checked_at=started)


def _existing(paths: str | Path | Sequence[str | Path]) -> list[Path]:
    """The paths to check; FileNotFoundError for one that does not exist."""
    items = [Path(paths)] if isinstance(paths, str | Path) else [Path(p) for p in paths]
    for p in items:
        if not p.exists():
            raise FileNotFoundError(f"no such file or folder: {p}")
    return items


def _labels(items: list[Path], shown_as: str | Sequence[str] | None) -> list[str] | None:
    """One name per path (see ``check``); ValueError when their numbers differ."""
    if shown_as is None:
        return None
    labels = [shown_as] if isinstance(shown_as, str) else list(shown_as)
    if len(labels) != len(items):
        raise ValueError(f"shown_as names {len(labels)} path(s), {len(items)} given")
    return labels


def load_run_profile(profile: str | Path | Profile | None,
                     settings: Settings) -> tuple[Profile, Settings]:
    """The profile a run uses and the settings naming it (see ``check``)."""
    return _profile(profile, settings)


def _profile(profile: str | Path | Profile | None,
             settings: Settings) -> tuple[Profile, Settings]:
    """The run's profile: the one given (a Profile, an id or a path), else the settings'; the
    settings name the profile used."""
    if isinstance(profile, Profile):
        return profile, settings
    if profile is not None:
        settings = replace(settings, profile=str(profile))
    return load_profile(resolve_profile_path(settings.profile, settings.base)), settings


class Checker:
    """Checks package after package with one profile and one set of settings, keeping what is
    slow to start running between checks: the worker processes that read the files (with
    the lingua models they load) and LibreOffice for exact page counts. A report is the same
    as ``check()`` gives for the same paths, profile and settings.

    Use it as a context manager, or call ``close()``; the workers and LibreOffice start on
    the first file that needs them. ``jobs``: worker processes (default: one per core; a
    service that runs one Checker per core uses 1). Not for use from several threads at once.

        with Checker(profile="oskemen-2025", jobs=1) as checker:
            for folder in folders:
                report = checker.check(folder, context=RunContext(meeting_date=...))
    """

    def __init__(self, *, profile: str | Path | Profile | None = None,
                 settings: Settings | None = None, jobs: int | None = None,
                 isolate: bool = True) -> None:
        from validator.paging import PageCounter
        from validator.run.filejob import worker_pool

        self.profile, self.settings = _profile(profile, settings or Settings())
        self.jobs = jobs
        self.isolate = isolate
        self._counter: PageCounter | None = PageCounter()
        self._pool: WorkerPool | None = (worker_pool(self.profile, self.settings, jobs)
                                         if isolate else None)

    def check(self, paths: str | Path | Sequence[str | Path], *,
              context: RunContext | None = None, progress: Progress | None = None,
              shown_as: str | Sequence[str] | None = None) -> Report:
        """Check one or more paths; see ``check()``. Raises ``RuntimeError`` once closed.

        ``shown_as``: how the report names each path instead of its spelling, one name per
        path (a string for one path; ``""`` names the files below a folder by their own
        names). Only shown, never opened; ValueError when the numbers differ."""
        if self._counter is None:
            raise RuntimeError("this Checker is closed")
        started = check_time()
        items = _existing(paths)
        report = run(items, self.profile, self.settings, context,
                     progress=progress, jobs=self.jobs, isolate=self.isolate,
                     page_counter=self._counter, pool=self._pool,
                     shown_as=_labels(items, shown_as))
        return replace(report, checked_at=started)

    @property
    def page_counter(self) -> PageCounter | None:
        """The page counter the checks share (None once closed)."""
        return self._counter

    @property
    def pool(self) -> WorkerPool | None:
        """The worker processes the checks share (None without isolation or once closed)."""
        return self._pool

    def close(self) -> None:
        """Stop the workers and LibreOffice; later checks raise ``RuntimeError``."""
        pool, self._pool = self._pool, None
        counter, self._counter = self._counter, None
        try:
            if pool is not None:
                pool.close()
        finally:
            if counter is not None:
                counter.close()

    def __enter__(self) -> Checker:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
