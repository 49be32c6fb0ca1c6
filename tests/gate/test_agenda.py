"""The agenda: bodies as records, meetings and items, submissions to an item by its id.

Who may create and see what, versions counted per item (never per title), co-responsible
bodies sharing an item, the apparatus-only free item, the kind of meeting feeding the
deadline, and the refusals of issue 12's list (bidi controls, a zip of several items, file
names with line breaks) on SQLite, and the per-item version numbering under concurrent
submits on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from tests.gate.conftest import Env, make_env
from tests.gate.packages import as_zip, compliant_item
from validator.commands.main import main
from validator.gate.i18n import text, texts

DAY = "2030-03-05"
STAFF_ONLY = {"deadline", "working_days_late"}


def meeting(env: Env, day: str = DAY, kind: str = "regular") -> dict[str, Any]:
    made = env.client.post("/api/v1/meetings", headers=env.auth("staff"),
                           json={"date": day, "kind": kind})
    assert made.status_code == 201, made.text
    body: dict[str, Any] = made.json()
    return body


def item(env: Env, number: str, title: str, bodies: list[str], day: str = DAY,
         meeting_id: str | None = None) -> dict[str, Any]:
    query = f"?meeting={meeting_id}" if meeting_id else ""
    added = env.client.post(f"/api/v1/meetings/{day}/items{query}", headers=env.auth("staff"),
                            json={"number": number, "title": title, "bodies": bodies})
    assert added.status_code == 201, added.text
    body: dict[str, Any] = added.json()
    return body


def small() -> dict[str, bytes]:
    return {"Таныстырылым_қаз.pptx": compliant_item()["Таныстырылым_қаз.pptx"]}


def find(data: Any, key: str) -> Iterator[Any]:
    """Every value under ``key`` anywhere in ``data``."""
    if isinstance(data, dict):
        for k, v in data.items():
            if k == key:
                yield v
            yield from find(v, key)
    elif isinstance(data, list):
        for v in data:
            yield from find(v, key)


def test_bodies_on_the_command_line_and_tokens_need_a_registered_body(tmp_path: Path) -> None:
    runner = CliRunner()
    data = tmp_path / "data"
    unknown = runner.invoke(main, ["tokens", "add", "--data", str(data), "--body",
                                   "Отдел дорог", "--role", "submitter"])
    assert unknown.exit_code == 2
    assert "no body named 'Отдел дорог'" in unknown.output
    assert "validator bodies add" in unknown.output
    added = runner.invoke(main, ["bodies", "add", "Отдел дорог", "--data", str(data)])
    assert added.exit_code == 0, added.output
    body_id, name = added.output.strip().split("\t")
    assert body_id.startswith("b-") and name == "Отдел дорог"
    again = runner.invoke(main, ["bodies", "add", " Отдел дорог ", "--data", str(data)])
    assert again.exit_code == 2 and "already registered" in again.output
    bidi = runner.invoke(main, ["bodies", "add", "Отдел \u202eдорог", "--data", str(data)])
    assert bidi.exit_code == 2
    listed = runner.invoke(main, ["bodies", "list", "--data", str(data)])
    assert [line.split("\t")[:2] for line in listed.output.splitlines()] == [
        [body_id, "Отдел дорог"]]
    by_name = runner.invoke(main, ["tokens", "add", "--data", str(data), "--body",
                                   "Отдел дорог", "--role", "submitter"])
    by_id = runner.invoke(main, ["tokens", "add", "--data", str(data), "--body", body_id,
                                 "--role", "submitter"])
    assert by_name.exit_code == 0 and by_id.exit_code == 0
    tokens = runner.invoke(main, ["tokens", "list", "--data", str(data)]).output.splitlines()
    assert [t.split("\t")[2] for t in tokens] == ["Отдел дорог", "Отдел дорог"]


def test_only_the_apparatus_creates_meetings_and_items(env: Env) -> None:
    refused = env.client.post("/api/v1/meetings", headers=env.auth("roads"),
                              json={"date": DAY, "kind": "regular"})
    assert refused.status_code == 403
    bad_kind = env.client.post("/api/v1/meetings?lang=en", headers=env.auth("staff"),
                               json={"date": DAY, "kind": "urgent"})
    assert bad_kind.status_code == 400
    assert bad_kind.json()["error"]["code"] == "agenda.error.kind"
    m = meeting(env)
    assert m["id"].startswith("m-") and m["date"] == DAY and m["kind"] == "regular"
    by_body = env.client.post(f"/api/v1/meetings/{DAY}/items", headers=env.auth("roads"),
                              json={"number": "1", "title": "Дороги", "bodies": ["Отдел дорог"]})
    assert by_body.status_code == 403
    roads_id = next(b["id"] for b in env.client.get(
        "/api/v1/bodies", headers=env.auth("staff")).json()["bodies"]
        if b["name"] == "Отдел дорог")
    # bodies by name or by id
    it = item(env, "1", "Ремонт дорог", [roads_id, "Отдел здравоохранения"])
    assert it["id"].startswith("i-") and it["meeting_id"] == m["id"]
    assert [b["name"] for b in it["bodies"]] == ["Отдел дорог", "Отдел здравоохранения"]
    unknown = env.client.post(f"/api/v1/meetings/{DAY}/items?lang=ru",
                              headers=env.auth("staff"),
                              json={"number": "2", "title": "Школы",
                                    "bodies": ["Отдел дорог", "Отдел образования"]})
    assert unknown.status_code == 400
    assert unknown.json()["error"] == {
        "code": "agenda.error.unknown_body",
        "message": "«Отдел образования» не является зарегистрированным органом."}
    same_number = env.client.post(f"/api/v1/meetings/{DAY}/items", headers=env.auth("staff"),
                                  json={"number": "1", "title": "Другое",
                                        "bodies": ["Отдел дорог"]})
    assert same_number.status_code == 409
    item(env, "10", "Разное", ["Отдел дорог"])
    item(env, "2", "Школы", ["Отдел дорог"])
    listed = env.client.get("/api/v1/items", headers=env.auth("roads")).json()["items"]
    assert [i["number"] for i in listed] == ["1", "2", "10"]  # as people count, not as text
    none = env.client.post("/api/v1/meetings/2030-04-01/items", headers=env.auth("staff"),
                           json={"number": "1", "title": "X", "bodies": ["Отдел дорог"]})
    assert none.status_code == 404
    assert none.json()["error"]["code"] == "agenda.error.no_meeting"


def test_two_meetings_on_one_date_need_the_meetings_id(env: Env) -> None:
    first, second = meeting(env), meeting(env, kind="extraordinary")
    for lang in ("kk", "ru", "en"):
        ambiguous = env.client.post(f"/api/v1/meetings/{DAY}/items?lang={lang}",
                                    headers=env.auth("staff"),
                                    json={"number": "1", "title": "Дороги",
                                          "bodies": ["Отдел дорог"]})
        assert ambiguous.status_code == 409
        error = ambiguous.json()["error"]
        assert error["code"] == "agenda.error.several_meetings"
        ids = ", ".join(m["id"] for m in sorted([first, second], key=lambda m: (
            m["created_at"], m["id"])))
        assert error["message"] == text(lang, "agenda.error.several_meetings", date=DAY,
                                        ids=ids)
    it = item(env, "1", "Дороги", ["Отдел дорог"], meeting_id=second["id"])
    assert it["meeting_id"] == second["id"] and it["kind"] == "extraordinary"
    listed = env.client.get("/api/v1/agenda", headers=env.auth("staff")).json()["meetings"]
    assert sorted((m["id"], m["items"]) for m in listed) == sorted(
        [(first["id"], 0), (second["id"], 1)])


def test_a_body_sees_and_submits_only_to_its_own_items(env: Env) -> None:
    meeting(env)
    roads = item(env, "1", "Ремонт дорог", ["Отдел дорог"])
    health = item(env, "2", "Поликлиники", ["Отдел здравоохранения"])
    mine = env.client.get("/api/v1/items", headers=env.auth("roads")).json()["items"]
    assert [i["id"] for i in mine] == [roads["id"]]
    on_day = env.client.get(f"/api/v1/meetings/{DAY}/items", headers=env.auth("health"))
    assert [i["id"] for i in on_day.json()["items"]] == [health["id"]]
    everything = env.client.get("/api/v1/items", headers=env.auth("staff")).json()["items"]
    assert {i["id"] for i in everything} == {roads["id"], health["id"]}
    assert env.client.get(f"/api/v1/items/{health['id']}",
                          headers=env.auth("roads")).status_code == 404
    agenda = env.client.get("/api/v1/agenda", headers=env.auth("roads")).json()["meetings"]
    assert [m["items"] for m in agenda] == [1]
    # another body's item is "not found", exactly like an item that does not exist
    other = env.submit("roads", small(), item_id=health["id"])
    missing = env.submit("roads", small(), item_id="i-000000000000")
    assert other.status_code == missing.status_code == 404
    assert other.json() == missing.json()
    ok = env.submit("roads", small(), item_id=roads["id"])
    assert ok.status_code == 202, ok.text
    receipt = ok.json()["receipt"]
    assert receipt["item_id"] == roads["id"] and receipt["meeting_id"] == roads["meeting_id"]
    assert receipt["item"] == "Ремонт дорог" and receipt["meeting_date"] == DAY
    assert receipt["version"] == 1
    env.login("roads")
    page = env.client.get("/submit")
    assert f'<option value="{roads["id"]}">{DAY} – 1 – Ремонт дорог</option>' in page.text
    assert health["id"] not in page.text
    assert 'name="item"' not in page.text  # no free text for a body


def test_a_body_cannot_send_a_free_item_but_the_apparatus_can(env: Env) -> None:
    for lang in ("kk", "ru", "en"):
        free = env.submit("roads", small(), DAY, "1. Ремонт дорог", item_id="", lang=lang)
        assert free.status_code == 400
        assert free.json()["error"] == {"code": "agenda.error.choose_item",
                                        "message": texts(lang)["agenda.error.choose_item"]}
    staff = env.submit("staff", small(), meeting=DAY, item="7. Разное")
    assert staff.status_code == 202, staff.text
    receipt = staff.json()["receipt"]
    assert receipt["item"] == "7. Разное" and receipt["item_id"] is None
    assert receipt["meeting_id"] is None and receipt["meeting_date"] == DAY
    assert env.gate.register.submissions() and env.gate.register.submissions()[0].body == \
        "Аппарат акима"


def test_same_title_from_two_bodies_never_merges_nor_reveals(env: Env) -> None:
    """Issue 12: A submits "2. Ремонт дорог" three times, B the same title and got version 4
    (learning A exists), and the meeting page kept only B's row."""
    meeting(env)
    a = item(env, "2", "Ремонт дорог", ["Отдел дорог"])
    b = item(env, "3", "Ремонт дорог", ["Отдел здравоохранения"])
    versions_a = [env.submit("roads", small(), item_id=a["id"]).json()["receipt"]["version"]
                  for _ in range(3)]
    got_b = env.submit("health", small(), item_id=b["id"]).json()
    assert versions_a == [1, 2, 3]
    assert got_b["receipt"]["version"] == 1
    seen_by_b = env.client.get("/api/v1/submissions", headers=env.auth("health")).json()
    assert [s["item_id"] for s in seen_by_b["submissions"]] == [b["id"]]
    assert env.client.get(f"/api/v1/submissions/{got_b['id']}",
                          headers=env.auth("roads")).status_code == 404
    table = env.client.get(f"/api/v1/meetings/{DAY}", headers=env.auth("staff")).json()
    rows = sorted((i["item_id"], i["versions"], i["latest"]["body"]) for i in table["items"])
    assert rows == sorted([(a["id"], 3, "Отдел дорог"), (b["id"], 1, "Отдел здравоохранения")])


def test_co_responsible_bodies_share_the_items_versions(env: Env) -> None:
    meeting(env)
    shared = item(env, "4", "Благоустройство", ["Отдел дорог", "Отдел здравоохранения"])
    first = env.submit("roads", small(), item_id=shared["id"]).json()
    second = env.submit("health", small(), item_id=shared["id"]).json()
    assert (first["receipt"]["version"], second["receipt"]["version"]) == (1, 2)
    for who in ("roads", "health"):
        listed = env.client.get("/api/v1/submissions", headers=env.auth(who)).json()
        assert sorted(s["version"] for s in listed["submissions"]) == [1, 2]
        assert env.client.get(f"/api/v1/submissions/{first['id']}",
                              headers=env.auth(who)).status_code == 200


def test_an_extraordinary_meeting_has_no_five_working_day_rule(env: Env) -> None:
    day = next(d for d in (dt.date.today() + dt.timedelta(days=n) for n in range(2, 9))
               if d.weekday() < 4).isoformat()
    regular = meeting(env, day)
    extraordinary = meeting(env, day, "extraordinary")
    on_regular = item(env, "1", "Дороги", ["Отдел дорог"], day, regular["id"])
    on_extra = item(env, "1", "Дороги", ["Отдел дорог"], day, extraordinary["id"])
    late = env.submit("roads", compliant_item(), item_id=on_regular["id"]).json()
    in_time = env.submit("roads", compliant_item(), item_id=on_extra["id"]).json()
    assert late["receipt"]["working_days_late"] > 0
    assert in_time["receipt"]["deadline"] == day
    assert in_time["receipt"]["working_days_late"] == 0
    checked_late = env.checked(late["id"], "roads")
    checked_extra = env.checked(in_time["id"], "roads")
    assert list(find(checked_late["report"], "extraordinary")) == [False]
    assert list(find(checked_extra["report"], "extraordinary")) == [True]
    codes_late = set(find(checked_late["report"], "code"))
    codes_extra = set(find(checked_extra["report"], "code"))
    assert "PKG002" in codes_late and "PKG002" not in codes_extra


def test_bidi_controls_are_refused_in_items_bodies_and_titles(env: Env) -> None:
    meeting(env)
    for title in ("Дороги\u202e", "\u2067Дороги\u2069", "До\u200fроги"):
        resp = env.client.post(f"/api/v1/meetings/{DAY}/items", headers=env.auth("staff"),
                               json={"number": "1", "title": title, "bodies": ["Отдел дорог"]})
        assert resp.status_code == 400 and resp.json()["error"]["code"] == "agenda.error.title"
        free = env.submit("staff", small(), item=title)
        assert free.status_code == 400 and free.json()["error"]["code"] == "error.item"
        body = env.submit("staff", small(), item="1. Дороги", body=f"Отдел {title}")
        assert body.status_code == 400 and body.json()["error"]["code"] == "error.body"
        new_body = env.client.post("/api/v1/bodies", headers=env.auth("staff"),
                                   json={"name": title})
        assert new_body.status_code == 400
    number = env.client.post(f"/api/v1/meetings/{DAY}/items", headers=env.auth("staff"),
                             json={"number": "1\u202e", "title": "Дороги",
                                   "bodies": ["Отдел дорог"]})
    assert number.status_code == 400
    assert env.gate.register.submissions() == []


def test_file_names_with_line_breaks_are_refused_whole(env: Env) -> None:
    """Issue 12: a file name with a line break was stored cut at the break."""
    from tests.gate.test_security import B, _raw_multipart

    for name in ("Доклад\n2.pptx", "Доклад\u20282.pptx", "Доклад\u20292.pptx",
                 "Дорог\u202eи.pptx"):
        resp = env.client.post(
            "/api/v1/submissions", content=_raw_multipart(name),
            headers={**env.auth("staff"), "Content-Type": f"multipart/form-data; boundary={B}"})
        assert resp.status_code == 400, name
        assert resp.json()["error"]["code"] == "error.file_name", name
    assert env.gate.register.submissions() == []


def test_a_zip_of_several_items_is_refused_and_named(env: Env) -> None:
    meeting(env)
    target = item(env, "1", "Дороги", ["Отдел дорог"])
    one = as_zip(compliant_item())
    nested = as_zip({"1-Дороги.zip": one, "2-Школы.zip": one})
    resp = env.submit("roads", {"пакет.zip": nested}, item_id=target["id"], lang="en")
    assert resp.status_code == 400
    error = resp.json()["error"]
    assert error["code"] == "agenda.error.several_items"
    assert "пакет.zip/1-Дороги.zip" in error["message"]
    assert "пакет.zip/2-Школы.zip" in error["message"]
    folders = as_zip({f"{n}/{k}": v for n in ("1", "2") for k, v in compliant_item().items()})
    by_folders = env.submit("roads", {"папки.zip": folders}, item_id=target["id"])
    assert by_folders.status_code == 400
    assert "папки.zip/1" in by_folders.json()["error"]["message"]
    two_zips = env.submit("roads", {"a.zip": one, "b.zip": one}, item_id=target["id"])
    assert two_zips.status_code == 400
    assert env.gate.register.submissions() == []
    # one item's package in a zip (in a wrapper folder, or with a zip beside its documents)
    wrapped = as_zip({f"Дороги/{k}": v for k, v in compliant_item().items()})
    assert env.submit("roads", {"пакет.zip": wrapped}, item_id=target["id"]).status_code == 202
    assert env.submit("roads", {"пакет.zip": one}, item_id=target["id"]).status_code == 202


def test_an_executable_is_named_and_never_accepted(env: Env) -> None:
    """Issue 12: a package of only ``setup.exe`` got "needs review" with no reason, and the
    compliant package plus an .exe got accept."""
    meeting(env)
    target = item(env, "1", "Дороги", ["Отдел дорог"])
    exe = b"MZ\x90\x00" + b"\x00" * 200
    alone = env.submit("roads", {"setup.exe": exe}, item_id=target["id"]).json()
    beside = env.submit("roads", {**compliant_item(), "setup.exe": exe},
                        item_id=target["id"]).json()
    for sent in (alone, beside):
        done = env.checked(sent["id"], "roads")
        assert done["check"]["verdict"] == "return-for-correction"
        exe_files = [f for p in done["report"]["packages"] for f in p["files"]
                     if f["path"].endswith("setup.exe")]
        assert "FIL002" in [x["code"] for f in exe_files for x in f["findings"]]
    # a file that is not a material, alone, is named and never passes
    note = env.submit("roads", {"записка.txt": "Записка".encode()}, item_id=target["id"])
    done = env.checked(note.json()["id"], "roads")
    assert done["check"]["verdict"] == "needs-review"
    assert [x["code"] for p in done["report"]["packages"] for f in p["files"]
            for x in f["findings"]] == ["FIL002"]


def test_meetings_page_headers_are_words_in_every_language(env: Env) -> None:
    """Issue 12: ``/meetings`` showed ``<built-in method items of mappingproxy ...>``."""
    env.submit("staff", small())
    env.login("staff")
    for lang in ("kk", "ru", "en"):
        page = env.client.get(f"/meetings?lang={lang}")
        assert page.status_code == 200
        assert "built-in method" not in page.text
        assert f'<th scope="col">{texts(lang)["items"]}</th>' in page.text


def test_the_apparatus_page_creates_bodies_meetings_and_items(env: Env) -> None:
    csrf = env.login("staff")
    page = env.client.get("/agenda?lang=ru")
    assert page.status_code == 200 and "Заседания и их повестки" in page.text
    forged = env.client.post("/agenda/meetings", data={"date": DAY, "kind": "regular",
                                                       "csrf": "x"})
    assert forged.status_code == 403
    assert env.client.get("/api/v1/agenda", headers=env.auth("staff")).json()["meetings"] == []
    made = env.client.post("/agenda/meetings", data={"date": DAY, "kind": "extraordinary",
                                                     "csrf": csrf}, follow_redirects=False)
    assert made.status_code == 303
    body = env.client.post("/agenda/bodies", data={"name": "Отдел образования",
                                                   "csrf": csrf}, follow_redirects=False)
    assert body.status_code == 303
    listed = env.client.get("/api/v1/agenda", headers=env.auth("staff")).json()["meetings"]
    bodies = {b["name"]: b["id"] for b in env.client.get(
        "/api/v1/bodies", headers=env.auth("staff")).json()["bodies"]}
    added = env.client.post("/agenda/items", data={
        "meeting": listed[0]["id"], "number": "1", "title": "Школы",
        "bodies": [bodies["Отдел образования"], bodies["Отдел дорог"]], "csrf": csrf},
        follow_redirects=True)
    assert added.status_code == 200 and 'id="saved"' in added.text
    assert "внеочередное (пункт 16)" in env.client.get("/agenda?lang=ru").text
    items = env.client.get("/api/v1/items", headers=env.auth("roads")).json()["items"]
    assert [(i["title"], i["kind"]) for i in items] == [("Школы", "extraordinary")]
    wrong = env.client.post("/agenda/items?lang=en", data={
        "meeting": listed[0]["id"], "number": "2", "title": "X", "csrf": csrf})
    assert wrong.status_code == 400
    assert "Name at least one responsible body." in wrong.text
    # a body's session cannot open the page
    env.login("roads")
    assert env.client.get("/agenda").status_code == 403


def test_versions_count_per_item_under_concurrent_submits_on_postgresql(
        tmp_path: Path, pg_fresh: str) -> None:
    env = make_env(tmp_path, database=pg_fresh, max_checks=0)
    with env.client:
        meeting(env)
        a = item(env, "1", "Ремонт дорог", ["Отдел дорог", "Отдел здравоохранения"])
        b = item(env, "2", "Ремонт дорог", ["Отдел здравоохранения"])
        results: list[tuple[str, int]] = []
        lock = threading.Lock()

        def send(who: str, item_id: str) -> None:
            got = env.submit(who, small(), item_id=item_id)
            assert got.status_code == 202, got.text
            with lock:
                results.append((item_id, got.json()["receipt"]["version"]))

        plan = [("roads", a["id"])] * 6 + [("health", a["id"])] * 4 + [("health", b["id"])] * 5
        threads = [threading.Thread(target=send, args=p) for p in plan]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(v for i, v in results if i == a["id"]) == list(range(1, 11))
        assert sorted(v for i, v in results if i == b["id"]) == list(range(1, 6))
        rows = env.gate.register.submissions()
        assert {r.item for r in rows} == {"Ремонт дорог"}
        assert {r.item_id for r in rows} == {a["id"], b["id"]}
