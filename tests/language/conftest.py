"""Shared real-text fixtures for the language tests (read in place, never copied)."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
TEXT = SHARED / "corpus" / "text"
REGULATION = SHARED / "regulation" / "oskemen-akimat-regulation-2025-kk.txt"
FLORES = {
    "kk": TEXT / "flores200-devtest.kaz_Cyrl.txt",
    "ru": TEXT / "flores200-devtest.rus_Cyrl.txt",
    "en": TEXT / "flores200-devtest.eng_Latn.txt",
}


def _lines(path: Path) -> list[str]:
    if not path.exists():
        pytest.skip(f"shared corpus file missing: {path}")
    return path.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="session")
def flores() -> dict[str, list[str]]:
    """FLORES-200 devtest sentences per language; line N is parallel across languages."""
    return {lang: _lines(path) for lang, path in FLORES.items()}


@pytest.fixture(scope="session")
def regulation() -> str:
    """The real Kazakh regulation text, with its Latin-i defects."""
    if not REGULATION.exists():
        pytest.skip(f"shared regulation missing: {REGULATION}")
    return REGULATION.read_text(encoding="utf-8")
