"""The real corpus: every presentation is checked without a traceback, and the resolver gives
a size to (nearly) every run that plain python-pptx leaves at None."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.slides.decks import document
from validator.api import check
from validator.errors import LimitError, UnreadableError
from validator.slides import resolved_runs

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "office"
DECKS = sorted(p for p in CORPUS.glob("*") if p.suffix.lower() in (".pptx", ".pptm", ".ppsx",
                                                                     ".potx"))

pytestmark = [pytest.mark.corpus,
              pytest.mark.skipif(not DECKS, reason="shared corpus not present")]


@pytest.mark.parametrize("path", DECKS, ids=lambda p: p.name)
def test_corpus_deck_checks_without_internal_failure(path: Path) -> None:
    report = check(path, profile="oskemen-2025")
    for f in report.all_findings():
        # A rule that raised is reported as FIL001 "<CODE> could not finish": never ours.
        assert not f.evidence.startswith(("SLD002 could not", "SLD005 could not")), f.evidence


def test_corpus_resolution_rate() -> None:
    total = unresolved = readable = 0
    for path in DECKS:
        doc = document(path.read_bytes(), path.name)
        try:
            runs = list(resolved_runs(doc.ooxml, doc.deck, include_hidden=True))
        except (UnreadableError, LimitError):
            continue
        readable += 1
        total += len(runs)
        unresolved += sum(r.size_pt is None for r in runs)
    # Measured: 5,764 runs in 77 readable decks, 53 unresolved (52 embedded OLE objects and
    # one compatibility object): under 1 %, against 1,802 of 3,636 for plain python-pptx.
    assert readable >= 70
    assert total >= 5000
    assert unresolved / total < 0.01
