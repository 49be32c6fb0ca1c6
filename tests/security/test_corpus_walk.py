"""Every real file of ../shared/corpus (office, pdf) gets a verdict with no traceback, through
the default isolated path, and no file is modified by the run."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.conftest import run as check

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
pytestmark = [pytest.mark.corpus,
              pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus")]

#: Known files and the finding each must get (a spot check that verdicts are real).
EXPECTED = {
    "bug53475-password-is-pass.docx": ("SEC003", "EncryptedPackage"),
    "005-libreoffice-writer-password_libreoffice-writer-password.pdf": ("SEC003", "password"),
    "SimpleMacro.docm": ("SEC002", "vbaProject"),
    "keyframes.pptx": ("SEC002", "macroEnabled"),
    "ExternalEntityInText.docx": ("FIL001", "DOCTYPE"),
    "truncated62886.docx": ("FIL001", "not a readable zip"),
}


def _files() -> list[Path]:
    return sorted(p for folder in ("office", "pdf") for p in (CORPUS / folder).iterdir()
                  if p.is_file())


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_corpus_file_gets_a_verdict_and_stays_unchanged() -> None:
    files = _files()
    before = {p: (_digest(p), p.stat().st_mtime_ns) for p in files}
    report = check(files, jobs=2)
    after = {p: (_digest(p), p.stat().st_mtime_ns) for p in files}
    assert before == after
    reports = {Path(f.path).name: f for pkg in report.packages for f in pkg.files}
    assert len(reports) == len(files)
    for name, file in reports.items():
        assert file.state is not None
        for finding in file.findings:
            text = finding.evidence + " ".join(m for _, m in finding.messages)
            assert "Traceback" not in text, name
            assert "could not finish" not in text, (name, finding.evidence)
            assert "internal error" not in text, (name, finding.evidence)
            assert "reader process died" not in text, (name, finding.evidence)
            assert "took longer" not in text, (name, finding.evidence)
    for name, (code, evidence) in EXPECTED.items():
        hits = [f for f in reports[name].findings if f.code == code]
        assert any(evidence in f.evidence for f in hits), (name, reports[name].findings)
