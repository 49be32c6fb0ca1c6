from __future__ import annotations

from dataclasses import replace

from tests.reports.sample import sample_report
from validator.reports import markdown
from validator.reports.markdown import render


def test_summary_table_then_findings_worst_first() -> None:
    text = render(sample_report(), "en")
    lines = text.splitlines()
    assert lines[0] == "### ❌ Check report: return for correction"
    assert "| item1 | ❌ return for correction | 4 | 4 | 0 | 0 |" in lines
    assert "| item2\\.zip | ⚠️ needs manual review | 2 | 0 | 1 | 1 |".replace("\\.", ".") in lines
    rows = [ln for ln in lines if ln.startswith("| ") and "`" in ln]
    assert len(rows) == 6
    assert "`SLD003`" in rows[-2] or "`SLD003`" in rows[-1]  # the warning comes after errors
    assert rows[0].split("|")[3].strip().startswith("`")


def test_file_names_cannot_inject_html_or_break_tables() -> None:
    text = render(sample_report(), "en")
    assert "<img" not in text
    assert "&lt;img src=x onerror=alert\\(1\\)&gt;" not in text  # parentheses stay plain
    assert "&lt;img src=x onerror=alert(1)&gt;.pptx" in text
    rep = sample_report()
    f = rep.packages[0].files[0]
    name = "a|b\n| c *d* <u>"
    moved = replace(f, path=name, findings=tuple(replace(x, file=name) for x in f.findings))
    out = render(replace(rep, packages=(replace(rep.packages[0], files=(moved,)),)), "en")
    rows = [ln for ln in out.splitlines() if "`SLD002`" in ln]
    assert len(rows) == 2
    assert all(r.startswith("| a\\|b \\| c \\*d\\* &lt;u&gt; | ") for r in rows)
    assert all(r.count(" | ") == 4 for r in rows)


def test_long_lists_are_cut(monkeypatch: object) -> None:
    import pytest

    mp = pytest.MonkeyPatch()
    mp.setattr(markdown, "MAX_ROWS", 2)
    try:
        text = render(sample_report(), "ru")
    finally:
        mp.undo()
    assert "… и ещё замечаний: 4" in text


def test_all_languages() -> None:
    assert "пысықтауға қайтару" in render(sample_report(), "kk")
    assert "вернуть на доработку" in render(sample_report(), "ru")


def test_how_to_fix_lines_under_their_heading_name_the_rule_once() -> None:
    text = render(sample_report(), "ru")
    heading = text.index("**Как исправить**")
    lines = [line for line in text[heading:].splitlines() if line.startswith("- ")]
    assert lines and all(line[2:8].isalnum() and line[8] == ":" for line in lines), lines
    assert "как исправить" not in text[heading + len("**Как исправить**"):]


def test_technical_detail_only_in_english_markdown() -> None:
    """Markdown folds the technical detail into the finding's cell in English; in Kazakh and
    Russian it says once that ``--format json`` gives it."""
    from tests.reports.sample import sample_report
    from validator.reports.markdown import render

    assert "<details><summary>details</summary>" in render(sample_report(), "en")
    russian = render(sample_report(), "ru")
    assert "<summary>подробности</summary>" not in russian
    assert russian.count("Технические подробности замечаний") == 1
    assert "slide\\[3\\]" not in russian and "slide[3]" not in russian
