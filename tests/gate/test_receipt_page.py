"""The printable receipt: every field, the signature and the key's fingerprint in kk/ru/en,
one A4 page with 50 files (Chromium's print to PDF, counted with pypdf), an old submission's
receipt marked as signed at first reading, and the whole way in a browser."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.gate.conftest import Env, need
from tests.gate.receipt_helpers import ROOT, quiet_env, submitted, verify_cli
from validator.gate.service import open_gate
from validator.storage.signing import say, spaced, verify

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")


@pytest.fixture
def quiet(tmp_path: Path) -> Iterator[Env]:
    yield from quiet_env(tmp_path)


TITLES = {"kk": "Қабылдау туралы түбіртек", "ru": "Квитанция о приёме",
          "en": "Receipt of delivery"}


def test_the_printable_page_shows_every_field_in_each_language(quiet: Env) -> None:
    body = submitted(quiet)
    rec, sid = body["receipt"], body["id"]
    assert quiet.client.get(f"/submissions/{sid}/receipt",
                            follow_redirects=False).headers["location"] == "/login"
    quiet.login("roads")
    page = quiet.client.get(f"/submissions/{sid}").text
    assert f'href="/submissions/{sid}/receipt?lang=' in page
    signer = quiet.gate.receipts.signer
    for lang, title in TITLES.items():
        got = quiet.client.get(f"/submissions/{sid}/receipt?lang={lang}")
        assert got.status_code == 200
        html = got.text
        assert f'<html lang="{lang}">' in html and f"<h1>{title}</h1>" in html
        for value in (rec["id"], rec["body"], rec["item"], rec["meeting_date"],
                      rec["received_at"], rec["package_sha256"], rec["toolkit_version"],
                      rec["profile"]["id"], rec["deadline"], rec["signed_at"],
                      rec["signature"], spaced(signer.key_sha256), signer.public_b64):
            assert value in html, (lang, value)
        for f in rec["files"]:
            assert f"<td class=\"name\">{f['name']}</td>" in html
            assert f"<td class=\"size\">{f['size']}</td>" in html and f["sha256"] in html
        assert "validator receipt verify" in html and "/api/v1/receipt-key" in html
        assert 'id="signed-later"' not in html  # signed at receipt
    saved = quiet.client.get(f"/submissions/{sid}/receipt.json")
    assert saved.json() == rec
    assert f"receipt-{sid}.json" in saved.headers["content-disposition"]
    quiet.client.cookies.clear()
    quiet.login("health")  # another body: as if there were no such submission
    assert quiet.client.get(f"/submissions/{sid}/receipt").status_code == 404
    assert quiet.client.get(f"/submissions/{sid}/receipt.json").status_code == 404


def test_an_old_submission_is_signed_at_first_reading_and_its_page_says_so(
        tmp_path: Path) -> None:
    from starlette.testclient import TestClient

    from tests.gate.conftest import login
    from validator.gate.app import create_app
    from validator.gate.config import GateConfig
    from validator.gate.i18n import text

    fixture = Path(__file__).resolve().parent / "fixtures" / "data-0.1.0"
    shutil.copytree(fixture / "data", tmp_path / "data")
    made = json.loads((fixture / "made.json").read_text(encoding="utf-8"))
    config = GateConfig(data=tmp_path / "data", max_checks=0)
    gate = open_gate(config)
    client = TestClient(create_app(config, gate), base_url="http://127.0.0.1",
                        headers={"Origin": "http://127.0.0.1"})
    sid = made["submissions"][0]["id"]
    try:
        with client:
            login(client, made["token"])
            html = client.get(f"/submissions/{sid}/receipt?lang=ru").text
            rec = client.get(f"/submissions/{sid}/receipt.json").json()
    finally:
        gate.dispatcher.pool.close()
    assert rec["received_at"] == made["submissions"][0]["receipt"]["received_at"]
    assert rec["signed_at"] > rec["received_at"]
    assert verify(rec, gate.receipts.signer.public_bytes).ok
    assert 'id="signed-later"' in html and text("ru", "receipt.signed_later") in html
    from validator.gate.rendering import when

    assert (f'<td id="signed-at"><time datetime="{rec["signed_at"]}">{when(rec["signed_at"])}'
            '</time></td>') in html


def _pdf(tmp_path: Path, html: str, name: str) -> Path:
    source = tmp_path / f"{name}.html"
    source.write_text(html, encoding="utf-8")
    out = tmp_path / f"{name}.pdf"
    done = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                           "--no-pdf-header-footer", f"--print-to-pdf={out}",
                           source.as_uri()],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "HOME": str(tmp_path)})
    assert out.is_file(), done.stderr
    return out


def test_the_printable_page_prints_on_one_a4_page_with_50_files(quiet: Env,
                                                                tmp_path: Path) -> None:
    need(Path(CHROMIUM).exists(), f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    from pypdf import PdfReader

    files = {f"Приложение_{n:02d}_Жол_жөндеу_жоспары_және_сметасы.docx": bytes([n]) * (n * 997)
             for n in range(1, 51)}
    body = submitted(quiet, files)
    rec, sid = body["receipt"], body["id"]
    assert len(rec["files"]) == 50
    quiet.login("roads")
    for lang in TITLES:
        html = quiet.client.get(f"/submissions/{sid}/receipt?lang={lang}").text
        reader = PdfReader(_pdf(tmp_path, html, lang))
        assert len(reader.pages) == 1, (lang, len(reader.pages))
        box = reader.pages[0].mediabox
        assert abs(float(box.width) - 595.3) < 1 and abs(float(box.height) - 841.9) < 1
        text = re.sub(r"\s+", "", reader.pages[0].extract_text())
        # nothing cut off: the last file, the signature and the key's fingerprint are printed
        last = rec["files"][-1]
        assert last["sha256"] in text and last["name"].replace(" ", "") in text, lang
        assert rec["signature"] in text and signer_hex(quiet) in text, lang
        assert TITLES[lang].replace(" ", "") in text


def signer_hex(env: Env) -> str:
    return env.gate.receipts.signer.key_sha256


@pytest.mark.slow
def test_in_a_browser_the_receipt_is_saved_and_verifies(tmp_path: Path) -> None:
    """Sign in, submit through the form, follow the link to the printable receipt (axe finds
    nothing serious in kk/ru/en, nothing overflows at 390 px), save its JSON through the
    page's link and verify it with the key the gate gives anyone; one changed byte fails."""
    from playwright.sync_api import expect

    from tests.browser.axe import assert_no_serious, chromium
    from tests.gate.server import add_token, agenda_item, start_server

    data = tmp_path / "data"
    data.mkdir()
    token = add_token(data, "Отдел дорог", "submitter")
    server = start_server(data, "--max-checks", "0")
    staff = add_token(data, "Аппарат акима", "apparatus")
    try:
        item_id = agenda_item(server.url, staff, "1. Дороги", "Отдел дорог", "2030-04-16")
        with chromium() as browser:
            page = browser.new_context(accept_downloads=True).new_page()
            page.goto(f"{server.url}/login")
            page.fill("#token", token)
            page.click("#login")
            page.wait_for_url(f"{server.url}/submit")
            folder = ROOT / "samples" / "compliant-item"
            page.select_option("#item_id", item_id)
            page.set_input_files("#file", sorted(str(p) for p in folder.iterdir()
                                                 if p.is_file()))
            page.click("#send")
            page.wait_for_url(f"{server.url}/submissions/*")
            page.click("#receipt-link")
            page.wait_for_url(f"{server.url}/submissions/*/receipt*")
            receipt_url = page.url.split("?")[0]
            for lang, title in TITLES.items():
                page.set_viewport_size({"width": 390, "height": 800})
                page.goto(f"{receipt_url}?lang={lang}")
                expect(page.locator("h1")).to_have_text(title)
                assert_no_serious(page)
                width = page.evaluate("() => document.documentElement.scrollWidth")
                assert width <= 390, (lang, width)
            with page.expect_download() as download:
                page.click("#how-to-verify a")
            saved = tmp_path / download.value.suggested_filename
            download.value.save_as(saved)
            key = page.request.get(f"{server.url}/api/v1/receipt-key")  # no token
            key_file = tmp_path / "receipt-key.json"
            key_file.write_bytes(key.body())
    finally:
        server.stop()
    assert saved.name.startswith("receipt-") and saved.suffix == ".json"
    done = verify_cli(str(saved), "--key", str(key_file), "--lang", "kk")
    assert done.returncode == 0 and done.stdout.startswith("жарамды:"), done.stdout
    raw = saved.read_bytes()
    at = raw.index(b'"received_at":"') + len(b'"received_at":"') + 3  # a digit of the year
    saved.write_bytes(raw[:at] + bytes([raw[at] ^ 1]) + raw[at + 1:])
    done = verify_cli(str(saved), "--key", str(key_file))
    assert done.returncode == 1 and done.stdout.strip() == say("en", "verify.mismatch")
