"""Real files nobody on the project wrote: no false markings, no invented roles.

The shared corpus holds English-language test files (Apache POI, py-pdf samples); none is an
akimat document, so every document must classify as ``presentation`` (by format) or
``other``, and no restricted marking may be reported.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from validator.api import check
from validator.core.findings import Status

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"


@pytest.mark.corpus
@pytest.mark.slow
def test_corpus_roles_and_markings() -> None:
    folders = [CORPUS / "office", CORPUS / "pdf"]
    if not all(f.is_dir() for f in folders):
        pytest.skip("shared corpus not present")
    report = check(folders)
    files = [f for p in report.packages for f in p.files]
    assert len(files) > 250
    roles = {f.path: f.role for f in files}
    assert {r for r in roles.values()} <= {"presentation", "other"}, \
        {p: r for p, r in roles.items() if r not in ("presentation", "other")}
    assert all(f.role_reason for f in files)
    assert [f for f in report.all_findings()
            if f.code == "SEC001" and f.status is not Status.NEEDS_REVIEW] == []
    # Pages that are pictures (five image-only PDFs) cannot show a stamp to anyone but a
    # person: a question on each, beside the FIL001 that says its text was not read.
    asked = {f.file for f in report.all_findings() if f.code == "SEC001"}
    scans = {f.file for f in report.all_findings() if f.code == "FIL001" and f.not_read
             and f.status is Status.NEEDS_REVIEW}
    assert asked == scans and len(scans) == 5
