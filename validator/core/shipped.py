"""Where the profiles and calendars shipped with the toolkit are: the ``rules/`` folder."""

from __future__ import annotations

from pathlib import Path


def shipped_profiles_dir() -> Path:
    """The ``rules/`` folder shipped with the toolkit (beside the package, or inside it)."""
    here = Path(__file__).resolve().parent.parent  # validator/
    for candidate in (here.parent / "rules", here / "rules"):
        if candidate.is_dir():
            return candidate
    return here.parent / "rules"
