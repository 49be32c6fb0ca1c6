"""Reading a TOML file of settings (a config file or a profile), with the reasons it cannot be
read said in the user's language: a missing file, a permission, a syntax error with its line
and column (``config.*`` or ``profile.*`` keys of ``_ui.toml``)."""

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


def toml_error(exc: tomllib.TOMLDecodeError, path: Path,
               what: Literal["config", "profile"] = "config") -> WordedError:
    """A TOML syntax error, with its line and column when tomllib names them (its own words
    stay in the English message only)."""
    place = _PLACE.search(str(exc))
    if place is None:
        return WordedError(f"{what}.not_toml", path=str(path), detail=str(exc))
    return WordedError(f"{what}.not_toml.at", path=str(path), detail=str(exc),
                       line=place.group(1), column=place.group(2))


def read_toml(path: Path, what: Literal["config", "profile"]) -> dict[str, Any]:
    """The tables of a settings file; a ``WordedError`` when it cannot be read or parsed."""
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise WordedError(f"{what}.cannot_read", path=str(path), reason=os_reason(exc),
                          detail=exc.strerror or type(exc).__name__) from None
    except tomllib.TOMLDecodeError as exc:
        raise toml_error(exc, path, what) from None
