"""Every rule in the catalogue fires on at least one real file or package and stays silent on
at least one: the case table in tests/meta/cases.py, run through the public API. A rule added
without cases fails here.

The cases share one ``validator.Checker`` (in this process, no worker isolation): it gives the
reports ``validator.api.check`` gives, and keeps LibreOffice, which counts the pages of Word
documents, running from one case to the next.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import assert_valid_json
from tests.meta.cases import CASES, Case
from validator.api import Checker
from validator.checks import ALL_RULES
from validator.settings.options import Settings

TABLE = [(code, case) for code, cases in sorted(CASES.items()) for case in cases]


@pytest.fixture(scope="module")
def checker() -> Iterator[Checker]:
    with Checker(settings=Settings(), isolate=False) as shared:
        yield shared


def test_every_rule_has_cases() -> None:
    assert set(CASES) == {r.code for r in ALL_RULES}, "add the rule's cases to tests/meta/cases.py"


@pytest.mark.parametrize("code", sorted(r.code for r in ALL_RULES))
def test_every_rule_has_a_firing_and_a_passing_case(code: str) -> None:
    cases = CASES.get(code, [])
    assert any(c.fires for c in cases), f"{code}: no case on which it fires"
    assert any(not c.fires for c in cases), f"{code}: no case on which it stays silent"
    assert len({c.id for c in cases}) == len(cases), f"{code}: case ids repeat"


@pytest.mark.parametrize(("code", "case"), TABLE, ids=[f"{c}-{k.id}" for c, k in TABLE])
def test_case(code: str, case: Case, checker: Checker, tmp_path: Path) -> None:
    report = checker.check(case.build(tmp_path))
    assert_valid_json(report)
    found = [f for f in report.all_findings() if f.code == code]
    got = [(f.status.value, f.message("en")) for f in found]
    if case.fires:
        assert case.status in {f.status for f in found}, (code, case.id, case.status.value, got)
    else:
        assert found == [], (code, case.id, got)
