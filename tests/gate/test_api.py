"""API round trips: submit the test packages, read receipts, reports and meetings back."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

from tests.gate.conftest import Env
from tests.gate.packages import as_zip, compliant_item, non_compliant_item
from validator.calendar.workdays import WorkCalendar
from validator.core.version import __version__
from validator.gate.intake import ALMATY
from validator.settings.profile import load_profile, resolve_profile_path


def _post(env: Env, who: str, files: dict[str, bytes], meeting: str, item: str,
          **extra: str) -> tuple[int, dict]:
    """Submit; on 202 wait for the check and return the submission with its report."""
    resp = env.submit(who, files, meeting, item, **extra)
    if resp.status_code != 202:
        return resp.status_code, resp.json()
    first = resp.json()
    assert first["check"]["state"] in ("queued", "checking", "done"), first
    assert resp.headers["location"] == f"/api/v1/submissions/{first['id']}"
    done = env.checked(first["id"], who)
    assert done["receipt"] == first["receipt"]  # the receipt does not change with the check
    return resp.status_code, done


def _future_meeting() -> str:
    return (dt.date.today() + dt.timedelta(days=60)).isoformat()


def test_compliant_package_round_trip(env: Env) -> None:
    files = compliant_item()
    meeting = _future_meeting()
    status, body = _post(env, "roads", files, meeting, "1. Ремонт дорог")
    assert status == 202, body
    rec = body["receipt"]
    assert body["id"] == rec["id"]
    assert "verdict" not in rec  # the receipt is the record of delivery, not the check
    # the check is a separate record, signed once finished (tests/gate/test_receipts.py)
    assert body["check"].items() >= {"state": "done", "position": 0, "verdict": "accept"}.items()
    assert body["report"]["packages"][0]["verdict"] == "accept"
    assert rec["body"] == "Отдел дорог" and rec["version"] == 1
    assert rec["toolkit_version"] == __version__
    assert rec["profile"]["id"] == env.gate.intake.profile.id
    # every file's hash, and the package hash over the sorted manifest
    by_name = {f["name"]: f for f in rec["files"]}
    assert set(by_name) == set(files)
    for name, data in files.items():
        assert by_name[name]["sha256"] == hashlib.sha256(data).hexdigest()
        assert by_name[name]["size"] == len(data)
        stored = env.gate.store.path(by_name[name]["sha256"])
        assert stored.read_bytes() == data
    manifest = "".join(f"{hashlib.sha256(files[n]).hexdigest()}  {n}\n" for n in sorted(files))
    assert rec["package_sha256"] == hashlib.sha256(manifest.encode()).hexdigest()
    # arrival in Kazakhstan time, within this test's run
    arrival = dt.datetime.fromisoformat(rec["received_at"])
    assert arrival.utcoffset() == dt.timedelta(hours=5)
    assert abs((dt.datetime.now(ALMATY) - arrival).total_seconds()) < 120
    # deadline: the profile's number of working days before the meeting, on time
    profile = load_profile(resolve_profile_path("oskemen-2025"))
    n = profile.rules["PKG002"].params["working_days"]
    cal = WorkCalendar.from_file(resolve_profile_path("oskemen-2025").parent
                                 / profile.rules["PKG002"].params["calendar"])
    assert rec["deadline"] == cal.submission_deadline(dt.date.fromisoformat(meeting),
                                                      n).isoformat()
    assert rec["working_days_late"] == 0
    # read back
    got = env.client.get(f"/api/v1/submissions/{rec['id']}", headers=env.auth("roads")).json()
    assert got["receipt"] == rec
    report = env.client.get(f"/api/v1/submissions/{rec['id']}/report?format=json&lang=ru",
                            headers=env.auth("roads"))
    assert report.status_code == 200
    assert report.json()["lang"] == "ru"
    assert report.json()["packages"][0]["verdict"] == "accept"
    # the files as they were received, in the receipt's order
    for position, entry in enumerate(rec["files"]):
        got_file = env.client.get(f"/api/v1/submissions/{rec['id']}/files/{position}",
                                  headers=env.auth("roads"))
        assert got_file.content == files[entry["name"]]
        assert "filename*=UTF-8''" in got_file.headers["content-disposition"]
        assert got_file.headers["content-type"] == "application/octet-stream"
        assert env.client.get(f"/api/v1/submissions/{rec['id']}/files/{position}",
                              headers=env.auth("health")).status_code == 404
    assert env.client.get(f"/api/v1/submissions/{rec['id']}/files/{len(files)}",
                          headers=env.auth("roads")).status_code == 404
    text = env.client.get(f"/api/v1/submissions/{rec['id']}/report?format=text&lang=kk",
                          headers=env.auth("roads"))
    assert "қабылдау" in text.text
    # the meeting date is the item's, given by the intake service, and said so in words
    assert f"{meeting} отырысы (қабылдау қызметі)" in text.text
    assert "command line" not in text.text
    assert report.json()["packages"][0]["dates"]["source"] == "intake service"
    assert text.headers["cache-control"] == "no-store"
    assert "default-src 'none'" in text.headers["content-security-policy"]


def test_late_non_compliant_zip_and_resubmission(env: Env) -> None:
    meeting = dt.date.today() - dt.timedelta(days=1)
    status, first = _post(env, "roads", {"пакет.zip": as_zip(non_compliant_item())},
                          meeting.isoformat(), "2. Транспорт")
    assert status == 202, first
    rec = first["receipt"]
    assert first["check"]["verdict"] == "return-for-correction"
    codes = {f["code"] for p in first["report"]["packages"] for fr in p["files"]
             for f in fr["findings"]}
    assert "SLD001" in codes
    package_codes = [f["code"] for p in first["report"]["packages"] for f in p["findings"]]
    assert package_codes.count("PKG001") == 2
    profile = load_profile(resolve_profile_path("oskemen-2025"))
    params = profile.rules["PKG002"].params
    cal = WorkCalendar.from_file(resolve_profile_path("oskemen-2025").parent
                                 / params["calendar"])
    deadline = cal.submission_deadline(meeting, params["working_days"])
    today = dt.datetime.now(ALMATY).date()
    assert rec["deadline"] == deadline.isoformat()
    assert rec["working_days_late"] == cal.working_days_late(deadline, today)
    assert rec["working_days_late"] >= 1
    # a resubmission is a new version; the first stays as it was
    status, second = _post(env, "roads", compliant_item(), meeting.isoformat(), "2. Транспорт")
    assert status == 202
    assert second["receipt"]["version"] == 2
    again = env.client.get(f"/api/v1/submissions/{rec['id']}", headers=env.auth("roads"))
    assert again.json()["receipt"] == rec
    # the meeting view shows the latest version, its lateness and what is missing
    day = env.client.get(f"/api/v1/meetings/{meeting.isoformat()}?lang=en",
                         headers=env.auth("staff")).json()
    assert [i["item"] for i in day["items"]] == ["2. Транспорт"]
    item = day["items"][0]
    assert item["versions"] == 2
    assert item["latest"]["id"] == second["id"]
    assert item["latest"]["working_days_late"] == rec["working_days_late"]
    # the latest (compliant) version misses nothing; the first one missed two parts
    assert item["missing"] == []
    meetings = env.client.get("/api/v1/meetings", headers=env.auth("staff")).json()
    assert meetings["meetings"] == [{"meeting_date": meeting.isoformat(), "items": 1,
                                     "submissions": 2}]


def test_missing_parts_listed_per_language(env: Env) -> None:
    meeting = _future_meeting()
    status, _ = _post(env, "health", non_compliant_item(), meeting, "3. Здоровье")
    assert status == 202
    for lang, word in (("en", "list of participants"), ("ru", "список участников"),
                       ("kk", "қатысушылар тізімі")):
        day = env.client.get(f"/api/v1/meetings/{meeting}?lang={lang}",
                             headers=env.auth("staff")).json()
        missing = day["items"][0]["missing"]
        assert [m["code"] for m in missing] == ["PKG001", "PKG001"]
        assert any(word in m["message"].lower() for m in missing), missing


def test_a_missing_version_names_the_file_it_is_missing_for(env: Env) -> None:
    """"This file's Russian version is missing" is said with the file, in the API and on the
    meeting page; what the package as a whole lacks names no file."""
    meeting = _future_meeting()
    files = compliant_item()
    del files["Проект_постановления_рус.docx"]
    status, done = _post(env, "health", files, meeting, "4. Транспорт")
    assert status == 202
    day = env.client.get(f"/api/v1/meetings/{meeting}?lang=ru",
                         headers=env.auth("staff")).json()
    missing = day["items"][0]["missing"]
    lng = [m for m in missing if m["code"] == "LNG001"]
    assert [m["file"] for m in lng] == ["Қаулы_жобасы_қаз.docx"]
    assert "русская версия" in lng[0]["message"]
    assert all("file" not in m for m in missing if m["code"] == "PKG001")
    env.login("staff")
    page = env.client.get(f"/meetings/{meeting}?lang=ru").text
    assert ('<li><span class="file">Қаулы_жобасы_қаз.docx</span>: '
            + lng[0]["message"] + "</li>") in page
    submission = env.client.get(f"/submissions/{done['id']}?lang=kk").text
    assert '<code>LNG001</code> <span class="file">Қаулы_жобасы_қаз.docx</span>: ' in submission


def test_rules_openapi_health_and_listing(env: Env) -> None:
    assert env.client.get("/api/v1/health").json()["status"] == "ok"
    rules = env.client.get("/api/v1/rules?lang=kk", headers=env.auth("roads")).json()
    codes = {r["code"] for r in rules["rules"]}
    assert {"FIL001", "SLD001", "PKG001"} <= codes
    sld = next(r for r in rules["rules"] if r["code"] == "SLD001")
    assert sld["clause"] == "15.3"
    doc = env.client.get("/api/v1/openapi.json", headers=env.auth("roads")).json()
    assert doc["openapi"].startswith("3.")
    assert "/api/v1/submissions" in doc["paths"]
    assert "post" in doc["paths"]["/api/v1/submissions"]
    _post(env, "roads", non_compliant_item(), _future_meeting(), "A")
    _post(env, "health", non_compliant_item(), _future_meeting(), "B")
    own = env.client.get("/api/v1/submissions", headers=env.auth("roads")).json()
    assert [s["item"] for s in own["submissions"]] == ["A"]
    everything = env.client.get("/api/v1/submissions", headers=env.auth("staff")).json()
    assert sorted(s["item"] for s in everything["submissions"]) == ["A", "B"]


def test_apparatus_may_submit_for_a_body_submitter_may_not(env: Env) -> None:
    status, body = _post(env, "staff", non_compliant_item(), _future_meeting(), "C",
                         body="Отдел культуры")
    assert status == 202 and body["receipt"]["body"] == "Отдел культуры"
    status, body = _post(env, "roads", non_compliant_item(), _future_meeting(), "D",
                         body="Отдел культуры")
    assert status == 202 and body["receipt"]["body"] == "Отдел дорог"


def test_worker_killed_mid_check_gives_fil001(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.gate.conftest import make_env

    e = make_env(tmp_path, check_timeout=0.05)
    with e.client:
        status, body = _post(e, "roads", compliant_item(), _future_meeting(), "slow")
    assert status == 202, body
    rec = body["receipt"]
    assert body["check"]["verdict"] == "return-for-correction"
    files = body["report"]["packages"][0]["files"]
    assert len(files) == len(compliant_item())
    for f in files:
        assert [x["code"] for x in f["findings"]] == ["FIL001"]
        assert "did not finish within" in f["findings"][0]["evidence"]
    # registered, with the files durable in the store
    row = e.gate.register.submission(rec["id"])
    assert row is not None and len(row.files) == len(files)
    assert all(e.gate.store.verify(f.sha256) for f in row.files)
    assert json.loads(row.notes) == {"missing": []}


def _keys_from_json(report: dict) -> set[tuple[str, str, str]]:
    out = set()
    for p in report["packages"]:
        for f in p["findings"]:
            out.add((f["code"], "." if f["file"] == p["path"] else f["file"].rsplit("/", 1)[-1],
                     json.dumps(f["location"], sort_keys=True)))
        for fr in p["files"]:
            for f in fr["findings"]:
                out.add((f["code"], f["file"].rsplit("/", 1)[-1],
                         json.dumps(f["location"], sort_keys=True)))
    return out


@pytest.mark.parametrize("name", ["compliant-item", "non-compliant-item"])
def test_sample_packages_get_the_librarys_findings(env: Env, name: str) -> None:
    """The gate adds no rule logic: same findings and verdict as ``check()`` on the folder."""
    from validator.api import check
    from validator.checks.base import RunContext
    from validator.reports.json import report_dict
    from validator.settings.options import Settings

    folder = Path(__file__).resolve().parents[2] / "samples" / name
    assert folder.is_dir(), "the bundled samples are part of the repository"
    files = {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}
    meeting = dt.date(2026, 1, 20)
    status, body = _post(env, "roads", files, meeting.isoformat(), name)
    assert status == 202, body
    arrival = dt.datetime.fromisoformat(body["receipt"]["received_at"]).date()
    direct = check(folder, settings=Settings(),
                   context=RunContext(meeting_date=meeting, submitted=arrival, today=arrival))
    expected = _keys_from_json(report_dict(direct, "en"))
    assert _keys_from_json(body["report"]) == expected
    assert body["check"]["verdict"] == direct.packages[0].verdict.value
    codes = {k[0] for k in expected}
    if name == "non-compliant-item":
        assert {"FIL001", "SLD001", "SLD003", "PKG001", "PKG002"} <= codes
        assert body["receipt"]["working_days_late"] > 0
    else:  # compliant but, submitted after that meeting, late: PKG002 alone
        assert codes == {"PKG002"}
        assert body["check"]["verdict"] == "return-for-correction"
