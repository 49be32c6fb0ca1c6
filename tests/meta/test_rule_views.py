"""A package rule declares the document views it reads (``Rule.reads_views``): the readers
compute and send only those an active rule reads, the text always. Selected alone, every
package rule must judge the samples exactly as it does in a run of all rules; a rule that read
a view it does not declare would find it missing in the parent and judge differently."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import ROOT
from tests.conftest import run as check
from validator.checks import ALL_RULES
from validator.checks.base import SHIPPED_VIEWS
from validator.core.findings import Report
from validator.settings.options import Settings

SAMPLES = sorted(p for p in (ROOT / "samples").iterdir() if p.is_dir() and p.name != "expected")
PACKAGE_RULES = [r.code for r in ALL_RULES if r.scope == "package"]


def _judged(report: Report, code: str) -> list[tuple[Any, ...]]:
    return sorted((f.code, f.file, f.location.logical() if f.location else "", f.evidence,
                   f.status.value) for f in report.all_findings() if f.code == code)


@pytest.fixture(scope="module")
def full() -> list[Report]:
    return [check(sample, jobs=2) for sample in SAMPLES]


@pytest.mark.parametrize("code", PACKAGE_RULES)
def test_a_package_rule_alone_judges_the_samples_as_with_every_rule(
        code: str, full: list[Report]) -> None:
    alone = [check(sample, settings=Settings(select=(code,)), jobs=2) for sample in SAMPLES]
    assert [_judged(r, code) for r in alone] == [_judged(r, code) for r in full]


def test_declared_views_are_views_the_readers_send() -> None:
    for rule in ALL_RULES:
        assert rule.reads_views <= set(SHIPPED_VIEWS), rule.code
        if rule.reads_views:
            assert rule.scope == "package", f"{rule.code}: file rules read the document itself"
