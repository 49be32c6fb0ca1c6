"""Fixtures for page-count tests: generated documents and one shared LibreOffice.

Tests that need LibreOffice skip with a clear reason when it (or python3-uno) is missing on
a developer machine; under CI (``CI=true``) the same situation fails the run, because CI
installs LibreOffice and a skip there would hide a broken setup.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from validator.paging.counts import FontCheck
from validator.paging.fontcheck import probe_times_new_roman
from validator.paging.libreoffice import LibreOfficeCounter, LibreOfficeSetup, find_libreoffice

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"


def skip_or_fail(reason: str) -> None:
    """Skip locally; fail under CI, where the dependency must be installed."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: this dependency must be installed)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def libreoffice_setup() -> LibreOfficeSetup:
    setup = find_libreoffice()
    if setup is None:
        skip_or_fail("LibreOffice (soffice) with python3-uno for /usr/bin/python3 is not installed")
    assert setup is not None
    return setup


@pytest.fixture(scope="session")
def font_check() -> FontCheck:
    return probe_times_new_roman()


@pytest.fixture(scope="session")
def metric_fonts(font_check: FontCheck) -> FontCheck:
    if not font_check.metric_compatible:
        skip_or_fail(f"no Times-New-Roman-metric font: {font_check.evidence}")
    return font_check


@pytest.fixture(scope="session")
def lo_counter(
    libreoffice_setup: LibreOfficeSetup, metric_fonts: FontCheck
) -> Iterator[LibreOfficeCounter]:
    with LibreOfficeCounter(libreoffice_setup, metric_fonts) as counter:
        yield counter


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        skip_or_fail(f"shared corpus not found at {CORPUS}")
    return CORPUS
