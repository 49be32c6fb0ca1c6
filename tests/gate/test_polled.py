"""What a waiting client reads on every poll, read together, equals each read alone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.gate.conftest import Env, make_env
from tests.gate.packages import compliant_item
from validator.gate import decisions
from validator.gate.auth import Principal, authenticate
from validator.gate.polled import polled


@pytest.fixture(params=["sqlite", "postgresql"])
def env(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Env]:
    url = request.getfixturevalue("pg_fresh") if request.param == "postgresql" else None
    e = make_env(tmp_path, database=url, check_timeout=60.0)
    with e.client:  # its checks run
        yield e


def _who(e: Env, name: str) -> Principal:
    found = authenticate(e.gate.register, e.tokens[name])
    assert found is not None
    return found


def test_a_poll_reads_what_each_read_alone_gives(env: Env) -> None:
    e = env
    sid = e.submit("roads", compliant_item()).json()["id"]
    e.checked(sid)
    staff = _who(e, "staff")
    decisions.record(e.gate.register, sid, "returned", "Нет таблицы", staff.body)
    found = polled(e.gate, _who(e, "roads"), sid)
    assert found is not None
    # the row as the listing reads it (one transaction), with its item's responsible body
    listed = [r for r in e.gate.register.submissions(body="Отдел дорог") if r.id == sid]
    assert [found.row] == listed
    assert found.row.bodies == ("Отдел дорог",)
    assert sorted(f.name for f in found.row.files) == sorted(compliant_item())
    assert found.row.check_state == "done" and found.row.checked
    assert found.status == e.gate.queue.status(sid)
    assert found.status is not None and found.status.state == "done"
    assert found.receipt == e.gate.receipts.issue(found.row)
    assert found.receipt["id"] == sid and found.receipt["signature"]
    assert [(d.number, d.decision, d.reason) for d in found.decisions] == [
        (1, "returned", "Нет таблицы")]
    assert found.decisions == decisions.history(e.gate.register, sid)


def test_a_poll_of_what_the_reader_may_not_see_is_none(env: Env) -> None:
    e = env
    sid = e.submit("roads", compliant_item()).json()["id"]
    assert polled(e.gate, _who(e, "health"), sid) is None  # another body's: as if missing
    assert polled(e.gate, _who(e, "roads"), "0" * 24) is None
    assert polled(e.gate, _who(e, "staff"), sid) is not None  # the apparatus sees all


def test_a_receipt_missing_from_an_old_register_is_issued_only_for_its_reader(env: Env
                                                                               ) -> None:
    e = env
    sid = e.submit("roads", compliant_item()).json()["id"]
    with e.gate.register.transaction() as cur:  # as registered before receipts were signed
        cur.execute("DELETE FROM receipts WHERE submission_id = ?", (sid,))
    assert polled(e.gate, _who(e, "health"), sid) is None
    assert e.gate.register.query("SELECT 1 FROM receipts WHERE submission_id = ?",
                                 (sid,)) == []  # nothing issued for a reader who may not see it
    found = polled(e.gate, _who(e, "roads"), sid)
    assert found is not None and found.receipt["id"] == sid
    stored = e.gate.register.query("SELECT receipt FROM receipts WHERE submission_id = ?",
                                   (sid,))
    assert len(stored) == 1
    again = polled(e.gate, _who(e, "roads"), sid)
    assert again is not None and again.receipt == found.receipt  # served as issued
