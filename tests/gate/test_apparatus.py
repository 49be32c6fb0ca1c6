"""The apparatus's work: every version with filters, CSV/XLSX export, the meeting zip,
decisions kept apart from the verdict (history, access), on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import html
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.gate.conftest import Env, make_env
from tests.gate.packages import compliant_item, non_compliant_item
from validator.gate.i18n import text
from validator.gate.packagezip import folder_name, safe_part

FUTURE = (dt.date.today() + dt.timedelta(days=60)).isoformat()
PAST = (dt.date.today() - dt.timedelta(days=1)).isoformat()
ROADS, HEALTH = "Отдел дорог", "Отдел здравоохранения"
RU_HEADERS = ["Вопрос повестки", "Версия", "Вносящий орган",
              "Получено (время Казахстана, UTC+5)", "Заключение проверки", "Код заключения",
              "Крайний срок", "Опоздание, рабочих дней", "Решение аппарата",
              "Основание решения"]


@dataclass
class Meeting:
    """What the scenario submitted: submission ids by (item, version), their receipts."""

    ids: dict[tuple[str, int], str]
    receipts: dict[str, dict[str, Any]]


def _submit(env: Env, who: str, files: dict[str, bytes], meeting: str, item: str) -> str:
    resp = env.submit(who, files, meeting, item)
    assert resp.status_code == 202, resp.text
    sid: str = resp.json()["id"]
    return sid


def _scenario(env: Env) -> Meeting:
    """Roads sends item 10 twice (returned, then compliant) and item 2 once; health sends
    item 3 once (returned); roads sends one item to a meeting held yesterday (late)."""
    plan = [("roads", non_compliant_item(), FUTURE, "10. Ремонт дорог"),
            ("roads", compliant_item(), FUTURE, "10. Ремонт дорог"),
            ("roads", compliant_item(), FUTURE, "2. Освещение улиц"),
            ("health", non_compliant_item(), FUTURE, "3. Больница: ремонт?"),
            ("roads", compliant_item(), PAST, "1. Дороги")]
    ids: dict[tuple[str, int], str] = {}
    receipts = {}
    for who, files, meeting, item in plan:
        sid = _submit(env, who, files, meeting, item)
        done = env.checked(sid)
        rec = done["receipt"]
        ids[(item, rec["version"])] = sid
        receipts[sid] = rec
    return Meeting(ids, receipts)


def _versions(env: Env, who: str, meeting: str = FUTURE, **filters: str) -> list[Any]:
    resp = env.client.get(f"/api/v1/meetings/{meeting}", headers=env.auth(who),
                          params=filters)
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert "items" in body and body["meeting_date"] == meeting  # the fields it had before
    return [(v["item"], v["version"], v["body"]) for v in body["versions"]]


def _filters_return_the_right_rows(env: Env) -> None:
    every = [("2. Освещение улиц", 1, ROADS), ("3. Больница: ремонт?", 1, HEALTH),
             ("10. Ремонт дорог", 1, ROADS), ("10. Ремонт дорог", 2, ROADS)]
    assert _versions(env, "staff") == every  # agenda order: 2 before 3 before 10
    assert _versions(env, "staff", body=HEALTH) == [every[1]]
    assert _versions(env, "staff", verdict="return-for-correction") == [every[1], every[2]]
    assert _versions(env, "staff", verdict="accept") == [every[0], every[3]]
    assert _versions(env, "staff", verdict="accept", body=HEALTH) == []
    assert _versions(env, "staff", late="on-time") == every
    assert _versions(env, "staff", late="late") == []
    assert _versions(env, "staff", PAST, late="late") == [("1. Дороги", 1, ROADS)]
    assert _versions(env, "staff", PAST, late="on-time") == []
    # a body sees its own rows only, whatever it asks for
    assert _versions(env, "roads") == [every[0], every[2], every[3]]
    assert _versions(env, "roads", body=HEALTH) == []
    bad = env.client.get(f"/api/v1/meetings/{FUTURE}?verdict=maybe&lang=en",
                         headers=env.auth("staff"))
    assert bad.status_code == 400
    assert bad.json()["error"]["code"] == "apparatus.error.filter"


def _csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def _export(env: Env, fmt: str, who: str = "staff", **params: str) -> Any:
    return env.client.get(f"/api/v1/meetings/{FUTURE}", headers=env.auth(who),
                          params={"format": fmt, "lang": "ru", **params})


def _csv_parses_back(env: Env, m: Meeting) -> list[list[str]]:
    resp = _export(env, "csv")
    assert resp.status_code == 200, resp.text
    assert resp.headers["content-type"].startswith("text/csv")
    assert "filename*=UTF-8''%D1%80%D0%B5%D0%B5%D1%81%D1%82%D1%80" in (
        resp.headers["content-disposition"])  # "реестр-..."
    rows = _csv_rows(resp.content)
    assert rows[0] == RU_HEADERS
    body = rows[1:]
    assert [(r[0], int(r[1]), r[2]) for r in body] == [
        ("2. Освещение улиц", 1, ROADS), ("3. Больница: ремонт?", 1, HEALTH),
        ("10. Ремонт дорог", 1, ROADS), ("10. Ремонт дорог", 2, ROADS)]
    assert [(r[4], r[5]) for r in body] == [
        ("принять", "accept"), ("вернуть на доработку", "return-for-correction"),
        ("вернуть на доработку", "return-for-correction"), ("принять", "accept")]
    for r in body:
        rec = m.receipts[m.ids[(r[0], int(r[1]))]]
        arrival = dt.datetime.fromisoformat(rec["received_at"])
        assert r[3] == arrival.strftime("%Y-%m-%d %H:%M:%S")  # already +05:00
        assert rec["received_at"].endswith("+05:00")
        assert r[6] == rec["deadline"] and r[7] == "0"
    # the filters apply to the export as to the page
    only = _csv_rows(_export(env, "csv", body=HEALTH).content)
    assert [r[0] for r in only[1:]] == ["3. Больница: ремонт?"]
    english = _csv_rows(_export(env, "csv", lang="en").content)
    assert english[0][0] == "Agenda item" and english[1][4] == "accept"
    return rows


def _xlsx_same_rows(env: Env, rows: list[list[str]]) -> None:
    from openpyxl import load_workbook

    resp = _export(env, "xlsx")
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    book = load_workbook(io.BytesIO(resp.content), read_only=True)
    sheet = book.worksheets[0]

    def as_text(value: Any) -> str:
        if isinstance(value, dt.datetime):
            return (value.date().isoformat() if value.time() == dt.time()
                    else value.strftime("%Y-%m-%d %H:%M:%S"))
        return "" if value is None else str(value)

    got = [[as_text(c) for c in r] for r in sheet.iter_rows(values_only=True)]
    assert got == rows
    received = next(sheet.iter_rows(min_row=2, max_row=2, values_only=True))[3]
    assert isinstance(received, dt.datetime)  # a real date, sortable in Excel
    book.close()


def _zip_layout_and_hashes(env: Env, m: Meeting) -> None:
    resp = env.client.get(f"/api/v1/meetings/{FUTURE}/package.zip?lang=ru",
                          headers=env.auth("staff"))
    assert resp.status_code == 200, resp.text
    assert resp.headers["content-type"] == "application/zip"
    latest = {"10 Ремонт дорог": m.ids[("10. Ремонт дорог", 2)],
              "2 Освещение улиц": m.ids[("2. Освещение улиц", 1)],
              "3 Больница_ ремонт_": m.ids[("3. Больница: ремонт?", 1)]}
    with zipfile.ZipFile(io.BytesIO(resp.content)) as zf:
        names = zf.namelist()
        assert names[0] == f"реестр-{FUTURE}.csv"
        assert _csv_rows(zf.read(names[0]))[0] == RU_HEADERS
        expected = {}
        for folder, sid in latest.items():
            for f in m.receipts[sid]["files"]:
                expected[f"{folder}/{f['name']}"] = f["sha256"]
        assert set(names[1:]) == set(expected)
        for name, sha in expected.items():
            data = zf.read(name)
            assert hashlib.sha256(data).hexdigest() == sha
            assert env.gate.store.path(sha).read_bytes() == data
    # nothing is left behind in the data folder's tmp/
    assert not list((env.config.data.resolve() / "tmp").glob("meeting-*.zip"))


def _decide(env: Env, who: str, sid: str, **body: Any) -> Any:
    return env.client.post(f"/api/v1/submissions/{sid}/decision", headers=env.auth(who),
                           json=body, params={"lang": "en"})


def _decisions_kept_and_private(env: Env, m: Meeting) -> None:
    sid = m.ids[("10. Ремонт дорог", 1)]
    other = m.ids[("3. Больница: ремонт?", 1)]
    no_reason = _decide(env, "staff", sid, decision="returned", reason="  ")
    assert no_reason.status_code == 400
    assert no_reason.json()["error"]["code"] == "apparatus.error.reason_required"
    assert _decide(env, "staff", sid, decision="maybe").status_code == 400
    rtl = _decide(env, "staff", sid, decision="returned", reason="Дороги\u202e")
    assert rtl.json()["error"]["code"] == "apparatus.error.reason_text"
    first = _decide(env, "staff", sid, decision="returned", reason="Нет списка на казахском")
    assert first.status_code == 201, first.text
    second = _decide(env, "staff", sid, decision="accepted")
    assert second.status_code == 201
    history = second.json()["decisions"]
    assert [(d["number"], d["decision"], d["reason"], d["decided_by"]) for d in history] == [
        (1, "returned", "Нет списка на казахском", "Аппарат акима"),
        (2, "accepted", "", "Аппарат акима")]
    assert all(d["decided_at"].endswith("+05:00") for d in history)
    # bodies do not decide: their own submission 403, another body's 404
    own = _decide(env, "roads", sid, decision="accepted")
    assert own.status_code == 403
    assert own.json()["error"]["code"] == "apparatus.error.decide_forbidden"
    assert _decide(env, "health", sid, decision="accepted").status_code == 404
    assert _decide(env, "roads", other, decision="accepted").status_code == 404
    # the decision is shown beside the verdict, which stays the toolkit's
    mine = env.client.get(f"/api/v1/submissions/{sid}", headers=env.auth("roads")).json()
    assert mine["check"]["verdict"] == "return-for-correction"
    assert mine["decision"]["decision"] == "accepted"
    assert [d["decision"] for d in mine["decisions"]] == ["returned", "accepted"]
    theirs = env.client.get(f"/api/v1/submissions/{sid}", headers=env.auth("health"))
    assert theirs.status_code == 404
    listed = env.client.get(f"/api/v1/meetings/{FUTURE}", headers=env.auth("health")).json()
    assert [v["decision"] for v in listed["versions"]] == [None]  # its own, undecided
    staff = env.client.get(f"/api/v1/meetings/{FUTURE}", headers=env.auth("staff")).json()
    decided = [v for v in staff["versions"] if v["id"] == sid]
    assert decided[0]["decision"]["decision"] == "accepted"
    assert decided[0]["verdict"] == "return-for-correction"
    exported = _csv_rows(_export(env, "csv").content)
    assert [(r[8], r[9]) for r in exported[1:] if r[0] == "10. Ремонт дорог"] == [
        ("принято", ""), ("", "")]


def _bodies_cannot_export(env: Env) -> None:
    for fmt in ("csv", "xlsx"):
        refused = _export(env, fmt, who="roads")
        assert refused.status_code == 403
        assert refused.json()["error"]["code"] == "apparatus.error.apparatus_only"
    zipped = env.client.get(f"/api/v1/meetings/{FUTURE}/package.zip",
                            headers=env.auth("roads"))
    assert zipped.status_code == 403


def test_apparatus_register_on_sqlite(env: Env) -> None:
    m = _scenario(env)
    _filters_return_the_right_rows(env)
    rows = _csv_parses_back(env, m)
    _xlsx_same_rows(env, rows)
    _zip_layout_and_hashes(env, m)
    _bodies_cannot_export(env)
    _decisions_kept_and_private(env, m)


def test_apparatus_register_on_postgresql(tmp_path: Path, pg_fresh: str) -> None:
    e = make_env(tmp_path, database=pg_fresh, check_timeout=60.0)
    with e.client:
        m = _scenario(e)
        _filters_return_the_right_rows(e)
        _csv_parses_back(e, m)
        _decisions_kept_and_private(e, m)


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]*)"', page)
    assert found
    return html.unescape(found[1])


def test_meeting_page_filters_downloads_and_decision_form(env: Env) -> None:
    roads = _submit(env, "roads", non_compliant_item(), FUTURE, "1. Ремонт дорог")
    health = _submit(env, "health", compliant_item(), FUTURE, "2. Больница")
    env.checked(roads)
    env.checked(health)
    env.login("staff")
    page = env.client.get(f"/meetings/{FUTURE}?lang=ru&body={HEALTH}")
    assert page.status_code == 200
    rows = re.findall(r'<tr class="version" data-id="([^"]+)">', page.text)
    assert rows == [health]
    # a plain GET form: every control has its label, the chosen filter stays selected
    for control in ("f-meeting", "f-body", "f-verdict", "f-late"):
        assert f'<label for="{control}">' in page.text and f'id="{control}"' in page.text
    assert '<form id="filters" method="get"' in page.text
    assert f'<option value="{HEALTH}" selected>' in page.text
    assert "Заключение проверки" in page.text and "Решение аппарата" in page.text
    assert f'href="/api/v1/meetings/{FUTURE}?format=csv&amp;body=' in page.text
    assert f'href="/api/v1/meetings/{FUTURE}/package.zip?lang=ru"' in page.text
    # the page's links work with the session (no token)
    assert env.client.get(f"/api/v1/meetings/{FUTURE}?format=csv").status_code == 200
    # the form's meeting field moves to that meeting, keeping the other filters
    moved = env.client.get(f"/meetings/{FUTURE}?meeting={PAST}&late=late",
                           follow_redirects=False)
    assert moved.status_code == 303 and moved.headers["location"] == (
        f"/meetings/{PAST}?late=late")
    # the decision form on the submission page, with the session's CSRF token
    sub = env.client.get(f"/submissions/{roads}?lang=ru")
    assert 'id="decision-form"' in sub.text and "Решения пока нет." in sub.text
    forged = env.client.post(f"/submissions/{roads}/decision",
                             data={"decision": "returned", "reason": "x", "csrf": "nope"})
    assert forged.status_code == 403
    posted = env.client.post(f"/submissions/{roads}/decision", follow_redirects=False,
                             data={"decision": "returned", "reason": "Нет справки",
                                   "csrf": _csrf(sub.text)})
    assert posted.status_code == 303
    after = env.client.get(f"/submissions/{roads}?lang=ru").text
    assert 'data-decision="returned"' in after and "Нет справки" in after
    assert "вернуть на доработку" in after  # the verdict is still shown, unchanged
    listing = env.client.get(f"/meetings/{FUTURE}?lang=ru").text
    assert re.search(r'<td class="decision">возвращено</td>', listing)


def test_body_sees_no_decision_form(env: Env) -> None:
    sid = _submit(env, "roads", non_compliant_item(), FUTURE, "1. Ремонт дорог")
    env.checked(sid)
    env.login("roads")
    page = env.client.get(f"/submissions/{sid}?lang=en")
    assert "No decision yet." in page.text and 'id="decision-form"' not in page.text
    assert f'action="/submissions/{sid}/decision?lang=en"' not in page.text
    refused = env.client.post(f"/submissions/{sid}/decision?lang=en",
                              data={"decision": "accepted", "csrf": _csrf(page.text)})
    assert refused.status_code == 403
    assert text("en", "apparatus.error.decide_forbidden") in refused.text
    assert env.client.get(f"/meetings/{FUTURE}").status_code == 403


@pytest.mark.parametrize(("raw", "safe"), [
    ("CON.txt", "_CON.txt"), ("a<b>:c|d?.pdf", "a_b__c_d_.pdf"), ("отчёт. ", "отчёт"),
    ("nul", "_nul"), ("x\u202ey.docx", "x_y.docx"), ("...", "_"),
])
def test_names_are_safe_for_windows(raw: str, safe: str) -> None:
    assert safe_part(raw, 120) == safe


def test_item_folders_are_numbered_and_bounded() -> None:
    assert folder_name("12. Ремонт дорог") == "12 Ремонт дорог"
    assert folder_name("3) Школы") == "3 Школы"
    assert folder_name("Без номера") == "Без номера"
    assert folder_name("4. " + "Ж" * 300) == "4 " + "Ж" * 78
    assert safe_part("Ф" * 300 + ".pptx", 120) == "Ф" * 115 + ".pptx"


def test_meeting_zip_is_written_in_bounded_memory(tmp_path: Path) -> None:
    import os
    import tracemalloc

    from validator.gate.listing import Version
    from validator.gate.packagezip import write_zip
    from validator.gate.rows import FileRow, SubmissionRow
    from validator.gate.store import ContentStore

    store = ContentStore(tmp_path / "store")
    store.root.mkdir()
    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(24 << 20))
    sha = store.put_file(big)
    row = SubmissionRow("s1", ROADS, FUTURE, "5. Большой пакет", 1, "2030-01-01T10:00:00+05:00",
                        "0" * 64, "accept", None, None, None, "0", "p", "1", "", "{}",
                        files=(FileRow(0, "Презентация.pptx", sha, 24 << 20),
                               FileRow(1, "презентация.PPTX", sha, 24 << 20)))
    tracemalloc.start()
    try:
        path = write_zip(tmp_path / "tmp", store, [Version(row, 1, None)], "r.csv", b"x")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 6 << 20, f"{peak} bytes held while zipping 48 MiB"
    with zipfile.ZipFile(path) as zf:
        assert zf.namelist() == ["r.csv", "5 Большой пакет/Презентация.pptx",
                                 "5 Большой пакет/презентация (2).PPTX"]
        for name in zf.namelist()[1:]:
            # compressed already: stored as is (deflating it would only cost time)
            assert zf.getinfo(name).compress_type == zipfile.ZIP_STORED
            digest = hashlib.sha256()
            with zf.open(name) as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    digest.update(chunk)
            assert digest.hexdigest() == sha


def test_pages_show_the_arrival_time_as_the_register_does(env: Env) -> None:
    """The meeting's table of latest versions, the submission page and the receipt page show
    when a package arrived (and the receipt when it was signed) in Kazakhstan wall-clock time,
    as the register below them does (``2026-12-06 20:27:16``), never the stored ISO text; the
    ISO time stays in ``<time datetime>`` for machines."""
    sid = _submit(env, "roads", compliant_item(), FUTURE, "1. Ремонт дорог")
    stored = env.checked(sid)["receipt"]["received_at"]
    shown = dt.datetime.fromisoformat(stored).astimezone(
        dt.timezone(dt.timedelta(hours=5))).strftime("%Y-%m-%d %H:%M:%S")
    env.login("staff")
    for url in (f"/meetings/{FUTURE}?lang=ru", f"/submissions/{sid}?lang=kk",
                f"/submissions/{sid}/receipt?lang=ru"):
        page = env.client.get(url)
        assert page.status_code == 200, url
        assert f'<time datetime="{stored}">{shown}</time>' in page.text, url
        assert not re.search(r">\d{4}-\d\d-\d\dT[\d:]+\+05:00<", page.text), url
    # a decision's time too
    sub = env.client.get(f"/submissions/{sid}?lang=ru")
    posted = env.client.post(f"/submissions/{sid}/decision", follow_redirects=False,
                             data={"decision": "returned", "reason": "Нет справки",
                                   "csrf": _csrf(sub.text)})
    assert posted.status_code == 303
    page = env.client.get(f"/submissions/{sid}?lang=ru").text
    decided = re.search(r'<tr class="decision-row">.*?<time datetime="([^"]+)">([^<]+)</time>',
                        page)
    assert decided is not None
    assert decided[2] == dt.datetime.fromisoformat(decided[1]).astimezone(
        dt.timezone(dt.timedelta(hours=5))).strftime("%Y-%m-%d %H:%M:%S")
