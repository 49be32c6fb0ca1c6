"""The library API: ``check()`` a path the way ``validator check`` does, and get a ``Report``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from validator.config import Settings, discover_config
from validator.engine import Progress, RunContext, run
from validator.model import Report
from validator.profile import Profile, load_profile, resolve_profile_path


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
) -> Report:
    """Check one or more paths (file, folder, .zip, meeting folder) and return the report.

    ``settings`` defaults to the config file found above the paths; ``profile`` (an id, a path
    or a loaded ``Profile``) overrides the one the settings name. Raises ``ConfigError`` for a
    bad profile or config; unreadable files are findings, not exceptions.

    ``cache``: True keeps file reports in the user's cache directory, a path keeps them there
    (never inside a checked folder); False (the default for library use) keeps nothing.
    ``progress`` is told how many files there are and when each is done.

    Each file is read in a worker process with the profile's time and memory limits; ``jobs``
    workers (default: one per core). ``isolate=False`` reads files in the calling process, for
    debugging or a caller that is itself isolated: a hostile file can then hang or exhaust it.
    """
    items = [Path(paths)] if isinstance(paths, str | Path) else [Path(p) for p in paths]
    for p in items:
        if not p.exists():
            raise FileNotFoundError(f"no such file or folder: {p}")
    if settings is None:
        settings = discover_config(items)
    if isinstance(profile, Profile):
        loaded = profile
    else:
        if profile is not None:
            settings = replace(settings, profile=str(profile))
        loaded = load_profile(resolve_profile_path(settings.profile, settings.base))
    file_cache = None
    if cache is not False:
        from validator.cache import FileCache, salt_parts

        file_cache = FileCache.open(None if cache is True else Path(cache),
                                    salt_parts(loaded, settings), items)
    return run(items, loaded, settings, context, cache=file_cache, progress=progress,
               jobs=jobs, isolate=isolate)
