"""Why a fix run refuses to start, before anything is checked or written.

The corrected copies go to a folder of their own (``--output``): new or empty, not inside an
input, and one place per input (``OUT/<its name>``), so two inputs of the same name (``a/item``
and ``b/item``) would mix their copies: the run refuses rather than overwrite one with the
other. A refusal is a ``WordedError`` (exit code 2) whose catalogue key is ``fix.refuse.<key>``,
so the command line says it in the run's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from validator.core.errors import WordedError


class FixRefused(WordedError):
    """A fix run that cannot start, said by ``fix.refuse.<reason>`` of the catalogue."""

    def __init__(self, reason: str, **values: str) -> None:
        super().__init__(f"fix.refuse.{reason}", **values)


def copy_root(path: Path, output: Path) -> Path:
    """Where the corrected copy of the input ``path`` goes: ``output/<its name>``."""
    return output / (path.name if path.is_file() else (path.resolve().name or "package"))


def refuse_output(paths: Sequence[Path], output: Path) -> None:
    """Refuse an output folder inside an input, one not empty, or one two inputs share."""
    out = output.resolve()
    for p in paths:
        src = p.resolve()
        if out == src or src in out.parents:
            raise FixRefused("inside", output=str(output), path=str(p))
    if output.exists() and (not output.is_dir() or any(output.iterdir())):
        raise FixRefused("not_empty", output=str(output))
    seen: dict[str, Path] = {}
    for p in paths:
        if p.is_symlink() or not (p.is_file() or p.is_dir()):
            continue
        root = copy_root(p, output)
        key = root.name.casefold()
        if key in seen:
            raise FixRefused("same_name", first=str(seen[key]), second=str(p),
                             target=str(root))
        seen[key] = p
