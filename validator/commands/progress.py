"""A progress bar on the terminal while files are checked (rich), only when it helps.

Shown on standard error when it is a terminal and more than ``FEW`` files are to be checked;
never when output goes to a file or a pipe, so logs and CI output stay clean. The bar is
redrawn when the count changes, not by a thread of its own: the command's reader processes are
forked from it only while it has a single thread (``validator.reader.isolation``).
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import Any, TextIO

from validator.core.catalogue import ui

FEW = 4


class TerminalProgress:
    """An ``engine.Progress`` that draws a bar once the run has more than a few files."""

    def __init__(self, lang: str, stream: TextIO | None = None, *,
                 force: bool | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = force if force is not None else _is_tty(self.stream)
        self.label = ui(lang, "progress.checking")
        self.total = 0
        self.done = 0
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> TerminalProgress:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def add(self, files: int) -> None:
        self.total += files
        if self._bar is None and self.enabled and self.total > FEW:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._bar = Progress(TextColumn("{task.description}"), BarColumn(),
                                 MofNCompleteColumn(), TextColumn("{task.fields[path]}"),
                                 console=Console(file=self.stream), transient=True,
                                 auto_refresh=False)  # no thread: readers may fork from here
            self._bar.start()
            self._task = self._bar.add_task(self.label, total=self.total, path="")
            self._bar.update(self._task, completed=self.done, refresh=True)
        elif self._bar is not None:
            self._bar.update(self._task, total=self.total, refresh=True)

    def advance(self, path: str) -> None:
        self.done += 1
        if self._bar is not None:
            name = path.rsplit("/", 1)[-1]
            self._bar.update(self._task, advance=1, path=name[-40:], refresh=True)

    @property
    def shown(self) -> bool:
        return self._bar is not None


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
