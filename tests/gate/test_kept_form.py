"""A refused submission form keeps its fields, and the files already received are kept for
the retry through a form token bound to the session: the retry sends only what is new, a
file can be removed, another session's token is refused, an expired one is named, and the
kept files are bounded and gone once submitted."""

from __future__ import annotations

import hashlib
import html
import re
import time
from pathlib import Path

from starlette.testclient import TestClient

from tests.gate.conftest import Env, login, make_env
from tests.gate.packages import compliant_item, non_compliant_item
from validator.gate.app import create_app
from validator.gate.form import KEEP_SECONDS, keeper
from validator.gate.i18n import text
from validator.gate.kept import Keeper

MEETING = "2030-03-05"
ITEM = "2. Өскемен қаласының көшелерін жөндеу бағдарламасының орындалуы туралы"


# The forms are sent by the apparatus, which types the meeting date and a free item (the
# fields kept); a body picks an agenda item, kept the same way (``form.item_id``).


def _files(files: dict[str, bytes]) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("file", (n, d, "application/octet-stream")) for n, d in files.items()]


def _value(page: str, name: str) -> str:
    found = re.search(rf'name="{name}"[^>]*value="([^"]*)"', page)
    assert found, (name, page)
    return html.unescape(found[1])


def _kept(page: str) -> list[str]:
    return [html.unescape(v) for v in re.findall(r'name="drop" value="([^"]*)"', page)]


def _digests(files: dict[str, bytes]) -> dict[str, str]:
    return {n: hashlib.sha256(d).hexdigest() for n, d in files.items()}


def test_a_wrong_field_keeps_the_form_and_the_retry_sends_only_the_token(env: Env) -> None:
    csrf = env.login("staff")
    files = compliant_item()
    page = env.client.post("/submit", data={"csrf": csrf, "meeting_date": MEETING,
                                            "item": ITEM + "\x07"}, files=_files(files),
                           headers={"Accept-Language": "ru"})
    assert page.status_code == 400
    assert text("ru", "error.item") in page.text
    # every field as typed, and each file received listed with its size
    assert _value(page.text, "meeting_date") == MEETING
    assert _value(page.text, "item") == ITEM + "\x07"
    assert sorted(_kept(page.text)) == sorted(files)
    assert text("ru", "ux.kept") in page.text
    size = len(files["Қаулы_жобасы_қаз.docx"])
    assert f"({-(-size // 1024)} КБ)" in page.text
    # the file input is no longer required: the kept files are the package
    assert re.search(r'<input id="file" name="file" type="file" multiple>', page.text)
    # nothing is registered and nothing enters the content store
    assert env.gate.register.submissions() == []
    assert list(env.gate.store.addresses()) == []
    token = _value(page.text, "form_token")
    assert (env.config.data / "tmp" / "kept" / token).is_dir()

    done = env.client.post("/submit", data={"csrf": csrf, "meeting_date": MEETING,
                                            "item": ITEM, "form_token": token,
                                            "auto_refresh": "1"},
                           follow_redirects=False)
    assert done.status_code == 303, done.text
    [row] = env.gate.register.submissions()
    assert row.item == ITEM
    # the box "refresh by itself" was ticked: the receipt page refreshes until checked
    assert done.headers["location"] == f"/submissions/{row.id}?auto=1"
    assert {f.name: f.sha256 for f in row.files} == _digests(files)
    # once submitted, the kept files are gone
    assert not (env.config.data / "tmp" / "kept" / token).exists()


def test_the_retry_removes_and_adds_files_and_a_new_file_replaces_a_kept_one(env: Env
                                                                             ) -> None:
    csrf = env.login("staff")
    files = compliant_item()
    page = env.client.post("/submit", data={"csrf": csrf, "meeting_date": "2030-13-45",
                                            "item": ITEM}, files=_files(files))
    assert page.status_code == 400
    token = _value(page.text, "form_token")
    dropped, replaced = sorted(files)[:2]
    # the replaced file chosen again (corrected: other bytes), and one more file
    newer = {replaced: non_compliant_item()[sorted(non_compliant_item())[0]],
             "Қосымша_анықтама_қаз.docx": compliant_item()["Қаулы_жобасы_қаз.docx"]}
    assert newer[replaced] != files[replaced]
    done = env.client.post("/submit", data={"csrf": csrf, "meeting_date": MEETING,
                                            "item": ITEM, "form_token": token,
                                            "drop": dropped}, files=_files(newer),
                           follow_redirects=False)
    assert done.status_code == 303, done.text
    [row] = env.gate.register.submissions()
    expected = {n: d for n, d in files.items() if n != dropped} | newer
    assert {f.name: f.sha256 for f in row.files} == _digests(expected)
    assert len(row.files) == len(files)  # one removed, one added
    assert done.headers["location"] == f"/submissions/{row.id}"  # no self-refresh asked


def test_another_sessions_token_is_refused(env: Env) -> None:
    csrf = env.login("staff")
    page = env.client.post("/submit", data={"csrf": csrf, "meeting_date": "x", "item": ITEM},
                           files=_files(compliant_item()))
    token = _value(page.text, "form_token")
    other = TestClient(create_app(env.config, env.gate), base_url="http://127.0.0.1",
                       headers={"Origin": "http://127.0.0.1"})
    with other:
        other_csrf = login(other, env.tokens["health"])
        stolen = other.post("/submit", data={"csrf": other_csrf, "meeting_date": MEETING,
                                             "item": ITEM, "form_token": token},
                            headers={"Accept-Language": "en"})
        assert stolen.status_code == 403
        assert text("en", "ux.error.kept_foreign") in stolen.text
        assert not _kept(stolen.text)  # the other body sees none of the names
        for name in compliant_item():
            assert html.escape(name) not in stolen.text
    # a new sign-in of the same body is another session too
    login(env.client, env.tokens["staff"])
    assert env.gate.register.submissions() == []
    # the owner's kept files are untouched by the refusal
    assert (env.config.data / "tmp" / "kept" / token).is_dir()


def test_an_expired_token_is_named_and_its_files_removed(env: Env) -> None:
    csrf = env.login("staff")
    page = env.client.post("/submit", data={"csrf": csrf, "meeting_date": "x", "item": ITEM},
                           files=_files(compliant_item()))
    token = _value(page.text, "form_token")
    assert keeper(env.gate).sweep(now=time.time() + KEEP_SECONDS - 60) == 0
    assert keeper(env.gate).sweep(now=time.time() + KEEP_SECONDS + 1) == 1
    assert not (env.config.data / "tmp" / "kept" / token).exists()
    again = env.client.post("/submit", data={"csrf": csrf, "meeting_date": MEETING,
                                             "item": ITEM, "form_token": token},
                            headers={"Accept-Language": "kk"})
    assert again.status_code == 400
    assert text("kk", "ux.error.kept_gone", minutes=KEEP_SECONDS // 60) in again.text
    assert _value(again.text, "item") == ITEM
    assert env.gate.register.submissions() == []


def test_a_full_queue_keeps_the_form_for_the_retry(tmp_path: Path) -> None:
    e = make_env(tmp_path, max_checks=0, max_queue=0)  # nothing checks; one waiting is full
    with e.client:
        assert e.submit("health", compliant_item()).status_code == 202
        csrf = e.login("staff")
        files = compliant_item()
        page = e.client.post("/submit", data={"csrf": csrf, "meeting_date": MEETING,
                                              "item": ITEM}, files=_files(files),
                             headers={"Accept-Language": "ru"})
        assert page.status_code == 503
        assert page.headers["retry-after"] == str(e.config.retry_after_seconds)
        assert text("ru", "error.busy") in page.text
        assert _value(page.text, "item") == ITEM
        assert sorted(_kept(page.text)) == sorted(files)
        assert len(e.gate.register.submissions()) == 1


def test_refused_csrf_keeps_nothing(env: Env) -> None:
    env.login("staff")
    page = env.client.post("/submit", data={"csrf": "forged", "meeting_date": MEETING,
                                            "item": ITEM}, files=_files(compliant_item()))
    assert page.status_code == 403
    assert "form_token" not in page.text
    assert not (env.config.data / "tmp" / "kept").exists() or not any(
        (env.config.data / "tmp" / "kept").iterdir())


def test_a_too_large_package_keeps_only_what_fits(tmp_path: Path) -> None:
    e = make_env(tmp_path, max_request_bytes=100_000)
    with e.client:
        csrf = e.login("staff")
        files = {"a.docx": b"a" * 60_000, "b.docx": b"b" * 60_000, "c.docx": b"c" * 30_000}
        page = e.client.post("/submit", data={"csrf": csrf, "meeting_date": MEETING,
                                              "item": ITEM}, files=_files(files),
                             headers={"Accept-Language": "en"})
        assert page.status_code == 413
        assert "The package is too large" in page.text
        # a.docx fits, b.docx would pass the package limit, c.docx still fits
        assert _kept(page.text) == ["a.docx", "c.docx"]
        assert "(59 KB)" in page.text


def test_the_keeper_bounds_files_bytes_and_the_total(tmp_path: Path) -> None:
    import io

    store = Keeper(tmp_path / "kept", 3600, max_files=2, max_bytes=1000, total_bytes=1500)
    first = store.keep("s1", None, [], [("a", io.BytesIO(b"a" * 600)),
                                        ("b", io.BytesIO(b"b" * 300)),
                                        ("c", io.BytesIO(b"c" * 10))])
    assert first is not None
    assert [(f.name, f.size) for f in first.files] == [("a", 600), ("b", 300)]
    # another form may use only what the first left of the total
    second = store.keep("s2", None, [], [("x", io.BytesIO(b"x" * 700)),
                                         ("y", io.BytesIO(b"y" * 500))])
    assert second is not None and [f.name for f in second.files] == ["y"]
    assert store.load(first.token, "s1").files == first.files
    # the stored bytes are the received bytes
    assert first.files[0].path.read_bytes() == b"a" * 600
    assert len(list((tmp_path / "kept" / first.token).iterdir())) == 3  # two files + index
    # nothing kept: no token
    assert store.keep("s3", None, [], [("z", io.BytesIO(b"z" * 2000))]) is None
    # a token that is not one of ours never names a path
    for bad in ("../../etc", "", "a" * 100, first.token + "/.."):
        try:
            store.load(bad, "s1")
        except Exception as exc:  # KeptRefused
            assert getattr(exc, "gone", None) is True
        else:
            raise AssertionError(bad)
