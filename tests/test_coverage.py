"""`validator coverage`: every clause of the regulation, each with what the checks judge of it.

The list of clauses is read from the Kazakh original in ../shared/regulation, so a clause the
profile forgets (or one it invents) fails here; the profile's own validation refuses entries
that name no rules where rules are needed, or leave a rule's cited clause without that rule.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.test_profile import _variant
from validator.commands.main import main
from validator.core.errors import ConfigError
from validator.settings.profile import load_profile, resolve_profile_path

REGULATION = Path("../shared/regulation/oskemen-akimat-regulation-2025-kk.txt")
SHIPPED = resolve_profile_path("oskemen-2025")
_CLAUSE = re.compile(r"^\s+(\d+)\.\s")
_ITEM = re.compile(r"^\s+(\d+)\)\s")


def regulation_clauses(text: str) -> list[str]:
    """Numbered clauses and their numbered sub-items, from the regulation's body.

    The body starts at the second heading «Өскемен қаласы әкімдігінің Регламенті» (the first
    lines are the approving decree, whose own clauses 1-4 are not the regulation's).
    """
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines)
              if line.strip() == "Өскемен қаласы әкімдігінің Регламенті"]
    body = lines[starts[-1] + 1:]
    out: list[str] = []
    current = None
    for line in body:
        m = _CLAUSE.match(line)
        if m and (current is None or int(m.group(1)) == int(current) + 1):
            current = m.group(1)
            out.append(current)
            continue
        m = _ITEM.match(line)
        if m and current is not None:
            out.append(f"{current}.{m.group(1)}")
    return out


@pytest.fixture(scope="module")
def profile():  # type: ignore[no-untyped-def]
    return load_profile(SHIPPED)


def test_every_clause_of_the_regulation_is_reviewed(profile) -> None:  # type: ignore[no-untyped-def]
    if not REGULATION.is_file():
        pytest.skip(f"{REGULATION} is not beside the project")
    expected = regulation_clauses(REGULATION.read_text(encoding="utf-8"))
    assert len(expected) == 51 and expected[:3] == ["1", "2", "3"]
    assert {"15.1", "15.6", "19.3", "23.3", "39"} <= set(expected)
    assert [c.clause for c in profile.coverage] == expected


def test_clause_15_3_is_partly_judged_by_the_slide_rules(profile) -> None:  # type: ignore[no-untyped-def]
    by_clause = {c.clause: c for c in profile.coverage}
    c153 = by_clause["15.3"]
    assert c153.status == "partly"
    assert set(c153.rules) == {"SLD001", "SLD002", "SLD003", "SLD004", "SLD005"}
    assert "картин" in c153.note_in("ru") and "сурет" in c153.note_in("kk")
    assert by_clause["15.1"].rules == ("DOC001",)
    assert by_clause["23.2"].status == "person" and by_clause["23.2"].rules == ()
    assert by_clause["13"].status == "not-applicable"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param('[coverage."13"]\nstatus = "not-applicable"',
                     '[coverage."13"]\nstatus = "maybe"', 'coverage."13"]: status must be',
                     id="unknown-status"),
        pytest.param('[coverage."15.1"]\nstatus = "automated"\nrules = ["DOC001"]',
                     '[coverage."15.1"]\nstatus = "automated"\nrules = []',
                     "status automated needs the rules", id="automated-without-rules"),
        pytest.param('[coverage."15.1"]\nstatus = "automated"\nrules = ["DOC001"]',
                     '[coverage."15.1"]\nstatus = "automated"\nrules = ["DOC001", "XYZ999"]',
                     'unknown rule "XYZ999"', id="unknown-rule"),
        pytest.param('[coverage."23.2"]\nstatus = "person"',
                     '[coverage."23.2"]\nstatus = "person"\nrules = ["DOC001"]',
                     "status person names no rules", id="person-with-rules"),
        pytest.param('rules = ["DOC002"]\nkk = "Оқу',
                     'rules = ["DOC002"]\nkz = "x"\nkk = "Оқу',
                     'unknown key "kz"', id="unknown-key"),
        pytest.param('rules = ["PKG001"]\nkk = "Қатысушылар',
                     'rules = ["LNG001"]\nkk = "Қатысушылар',
                     "rule PKG001 cites clause 15.5", id="rule-missing-from-its-clause"),
        pytest.param('[coverage."39"]', '[coverage."39a"]',
                     "a clause is a number", id="bad-clause-number"),
    ],
)
def test_bad_coverage_is_refused_with_the_clause_named(tmp_path: Path, old: str, new: str,
                                                       expected: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(expected)):
        load_profile(_variant(tmp_path, old, new))


def test_a_rule_the_profile_leaves_off_no_longer_counts(tmp_path: Path) -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    start = text.index("[rules.DOC001]")
    end = text.index("[rules.", start + 5)
    path = tmp_path / "no-doc001.toml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    by_clause = {c.clause: c for c in load_profile(path).coverage}
    assert by_clause["15.1"].status == "person" and by_clause["15.1"].rules == ()
    start = text.index("[rules.SLD004]")
    end = text.index("[rules.", start + 5)
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    c153 = {c.clause: c for c in load_profile(path).coverage}["15.3"]
    assert c153.status == "partly" and "SLD004" not in c153.rules and "SLD001" in c153.rules


def test_a_note_is_needed_in_every_language(tmp_path: Path) -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    start = text.index('[coverage."27"]')
    end = text.index("[coverage.", start + 5)
    block = text[start:end]
    cut = "\n".join(line for line in block.splitlines() if not line.startswith("ru = "))
    path = tmp_path / "variant.toml"
    path.write_text(text[:start] + cut + "\n\n" + text[end:], encoding="utf-8")
    with pytest.raises(ConfigError, match=r'coverage."27"\]: needs a note .*\(ru is missing\)'):
        load_profile(path)


def test_cli_json_lists_every_clause_with_notes_in_three_languages() -> None:
    result = CliRunner().invoke(main, ["coverage", "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["profile"]["id"] == "oskemen-2025"
    clauses = {c["clause"]: c for c in doc["clauses"]}
    assert len(clauses) == 51
    assert clauses["15.4"] == {
        "clause": "15.4", "status": "partly", "rules": ["DOC002"],
        "note": clauses["15.4"]["note"],
    }
    assert set(clauses["15.4"]["note"]) == {"kk", "ru", "en"}
    assert {c["status"] for c in doc["clauses"]} == {"automated", "partly", "person",
                                                    "not-applicable"}


@pytest.mark.parametrize(("lang", "word", "english"), [
    ("kk", "ішінара", "partly"), ("ru", "частично", "partly"), ("en", "partly", None)])
def test_cli_text_speaks_the_chosen_language(lang: str, word: str, english: str | None) -> None:
    result = CliRunner().invoke(main, ["coverage", "--lang", lang])
    assert result.exit_code == 0, result.output
    row = next(line for line in result.output.splitlines() if line.startswith("15.3 "))
    assert word in row and "SLD002" in row
    if english:
        assert english not in result.output and "not-applicable" not in result.output
    assert result.output.rstrip().splitlines()[-1].count("51") == 1


def test_cli_markdown_is_a_table() -> None:
    result = CliRunner().invoke(main, ["coverage", "--format", "markdown", "--lang", "ru"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("# Регламент акимата")
    assert lines[2] == "| Пункт | Статус | Правила | Что проверяется и что остаётся |"
    assert sum(1 for line in lines if line.startswith("| 1")) >= 20


def test_profile_without_coverage_is_a_clear_error(tmp_path: Path) -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    path = tmp_path / "other.toml"
    path.write_text(text[:text.index("# -- coverage")], encoding="utf-8")
    result = CliRunner().invoke(main, ["coverage", "--profile", str(path)])
    assert result.exit_code == 2
    assert "has no [coverage] table" in result.output


@pytest.mark.parametrize(("lang", "heading", "status"), [
    ("kk", "Бұл тексеру нені қамтымады", "адам тексереді"),
    ("ru", "Что эта проверка не охватила", "проверяет человек"),
    ("en", "What this check did not cover", "a person"),
])
def test_html_report_ends_with_what_was_not_covered(lang: str, heading: str,
                                                    status: str) -> None:
    from validator.api import check
    from validator.reports.html import render

    report = check("samples/compliant-item", isolate=False)
    page = render(report, lang)
    section = page[page.index('<section id="not-covered">'):page.index("<footer>")]
    assert heading in section and status in section
    rows = re.findall(r"<tr><td>([0-9.]+)</td>", section)
    assert rows == ["15", "15.2", "15.3", "15.4", "15.6", "20", "22", "23", "23.1", "23.2",
                    "23.3", "24", "25"]
    assert "15.1" not in rows and "13" not in rows  # automated and not-applicable left out
