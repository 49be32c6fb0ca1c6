"""The pages in a real headless Chromium (Debian's, driven by Playwright; no browser download).

Each language: sign in, switch the language, submit the bundled sample packages through the
form, see the verdicts; then the apparatus opens the meeting page. Skips when Chromium or
Playwright is missing locally; fails under CI=true.
"""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest

from tests.gate.conftest import need
from tests.gate.packages import as_zip
from tests.gate.server import Server, add_token, agenda_item, start_server
from validator.core.catalogue import ui

pytestmark = pytest.mark.slow

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
MEETING = "2030-04-16"
SAMPLES = Path(__file__).resolve().parents[2] / "samples"
VERDICT_WORDS = {
    "kk": ("қабылдау", "пысықтауға қайтару"),
    "ru": ("принять", "вернуть на доработку"),
    "en": ("accept", "return for correction"),
}
#: Milliseconds a page may take to show a check's result (it waits in the queue).
CHECKED = 120_000
HEADINGS = {"kk": "Мәселе бойынша материалдарды енгізу",
            "ru": "Внести материалы по вопросу", "en": "Submit an item's materials"}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    need(Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need(False, "Playwright for Python is not installed (pip install playwright)")
        raise
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                              args=["--no-sandbox", "--disable-dev-shm-usage"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def gate(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, dict[str, str]]]:
    data = tmp_path_factory.mktemp("browser") / "data"
    data.mkdir()
    tokens = {"roads": add_token(data, "Отдел дорог", "submitter"),
              "staff": add_token(data, "Аппарат акима", "apparatus")}
    server = start_server(data)
    # the agenda items the body submits to (made by the apparatus), "item:TITLE" -> id
    for lang in ("kk", "ru", "en"):
        for title in (f"1. Дороги ({lang})", f"2. Транспорт ({lang})"):
            tokens[f"item:{title}"] = agenda_item(server.url, tokens["staff"], title,
                                                  "Отдел дорог", MEETING)
    yield server, tokens
    server.stop()


def _login(page: Any, url: str, token: str) -> None:
    page.goto(f"{url}/login")
    page.fill("#token", token)
    page.click("#login")
    page.wait_for_url(f"{url}/submit")


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_submit_through_the_form(browser: Any, gate: tuple[Server, dict[str, str]],
                                 lang: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    server, tokens = gate
    ctx = browser.new_context()
    page = ctx.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    _login(page, server.url, tokens["roads"])
    page.click(f"a[hreflang={lang}]")
    expect(page.locator("h1")).to_have_text(HEADINGS[lang])
    # the choice is remembered across pages and a new visit
    page.goto(f"{server.url}/submit")
    expect(page.locator("html")).to_have_attribute("lang", lang)

    folder = SAMPLES / "compliant-item"
    page.select_option("#item_id", tokens[f"item:1. Дороги ({lang})"])
    page.set_input_files("#file", sorted(str(p) for p in folder.iterdir() if p.is_file()))
    page.click("#send")
    page.wait_for_url(f"{server.url}/submissions/*")
    # received at once; the page refreshes itself until the check is done
    expect(page.locator("#receipt")).to_be_visible()
    expect(page.locator("#verdict")).to_have_attribute("data-verdict", "accept",
                                                       timeout=CHECKED)
    expect(page.locator("#verdict")).to_have_text(VERDICT_WORDS[lang][0])
    expect(page.locator("#files .file-name")).to_have_count(
        len([p for p in folder.iterdir() if p.is_file()]))
    frame = page.frame_locator("#html-report")  # the HTML report, embedded
    expect(frame.locator("body")).to_contain_text(VERDICT_WORDS[lang][0])
    expect(frame.locator("figure.slide")).to_have_count(0)  # no finding on any slide
    page.screenshot(path=str(tmp_path / f"report-{lang}.png"), full_page=True)

    # the non-compliant sample as one .zip whose name carries markup: returned, name as text
    bad = tmp_path / "<img src=x onerror=alert(1)>.zip"
    sample = SAMPLES / "non-compliant-item"
    bad.write_bytes(as_zip({p.name: p.read_bytes() for p in sample.iterdir() if p.is_file()}))
    page.goto(f"{server.url}/submit")
    page.select_option("#item_id", tokens[f"item:2. Транспорт ({lang})"])
    page.set_input_files("#file", str(bad))
    page.click("#send")
    page.wait_for_url(f"{server.url}/submissions/*")
    expect(page.locator("#verdict")).to_have_attribute("data-verdict",
                                                       "return-for-correction",
                                                       timeout=CHECKED)
    expect(page.locator("#verdict")).to_have_text(VERDICT_WORDS[lang][1])
    for code in ("SLD001", "SLD003", "FIL001", "PKG001"):
        expect(page.locator("#findings")).to_contain_text(code)
    expect(page.locator("#files .file-name")).to_have_text(bad.name)
    _see_the_slide_picture(page, lang)
    assert page.locator("main img").count() == 0
    assert dialogs == []
    ctx.close()


def _see_the_slide_picture(page: Any, lang: str) -> None:
    """The embedded report draws slide 2 of the Kazakh deck with its 14 pt text box outlined
    in red and labelled with the size, and the drawing is really painted."""
    from PIL import Image
    from playwright.sync_api import expect

    frame = page.frame_locator("#html-report")
    figure = frame.locator("figure.slide")
    expect(figure).to_have_count(1)
    expect(figure.locator("figcaption")).to_have_text(ui(lang, "report.slide_picture", n=2))
    flagged = figure.locator("g.shape.flagged")
    expect(flagged).to_have_count(1)
    expect(flagged.locator("text.label")).to_contain_text("14")
    expect(flagged.locator("title")).to_contain_text("TextBox 4")
    expect(figure.locator("g.shape")).to_have_count(3)  # the title, the body, the text box
    # The frame is sandboxed (no scripts), so the picture is photographed where the frame's
    # address opens it on its own, with the same session.
    report = page.context.new_page()
    report.goto(urljoin(page.url, page.locator("#html-report").get_attribute("src")))
    svg = report.locator("figure.slide svg")
    shot = Image.open(io.BytesIO(svg.screenshot())).convert("RGB")
    rgb = shot.tobytes()
    red = sum(1 for i in range(0, len(rgb), 3)
              if rgb[i] > 150 and rgb[i + 1] < 80 and rgb[i + 2] < 80)
    assert red > 500, f"{lang}: the flagged box's red label is not on the picture ({red} px)"
    report.close()


def test_meeting_page_for_the_apparatus(browser: Any, gate: tuple[Server, dict[str, str]]
                                        ) -> None:
    from playwright.sync_api import expect

    server, tokens = gate
    ctx = browser.new_context()
    page = ctx.new_page()
    # a submitter is refused the meeting pages
    _login(page, server.url, tokens["roads"])
    page.goto(f"{server.url}/meetings")
    expect(page.locator("#error")).to_be_visible()
    ctx.close()

    ctx = browser.new_context()
    page = ctx.new_page()
    _login(page, server.url, tokens["staff"])
    page.click("a[hreflang=ru]")
    page.click("header >> text=Заседания")
    page.click(f"text={MEETING}")
    rows = page.locator("#items tr.item")
    n = rows.count()
    assert n >= 2, "the form tests submit items first"
    texts = [rows.nth(i).inner_text() for i in range(n)]
    transport = [t for t in texts if t.startswith("2. Транспорт")]
    assert transport and all("вернуть на доработку" in t for t in transport)
    # the sample item has a Russian participant list only: the Kazakh one is missing
    assert all("в пакете нет материала «список участников» на казахском языке" in t
               for t in transport), transport
    roads = [t for t in texts if t.startswith("1. Дороги")]
    assert roads and all("принять" in t and "в срок" in t for t in roads)
    ctx.close()
    # the server's log saw every request of these tests, and never a token
    log = server.log.read_text(encoding="utf-8", errors="replace")
    assert "POST /login" in log and "POST /submit" in log
    for who, token in tokens.items():
        if not who.startswith("item:"):  # agenda item ids, not tokens
            assert token.split(".", 1)[1] not in log


FOREIGN_PAGE = """<!doctype html><html><body>
<form id="forged" method="post" action="{url}/submit" enctype="multipart/form-data">
<input name="meeting_date" value="2030-04-16"><input name="item" value="forged">
<input name="csrf" value="guess"><button id="go" type="submit">win a prize</button>
</form>
<form id="login" method="post" action="{url}/login">
<input name="token" value="{token}"><button id="go-login" type="submit">go</button></form>
</body></html>"""


def test_forgery_from_a_same_site_page_and_logout(browser: Any,
                                                  gate: tuple[Server, dict[str, str]],
                                                  tmp_path: Path) -> None:
    """A page on another port of the same host posts the gate's forms in a signed-in
    browser: refused (403), nothing registered, the victim still signed in as before. The
    gate's own sign-out form works, and the copied session cookie stops working at once."""
    import http.server
    import threading

    from playwright.sync_api import expect

    from tests.gate.conftest import free_port

    server, tokens = gate
    (tmp_path / "index.html").write_text(
        FOREIGN_PAGE.format(url=server.url, token=tokens["staff"]), encoding="utf-8")
    port = free_port()

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(tmp_path), **kwargs)

        def log_message(self, *args: Any) -> None:
            return

    evil = http.server.ThreadingHTTPServer(("127.0.0.1", port), Quiet)
    threading.Thread(target=evil.serve_forever, daemon=True).start()
    ctx = browser.new_context()
    page = ctx.new_page()
    try:
        _login(page, server.url, tokens["roads"])
        before = page.context.cookies(server.url)
        mine = page.locator("table tr").count()
        for button in ("#go", "#go-login"):
            page.goto(f"http://127.0.0.1:{port}/index.html")
            page.click(button)
            expect(page.locator("#error")).to_be_visible()
        page.goto(f"{server.url}/submit")
        expect(page.locator("#who")).to_have_text("Отдел дорог")  # not the attacker's body
        assert page.locator("table tr").count() == mine  # nothing submitted
        assert "forged" not in page.content()
        # the gate's own sign-out form; a copy of the old cookie is no session any more
        page.click("header button")
        page.wait_for_url(f"{server.url}/login")
        copy = browser.new_context()
        copy.add_cookies([c for c in before if c["name"] == "gate_session"])
        other = copy.new_page()
        other.goto(f"{server.url}/submit")
        assert other.url == f"{server.url}/login"
        copy.close()
    finally:
        ctx.close()
        evil.shutdown()


def test_oversized_upload_gets_the_page_in_the_users_language(
        browser: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    data = tmp_path / "data"
    data.mkdir()
    token = add_token(data, "Отдел дорог", "submitter")
    staff = add_token(data, "Аппарат акима", "apparatus")
    server = start_server(data, "--max-request-mb", "1", "--max-checks", "0")
    item_id = agenda_item(server.url, staff, "1. Дороги", "Отдел дорог", MEETING)
    big = tmp_path / "big.pptx"
    big.write_bytes(os.urandom(3 << 20))
    ctx = browser.new_context()
    page = ctx.new_page()
    try:
        _login(page, server.url, token)
        page.click("a[hreflang=ru]")
        page.select_option("#item_id", item_id)
        page.set_input_files("#file", str(big))
        page.click("#send")
        expect(page.locator("#error")).to_contain_text("Пакет слишком велик")
        expect(page.locator("html")).to_have_attribute("lang", "ru")
    finally:
        ctx.close()
        server.stop()
