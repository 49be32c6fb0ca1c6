"""Thresholds and clause numbers come from the profile only: the samples checked with another
akimat's profile (24 pt, 8 MB, 3 pages, clause numbers shifted by ten) speak of its numbers and
clauses in kk, ru and en, in rule texts, findings and reports, and of none of oskemen-2025's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from validator.api import check
from validator.commands.main import main
from validator.reports import renderer
from validator.settings.profile import load_profile, resolve_profile_path

SHIPPED = resolve_profile_path("oskemen-2025")
LANGS = ("kk", "ru", "en")
SHIFT = {"15": "25", "15.1": "25.1", "15.2": "25.2", "15.3": "25.3", "15.4": "25.4",
         "15.5": "25.5", "15.6": "25.6", "22": "32"}


def _shift(match: re.Match[str]) -> str:
    return match.group(0).replace(match.group(1), SHIFT.get(match.group(1), match.group(1)))


def another_profile(folder: Path) -> Path:
    text = SHIPPED.read_text(encoding="utf-8")
    text = text[:text.index("# -- coverage")]  # its coverage is oskemen's own review
    text = text.replace('id = "oskemen-2025"', 'id = "other-akimat-2026"')
    text = text.replace("min_size_pt = 20.0", "min_size_pt = 24.0")
    text = text.replace("max_size = 10\n", "max_size = 8\n")
    text = text.replace("max_pages = 5\n", "max_pages = 3\n")
    text = text.replace('clause = "15.2, 15.5"', 'clause = "25.2, 25.5"')
    text = re.sub(r'clause = "([0-9.]+)"', _shift, text)
    text = re.sub(r'\[clauses\."([0-9.]+)"\]', _shift, text)
    text = text.replace('[clauses."15.2, 15.5"]', '[clauses."25.2, 25.5"]')
    # the quotations are the other regulation's: its numbers
    for old, new in (("20-дан", "24-тен"), ("10 (он) мегабайттан", "8 (сегіз) мегабайттан"),
                     ("5 (бес) беттен", "3 (үш) беттен"), ("не менее 20", "не менее 24"),
                     ("10 (десяти) мегабайт", "8 (восьми) мегабайт"),
                     ("5 (пяти) страниц", "3 (трёх) страниц"),
                     ("no less than 20", "no less than 24"),
                     ("10 (ten) megabytes", "8 (eight) megabytes"),
                     ("5 (five) pages", "3 (three) pages")):
        text = text.replace(old, new)
    path = folder / "other-akimat-2026.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def profile_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = another_profile(tmp_path_factory.mktemp("profile"))
    loaded = load_profile(path)
    assert loaded.rules["SLD002"].clause == "25.3"
    assert loaded.rules["PKG001"].clause == "25.2, 25.5"
    return path


OSKEMEN = ("20 pt", "20 пт", "10 MB", "10 МБ", "5 pages", "5 стр", "5 бет", "15.1", "15.3",
           "15.4", "15.2", "15.5", "clause 15)", "пункт 15)", "(15-тармақ)", "clause 22",
           "пункт 22", "22-тармақ")


@pytest.mark.parametrize("lang", LANGS)
def test_rule_texts_carry_the_profiles_numbers(profile_path: Path, lang: str) -> None:
    runner = CliRunner()
    table = runner.invoke(main, ["rules", "--profile", str(profile_path), "--lang", lang])
    assert table.exit_code == 0, table.output
    texts = [table.output]
    for code in ("SLD002", "SLD003", "DOC001", "PKG001", "LNG003", "SLD001"):
        out = runner.invoke(main, ["explain", code, "--profile", str(profile_path),
                                   "--lang", lang])
        assert out.exit_code == 0, out.output
        texts.append(out.output.split("\n\n")[1] + out.output.split("\n\n")[2])
    joined = "\n".join(texts)
    assert "24" in texts[1] and "25.3" in texts[1]
    assert "8" in texts[2] and ("MB" in texts[2] or "МБ" in texts[2])
    assert "3" in texts[3] and "25.1" in texts[3]
    assert "25.2, 25.5" in texts[4] and "32" in texts[5]
    for old in OSKEMEN:
        assert old not in joined, (lang, old)


@pytest.fixture(scope="module")
def reports(profile_path: Path):  # type: ignore[no-untyped-def]
    return [check(p, profile=profile_path, isolate=False)
            for p in ("samples/non-compliant-item", "samples/compliant-item")]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", ["text", "html", "markdown", "sarif", "json", "junit"])
def test_reports_carry_the_profiles_numbers(reports, fmt: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    text = "\n".join(renderer(fmt)(r, lang) for r in reports)
    deck = next(f for r in reports for f in r.all_findings() if f.code == "SLD002")
    assert deck.threshold == 24.0 and deck.clause == "25.3"
    assert "24" in deck.message(lang)
    if fmt in ("text", "html", "markdown", "sarif", "junit"):
        assert "25.3" in text
    for old in OSKEMEN:
        assert old not in text, (fmt, lang, old)
