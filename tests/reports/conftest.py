from __future__ import annotations

from pathlib import Path

import pytest

from validator.core.findings import Report

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
SAMPLES = ROOT / "samples"


def _sample_paths() -> list[Path]:
    """Every sample package shipped in samples/ (when the checkout has them)."""
    if not SAMPLES.is_dir():
        return []
    return sorted(p for p in SAMPLES.iterdir()
                  if (p.is_dir() and p.name != "expected") or p.suffix == ".zip")


@pytest.fixture(scope="session")
def corpus_report() -> Report:
    """One real run over the shared corpus (office files and PDFs)."""
    from validator.api import check

    if not CORPUS.is_dir():
        pytest.skip("the shared corpus is not present")
    return check([CORPUS / "office", CORPUS / "pdf"])


@pytest.fixture(scope="session", params=_sample_paths() or [None],
                ids=lambda p: p.name if p else "no-samples")
def sample_run(request: pytest.FixtureRequest) -> Report:
    """A real run over each shipped sample."""
    from validator.api import check

    if request.param is None:
        pytest.skip("no samples/ folder in this checkout")
    return check(request.param)
