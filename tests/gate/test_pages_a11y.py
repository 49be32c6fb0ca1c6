"""Every gate page in Debian's Chromium, in kk, ru and en, as a body and as the apparatus:
axe-core finds no violation of impact serious or critical, and at 390 px nothing overflows
sideways (wide tables scroll inside their own labelled region), with long Kazakh file names,
item titles and body names.

The pages are listed once, in ``PAGES``: a page another part of the gate adds is one more
line there. Two gates serve the pages, in this process (uvicorn in a thread): ``live`` checks
what it receives; ``waiting`` checks nothing and holds one check in the queue, so its
submissions stay queued and a further form is refused with 503 (its files kept).

Skipped with a reason when Chromium, Playwright or axe-core is missing locally; under CI
(CI=true) a missing one fails (tests/browser/axe.py).
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.browser.axe import assert_no_serious, axe_source, chromium
from tests.gate.conftest import Env, free_port, make_env, wait_until_up
from tests.gate.packages import compliant_item
from validator.gate.agenda import add_body
from validator.gate.auth import new_token

pytestmark = pytest.mark.slow

LANGS = ("kk", "ru", "en")
BODY = ("Өскемен қаласының тұрғын үй-коммуналдық шаруашылығы, жолаушылар көлігі және "
        "автомобиль жолдары бөлімі")
ITEM = ("2. Өскемен қаласының көшелерін жөндеу және абаттандыру жөніндегі 2030-2032 "
        "жылдарға арналған бағдарламаның орындалу барысы туралы")
MEETING = "2030-04-16"
PREFIX = "Өскемен_қаласының_тұрғын_үй_коммуналдық_шаруашылығы_бөлімінің_анықтамасы_"
#: Where the screenshots go (the test's temporary folder unless GATE_SCREENSHOTS names one).
SHOTS = os.environ.get("GATE_SCREENSHOTS")
#: The pages photographed at 390 and 1280 px, in kk and ru.
PHOTOGRAPHED = {"submit, refused with files kept", "submission, checked",
                "submission, queued"}

# The overflow check: the page does not scroll sideways, and no element but those inside a
# table's own scrolling region reaches past the viewport.
OVERFLOW_JS = """() => {
  const se = document.scrollingElement, vw = se.clientWidth, wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('.skip, .visually-hidden, head, script, style')) continue;
    const box = el.closest('.table-wrap');
    if (box && box !== el) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.right > vw + 0.5 || r.left < -0.5)
      wide.push(`${el.tagName.toLowerCase()}#${el.id}.${el.className} ${Math.round(r.left)}`
                + `..${Math.round(r.right)}`);
  }
  return {scroll: se.scrollWidth, client: vw, wide: wide.slice(0, 10)};
}"""


@dataclass(frozen=True)
class GatePage:
    """One page: its name, which gate serves it, who is signed in (None, "body",
    "apparatus"), and how to reach it: a path (``{done}``, ``{queued}``, ``{meeting}``
    filled in) or an action on the browser page."""

    name: str
    gate: str
    who: str | None
    open: str | Callable[[Any, str], None]
    status: int = 200


def _form(page: Any, url: str, item: str, files: dict[str, bytes], meeting: str = MEETING
          ) -> None:
    """Fill the submission form with ``files`` (kept in memory) and send it."""
    page.goto(f"{url}/submit")
    if page.locator("#meeting_date").count():  # the apparatus: a date and a free item
        page.fill("#meeting_date", meeting)
        page.fill("#item", item)
    else:  # a body: one of its agenda items
        page.select_option("#item_id", index=0)
    page.set_input_files("#file", [{"name": n, "mimeType": "application/octet-stream",
                                    "buffer": d} for n, d in files.items()])
    with page.expect_navigation():
        page.click("#send")


def _long_names() -> dict[str, bytes]:
    return {PREFIX + n: d for n, d in compliant_item().items()}


def refused_busy(page: Any, url: str) -> None:
    _form(page, url, ITEM, _long_names())


def refused_field(page: Any, url: str) -> None:
    _form(page, url, ITEM, _long_names(), "1999-12-31")  # before the gate's years


def too_large(page: Any, url: str) -> None:
    _form(page, url, ITEM, {PREFIX + "үлкен.pptx": b"\0" * (3 << 20)})


# Every gate page: one line each.
PAGES = (
    GatePage("login", "live", None, "/login"),
    GatePage("language chooser", "live", None, "/lang?next=/submit"),
    GatePage("language chooser, signed in", "live", "body", "/lang?next=/submit"),
    GatePage("submit", "live", "body", "/submit"),
    GatePage("submit, apparatus", "live", "apparatus", "/submit"),
    GatePage("submit, refused with files kept", "waiting", "body", refused_busy, 503),
    GatePage("submit, wrong field with files kept", "live", "apparatus", refused_field, 400),
    GatePage("submission, queued", "waiting", "body", "/submissions/{queued}"),
    GatePage("submission, queued, apparatus", "waiting", "apparatus",
             "/submissions/{queued}"),
    GatePage("submission, checked", "live", "body", "/submissions/{done}"),
    GatePage("submission, checked, apparatus", "live", "apparatus", "/submissions/{done}"),
    GatePage("meetings", "live", "apparatus", "/meetings"),
    GatePage("meeting", "live", "apparatus", "/meetings/{meeting}"),
    GatePage("not found", "live", "body", "/submissions/000000000000000000000000", 404),
    GatePage("unknown address", "live", None, "/nowhere", 404),
    GatePage("forbidden", "live", "body", "/meetings", 403),
    GatePage("too large", "live", "body", too_large, 413),
    GatePage("agenda", "live", "apparatus", "/agenda"),
    GatePage("receipt, printable", "live", "body", "/submissions/{done}/receipt"),
    GatePage("pre-check", "live", "body", "/checks/{precheck}"),
)


@dataclass
class Served:
    env: Env
    url: str
    tokens: dict[str, str]
    ids: dict[str, str]


def _serve(env: Env) -> tuple[str, Any, threading.Thread]:
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(env.client.app, host="127.0.0.1", port=port,
                                           lifespan="off", log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    wait_until_up(url)
    return url, server, thread


@pytest.fixture(scope="module")
def gates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Served]]:
    out: dict[str, Served] = {}
    stops = []
    live = make_env(tmp_path_factory.mktemp("live"), max_request_bytes=1 << 20)
    waiting = make_env(tmp_path_factory.mktemp("waiting"), max_checks=0, max_queue=0)
    for name, env in (("live", live), ("waiting", waiting)):
        env.client.__enter__()  # the lifespan: the dispatcher runs
        add_body(env.gate.register, BODY)
        env.bodies["body"] = BODY
        tokens = {"body": new_token(env.gate.register, BODY, "submitter"),
                  "apparatus": new_token(env.gate.register, "Аппарат акима", "apparatus")}
        env.tokens.update(tokens)
        resp = env.submit("body", _long_names(), MEETING, ITEM)
        assert resp.status_code == 202, resp.text
        url, server, thread = _serve(env)
        stops.append((env, server, thread))
        out[name] = Served(env, url, tokens, {"queued": resp.json()["id"],
                                              "meeting": MEETING})
    out["live"].ids["done"] = out["live"].ids.pop("queued")
    pre = live.client.post("/api/v1/checks", headers=live.auth("body"),
                           files=[("file", (n, d, "application/octet-stream"))
                                  for n, d in _long_names().items()])
    assert pre.status_code == 202, pre.text
    out["live"].ids["precheck"] = pre.json()["id"]
    live.checked(out["live"].ids["done"], who="apparatus", timeout=180)
    yield out
    for env, server, thread in stops:
        server.should_exit = True
        thread.join(10)
        env.client.__exit__(None, None, None)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        axe_source()  # skip (or fail under CI) before the gates start
        yield b


@pytest.fixture(scope="module")
def contexts(browser: Any, gates: dict[str, Served]) -> Iterator[Callable[..., Any]]:
    """A browser context per gate, person and language: signed in, language chosen."""
    made: dict[tuple[str, str | None, str], Any] = {}

    def get(gate: str, who: str | None, lang: str) -> Any:
        key = (gate, who, lang)
        if key not in made:
            served = gates[gate]
            ctx = browser.new_context(viewport={"width": 390, "height": 844})
            page = ctx.new_page()
            if who is not None:
                page.goto(f"{served.url}/login")
                page.fill("#token", served.tokens[who])
                with page.expect_navigation():
                    page.click("#login")
            page.goto(f"{served.url}/lang/{lang}")
            page.close()
            made[key] = ctx
        return made[key]

    yield get
    for ctx in made.values():
        ctx.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(SHOTS) if SHOTS else tmp_path_factory.mktemp("shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _open(page: Any, spec: GatePage, served: Served) -> Any:
    if isinstance(spec.open, str):
        return page.goto(served.url + spec.open.format(**served.ids))
    spec.open(page, served.url)
    return None


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("spec", PAGES, ids=[p.name for p in PAGES])
def test_every_page_is_accessible_and_fits_a_phone(contexts: Callable[..., Any],
                                                   gates: dict[str, Served], shots: Path,
                                                   spec: GatePage, lang: str) -> None:
    served = gates[spec.gate]
    page = contexts(spec.gate, spec.who, lang).new_page()
    try:
        statuses: list[int] = []
        page.on("response", lambda r: statuses.append(r.status)
                if r.request.is_navigation_request() else None)
        _open(page, spec, served)
        page.wait_for_load_state("load")
        assert statuses and statuses[-1] == spec.status, (spec.name, statuses)
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator("main").count() == 1 and page.locator("h1").count() == 1
        # axe-core, the whole page (the embedded HTML report is tested on its own, in
        # tests/reports/test_html_a11y.py)
        violations = assert_no_serious(page, {"iframes": False})
        assert not [v for v in violations if v["id"] in ("region", "empty-table-header",
                                                         "landmark-one-main",
                                                         "landmark-unique")], violations
        # at 390 px nothing reaches past the viewport
        got = page.evaluate(OVERFLOW_JS)
        assert got["scroll"] <= got["client"] and not got["wide"], (spec.name, got)
        # a table's scrolling region fits, can take the focus, and has a name
        for region in page.locator(".table-wrap").all():
            box = region.bounding_box()
            assert box is not None and box["x"] + box["width"] <= 390.5
            assert region.get_attribute("tabindex") == "0"
            assert region.get_attribute("aria-label") or region.get_attribute(
                "aria-labelledby")
        if page.locator("#html-report").count():  # the report is shown inside the page
            page.frame_locator("#html-report").locator("main").wait_for()
        if spec.name in PHOTOGRAPHED and lang in ("kk", "ru"):
            slug = re.sub(r"\W+", "-", spec.name)
            page.screenshot(path=str(shots / f"{slug}-{lang}-390.png"), full_page=True)
            page.set_viewport_size({"width": 1280, "height": 900})
            time.sleep(0.1)
            page.screenshot(path=str(shots / f"{slug}-{lang}-1280.png"), full_page=True)
    finally:
        page.close()


def test_kept_files_are_listed_with_sizes_and_the_retry_sends_them(
        contexts: Callable[..., Any], gates: dict[str, Served]) -> None:
    """In the browser: a refused form lists the files received, keeps the fields, and the
    retry (only the form token, one file removed) submits the rest."""
    served = gates["live"]
    page = contexts("live", "apparatus", "ru").new_page()
    try:
        refused_field(page, served.url)
        names = sorted(_long_names())
        assert page.locator("#item").input_value() == ITEM
        assert page.locator("#meeting_date").input_value() == "1999-12-31"
        listed = page.locator("#kept li .file-name").all_inner_texts()
        assert sorted(listed) == names
        page.fill("#meeting_date", MEETING)
        page.uncheck("#auto_refresh")  # the receipt page then holds still for the asserts
        page.get_by_label(f"убрать {names[0]}", exact=True).check()
        with page.expect_navigation():
            page.click("#send")
        assert re.search(r"/submissions/[0-9a-f]{24}", page.url), page.url
        files = page.locator("#files .file-name").all_inner_texts()
        assert sorted(files) == names[1:]
    finally:
        page.close()
