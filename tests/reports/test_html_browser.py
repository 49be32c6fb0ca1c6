"""The HTML report in a real headless Chromium (Debian's package, driven by Playwright).

Skipped with a reason when Chromium or Playwright is missing locally; under CI (CI=true) a
missing browser fails instead, so the check cannot silently vanish.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.reports.sample import HOSTILE, sample_report
from validator.core.findings import Report
from validator.reports.html import render

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-first-run", "--disable-default-apps", "--disable-extensions",
]


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"browser test cannot run under CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        _unavailable(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install playwright)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_report_loads_without_errors_and_shows_findings(browser: Any, tmp_path: Path,
                                                        lang: str) -> None:
    page_file = tmp_path / "report.html"
    page_file.write_text(render(sample_report(), lang), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    problems: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning")
            else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("dialog", lambda d: (problems.append("dialog: " + d.message), d.dismiss()))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(page_file.as_uri())
    page.wait_for_load_state("load")

    assert problems == []
    assert requests == [page_file.as_uri()], "the page must fetch nothing"
    # The hostile file name is text, not an element.
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 0
    assert page.get_by_text(HOSTILE).first.is_visible()
    # Verdicts first, then findings with the clause quoted in the chosen language.
    body = page.inner_text("body")
    from validator.core.catalogue import ui

    assert body.index(ui(lang, "verdict.return-for-correction")) < body.index("SLD002")
    quote = sample_report().clauses["15.3"][lang]
    # two SLD002 findings and one SLD003 cite clause 15.3
    assert page.locator("blockquote.clause").filter(has_text=quote).count() == 3
    assert page.locator("li.finding[data-code=SLD002]").count() == 2
    assert page.locator("li.status-waived").count() == 1
    # One wireframe per slide with findings; the offending box outlined and labelled.
    svgs = page.locator("svg.slide")
    assert svgs.count() == 2
    assert svgs.nth(0).locator("rect.bad").count() == 1
    assert svgs.nth(0).locator("rect.box").count() == 1
    points = {"kk": "пт", "ru": "пт", "en": "pt"}[lang]  # the unit in the report's language
    assert svgs.nth(0).locator("text.label").text_content() == f"14 {points}"
    assert svgs.nth(1).locator("text.label").text_content() == f"10 {points}"
    bad = svgs.nth(0).locator("rect.bad").bounding_box()
    slide = svgs.nth(0).locator("rect.outline").bounding_box()
    assert bad is not None and slide is not None
    # The box is where the shape is: x 600000 / 12192000 of the slide width.
    assert abs((bad["x"] - slide["x"]) / slide["width"] - 600000 / 12192000) < 0.01

    shot = tmp_path / f"report-{lang}.png"
    svgs.nth(0).scroll_into_view_if_needed()
    page.screenshot(path=str(shot), full_page=True)
    from PIL import Image

    with Image.open(shot) as img:
        rgb = img.convert("RGB")
        colours = rgb.getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 20, "the screenshot is blank"
    red = sum(n for n, (r, g, b) in colours if r > 150 and g < 80 and b < 80)
    assert red > 500, "the red outlines and labels of the offending boxes are not visible"
    page.close()


def test_real_sample_run_renders_cleanly(browser: Any, tmp_path: Path,
                                         sample_run: Report) -> None:
    page_file = tmp_path / "sample.html"
    page_file.write_text(render(sample_run, "ru"), encoding="utf-8")
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(page_file.as_uri())
    assert problems == []
    assert page.locator("li.finding").count() == len(sample_run.all_findings())
    assert page.locator("table.verdicts tbody tr").count() == len(sample_run.packages)
    page.screenshot(path=str(tmp_path / "sample.png"), full_page=True)
    page.close()


def test_real_deck_with_small_text_draws_its_slides(browser: Any, tmp_path: Path) -> None:
    from tests.conftest import CORPUS
    from validator.api import check
    from validator.reports.slides import slide_pictures

    deck = CORPUS / "office" / "45541_Footer.pptx"
    if not deck.is_file():
        pytest.skip("the shared corpus is not present")
    report = check(deck)
    files = [fr for p in report.packages for fr in p.files]
    pictures = sum(len(slide_pictures(fr)) for fr in files)
    assert pictures > 0
    page_file = tmp_path / "deck.html"
    page_file.write_text(render(report, "kk"), encoding="utf-8")
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto(page_file.as_uri())
    assert problems == []
    assert page.locator("figure.slide").count() == pictures
    flagged = page.locator("svg.slide rect.bad, svg.slide rect.review")
    assert flagged.count() >= pictures  # every drawn slide outlines at least one box
    page.screenshot(path=str(tmp_path / "deck.png"), full_page=True)
    page.close()
