"""JUnit XML for CI test-report views (GitLab, Jenkins).

One ``testsuite`` per package; in it one ``testcase`` per file and rule that fired
(``classname`` = the file, ``name`` = ``CODE rule-name`` in English, ``CODE`` and the rule's
title in Kazakh and Russian: unique, as GitLab keys cases by both), and one passing
``validator`` case for each clean file, so a CI never sees an empty report. A case fails on an
error or a needs-review finding (the default failing level of the command line); an unreadable
file is an ``error`` (it could not be checked); warnings and notes pass, listed in
``system-out``; waived findings are ``skipped`` with the waiver's reason. Each finding's line
names its severity in words (and its status when it needs review or is waived: a note is
never called a violation); the case's text ends with the rule's advice on how to fix it.

A suite's properties carry the package's ``verdict`` as the machine value
(``return-for-correction``) and ``verdict-label`` in the report's language.

Jenkins reads ``classname`` as ``package.Class`` and splits it at the last dot, so
``item1/Справка.docx`` would show as class ``docx``. Every dot of a path in ``classname`` is
therefore written as U+2024 ONE DOT LEADER (``Справка․docx``), which reads as a dot; the true
path is in the case's ``file`` attribute. The file is valid against Jenkins' junit-10.xsd
(no ``skipped`` on ``testsuites``: the sum is in the suites). The run's notices
(``--exit-zero`` made the exit code 0 although the run fails, files not read, an expired
waiver) are the ``system-out`` of the first suite.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from validator.core.catalogue import ui
from validator.core.findings import FileReport, Finding, PackageReport, Report, Severity, Status
from validator.reports.ci_words import finding_kind, fix_advice, rule_label
from validator.reports.common import clause_label, finding_where, notice_text, rule_url

#: Characters XML 1.0 cannot carry, even escaped.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_UNREADABLE = {"FIL001"}
#: What a dot of a path becomes in ``classname``.
ONE_DOT_LEADER = "\u2024"


def _clean(text: str) -> str:
    return _INVALID_XML.sub("\ufffd", text)


def _classname(path: str) -> str:
    """A path as a classname Jenkins does not split (see the module's docstring)."""
    return _clean(path).replace(".", ONE_DOT_LEADER)


def _line(f: Finding, lang: str) -> str:
    where = finding_where(f, lang)
    place = f" ({where})" if where else ""
    return (f"{f.file}{place}: {f.message(lang)} [{finding_kind(f, lang)}]; "
            f"{clause_label(f, lang)}; {rule_url(f.code)}")


class _Counts:
    def __init__(self) -> None:
        self.tests = self.failures = self.errors = self.skipped = 0

    def add(self, other: _Counts) -> None:
        self.tests += other.tests
        self.failures += other.failures
        self.errors += other.errors
        self.skipped += other.skipped

    def stamp(self, element: ET.Element, keys: tuple[str, ...] = (
            "tests", "failures", "errors", "skipped")) -> None:
        for key in keys:
            element.set(key, str(getattr(self, key)))


def _case(suite: ET.Element, counts: _Counts, classname: str, name: str,
          findings: list[Finding], lang: str, report: Report) -> None:
    case = ET.SubElement(suite, "testcase", classname=_classname(classname),
                         name=_clean(name), file=_clean(classname))
    counts.tests += 1
    active = [f for f in findings if f.status is not Status.WAIVED]
    failing = [f for f in active
               if f.severity is Severity.ERROR or f.status is Status.NEEDS_REVIEW]
    lines = [_line(f, lang) for f in findings]
    advice = (fix_advice(findings[0].code, lang, report, [f.file for f in active]) if active
              else "")
    body = "\n".join([*lines, advice] if advice else lines)
    if any(f.code in _UNREADABLE for f in active):
        first = next(f for f in active if f.code in _UNREADABLE)
        el = ET.SubElement(case, "error", type=first.code, message=_clean(first.message(lang)))
        el.text = _clean(body)
        counts.errors += 1
    elif failing:
        el = ET.SubElement(case, "failure", type=failing[0].code,
                           message=_clean(failing[0].message(lang)))
        el.text = _clean(body)
        counts.failures += 1
    elif not active and findings:
        reasons = "; ".join(sorted({f.waiver or "" for f in findings}))
        ET.SubElement(case, "skipped",
                      message=_clean(ui(lang, "report.waived", reason=reasons)))
        counts.skipped += 1
    elif findings:
        out = ET.SubElement(case, "system-out")
        out.text = _clean(body)


def _plain_case(suite: ET.Element, path: str) -> ET.Element:
    """The one ``validator`` case of a clean, skipped or empty file or package."""
    return ET.SubElement(suite, "testcase", classname=_classname(path), name="validator",
                         file=_clean(path))


def _file_cases(suite: ET.Element, counts: _Counts, classname: str,
                findings: tuple[Finding, ...], lang: str, report: Report) -> None:
    by_rule: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in findings:
        by_rule[(f.code, f.name)].append(f)
    for _, group in sorted(by_rule.items()):
        _case(suite, counts, classname, rule_label(group[0], lang, report), group, lang,
              report)


def _file(suite: ET.Element, counts: _Counts, fr: FileReport, lang: str,
          report: Report) -> None:
    if fr.kind == "other" and not fr.findings:
        case = _plain_case(suite, fr.path)
        ET.SubElement(case, "skipped", message=ui(lang, "junit.not_checked"))
        counts.tests += 1
        counts.skipped += 1
        return
    if not fr.findings:
        case = _plain_case(suite, fr.path)
        out = ET.SubElement(case, "system-out")
        out.text = ui(lang, "junit.clean")
        counts.tests += 1
        return
    _file_cases(suite, counts, fr.path, fr.findings, lang, report)


def _package(root: ET.Element, total: _Counts, pkg: PackageReport, lang: str,
             timestamp: str, report: Report) -> None:
    suite = ET.SubElement(root, "testsuite",
                          name=_clean(pkg.path or ui(lang, "report.package_received")))
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", name="verdict", value=pkg.verdict.value)
    ET.SubElement(properties, "property", name="verdict-label",
                  value=ui(lang, "verdict." + pkg.verdict.value))
    counts = _Counts()
    if pkg.findings:
        _file_cases(suite, counts, pkg.path, pkg.findings, lang, report)
    for fr in pkg.files:
        _file(suite, counts, fr, lang, report)
    if counts.tests == 0:
        case = _plain_case(suite, pkg.path)
        out = ET.SubElement(case, "system-out")
        out.text = ui(lang, "junit.clean")
        counts.tests += 1
    counts.stamp(suite)
    suite.set("time", "0")
    if timestamp:
        suite.set("timestamp", timestamp)
    total.add(counts)


def _outside(root: ET.Element, total: _Counts, findings: tuple[Finding, ...],
             lang: str, timestamp: str, report: Report) -> None:
    """What belongs to no package: one suite, one case per path and rule."""
    suite = ET.SubElement(root, "testsuite", name=_clean(ui(lang, "report.outside")))
    if timestamp:
        suite.set("timestamp", timestamp)
    counts = _Counts()
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_file[f.file].append(f)
    for path, group in sorted(by_file.items()):
        _file_cases(suite, counts, path, tuple(group), lang, report)
    counts.stamp(suite)
    suite.set("time", "0")
    total.add(counts)


def _timestamp(moment: dt.datetime) -> str:
    """When the check started, in UTC without a zone suffix (the JUnit schema's
    ``timestamp`` admits no time zone)."""
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S")


def render(report: Report, lang: str = "en") -> str:
    root = ET.Element("testsuites", name="validator")
    total = _Counts()
    timestamp = "" if report.checked_at is None else _timestamp(report.checked_at)
    for pkg in report.packages:
        _package(root, total, pkg, lang, timestamp, report)
    if report.findings:
        _outside(root, total, report.findings, lang, timestamp, report)
    if not report.packages and not report.findings:
        suite = ET.SubElement(root, "testsuite", name="validator")
        case = ET.SubElement(suite, "testcase", classname="validator", name="validator")
        ET.SubElement(case, "skipped", message=ui(lang, "junit.nothing"))
        counts = _Counts()
        counts.tests = counts.skipped = 1
        counts.stamp(suite)
        if timestamp:
            suite.set("timestamp", timestamp)
        total.add(counts)
    if report.notices:  # what concerns the whole run, said once, in the first suite
        out = ET.SubElement(root[0], "system-out")
        out.text = "\n".join(notice_text(n, lang) for n in report.notices)
    total.stamp(root, ("tests", "failures", "errors"))
    ET.indent(root)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            + ET.tostring(root, encoding="unicode") + "\n")
