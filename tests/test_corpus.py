"""Real files nobody here wrote: every corpus file gets a verdict, none crashes the run."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.conftest import CORPUS, run
from validator.core.findings import FileState

pytestmark = pytest.mark.corpus


def _corpus(name: str) -> Path:
    folder = CORPUS / name
    if not folder.is_dir():
        pytest.skip(f"corpus folder {folder} is not present")
    return folder


@pytest.mark.parametrize("name", ["office", "pdf"])
def test_every_corpus_file_gets_a_state(name: str) -> None:
    folder = _corpus(name)
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}
    report = run(folder)
    files = [f for p in report.packages for f in p.files]
    assert len(files) == len(before)
    for f in files:
        assert f.state in set(FileState)
        if f.state is FileState.UNREADABLE:
            fil = [x for x in f.findings if x.code == "FIL001"]
            assert fil and fil[0].message("en").startswith(("the file ", "the check ",
                                                            "no text could be read"))
            assert len(fil[0].evidence) > 10  # the reader's own reason: evidence only
            assert fil[0].evidence not in fil[0].message("ru")
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}
    assert after == before


def test_known_corpus_facts() -> None:
    folder = _corpus("office")
    report = run(folder)
    by_name = {f.path.rsplit("/", 1)[-1]: f for p in report.packages for f in p.files}
    # A legacy binary document (Word 6) is checked through LibreOffice's conversion.
    assert dict(by_name["52117.doc"].extra).get("converted_from") == "doc"
    assert by_name["52117.doc"].language == "en"
    assert not {x.code for x in by_name["52117.doc"].findings} & {"FIL001", "FIL002"}
    # A 4:3 deck from the corpus (10 x 7.5 in).
    assert [x.measured for x in by_name["with_japanese.pptx"].findings
            if x.code == "SLD001"] == [1.3333]
    unreadable = sorted(n for n, f in by_name.items() if f.state is FileState.UNREADABLE)
    assert len(unreadable) >= 7  # the fuzzer-broken files at least
