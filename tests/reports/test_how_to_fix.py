"""Every report says how to fix what it found: once per rule per file in text and Markdown,
beside each finding in HTML, in each rule's help in SARIF, and in `validator explain`."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.security import hostile as h
from validator.api import check
from validator.commands.main import main
from validator.core.catalogue import rule_text
from validator.reports import renderer
from validator.reports.common import how_to_fix


@pytest.fixture(scope="module")
def report():  # type: ignore[no-untyped-def]
    return check("samples/non-compliant-item", isolate=False)


@pytest.mark.parametrize(("lang", "label"), [("kk", "қалай түзетіледі"),
                                             ("ru", "как исправить"), ("en", "how to fix")])
def test_text_report_says_it_once_per_rule_and_file(report, lang: str, label: str) -> None:  # type: ignore[no-untyped-def]
    text = renderer("text")(report, lang)
    deck = text.split("Таныстырылым_қаз.pptx [", 1)[1].split("\n  samples/", 1)[0]
    lines = [line.strip() for line in deck.splitlines() if label in line]
    codes = [line.split(":", 1)[0] for line in lines]
    assert len(codes) == len(set(codes)) == 3  # LNG003, SLD001, SLD002 in this deck
    assert any(rule_text("SLD002", lang).how_to_fix in line for line in lines)


def test_html_shows_it_beside_each_finding(report) -> None:  # type: ignore[no-untyped-def]
    page = renderer("html")(report, "ru")
    assert page.count('<p class="how">') == sum(1 for f in report.all_findings())
    fix = how_to_fix("SLD001", "ru", report)
    assert "{" not in fix and "(16:9)" in fix
    assert "<strong>Как исправить:</strong> " + html.escape(fix, quote=False) in page


def test_html_says_it_once_per_rule_and_file(tmp_path: Path) -> None:
    """A deck with two SLD002 findings (two text boxes at 12 pt) shows the SLD002 line once,
    under the first of them."""
    small = "".join(h.text_shape(n).replace('sz="2400"', 'sz="1200"') for n in (1, 2))
    deck = tmp_path / "deck.pptx"
    deck.write_bytes(h.pptx(h.slide_xml(small)))
    report = check(str(deck), isolate=False)
    page = renderer("html")(report, "ru")
    lists = [p.findings for p in report.packages] + [
        fr.findings for p in report.packages for fr in p.files]
    per_rule_and_file = sum(len({f.code for f in fs}) for fs in lists)
    assert page.count('<p class="how">') == per_rule_and_file < len(report.all_findings())
    line = html.escape(how_to_fix("SLD002", "ru", report), quote=False)
    assert page.count('data-code="SLD002"') == 2 and page.count(line) == 1


def test_markdown_and_sarif(report) -> None:  # type: ignore[no-untyped-def]
    md = renderer("markdown")(report, "kk")
    assert "**Қалай түзетуге болады**" in md
    assert rule_text("PKG001", "kk").how_to_fix in md
    sarif = json.loads(renderer("sarif")(report, "en"))
    rules = {r["id"]: r for r in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["DOC002"]["help"]["text"].startswith(
        "How to fix: " + rule_text("DOC002", "en").how_to_fix)


def test_explain_says_it() -> None:
    result = CliRunner().invoke(main, ["explain", "SEC003", "--lang", "kk"])
    assert result.exit_code == 0
    assert f"Қалай түзетуге болады: {rule_text('SEC003', 'kk').how_to_fix}" in result.output
