"""The meeting's register knows its agenda: submissions to agenda items are ordered by the
item's number (2 before 2.9 before 2.10 before 10, free items by their leading number among
them), named "<number>. <title>" in the items and versions of the API, the page, the CSV and
the XLSX, put in folders "<number> <title>/" of the meeting's zip, and told apart by the
item's id, so two items with the same title are two items everywhere; on SQLite and
PostgreSQL."""

from __future__ import annotations

import csv
import hashlib
import html
import io
import re
import zipfile
from pathlib import Path
from typing import Any

from tests.gate.conftest import Env, make_env
from tests.gate.packages import compliant_item
from tests.gate.test_agenda import DAY, item, meeting, small
from validator.gate.listing import item_label, item_order
from validator.gate.packagezip import folder_name
from validator.gate.rows import SubmissionRow

#: Agenda items in the order they are created: (number, title, responsible body's token).
AGENDA = [("10", "Автодороги", "roads"), ("2", "Ясли", "roads"), ("1", "Бюджет", "health"),
          ("5", "Разное", "roads"), ("6", "Разное", "health"), ("2.10", "Мосты", "roads"),
          ("2.9", "Тротуары", "roads")]
#: The apparatus's free item on the same date (no agenda item: its number is in its text).
FREE = "3. Свободный вопрос"
LABELS = ["1. Бюджет", "2. Ясли", "2.9. Тротуары", "2.10. Мосты", FREE, "5. Разное",
          "6. Разное", "10. Автодороги"]
NUMBERS = ["1", "2", "2.9", "2.10", None, "5", "6", "10"]
FOLDERS = ["1 Бюджет", "2 Ясли", "2.9 Тротуары", "2.10 Мосты", "3 Свободный вопрос",
           "5 Разное", "6 Разное", "10 Автодороги"]
#: Every version in register order: item 10 was sent twice.
VERSIONS = [(label, 1, 1) for label in LABELS[:-1]] + [
    ("10. Автодороги", 1, 2), ("10. Автодороги", 2, 2)]


def _scenario(env: Env) -> dict[str, list[dict[str, Any]]]:
    """Make the agenda, submit once to each item (twice to item 10, the second time other
    files) and the free item; return each label's receipts, by version."""
    meeting(env)
    sent: list[tuple[str, str, dict[str, Any]]] = []
    for number, title, who in AGENDA:
        made = item(env, number, title, [env.bodies[who]])
        sent.append((f"{number}. {title}", who, {"item_id": made["id"]}))
    sent.append(("10. Автодороги", "roads", {"item_id": sent[0][2]["item_id"]}))
    sent.append((FREE, "staff", {}))
    receipts: dict[str, list[dict[str, Any]]] = {}
    for n, (label, who, extra) in enumerate(sent):
        files = compliant_item() if n == len(AGENDA) else small()
        resp = env.submit(who, files, DAY, FREE, **extra)
        assert resp.status_code == 202, resp.text
        receipts.setdefault(label, []).append(resp.json())
    for got in receipts.values():
        for r in got:
            env.checked(r["id"])
    # the receipt keeps the title alone, as before
    assert [r["receipt"]["item"] for r in receipts["10. Автодороги"]] == ["Автодороги"] * 2
    assert [r["receipt"]["version"] for r in receipts["10. Автодороги"]] == [1, 2]
    return receipts


def _api(env: Env) -> None:
    got = env.client.get(f"/api/v1/meetings/{DAY}", headers=env.auth("staff"))
    assert got.status_code == 200, got.text
    body = got.json()
    items = body["items"]
    assert [i["item"] for i in items] == LABELS
    assert [i["item_number"] for i in items] == NUMBERS
    assert [i["versions"] for i in items] == [1] * 7 + [2]
    assert len({i["item_id"] for i in items if i["item_id"]}) == 7  # "Разное" twice
    versions = body["versions"]
    assert [(v["item"], v["version"], v["versions"]) for v in versions] == VERSIONS
    assert [v["item_number"] for v in versions] == [*NUMBERS, "10"]
    same_title = [v["item_id"] for v in versions if v["item"].endswith("Разное")]
    assert len(set(same_title)) == 2
    # a body sees its own items, in the same order and named the same way
    mine = env.client.get(f"/api/v1/meetings/{DAY}", headers=env.auth("roads")).json()
    assert [i["item"] for i in mine["items"]] == [
        "2. Ясли", "2.9. Тротуары", "2.10. Мосты", "5. Разное", "10. Автодороги"]


def _csv_and_xlsx(env: Env) -> None:
    from openpyxl import load_workbook

    resp = env.client.get(f"/api/v1/meetings/{DAY}", headers=env.auth("staff"),
                          params={"format": "csv", "lang": "ru"})
    assert resp.status_code == 200, resp.text
    rows = list(csv.reader(io.StringIO(resp.content.decode("utf-8-sig"), newline="")))
    assert [(r[0], int(r[1])) for r in rows[1:]] == [(v[0], v[1]) for v in VERSIONS]
    resp = env.client.get(f"/api/v1/meetings/{DAY}", headers=env.auth("staff"),
                          params={"format": "xlsx", "lang": "ru"})
    assert resp.status_code == 200, resp.text
    book = load_workbook(io.BytesIO(resp.content), read_only=True)
    sheet = [r for r in book.worksheets[0].iter_rows(min_row=2, values_only=True)]
    book.close()
    assert [(r[0], r[1]) for r in sheet] == [(v[0], v[1]) for v in VERSIONS]


def _zip(env: Env, receipts: dict[str, list[dict[str, Any]]]) -> None:
    resp = env.client.get(f"/api/v1/meetings/{DAY}/package.zip?lang=ru",
                          headers=env.auth("staff"))
    assert resp.status_code == 200, resp.text
    with zipfile.ZipFile(io.BytesIO(resp.content)) as zf:
        names = zf.namelist()[1:]  # the register's CSV first
        folders = list(dict.fromkeys(n.split("/", 1)[0] for n in names))
        assert folders == FOLDERS  # every item, "Разное" twice, in agenda order
        for label, folder in zip(LABELS, FOLDERS, strict=True):
            latest = receipts[label][-1]["receipt"]
            inside = {n.split("/", 1)[1]: hashlib.sha256(zf.read(n)).hexdigest()
                      for n in names if n.startswith(folder + "/")}
            assert inside == {f["name"]: f["sha256"] for f in latest["files"]}, folder


def _page(env: Env) -> None:
    env.login("staff")
    page = env.client.get(f"/meetings/{DAY}?lang=ru")
    assert page.status_code == 200
    items = re.findall(r'<tr class="item">\s*<td>([^<]*)</td>', page.text)
    assert [html.unescape(i) for i in items] == LABELS
    versions = re.findall(r'<tr class="version" data-id="[^"]+">\s*<td>([^<]*)</td>',
                          page.text)
    assert [html.unescape(v) for v in versions] == [v[0] for v in VERSIONS]


def test_the_register_follows_the_agenda_on_sqlite(env: Env) -> None:
    receipts = _scenario(env)
    _api(env)
    _csv_and_xlsx(env)
    _zip(env, receipts)
    _page(env)


def test_the_register_follows_the_agenda_on_postgresql(tmp_path: Path, pg_fresh: str
                                                      ) -> None:
    e = make_env(tmp_path, database=pg_fresh, check_timeout=60.0)
    with e.client:
        receipts = _scenario(e)
        _api(e)
        _csv_and_xlsx(e)
        _zip(e, receipts)


def _row(item: str, item_id: str | None = None, number: str | None = None) -> SubmissionRow:
    return SubmissionRow("s", "Отдел дорог", DAY, item, 1, "2030-01-01T10:00:00+05:00",
                         "0" * 64, "accept", None, None, None, "0", "p", "1", "", "{}",
                         item_id=item_id, item_number=number)


def test_agenda_numbers_order_and_name_the_items() -> None:
    rows = [_row("Автодороги", "i-10", "10"), _row("Без номера"), _row("Ясли", "i-2", "2"),
            _row("Итоги", "i-iv", "IV"), _row("Мосты", "i-210", "2.10"),
            _row("12. Свободный"), _row("Тротуары", "i-29", "2.9"),
            _row("Разное", "i-6", "6"), _row("Разное", "i-5", "5"),
            _row("Решение", "i-7", "7.")]
    ordered = [item_label(r) for r in sorted(rows, key=item_order)]
    assert ordered == ["2. Ясли", "2.9. Тротуары", "2.10. Мосты", "5. Разное", "6. Разное",
                       "7. Решение", "10. Автодороги", "12. Свободный", "IV. Итоги",
                       "Без номера"]
    assert folder_name("Разное", "5") == "5 Разное"
    assert folder_name("Решение", "7.") == "7 Решение"
    assert folder_name("Мосты", "2.10") == "2.10 Мосты"
    assert folder_name("12. Свободный") == "12 Свободный"  # a free item, as before
