""""Check only" in a real headless Chromium: the submission form's second button checks the
files without submitting them; the apparatus sees nothing; then the same files are submitted
from the pre-check's page without choosing them again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.axe import assert_no_serious
from tests.gate.server import Server
from tests.gate.test_browser import CHECKED, SAMPLES, _login, browser, gate  # noqa: F401

pytestmark = pytest.mark.slow

MEETING = "2030-04-16"
NOT_SUBMITTED = {"kk": "ЖІБЕРІЛГЕН ЖОҚ", "ru": "НЕ поданы", "en": "NOT submitted"}


def test_check_only_then_submit_in_chromium(browser: Any,  # noqa: F811
                                            gate: tuple[Server, dict[str, str]]  # noqa: F811
                                            ) -> None:
    from playwright.sync_api import expect

    server, tokens = gate
    ctx = browser.new_context()
    page = ctx.new_page()
    _login(page, server.url, tokens["roads"])
    page.click("a[hreflang=en]")
    page.goto(f"{server.url}/submit")
    sample = SAMPLES / "non-compliant-item"
    # the agenda item gives the meeting's date (for the deadline); nothing is submitted to it
    page.select_option("#item_id", tokens["item:1. Дороги (en)"])
    page.set_input_files("#file", sorted(str(p) for p in sample.iterdir() if p.is_file()))
    page.click("#check-only")
    page.wait_for_url(f"{server.url}/checks/*")
    expect(page.locator("#not-submitted")).to_contain_text(NOT_SUBMITTED["en"])
    expect(page.locator("#verdict")).to_have_attribute("data-verdict",
                                                       "return-for-correction",
                                                       timeout=CHECKED)
    for code in ("SLD001", "SLD003", "PKG001"):
        expect(page.locator("#findings")).to_contain_text(code)
    check_url = page.url
    # the page and the form with its new button, in every language: nothing serious for axe
    for lang, words in NOT_SUBMITTED.items():
        page.goto(f"{server.url}/lang/{lang}?next=/submit")
        expect(page.locator("#check-only")).to_be_visible()
        assert_no_serious(page)
        page.goto(check_url)
        expect(page.locator("#not-submitted")).to_contain_text(words)
        assert_no_serious(page)

    staff = browser.new_context()  # the apparatus, in another browser
    other = staff.new_page()
    _login(other, server.url, tokens["staff"])
    listing = other.goto(f"{server.url}/meetings")
    assert listing is not None and listing.status == 200
    expect(other.locator("main")).not_to_contain_text(MEETING)
    missing = other.goto(check_url)
    assert missing is not None and missing.status == 404

    page.select_option("#item_id", tokens["item:2. Транспорт (en)"])
    page.click("#submit-these")
    page.wait_for_url(f"{server.url}/submissions/*")
    expect(page.locator("#receipt")).to_be_visible()
    expect(page.locator("#files .file-name")).to_have_count(
        len([p for p in Path(sample).iterdir() if p.is_file()]))
    other.goto(f"{server.url}/meetings")
    expect(other.locator("main")).to_contain_text(MEETING)
    staff.close()
    ctx.close()
