"""The reader processes have glibc's malloc merge freed memory as it is freed.

``reader.process.tune_allocator`` turns glibc's fast bins off in a reader process, so the
nodes of one file's XML trees are merged back as they are freed instead of all at once when
the next file asks for memory. Observed through ``mallinfo2``'s ``fsmblks`` (bytes held in
fast bins) after a deck's largest slide is parsed and freed, in a fresh process each time.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from validator.reader.process import tune_allocator

ROOT = Path(__file__).resolve().parents[2]
DECK = ROOT.parent / "shared" / "corpus" / "office" / "SampleShow.pptx"

glibc = pytest.mark.skipif(not sys.platform.startswith("linux")
                           or not os.confstr("CS_GNU_LIBC_VERSION"), reason="glibc only")

_SCRIPT = """
import ctypes, sys, zipfile
from lxml import etree
from validator.reader.process import tune_allocator

class MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
        "fordblks", "keepcost")]

libc = ctypes.CDLL(None)
libc.mallinfo2.restype = MallInfo2
tuned = tune_allocator() if sys.argv[2] == "tuned" else False
with zipfile.ZipFile(sys.argv[1]) as z:
    data = max((z.read(n) for n in z.namelist() if n.endswith(".xml")), key=len)
trees = [etree.fromstring(data) for _ in range(20)]
del trees
print(tuned, libc.mallinfo2().fsmblks)
"""


def _fast_bin_bytes(mode: str) -> tuple[str, int]:
    done = subprocess.run([sys.executable, "-c", _SCRIPT, str(DECK), mode], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=True)
    tuned, fsmblks = done.stdout.split()
    return tuned, int(fsmblks)


@glibc
def test_freed_tree_nodes_stay_in_fast_bins_by_default() -> None:
    """The behaviour the tuning removes: without it, freed nodes wait in the fast bins."""
    tuned, held = _fast_bin_bytes("default")
    assert tuned == "False"
    assert held > 0


@glibc
def test_tuned_reader_merges_freed_tree_nodes_at_once() -> None:
    tuned, held = _fast_bin_bytes("tuned")
    assert tuned == "True"
    assert held == 0


def test_no_glibc_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "confstr", lambda name: None)
    assert tune_allocator() is False
