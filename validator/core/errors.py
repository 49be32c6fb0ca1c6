"""The project's exception hierarchy: configuration problems versus unreadable input.

A ``ConfigError`` stops the run (exit code 2); an ``UnreadableError`` becomes a FIL001 finding
on the file that raised it, and the run goes on.
"""

from __future__ import annotations

import errno
from typing import Any

#: Why a file could not be read or written, by ``errno``: the causes the catalogue names
#: (``config.os.*`` for reading, ``output.*`` for writing); any other is ``other``.
_OS_CAUSES = {errno.ENOENT: "missing", errno.EACCES: "denied", errno.EPERM: "denied",
              errno.EISDIR: "folder", errno.ENOSPC: "full", errno.ENOTDIR: "not_folder"}


def os_cause(exc: OSError) -> str:
    """The cause of ``exc`` as the catalogue names it: missing, denied, folder, full,
    not_folder (a part of the path is a file), other."""
    return _OS_CAUSES.get(exc.errno or 0, "other")


class ValidatorError(Exception):
    """Base of every error the toolkit raises on purpose."""


class ConfigError(ValidatorError):
    """A profile, configuration file or command-line value is wrong; names where and why."""


class UnreadableError(ValidatorError):
    """A file cannot be read as what its name says (corrupt, truncated, wrong format)."""


class LimitError(ValidatorError):
    """Input exceeds a safety limit (archive size, ratio, nesting, part size).

    Carries the limit's name, the measured value and the threshold so the finding can state them.
    """

    def __init__(self, limit: str, measured: int | float | str | None,
                 threshold: int | float | str, detail: str = "") -> None:
        self.limit = limit
        self.measured = measured
        self.threshold = threshold
        self.detail = detail
        numbers = (int, float)
        if isinstance(measured, numbers) and isinstance(threshold, numbers):
            text = f"{limit}: {measured} exceeds {threshold}"
        elif measured is None:
            text = f"{limit}: over {threshold}"
        else:
            text = f"{limit}: {measured!r}"
        super().__init__(f"{text} ({detail})" if detail else text)


class EncryptedError(UnreadableError):
    """A file is password-protected: it cannot be checked (SEC003, not FIL001).

    A subclass of ``UnreadableError`` so that code which only needs to know that a view cannot
    be read keeps working; the engine reports it as SEC003.
    """


class Said:
    """A phrase of the message catalogue (``_ui.toml``) and the values it names, said in the
    reader's language when it is shown: a place in a config file (``waiver 2``) that a
    ``WordedError`` names inside its message. Values may be phrases themselves."""

    __slots__ = ("key", "values")

    def __init__(self, key: str, /, **values: str | Said) -> None:
        self.key = key
        self.values = values

    def said(self, lang: str) -> str:
        """The phrase in ``lang`` (kk, ru or en)."""
        from validator.core.catalogue import ui

        return ui(lang, self.key, **{k: v.said(lang) if isinstance(v, Said) else v
                                     for k, v in self.values.items()})

    def __str__(self) -> str:
        return self.said("en")


class WordedError(ConfigError):
    """A usage or configuration error the command line can say in the user's language: a key
    of the message catalogue (``usage.*``, ``config.*``, ``profile.*`` ... in ``_ui.toml``) and
    the values it names (phrases among them are said in the same language). ``str()`` is the
    English text, so code that does not know the language still shows a whole message."""

    def __init__(self, key: str, /, **values: str | Said) -> None:
        self.key = key
        self.values = values
        super().__init__(self.said("en"))

    def said(self, lang: str) -> str:
        """The message in ``lang`` (kk, ru or en)."""
        return Said(self.key, **self.values).said(lang)

    @property
    def phrase(self) -> Said:
        """The message as a phrase another message can name (said in the same language)."""
        return Said(self.key, **self.values)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its key and values, so that another process (a gate process telling
        its supervisor why it did not start) can say it in its own language."""
        return (_reworded, (type(self), self.key, self.values))


def _reworded(cls: type[WordedError], key: str, values: dict[str, str | Said]) -> WordedError:
    """A ``WordedError`` of class ``cls`` made again from its key and values (unpickling)."""
    return cls(key, **values)


class WordedValueError(WordedError, ValueError):
    """A ``WordedError`` from a parser whose callers expect a ``ValueError`` (the profile's
    coverage and deadline tables, a date outside the calendar's years)."""
