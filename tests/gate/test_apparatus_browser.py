"""The apparatus's work in a real headless Chromium: filter the meeting's register through the
plain form, download CSV, XLSX and the meeting zip from the page's links, record a decision;
the body sees it on its own submission, another body does not. Skips when Chromium or
Playwright is missing locally; fails under CI=true."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.gate.server import Server, add_token, agenda_item, start_server
from tests.gate.test_browser import browser  # noqa: F401  (the shared Chromium)

pytestmark = pytest.mark.slow

MEETING = "2030-05-14"
SAMPLES = Path(__file__).resolve().parents[2] / "samples"
CHECKED = 120_000


@pytest.fixture(scope="module")
def gate(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, dict[str, str]]]:
    data = tmp_path_factory.mktemp("apparatus") / "data"
    data.mkdir()
    tokens = {"roads": add_token(data, "Отдел дорог", "submitter"),
              "health": add_token(data, "Отдел здравоохранения", "submitter"),
              "staff": add_token(data, "Аппарат акима", "apparatus")}
    server = start_server(data)
    # the agenda items the bodies submit to (made by the apparatus), "item:TITLE" -> id
    for title, body in (("1. Дороги", "Отдел дорог"), ("2. Транспорт", "Отдел дорог"),
                        ("3. Больница", "Отдел здравоохранения")):
        tokens[f"item:{title}"] = agenda_item(server.url, tokens["staff"], title, body,
                                              MEETING)
    yield server, tokens
    server.stop()


def _page(browser: Any, url: str, token: str) -> Any:  # noqa: F811
    ctx = browser.new_context(accept_downloads=True)
    page = ctx.new_page()
    page.goto(f"{url}/login")
    page.fill("#token", token)
    page.click("#login")
    page.wait_for_url(f"{url}/submit")
    page.click("a[hreflang=ru]")
    return page


def _submit(page: Any, url: str, item_id: str, sample: str, verdict: str) -> str:
    from playwright.sync_api import expect

    folder = SAMPLES / sample
    page.goto(f"{url}/submit")
    page.select_option("#item_id", item_id)
    page.set_input_files("#file", sorted(str(p) for p in folder.iterdir() if p.is_file()))
    page.click("#send")
    page.wait_for_url(f"{url}/submissions/*")
    expect(page.locator("#verdict")).to_have_attribute("data-verdict", verdict,
                                                       timeout=CHECKED)
    return str(page.url)


def _download(page: Any, link: str) -> bytes:
    with page.expect_download() as info:
        page.click(link)
    path = info.value.path()
    return Path(path).read_bytes()


def test_apparatus_filters_exports_and_decides(browser: Any,  # noqa: F811
                                               gate: tuple[Server, dict[str, str]]) -> None:
    from openpyxl import load_workbook
    from playwright.sync_api import expect

    server, tokens = gate
    roads = _page(browser, server.url, tokens["roads"])
    _submit(roads, server.url, tokens["item:1. Дороги"], "compliant-item", "accept")
    returned = _submit(roads, server.url, tokens["item:2. Транспорт"], "non-compliant-item",
                       "return-for-correction")
    health = _page(browser, server.url, tokens["health"])
    _submit(health, server.url, tokens["item:3. Больница"], "compliant-item", "accept")

    staff = _page(browser, server.url, tokens["staff"])
    staff.goto(f"{server.url}/meetings/{MEETING}")
    expect(staff.locator("#versions tr.version")).to_have_count(3)
    # the filters are a plain form: choose, press the button, the page reloads filtered
    staff.get_by_label("Орган", exact=True).select_option("Отдел дорог")
    staff.get_by_label("Заключение проверки").select_option("return-for-correction")
    staff.click("#filters button[type=submit]")
    staff.wait_for_url("**verdict=return-for-correction**")
    expect(staff.locator("#versions tr.version")).to_have_count(1)
    expect(staff.locator("#versions tr.version")).to_contain_text("2. Транспорт")

    # the CSV and XLSX links carry the filters
    rows = list(csv.reader(io.StringIO(_download(staff, "#download-csv").decode("utf-8-sig"))))
    assert rows[0][:3] == ["Вопрос повестки", "Версия", "Вносящий орган"]
    assert [(r[0], r[2], r[4], r[5]) for r in rows[1:]] == [
        ("2. Транспорт", "Отдел дорог", "вернуть на доработку", "return-for-correction")]
    book = load_workbook(io.BytesIO(_download(staff, "#download-xlsx")), read_only=True)
    sheet = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    assert sheet[0] == rows[0] and [r[0] for r in sheet[1:]] == ["2. Транспорт"]
    book.close()
    # the zip holds every item's latest package, by item number, and the register
    with zipfile.ZipFile(io.BytesIO(_download(staff, "#download-zip"))) as zf:
        names = zf.namelist()
    assert names[0] == f"реестр-{MEETING}.csv"
    assert {n.split("/", 1)[0] for n in names[1:]} == {"1 Дороги", "2 Транспорт",
                                                       "3 Больница"}

    # a decision on the returned version, beside the toolkit's verdict
    staff.click("#versions tr.version a")
    staff.check("#decision-returned")
    staff.fill("#reason", "Нет списка участников на казахском языке")
    staff.click("#decision-form button[type=submit]")
    expect(staff.locator("#decision")).to_have_attribute("data-decision", "returned")
    expect(staff.locator("#decision-history")).to_contain_text("Аппарат акима")
    expect(staff.locator("#verdict")).to_have_text("вернуть на доработку")

    # the body sees the decision on its own submission, and has no form
    roads.goto(returned)
    expect(roads.locator("#decision")).to_contain_text("Нет списка участников")
    expect(roads.locator("#decision-form")).to_have_count(0)
    # another body does not see that submission at all
    health.goto(returned)
    expect(health.locator("#error")).to_be_visible()
    expect(health.locator("#decisions")).to_have_count(0)
