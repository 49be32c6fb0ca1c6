"""One safe XML parser per thread, reused from part to part.

``formats.safexml.safe_parser`` hands every parse of a thread the same lxml parser. A reused
parser must give exactly what a new one gives (the same tree, or the same error at the same
place) whatever it parsed before, a damaged part included; and two threads never share one.
The parts are the corpus decks' own, whole, cut short and spliced with bad bytes, in one
shuffled sequence.
"""

from __future__ import annotations

import random
import threading
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from validator.core.errors import UnreadableError
from validator.formats.safexml import _SAFE, parse_xml, safe_parser

ROOT = Path(__file__).resolve().parents[2]
OFFICE = ROOT.parent / "shared" / "corpus" / "office"
DECKS = ("SampleShow.pptx", "SmartArt.pptx", "bar-chart.pptx", "table_test.pptx",
         "clusterfuzz-testcase-minimized-POIXSLFFuzzer-5463285576892416.pptx")


def _parts() -> list[bytes]:
    out: list[bytes] = []
    for name in DECKS:
        try:
            with zipfile.ZipFile(OFFICE / name) as z:
                for member in z.namelist():
                    if member.endswith((".xml", ".rels")):
                        try:
                            out.append(z.read(member))
                        except (zipfile.BadZipFile, OSError, EOFError):
                            continue
        except zipfile.BadZipFile:
            continue
    return out


def _samples() -> list[bytes]:
    rnd = random.Random(20261206)
    out: list[bytes] = [b"", b"<a>", b"<a></b>", b"\xff\xfe<\x00a\x00/\x00>\x00"]
    for data in _parts():
        cut = rnd.randrange(1, max(2, len(data)))
        out += [data, data[:cut], data[:cut] + b"<\xff&bad;" + data[cut:]]
    rnd.shuffle(out)
    return out


def _outcome(data: bytes, parser: etree.XMLParser) -> tuple[Any, ...]:
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        return ("error", str(exc), exc.lineno, exc.position)
    return ("tree", etree.tostring(root) if root is not None else None)


def test_samples_hold_valid_and_damaged_parts() -> None:
    samples = _samples()
    fresh = [_outcome(d, etree.XMLParser(**_SAFE)) for d in samples]
    assert len(samples) > 300
    assert sum(o[0] == "error" for o in fresh) > 100
    assert sum(o[0] == "tree" for o in fresh) > 100


def test_reused_parser_gives_what_a_new_parser_gives() -> None:
    """Tree for tree and error for error (message, line, column), after any part before."""
    samples = _samples()
    new = [_outcome(d, etree.XMLParser(**_SAFE, remove_comments=True, remove_pis=True))
           for d in samples]
    reused = [_outcome(d, safe_parser()) for d in samples]
    assert reused == new


def test_parse_xml_after_a_damaged_part_reads_the_next_one_whole() -> None:
    good = b'<r xmlns="urn:x"><a n="1"/><a n="2"/></r>'
    with pytest.raises(UnreadableError, match="not well-formed XML"):
        parse_xml(b"<r><a></r>", "part /bad.xml")
    root = parse_xml(good, "part /good.xml")
    assert [a.get("n") for a in root] == ["1", "2"]
    with pytest.raises(UnreadableError, match="declares a DOCTYPE"):
        parse_xml(b'<!DOCTYPE r><r/>', "part /doctype.xml")
    assert etree.tostring(parse_xml(good, "part /good.xml")) == etree.tostring(root)


def test_each_thread_has_its_own_parser() -> None:
    seen: dict[str, etree.XMLParser] = {}

    def grab(name: str) -> None:
        seen[name] = safe_parser()
        assert safe_parser() is seen[name]  # the same one for the whole thread

    threads = [threading.Thread(target=grab, args=(f"t{i}",)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    parsers = [*seen.values(), safe_parser()]
    assert len({id(p) for p in parsers}) == 4


def test_threads_parsing_at_once_get_their_own_trees() -> None:
    """Four threads parse different parts at the same time, each many times: every tree is the
    one its bytes give (a shared parser would mix them up or crash)."""
    samples = [d for d in _samples() if _outcome(d, etree.XMLParser(**_SAFE))[0] == "tree"][:40]
    expected = {i: etree.tostring(etree.fromstring(d)) for i, d in enumerate(samples)}
    errors: list[str] = []

    def work(offset: int) -> None:
        for round_ in range(10):
            for i in range(offset, len(samples), 4):
                got = etree.tostring(parse_xml(samples[i], f"part {i}"))
                if got != expected[i]:
                    errors.append(f"part {i}, round {round_}")

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
