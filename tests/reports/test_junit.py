from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest

from tests.reports.sample import HOSTILE, sample_report
from validator.core.findings import Report, Severity, Status
from validator.reports.junit import render


def _parse(report: Report, lang: str = "en") -> ET.Element:
    root = ET.fromstring(render(report, lang).encode("utf-8"))
    assert root.tag == "testsuites"
    total = 0
    for suite in root.findall("testsuite"):
        cases = suite.findall("testcase")
        assert int(suite.get("tests", "-1")) == len(cases) > 0
        assert int(suite.get("failures", "-1")) == sum(1 for c in cases if c.find("failure")
                                                        is not None)
        assert int(suite.get("errors", "-1")) == sum(1 for c in cases if c.find("error")
                                                      is not None)
        assert int(suite.get("skipped", "-1")) == sum(1 for c in cases if c.find("skipped")
                                                       is not None)
        keys = [(c.get("classname"), c.get("name")) for c in cases]
        assert len(keys) == len(set(keys)), "GitLab keeps only the first of duplicate cases"
        total += len(cases)
    assert int(root.get("tests", "-1")) == total
    return root


def _case(root: ET.Element, path: str, name: str) -> ET.Element:
    """The case of ``path`` (its ``file``; the classname is the path with U+2024 for dots)."""
    for c in root.iter("testcase"):
        if c.get("file") == path and c.get("name") == name:
            assert c.get("classname") == path.replace(".", "\u2024")
            return c
    raise AssertionError(f"no case {path} {name}")


def test_one_suite_per_package_one_case_per_file_and_rule() -> None:
    root = _parse(sample_report())
    assert [s.get("name") for s in root.findall("testsuite")] == ["item1", "item2.zip"]
    deck = f"item1/{HOSTILE}"
    # Two SLD002 findings on one file: one case, failing, listing both slides.
    case = _case(root, deck, "SLD002 min-font-size")
    failure = case.find("failure")
    assert failure is not None and failure.get("type") == "SLD002"
    assert "slide 3" in (failure.text or "") and "slide 5" in (failure.text or "")
    assert "clause 15.3" in (failure.text or "")
    # A clean file: one passing case.
    clean = _case(root, "item1/Анықтама.docx", "validator")
    assert list(clean) and clean[0].tag == "system-out"
    # Unreadable: an error, not a failure.
    broken = _case(root, "item1/broken.docx", "FIL001 unreadable-file")
    assert broken.find("error") is not None and broken.find("failure") is None
    # Waived only: skipped with the reason.
    waived = _case(root, "item1/Справка.pdf", "DOC001 page-limit")
    skipped = waived.find("skipped")
    assert skipped is not None and "annex agreed" in (skipped.get("message") or "")
    # Package-level finding: classname is the package.
    assert _case(root, "item1", "PKG001 required-materials").find("failure") is not None
    # needs-review fails (fail closed, like the exit code); a non-document is skipped.
    assert _case(root, "item2.zip/deck.pptx", "SLD003 presentation-file-size").find(
        "failure") is not None
    assert _case(root, "item2.zip/notes.txt", "validator").find("skipped") is not None
    assert root.get("tests") == "7" and root.get("failures") == "3"
    assert root.get("errors") == "1" and root.get("skipped") is None  # not in junit-10.xsd
    assert sum(int(s.get("skipped", "0")) for s in root.findall("testsuite")) == 2


def test_clean_and_empty_reports_are_never_empty() -> None:
    rep = sample_report()
    clean_pkg = replace(rep.packages[0], files=(rep.packages[0].files[1],), findings=())
    root = _parse(replace(rep, packages=(clean_pkg,)))
    assert root.get("tests") == "1" and root.get("failures") == "0"
    root = _parse(replace(rep, packages=()), "kk")
    assert root.get("tests") == "1"
    assert "құжаттар табылмады" in (next(root.iter("skipped")).get("message") or "")


def test_control_characters_do_not_break_the_xml() -> None:
    rep = sample_report()
    f = rep.packages[0].files[1]
    odd = replace(f, path="item1/a\x01b\x1f.docx")
    pkg = replace(rep.packages[0], files=(odd,), findings=())
    root = _parse(replace(rep, packages=(pkg,)))
    assert next(root.iter("testcase")).get("file") == "item1/a\ufffdb\ufffd.docx"


@pytest.mark.corpus
def test_corpus_run(corpus_report: Report) -> None:
    root = _parse(corpus_report, "ru")
    files = sum(len(p.files) for p in corpus_report.packages)
    assert int(root.get("tests", "0")) >= files
    assert int(root.get("errors", "0")) == len({f.file for f in corpus_report.all_findings()
                                                 if f.code == "FIL001"})


def test_every_sample(sample_run: Report) -> None:
    root = _parse(sample_run, "kk")
    failing = {(c.get("name") or "").split()[0] for c in root.iter("testcase")
               if c.find("failure") is not None or c.find("error") is not None}
    # every error and needs-review finding fails its case; warnings (LNG004, DOC003) do not
    assert failing == {f.code for f in sample_run.all_findings()
                       if f.severity is Severity.ERROR or f.status is Status.NEEDS_REVIEW}
    names = {(c.get("name") or "").split()[0] for c in root.iter("testcase")}
    assert {f.code for f in sample_run.all_findings()} <= names
