"""Fuzzing: mutated real corpus files (byte flips, truncations, zip member swaps) are checked
through the worker processes; every file must come back with a FileReport, never with an
exception escaping the engine, and never with a rule stopped by an unexpected error
(FIL001 "could not finish"). Bounded for CI (``VALIDATOR_FUZZ_EXAMPLES``, default 120);
longer runs are reported in docs/BENCHMARKS.md."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.security import fuzz
from validator.files.member import Member
from validator.reader.isolation import WorkerLimits, WorkerPool
from validator.reader.tasks import Task
from validator.run.filejob import FileJob
from validator.settings.options import Settings
from validator.settings.profile import load_profile, resolve_profile_path

SEEDS = fuzz.seeds()
EXAMPLES = int(os.environ.get("VALIDATOR_FUZZ_EXAMPLES", "120"))
#: CI replays the same examples; VALIDATOR_FUZZ_RANDOM=1 explores new ones (longer runs).
RANDOM = os.environ.get("VALIDATOR_FUZZ_RANDOM") == "1"
pytestmark = [pytest.mark.corpus, pytest.mark.skipif(not SEEDS, reason="needs ../shared/corpus")]


@pytest.fixture(scope="module")
def pool() -> Iterator[WorkerPool]:
    profile = load_profile(resolve_profile_path("oskemen-2025"))
    with WorkerPool(FileJob.of(profile, Settings()),
                    WorkerLimits(20.0, 1536, 200), jobs=1) as p:
        yield p


mutation = st.one_of(
    st.tuples(st.just("flip"), st.lists(st.tuples(st.integers(0, 1 << 24), st.integers(0, 255)),
                                        min_size=1, max_size=16)),
    st.tuples(st.just("truncate"), st.floats(0.0, 1.0)),
    st.tuples(st.just("swap"), st.tuples(st.integers(0, 200), st.integers(0, 200))),
)


def _mutate(data: bytes, ops: list[tuple[str, object]]) -> bytes:
    for kind, arg in ops:
        if kind == "flip":
            data = fuzz.flip(data, arg)  # type: ignore[arg-type]
        elif kind == "truncate":
            data = fuzz.truncate(data, arg)  # type: ignore[arg-type]
        else:
            a, b = arg  # type: ignore[misc]
            data = fuzz.swap_members(data, a, b)
    return data


@settings(max_examples=EXAMPLES, deadline=None, derandomize=not RANDOM, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(seed=st.sampled_from(SEEDS) if SEEDS else st.nothing(),
       ops=st.lists(mutation, min_size=1, max_size=3))
def test_mutated_files_always_get_a_report(pool: WorkerPool,
                                           tmp_path_factory: pytest.TempPathFactory,
                                           seed: Path, ops: list[tuple[str, object]]) -> None:
    data = _mutate(seed.read_bytes(), ops)
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / seed.name
    path.write_bytes(data)
    [outcome] = pool.run([Task(0, Member(str(path), seed.name, disk=path), "fuzz")])
    assert outcome.failure is None or not outcome.failure.startswith("internal error"), (
        seed.name, ops, outcome.failure)
    assert outcome.report is not None, (seed.name, ops, outcome.failure)
    assert outcome.report.sha256 and outcome.report.size == len(data)
    unfinished = [f.evidence for f in outcome.report.findings if "could not finish" in f.evidence]
    assert not unfinished, (seed.name, ops, unfinished)  # a rule raised an unexpected error


#: Mutations that once escaped as exceptions (found by this fuzzer), kept as regressions.
REGRESSIONS: list[tuple[str, list[tuple[str, object]], str]] = [
    ("office/55640.xlsx", [("flip", [(41, 0)])], "FIL001"),  # zlib.error in a member
    ("pdf/001-trivial_minimal-document.pdf", [("flip", [(54, 0)])], "FIL001"),  # bad filter
    ("office/footnotes.docx", [("flip", [(128226, 1)])], "FIL001"),  # offset before start
    ("office/ThreeColHeadFoot.docx", [("swap", (0, 0)), ("flip", [(113113, 64)])],
     "FIL001"),  # NotImplementedError: zip file version 6.4
]


@pytest.mark.parametrize(("seed", "ops", "code"), REGRESSIONS,
                         ids=[r[0].rsplit("/", 1)[-1] for r in REGRESSIONS])
def test_known_crashers_get_a_finding(seed: str, ops: list[tuple[str, object]], code: str,
                                      tmp_path: Path) -> None:
    from tests.conftest import run as check

    source = fuzz.CORPUS / seed
    path = tmp_path / source.name
    path.write_bytes(_mutate(source.read_bytes(), ops))
    report = check(path, isolate=False)
    findings = list(report.all_findings())
    assert not [f for f in findings if "could not finish" in f.evidence]
    assert code in {f.code for f in findings}
