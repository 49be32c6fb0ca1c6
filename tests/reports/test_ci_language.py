"""The CI formats in Kazakh and Russian: the rule by its title in the language (the English
identifier only in English), the advice on how to fix each finding, the severity in words
(an informational note is not a violation), the verdict in words beside its machine value."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from urllib.parse import unquote

from tests.reports.sample import HOSTILE, sample_report
from tests.reports.test_ci_formats import _assert_jenkins_valid, _commands
from validator.core.catalogue import rule_text
from validator.core.findings import Report, Severity
from validator.reports import github, gitlab, junit


def _with_info_note() -> Report:
    """The sample with its package finding turned into PKG002's informational note."""
    rep = sample_report()
    note = replace(rep.packages[0].findings[0], code="PKG002", name="late-submission",
                   severity=Severity.INFO, clause="15",
                   messages=(("kk", "kk: мерзім"), ("ru", "ru: срок"), ("en", "en: deadline")))
    return replace(rep, packages=(replace(rep.packages[0], findings=(note,)),
                                  *rep.packages[1:]))


def test_github_titles_and_advice_in_kazakh() -> None:
    cmds = _commands(github.render(sample_report(), "kk"))
    titles = [c[1]["title"] for c in cmds]
    assert "SLD002 min-font-size" not in titles
    sld = [c for c in cmds if c[1]["title"] == f"SLD002 {rule_text('SLD002', 'kk').title}"]
    assert [c[1]["file"] for c in sld] == [f"item1/{HOSTILE}"] * 2
    for _, _, message in sld:  # the advice once per finding, on its own line
        said, advice = message.split("\n")
        assert said.endswith("(15.3-тармақ)")
        assert advice == f"Қалай түзетуге болады: {rule_text('SLD002', 'kk').how_to_fix}"
    review = next(c for c in cmds if c[1]["file"] == "item2.zip")
    assert review[1]["title"] == (f"SLD003 {rule_text('SLD003', 'kk').title} "
                                  "(тексеруді қажет етеді)")


def test_github_english_keeps_the_identifier() -> None:
    text = github.render(sample_report(), "en")
    assert "title=SLD002 min-font-size::" in text
    assert text.count("%0AHow to fix: ") == 5  # one per counted finding


def test_gitlab_description_and_content_body_in_russian() -> None:
    issues = json.loads(gitlab.render(sample_report(), "ru"))
    by = {(i["check_name"], i["location"]["path"]): i for i in issues}
    pkg = by[("PKG001", "item1")]
    assert pkg["description"] == (f"PKG001 {rule_text('PKG001', 'ru').title}: "
                                  "ru: no participant list (пункт 15.5)")
    assert pkg["content"] == {"body": f"Как исправить: {rule_text('PKG001', 'ru').how_to_fix}"}
    review = by[("SLD003", "item2.zip")]
    assert review["description"].startswith(
        f"SLD003 {rule_text('SLD003', 'ru').title} [требует проверки]: deck.pptx: ")
    for issue in issues:
        assert isinstance(issue["content"]["body"], str) and issue["content"]["body"]
    english = json.loads(gitlab.render(sample_report(), "en"))
    assert english[0]["description"].startswith("PKG001 required-materials: ")


def test_junit_names_verdict_and_advice_in_kazakh() -> None:
    text = junit.render(sample_report(), "kk")
    doc = _assert_jenkins_valid(text)
    names = {c.get("name") for c in doc.iter("testcase")}  # type: ignore[attr-defined]
    assert f"SLD002 {rule_text('SLD002', 'kk').title}" in names
    assert "SLD002 min-font-size" not in names
    suite = doc.find("testsuite")  # type: ignore[attr-defined]
    props = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert props == {"verdict": "return-for-correction", "verdict-label": "пысықтауға қайтару"}
    root = ET.fromstring(text.encode("utf-8"))
    case = next(c for c in root.iter("testcase") if c.get("name", "").startswith("SLD002"))
    failure = case.find("failure")
    assert failure is not None
    lines = (failure.text or "").splitlines()
    advice = f"Қалай түзетуге болады: {rule_text('SLD002', 'kk').how_to_fix}"
    assert len(lines) == 3 and lines[-1] == advice  # two slides, the advice once per case
    assert "[қате]; 15.3-тармақ; " in lines[0]


def test_junit_does_not_call_a_note_a_violation() -> None:
    for lang, note, violation in (("kk", "[ескертпе]", "бұзушылық"),
                                  ("ru", "[замечание]", "нарушение"),
                                  ("en", "[info]", "violation")):
        root = ET.fromstring(junit.render(_with_info_note(), lang).encode("utf-8"))
        case = next(c for c in root.iter("testcase") if c.get("name", "").startswith("PKG002"))
        out = case.find("system-out")
        assert out is not None and case.find("failure") is None
        assert f": {lang}: " in (out.text or "") and note in (out.text or "")
        assert violation not in (out.text or "")
    review = ET.fromstring(junit.render(sample_report(), "ru").encode("utf-8"))
    deck = next(c for c in review.iter("testcase") if c.get("name", "").startswith("SLD003"))
    assert "[предупреждение; требует проверки]" in (deck.find("failure").text or "")  # type: ignore[union-attr]


def test_github_property_escaping_of_localized_titles() -> None:
    """A title with a comma or colon in the language still parses as one property."""
    text = github.render(sample_report(), "ru")
    for line in text.splitlines():
        props = line.split("::")[1].split(" ", 1)[1]
        assert len(props.split(",")) == 2
        assert unquote(props.split(",")[1]).startswith("title=")
