"""Receipts as proof: signed with the gate's Ed25519 key, verified offline.

A receipt of a real submission verifies with ``validator receipt verify`` (a subprocess,
every KEY form) and with the plain-Python example of docs/GATE.md; it fails after one byte
of any field changes, and with another key; a finished check is signed the same way. The key
is tested in test_receipt_key.py, the printable page in test_receipt_page.py.
"""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.gate.conftest import Env
from tests.gate.receipt_helpers import ROOT, public_key, quiet_env, submitted, verify_cli
from validator.gate.receipt_key import KEY_FILE, ReceiptSigner
from validator.gate.receipts import Receipts
from validator.storage.signing import canonical, fingerprint, say, verify


@pytest.fixture
def quiet(tmp_path: Path) -> Iterator[Env]:
    yield from quiet_env(tmp_path)


def test_the_receipt_is_signed_and_names_the_delivery_not_the_check(quiet: Env) -> None:
    body = submitted(quiet)
    rec = body["receipt"]
    assert "verdict" not in rec and "report" not in rec
    assert rec["key_sha256"] == fingerprint(public_key(quiet))
    assert verify(rec, public_key(quiet)).ok
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


def test_no_submission_is_registered_without_its_receipt(quiet: Env,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(self: Receipts, cur: Any, row: Any) -> None:
        cur.execute("SELECT COUNT(*) FROM submissions WHERE id = ?", (row.id,))
        assert cur.fetchone()[0] == 1  # inside the transaction that registers it
        raise OSError("the signature could not be stored")

    monkeypatch.setattr(Receipts, "record", fail)
    with pytest.raises(OSError, match="could not be stored"):
        submitted(quiet)
    assert quiet.gate.register.submissions() == []  # rolled back with it, check and all
    monkeypatch.undo()
    rec = submitted(quiet)["receipt"]
    with quiet.gate.register.transaction(write=False) as cur:
        cur.execute("SELECT receipt FROM receipts")
        assert [json.loads(r[0]) for r in cur.fetchall()] == [rec]


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
    body = submitted(quiet)
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
            done = verify_cli(str(doc), "--key", key)
            assert done.returncode == 0, (key, doc, done.stdout, done.stderr)
            assert done.stdout.strip() == say("en", "verify.ok", id=rec["id"],
                                              received_at=rec["received_at"],
                                              files=len(rec["files"]))
    for lang in ("kk", "ru"):
        done = verify_cli(str(receipt_file), "--key", str(json_file), "--lang", lang)
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
    rec = submitted(quiet)["receipt"]
    public = public_key(quiet)
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
        done = verify_cli(str(target), "--key", key)
        assert done.returncode == 1, (path, done.stdout)
        assert done.stdout.startswith("invalid:"), done.stdout
    target = tmp_path / "changed.json"
    target.write_text(json.dumps(_changed(rec, ("body",)), ensure_ascii=False),
                      encoding="utf-8")
    done = verify_cli(str(target), "--key", key, "--lang", "ru")
    assert done.returncode == 1 and done.stdout.strip() == say("ru", "verify.mismatch")


def test_another_key_or_a_missing_field_or_no_receipt_fails(quiet: Env,
                                                             tmp_path: Path) -> None:
    rec = submitted(quiet)["receipt"]
    receipt_file = tmp_path / "receipt.json"
    receipt_file.write_text(json.dumps(rec, ensure_ascii=False), encoding="utf-8")
    other = Ed25519PrivateKey.generate()
    other_raw = other.public_key().public_bytes(serialization.Encoding.Raw,
                                                serialization.PublicFormat.Raw)
    done = verify_cli(str(receipt_file), "--key", base64.b64encode(other_raw).decode())
    assert done.returncode == 1
    assert done.stdout.strip() == say("en", "verify.other_key", theirs=rec["key_sha256"],
                                      mine=fingerprint(other_raw))
    # a receipt re-signed with another key does not pass for the gate's
    forged = ReceiptSigner(other).sign({**rec, "body": "Отдел здравоохранения"})
    forged["key_sha256"] = rec["key_sha256"]
    assert verify(forged, public_key(quiet)).reason == "verify.mismatch"
    key = base64.b64encode(public_key(quiet)).decode()
    without = {k: v for k, v in rec.items() if k != "package_sha256"}
    receipt_file.write_text(json.dumps(without), encoding="utf-8")
    done = verify_cli(str(receipt_file), "--key", key, "--lang", "kk")
    assert done.returncode == 1
    assert done.stdout.strip() == say("kk", "verify.missing", field="package_sha256")
    for text in ("[1, 2]", "not json at all", '{"error": {"code": "error.not_found"}}'):
        receipt_file.write_text(text, encoding="utf-8")
        done = verify_cli(str(receipt_file), "--key", key)
        assert done.returncode == 1
        assert done.stdout.strip() == say("en", "verify.not_receipt")
    # usage errors: 2
    assert verify_cli(str(tmp_path / "absent.json"), "--key", key).returncode == 2
    receipt_file.write_text(json.dumps(rec), encoding="utf-8")
    bad = verify_cli(str(receipt_file), "--key", "c2hvcnQ=")
    assert bad.returncode == 2 and say("en", "key.length") in bad.stderr


def test_key_forms_that_are_not_an_ed25519_public_key(tmp_path: Path) -> None:
    from validator.storage.signing import KeyError_, parse_public_key

    raw = bytes(range(32))
    b64 = base64.b64encode(raw).decode()
    assert parse_public_key(json.dumps({"algorithm": "ed25519", "public_key": b64})) == raw
    other = tmp_path / "rsa.json"
    other.write_text(json.dumps({"algorithm": "rsa", "public_key": b64}), encoding="utf-8")
    cases = {"x" * 300: "length", "not base64!": "base64", str(other): "algorithm",
             '{"public_key": 5}': "json", b64[:-4]: "length"}
    for value, reason in cases.items():
        with pytest.raises(KeyError_, match=f"^{reason}$"):
            parse_public_key(value)


def test_the_verifying_command_does_not_load_the_gate(quiet: Env, tmp_path: Path) -> None:
    receipt_file = tmp_path / "receipt.json"
    receipt_file.write_text(json.dumps(submitted(quiet)["receipt"]), encoding="utf-8")
    key = base64.b64encode(public_key(quiet)).decode()
    code = ("import sys\n"
            "from validator.commands.main import main\n"
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
    body = submitted(quiet)
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

    first = submitted(env)
    assert "signature" not in first["check"]  # queued: nothing to sign yet
    done = env.checked(first["id"], "roads")
    check = done["check"]
    row = env.gate.register.submission(first["id"])
    assert row is not None
    assert check["verdict"] == "accept" and check["submission_id"] == first["id"]
    assert check["package_sha256"] == first["receipt"]["package_sha256"]
    assert check["report_sha256"] == row.report_sha256
    assert check["checked_at"] == done["report"]["checked_at"]
    key = Ed25519PublicKey.from_public_bytes(public_key(env))
    key.verify(base64.b64decode(check["signature"]), canonical(check))
    again = env.client.get(f"/api/v1/submissions/{first['id']}", headers=env.auth("roads"))
    assert again.json()["check"] == check  # the same record, the same signature
    with pytest.raises(InvalidSignature):
        key.verify(base64.b64decode(check["signature"]),
                   canonical({**check, "verdict": "return-for-correction"}))
