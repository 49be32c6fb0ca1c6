"""Reading a TOML file of settings (a config file, a profile, a calendar override file), with
the reasons it cannot be read said in the user's language: a missing file, a permission, text
that is not UTF-8 (a file saved as Windows-1251), a syntax error with its line and column
(``config.*``, ``profile.*`` or ``calendar.*`` keys of ``_ui.toml``)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, Literal

from validator.core.errors import Said, WordedError, os_cause

_PLACE = re.compile(r"\(at line (\d+), column (\d+)\)")


def os_reason(exc: OSError) -> Said:
    """Why a file could not be opened, as a phrase of the catalogue."""
    return Said(f"config.os.{os_cause(exc)}")


#: What a file of settings is, as the catalogue's keys name it.
Kind = Literal["config", "profile", "calendar", "manifest"]


def toml_error(exc: tomllib.TOMLDecodeError, path: Path | str,
               what: Kind = "config") -> WordedError:
    """A TOML syntax error, with its line and column when tomllib names them (its own words
    stay in the English message only)."""
    place = _PLACE.search(str(exc))
    if place is None:
        return WordedError(f"{what}.not_toml", path=str(path), detail=str(exc))
    return WordedError(f"{what}.not_toml.at", path=str(path), detail=str(exc),
                       line=place.group(1), column=place.group(2))


def parse_toml(raw: bytes, path: Path | str, what: Kind) -> dict[str, Any]:
    """The tables of a TOML text read as bytes (a file, a member of a package); a
    ``WordedError`` when it is not UTF-8 (a file saved as Windows-1251) or not TOML."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise WordedError(f"{what}.not_utf8", path=str(path), detail=str(exc)) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise toml_error(exc, path, what) from None


def read_toml(path: Path, what: Kind) -> dict[str, Any]:
    """The tables of a settings file; a ``WordedError`` when it cannot be read or parsed."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise WordedError(f"{what}.cannot_read", path=str(path), reason=os_reason(exc),
                          detail=exc.strerror or type(exc).__name__) from None
    return parse_toml(raw, path, what)
