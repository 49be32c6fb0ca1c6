"""Every rule in the catalogue is shown by a sample, documented on its own page of
docs/RULES.md and worded in kk, ru and en with a "how to fix" text: a rule added without
them fails here."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT
from validator.checks import ALL_RULES, Rule
from validator.core.catalogue import LANGS, rule_text

EXPECTED = ROOT / "samples" / "expected"
RULES_DOC = ROOT / "docs" / "RULES.md"
REGENERATE = "regenerate: python scripts/update_rules_doc.py"


def _sample_codes() -> dict[str, set[str]]:
    """Each code the samples' expected findings list, with the samples that list it."""
    found: dict[str, set[str]] = {}
    for path in sorted(EXPECTED.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                found.setdefault(line.split()[0], set()).add(path.stem)
    return found


def test_every_rule_appears_in_a_samples_expected_findings() -> None:
    found = _sample_codes()
    missing = sorted(r.code for r in ALL_RULES if r.code not in found)
    assert not missing, f"no sample in samples/expected/ shows {missing}: add one to " \
                        "samples/make_samples.py"
    assert set(found) <= {r.code for r in ALL_RULES}, "a sample lists an unknown code"


def test_every_rule_has_a_page_in_the_rules_doc() -> None:
    doc = RULES_DOC.read_text(encoding="utf-8")
    headings = re.findall(r"^## ([A-Z]{3}\d{3}) (\S+)$", doc, flags=re.M)
    assert headings == sorted((r.code, r.name) for r in ALL_RULES), REGENERATE


def test_rule_pages_are_generated_from_the_catalogue_and_the_profile() -> None:
    from validator.commands.rules_doc import rules_pages

    doc = RULES_DOC.read_text(encoding="utf-8")
    pages = doc.split("<!-- rule-pages:begin -->\n", 1)[1].split("<!-- rule-pages:end -->", 1)[0]
    assert pages.strip() == rules_pages("oskemen-2025", "en").strip(), REGENERATE


def test_rule_page_carries_the_profiles_numbers() -> None:
    from validator.commands.rules_doc import rules_pages

    page = rules_pages("oskemen-2025", "en").split("## SLD002 min-font-size\n", 1)[1]
    page = page.split("\n## ", 1)[0]
    assert "at least 20 pt (clause 15.3)" in page
    assert "Profile `oskemen-2025`: clause 15.3, error." in page
    assert "- `min_size_pt` = 20.0" in page and "- hidden-slide: info" in page
    assert "**How to fix:** Enlarge the text" in page


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_every_rule_has_messages_and_how_to_fix_in_three_languages(rule: Rule) -> None:
    texts = {lang: rule_text(rule.code, lang) for lang in LANGS}
    assert set(texts) == {"kk", "ru", "en"}
    for lang, text in texts.items():
        assert text.title and text.summary and text.explanation, (rule.code, lang)
        assert text.messages.get("default"), (rule.code, lang)
        assert text.how_to_fix, f"{rule.code} has no how_to_fix in {lang}"
    assert len({texts[lang].how_to_fix for lang in LANGS}) == 3, rule.code
