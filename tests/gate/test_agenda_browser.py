"""The agenda in Chromium, in each language: the apparatus creates a meeting and two items of
the same title for two bodies through its page; each body sees and submits only to its own
item, and neither sees the other's versions."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.axe import assert_no_serious
from tests.gate.server import Server, add_token, start_server
from tests.gate.test_browser import CHECKED, SAMPLES, _login, browser  # noqa: F401

pytestmark = pytest.mark.slow

TITLE = "1. Жолдарды жөндеу туралы"
DAYS = {"kk": "2030-05-12", "ru": "2030-05-13", "en": "2030-05-14"}


@pytest.fixture(scope="module")
def gate(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, dict[str, str]]]:
    data = tmp_path_factory.mktemp("agenda-browser") / "data"
    data.mkdir()
    tokens = {"roads": add_token(data, "Отдел дорог", "submitter"),
              "health": add_token(data, "Отдел здравоохранения", "submitter"),
              "staff": add_token(data, "Аппарат акима", "apparatus")}
    server = start_server(data)
    yield server, tokens
    server.stop()


def _new_page(browser: Any, url: str, token: str, lang: str) -> Any:  # noqa: F811
    page = browser.new_context().new_page()
    _login(page, url, token)
    page.goto(f"{url}/lang/{lang}?next=/submit")
    return page


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_apparatus_makes_the_agenda_and_bodies_see_only_their_items(
        browser: Any, gate: tuple[Server, dict[str, str]], lang: str) -> None:  # noqa: F811
    from playwright.sync_api import expect

    server, tokens = gate
    day = DAYS[lang]
    staff = _new_page(browser, server.url, tokens["staff"], lang)
    staff.goto(f"{server.url}/agenda")
    assert_no_serious(staff)
    staff.fill("#m-date", day)
    staff.select_option("#m-kind", "regular")
    staff.click("form[action='/agenda/meetings'] button[type=submit]")
    expect(staff.locator("#agenda-meetings")).to_contain_text(day)
    meeting = staff.locator("#i-meeting option", has_text=day).get_attribute("value")
    assert meeting
    for number, body in (("1", "Отдел дорог"), ("2", "Отдел здравоохранения")):
        staff.select_option("#i-meeting", meeting)
        staff.fill("#i-number", number)
        staff.fill("#i-title", TITLE)  # the same title for both bodies
        staff.get_by_label(body, exact=True).check()
        staff.click("form[action='/agenda/items'] button[type=submit]")
        expect(staff.locator("#agenda-items")).to_contain_text(body)
    assert_no_serious(staff)

    seen: dict[str, str] = {}
    for who in ("roads", "health"):
        page = _new_page(browser, server.url, tokens[who], lang)
        page.goto(f"{server.url}/submit")
        options = page.locator("#item_id option", has_text=day)
        expect(options).to_have_count(1)  # its own item only, though the titles are equal
        seen[who] = str(options.first.get_attribute("value"))
        page.select_option("#item_id", seen[who])
        folder = SAMPLES / "compliant-item"
        page.set_input_files("#file", sorted(str(p) for p in Path(folder).iterdir()
                                             if p.is_file()))
        page.click("#send")
        page.wait_for_url(f"{server.url}/submissions/*")
        expect(page.locator("#verdict")).to_have_attribute("data-verdict", "accept",
                                                           timeout=CHECKED)
        page.context.close()
    assert seen["roads"] != seen["health"]
    # each body's own item got version 1: neither counted the other's submission
    roads = _new_page(browser, server.url, tokens["roads"], lang)
    roads.goto(f"{server.url}/submit")
    rows = roads.locator("#my-submissions tbody tr", has_text=day)
    expect(rows).to_have_count(1)
    expect(rows.first).not_to_contain_text("Отдел здравоохранения")
    roads.context.close()
    staff.context.close()
