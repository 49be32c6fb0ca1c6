"""Receipts as proof: signed with the gate's Ed25519 key, verified offline.

A receipt of a real submission verifies with ``validator receipt verify`` (a subprocess,
every KEY form) and with the plain-Python example of docs/GATE.md; it fails after one byte
of any field changes, and with another key. The key file is private (0600), made once when
processes start together, refused when exposed or damaged, and pinned in the register. The
printable page renders in kk/ru/en and prints to one A4 page with 50 files.
"""

from __future__ import annotations

import base64
import json
import multiprocessing
import os
import re
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.gate.conftest import Env, make_env, need
from tests.gate.packages import compliant_item
from validator.gate.receipt_key import KEY_FILE, ReceiptKeyError, ReceiptSigner, load_or_create
from validator.gate.receipts import Receipts
from validator.gate.register import Register
from validator.gate.service import open_gate
from validator.receipts import canonical, fingerprint, say, spaced, verify

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")


@pytest.fixture
def quiet(tmp_path: Path) -> Iterator[Env]:
    """A gate that receives but checks nothing: receipts need no check."""
    e = make_env(tmp_path, max_checks=0)
    with e.client:
        yield e


def _submitted(env: Env, files: dict[str, bytes] | None = None) -> dict[str, Any]:
    resp = env.submit("roads", files or compliant_item())
    assert resp.status_code == 202, resp.text
    body: dict[str, Any] = resp.json()
    return body


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "validator", "receipt", "verify", *args],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)


def _public(env: Env) -> bytes:
    return base64.b64decode(env.client.get("/api/v1/receipt-key").json()["public_key"])


def test_the_receipt_is_signed_and_names_the_delivery_not_the_check(quiet: Env) -> None:
    body = _submitted(quiet)
    rec = body["receipt"]
    assert "verdict" not in rec and "report" not in rec
    assert rec["key_sha256"] == fingerprint(_public(quiet))
    assert verify(rec, _public(quiet)).ok
    # the canonical form, as documented, is what the signature is over
    unsigned = {k: v for k, v in rec.items() if k != "signature"}
    assert canonical(rec) == json.dumps(unsigned, sort_keys=True, ensure_ascii=False,
                                        separators=(",", ":")).encode("utf-8")
    # kept as issued: every read (one, listing) serves the same receipt
    one = quiet.client.get(f"/api/v1/submissions/{body['id']}", headers=quiet.auth("roads"))
    assert one.json()["receipt"] == rec and one.json()["check"]["state"] == "queued"
    listing = quiet.client.get("/api/v1/submissions", headers=quiet.auth("roads")).json()
    assert listing["submissions"] == [rec]
    stored = Receipts(quiet.gate.register, quiet.gate.receipts.signer).issue(
        quiet.gate.register.submission(body["id"]))  # type: ignore[arg-type]
    assert stored == rec


def test_the_key_endpoint_needs_no_token_and_gives_the_data_folders_key(quiet: Env) -> None:
    resp = quiet.client.get("/api/v1/receipt-key")  # no Authorization, no cookie
    assert resp.status_code == 200
    doc = resp.json()
    assert set(doc) == {"algorithm", "public_key"} and doc["algorithm"] == "ed25519"
    raw = base64.b64decode(doc["public_key"], validate=True)
    pem = (quiet.config.data / KEY_FILE).read_bytes()
    private = serialization.load_pem_private_key(pem, password=None)
    assert isinstance(private, Ed25519PrivateKey)
    assert raw == private.public_key().public_bytes(serialization.Encoding.Raw,
                                                    serialization.PublicFormat.Raw)
    spec = quiet.client.get("/api/v1/openapi.json", headers=quiet.auth("roads")).json()
    assert spec["paths"]["/api/v1/receipt-key"]["get"]["security"] == []


def test_verify_accepts_the_receipt_with_every_key_form(quiet: Env, tmp_path: Path) -> None:
    body = _submitted(quiet)
    rec = body["receipt"]
    key_doc = quiet.client.get("/api/v1/receipt-key").json()
    whole = quiet.client.get(f"/api/v1/submissions/{body['id']}", headers=quiet.auth("roads"))
    receipt_file = tmp_path / "receipt.json"
    receipt_file.write_text(json.dumps(rec, ensure_ascii=False, indent=2), encoding="utf-8")
    submission_file = tmp_path / "submission.json"
    submission_file.write_bytes(whole.content)
    b64_file = tmp_path / "key.txt"
    b64_file.write_text(key_doc["public_key"] + "\n", encoding="ascii")
    json_file = tmp_path / "receipt-key.json"
    json_file.write_text(json.dumps(key_doc), encoding="utf-8")
    for key in (key_doc["public_key"], str(b64_file), str(json_file)):
        for doc in (receipt_file, submission_file):
            done = _cli(str(doc), "--key", key)
            assert done.returncode == 0, (key, doc, done.stdout, done.stderr)
            assert done.stdout.strip() == say("en", "verify.ok", id=rec["id"],
                                              received_at=rec["received_at"],
                                              files=len(rec["files"]))
    for lang in ("kk", "ru"):
        done = _cli(str(receipt_file), "--key", str(json_file), "--lang", lang)
        assert done.returncode == 0
        assert done.stdout.startswith({"kk": "жарамды:", "ru": "действительна:"}[lang])
        assert rec["id"] in done.stdout


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _leaves(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _leaves(v, (*path, i))
    else:
        yield path


def _flip(value: Any) -> Any:
    """The value with one byte changed: the last character's (or the number's) lowest bit."""
    if isinstance(value, bool) or value is None:
        raise AssertionError(f"no such field in a receipt: {value!r}")
    if isinstance(value, int):
        return value ^ 1
    assert isinstance(value, str) and value
    last = chr(ord(value[-1]) ^ 1)
    assert len(last.encode()) == len(value[-1].encode())
    return value[:-1] + last


def _changed(rec: dict[str, Any], path: tuple[Any, ...]) -> dict[str, Any]:
    out: dict[str, Any] = json.loads(json.dumps(rec))
    holder: Any = out
    for step in path[:-1]:
        holder = holder[step]
    holder[path[-1]] = _flip(holder[path[-1]])
    return out


def test_one_changed_byte_in_any_field_fails(quiet: Env, tmp_path: Path) -> None:
    rec = _submitted(quiet)["receipt"]
    public = _public(quiet)
    paths = list(_leaves(rec))
    assert {p[0] for p in paths} >= {"id", "body", "item", "version", "received_at", "files",
                                     "package_sha256", "toolkit_version", "profile",
                                     "deadline", "working_days_late", "signed_at",
                                     "key_sha256", "signature"}
    assert ("files", 0, "sha256") in paths and ("files", 0, "size") in paths
    reasons = {}
    for path in paths:
        result = verify(_changed(rec, path), public)
        assert not result.ok, path
        reasons[path] = result.reason
    assert reasons[("body",)] == reasons[("files", 2, "name")] == "verify.mismatch"
    assert reasons[("key_sha256",)] == "verify.other_key"
    assert reasons[("signature",)] in ("verify.mismatch", "verify.bad_signature")
    # and through the command, for a field, a file's hash and the signature
    key = base64.b64encode(public).decode()
    for path in [("item",), ("files", 0, "sha256"), ("working_days_late",), ("signature",)]:
        target = tmp_path / "changed.json"
        target.write_text(json.dumps(_changed(rec, path), ensure_ascii=False),
                          encoding="utf-8")
        done = _cli(str(target), "--key", key)
        assert done.returncode == 1, (path, done.stdout)
        assert done.stdout.startswith("invalid:"), done.stdout
    target = tmp_path / "changed.json"
    target.write_text(json.dumps(_changed(rec, ("body",)), ensure_ascii=False),
                      encoding="utf-8")
    done = _cli(str(target), "--key", key, "--lang", "ru")
    assert done.returncode == 1 and done.stdout.strip() == say("ru", "verify.mismatch")


def test_another_key_or_a_missing_field_or_no_receipt_fails(quiet: Env,
                                                             tmp_path: Path) -> None:
    rec = _submitted(quiet)["receipt"]
    receipt_file = tmp_path / "receipt.json"
    receipt_file.write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    other = Ed25519PrivateKey.generate()
    other_raw = other.public_key().public_bytes(serialization.Encoding.Raw,
                                                serialization.PublicFormat.Raw)
    done = _cli(str(receipt_file), "--key", base64.b64encode(other_raw).decode())
    assert done.returncode == 1
    assert done.stdout.strip() == say("en", "verify.other_key", theirs=rec["key_sha256"],
                                      mine=fingerprint(other_raw))
    # a receipt re-signed with another key does not pass for the gate's
    forged = ReceiptSigner(other).sign({**rec, "body": "Отдел здравоохранения"})
    forged["key_sha256"] = rec["key_sha256"]
    assert verify(forged, _public(quiet)).reason == "verify.mismatch"
    key = base64.b64encode(_public(quiet)).decode()
    without = {k: v for k, v in rec.items() if k != "package_sha256"}
    receipt_file.write_text(json.dumps(without), encoding="utf-8")
    done = _cli(str(receipt_file), "--key", key, "--lang", "kk")
    assert done.returncode == 1
    assert done.stdout.strip() == say("kk", "verify.missing", field="package_sha256")
    for text in ("[1, 2]", "not json at all", '{"error": {"code": "error.not_found"}}'):
        receipt_file.write_text(text, encoding="utf-8")
        done = _cli(str(receipt_file), "--key", key)
        assert done.returncode == 1
        assert done.stdout.strip() == say("en", "verify.not_receipt")
    # usage errors: 2
    assert _cli(str(tmp_path / "absent.json"), "--key", key).returncode == 2
    receipt_file.write_text(json.dumps(rec), encoding="utf-8")
    bad = _cli(str(receipt_file), "--key", "c2hvcnQ=")
    assert bad.returncode == 2 and say("en", "key.length") in bad.stderr


def test_the_verifying_command_does_not_load_the_gate(quiet: Env, tmp_path: Path) -> None:
    receipt_file = tmp_path / "receipt.json"
    receipt_file.write_text(json.dumps(_submitted(quiet)["receipt"]), encoding="utf-8")
    key = base64.b64encode(_public(quiet)).decode()
    code = ("import sys\n"
            "from validator.cli import main\n"
            "try:\n"
            f"    main(['receipt', 'verify', {str(receipt_file)!r}, '--key', {key!r}])\n"
            "except SystemExit as exc:\n"
            "    print(exc.code)\n"
            "print(' '.join(sorted(m for m in sys.modules if m.startswith(("
            "'starlette', 'jinja2', 'uvicorn', 'validator.gate.')))))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("valid:") and lines[1] == "0"
    assert lines[2:] == ["validator.gate.cli"]  # click commands only: no web stack loaded


def test_the_documented_python_verifies_a_real_receipt(quiet: Env, tmp_path: Path) -> None:
    doc = (ROOT / "docs" / "GATE.md").read_text(encoding="utf-8")
    section = doc.split("\n## Receipts\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) == 1
    code = blocks[0]
    assert not re.search(r"^\s*(from|import) validator", code, re.M)
    imported = set(re.findall(r"^(?:from|import) (\w+)", code, re.M))
    assert imported == {"base64", "json", "cryptography"}
    body = _submitted(quiet)
    whole = quiet.client.get(f"/api/v1/submissions/{body['id']}", headers=quiet.auth("roads"))
    (tmp_path / "example.py").write_text(code, encoding="utf-8")
    (tmp_path / "receipt-key.json").write_bytes(quiet.client.get("/api/v1/receipt-key").content)

    def run() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-I", "example.py"], cwd=tmp_path,
                              capture_output=True, text=True, timeout=60)

    for document in (body["receipt"], whole.json()):  # the receipt, or the whole answer
        (tmp_path / "receipt.json").write_text(json.dumps(document, ensure_ascii=False),
                                               encoding="utf-8")
        done = run()
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == (f"valid: receipt {body['id']} received "
                                       f"{body['receipt']['received_at']}")
    changed = _changed(body["receipt"], ("files", 1, "size"))
    (tmp_path / "receipt.json").write_text(json.dumps(changed), encoding="utf-8")
    done = run()
    assert done.returncode == 1 and "InvalidSignature" in done.stderr


def test_a_finished_check_is_signed_the_same_way(env: Env) -> None:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    first = _submitted(env)
    assert "signature" not in first["check"]  # queued: nothing to sign yet
    done = env.checked(first["id"], "roads")
    check = done["check"]
    row = env.gate.register.submission(first["id"])
    assert row is not None
    assert check["verdict"] == "accept" and check["submission_id"] == first["id"]
    assert check["package_sha256"] == first["receipt"]["package_sha256"]
    assert check["report_sha256"] == row.report_sha256
    assert check["checked_at"] == done["report"]["checked_at"]
    key = Ed25519PublicKey.from_public_bytes(_public(env))
    key.verify(base64.b64decode(check["signature"]), canonical(check))
    again = env.client.get(f"/api/v1/submissions/{first['id']}", headers=env.auth("roads"))
    assert again.json()["check"] == check  # the same record, the same signature
    with pytest.raises(InvalidSignature):
        key.verify(base64.b64decode(check["signature"]),
                   canonical({**check, "verdict": "return-for-correction"}))


# the key ----------------------------------------------------------------------------------


def test_the_key_file_is_private_and_refused_when_exposed_or_damaged(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    signer = load_or_create(data)
    path = data / KEY_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create(data).public_bytes == signer.public_bytes  # read, not remade
    for mode in (0o640, 0o604, 0o620):
        path.chmod(mode)
        with pytest.raises(ReceiptKeyError, match=f"open to other users \\(mode 0{mode:o}\\)"):
            load_or_create(data)
    path.chmod(0o600)
    pem = path.read_bytes()
    path.write_bytes(pem[:40] + b"A" + pem[41:])
    with pytest.raises(ReceiptKeyError, match="damaged"):
        load_or_create(data)
    path.write_bytes(b"")
    with pytest.raises(ReceiptKeyError, match="damaged"):
        load_or_create(data)
    assert path.read_bytes() == b"", "a damaged key is never replaced"


def test_serve_refuses_to_start_with_an_exposed_key(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    load_or_create(data)
    (data / KEY_FILE).chmod(0o644)
    done = subprocess.run([sys.executable, "-m", "validator", "serve", "--data", str(data),
                           "--port", "9", "--max-checks", "0"],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 1
    assert "open to other users (mode 0644)" in done.stderr
    assert f"chmod 600 {data / KEY_FILE}" in done.stderr
    assert "Traceback" not in done.stderr


def _start_together(data: str, barrier: Any, out: Any) -> None:
    register = Register.in_folder(Path(data))
    barrier.wait()
    receipts = Receipts.open(Path(data), register)
    out.put(receipts.signer.public_b64)


def test_processes_starting_at_once_end_with_one_key(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    for attempt in range(8):
        data = tmp_path / f"data{attempt}"
        data.mkdir()
        Register.in_folder(data).create()
        barrier, out = ctx.Barrier(4), ctx.Queue()
        procs = [ctx.Process(target=_start_together, args=(str(data), barrier, out))
                 for _ in range(4)]
        for p in procs:
            p.start()
        keys = [out.get(timeout=60) for _ in procs]
        for p in procs:
            p.join(60)
            assert p.exitcode == 0
        assert len(set(keys)) == 1, keys
        assert not [p for p in data.iterdir() if p.name.startswith(f".{KEY_FILE}")]
        assert base64.b64encode(load_or_create(data).public_bytes).decode() == keys[0]


def test_a_register_refuses_a_second_key(tmp_path: Path) -> None:
    e = make_env(tmp_path, max_checks=0)
    first = e.gate.receipts.signer.key_sha256
    e.gate.dispatcher.pool.close()
    key = e.config.data / KEY_FILE
    key.unlink()  # lost: a new key would be made, and refused
    with pytest.raises(ReceiptKeyError, match=f"fingerprint {first}"):
        open_gate(e.config)


def test_processes_sharing_a_postgresql_register_sign_with_one_key(tmp_path: Path,
                                                                  pg_fresh: str) -> None:
    a = make_env(tmp_path / "a", database=pg_fresh, max_checks=0)
    with a.client:
        rec = _submitted(a)["receipt"]
    a.gate.dispatcher.pool.close()
    (tmp_path / "b" / "data").mkdir(parents=True)
    other = tmp_path / "b"
    with pytest.raises(ReceiptKeyError, match="every gate process sharing the register"):
        make_env(other, database=pg_fresh, max_checks=0)
    shutil.copy2(a.config.data / KEY_FILE, other / "data" / KEY_FILE)
    b = make_env(other, database=pg_fresh, max_checks=0)
    with b.client:
        served = b.client.get(f"/api/v1/submissions/{rec['id']}", headers=b.auth("staff"))
        assert served.json()["receipt"] == rec
        assert verify(rec, _public(b)).ok
    b.gate.dispatcher.pool.close()


# the printable page -----------------------------------------------------------------------


TITLES = {"kk": "Қабылдау туралы түбіртек", "ru": "Квитанция о приёме",
          "en": "Receipt of delivery"}


def test_the_printable_page_shows_every_field_in_each_language(quiet: Env) -> None:
    body = _submitted(quiet)
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
    assert f'<td id="signed-at">{rec["signed_at"]}</td>' in html


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
    body = _submitted(quiet, files)
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
    from tests.gate.server import add_token, start_server

    data = tmp_path / "data"
    data.mkdir()
    token = add_token(data, "Отдел дорог", "submitter")
    server = start_server(data, "--max-checks", "0")
    try:
        with chromium() as browser:
            page = browser.new_context(accept_downloads=True).new_page()
            page.goto(f"{server.url}/login")
            page.fill("#token", token)
            page.click("#login")
            page.wait_for_url(f"{server.url}/submit")
            folder = ROOT / "samples" / "compliant-item"
            page.fill("#meeting_date", "2030-04-16")
            page.fill("#item", "1. Дороги")
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
    done = _cli(str(saved), "--key", str(key_file), "--lang", "kk")
    assert done.returncode == 0 and done.stdout.startswith("жарамды:"), done.stdout
    raw = saved.read_bytes()
    at = raw.index(b'"received_at":"') + len(b'"received_at":"') + 3  # a digit of the year
    saved.write_bytes(raw[:at] + bytes([raw[at] ^ 1]) + raw[at + 1:])
    done = _cli(str(saved), "--key", str(key_file))
    assert done.returncode == 1 and done.stdout.strip() == say("en", "verify.mismatch")
