"""A submission's token and the queue's length are read together, in one trip to the
register; what was read beside the token serves only a caller the token names."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.gate.conftest import Env, make_env
from tests.gate.packages import non_compliant_item
from validator.gate.auth import authenticate, token_read


@pytest.fixture(params=["sqlite", "postgresql"])
def env(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Env]:
    url = request.getfixturevalue("pg_fresh") if request.param == "postgresql" else None
    # no checking process here: what is queued stays queued
    e = make_env(tmp_path, database=url, max_checks=0, max_queue=1)
    with e.client:
        yield e


def _recording(e: Env, monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The statements of every ``read`` of the register from now on, one list per call."""
    calls: list[list[str]] = []
    real = e.gate.register.read

    def read(*reads: Any) -> tuple[Any, ...]:
        calls.append([sql for r in reads for sql, _ in r.statements])
        return real(*reads)

    monkeypatch.setattr(e.gate.register, "read", read)
    return calls


def test_token_and_queue_length_are_one_read(env: Env, monkeypatch: pytest.MonkeyPatch
                                             ) -> None:
    e = env
    calls = _recording(e, monkeypatch)
    resp = e.submit("roads", non_compliant_item())
    assert resp.status_code == 202, resp.text
    # (the apparatus's calls that made the agenda item came first, each reading its token)
    counted = [call for call in calls if any("COUNT(*) FROM checks" in sql for sql in call)]
    assert len(counted) == 1  # the queue's length is read once, with the token
    assert len(counted[0]) == 2 and "FROM tokens" in counted[0][0]
    # the queue is now full (max_queue 1 and nothing is checked here): the next is refused
    # from what was read with the token
    calls.clear()
    busy = e.submit("roads", non_compliant_item())
    busy2 = e.submit("roads", non_compliant_item())
    assert [busy.status_code, busy2.status_code] == [202, 503]
    assert busy2.json()["error"]["code"] == "error.busy"


def test_a_stranger_learns_nothing_from_the_read_beside_the_token(env: Env) -> None:
    e = env
    for _ in range(2):  # the queue full
        e.submit("roads", non_compliant_item())
    forged = e.tokens["roads"][:-4] + "AAAA"
    for token in (forged, "0123456789abcdef.nothing", "not-a-token"):
        resp = e.client.post("/api/v1/submissions", headers={"Authorization": f"Bearer {token}"},
                             data={"item_id": "1"}, files=[("file", ("a.pdf", b"%PDF-1.4"))])
        assert resp.status_code == 401, token  # not 503: the queue's state is not told
        assert resp.json()["error"]["code"] == "error.unauthorized"


def test_the_token_read_alone_names_whom_the_token_was_made_for(env: Env) -> None:
    e = env
    register = e.gate.register
    roles = {"roads": "submitter", "health": "submitter", "staff": "apparatus"}
    for name, token in e.tokens.items():
        read = token_read(register, token)
        assert read is not None
        found = register.read(read)[0]
        assert found is not None and (found.body, found.role) == (e.bodies[name], roles[name])
        assert found == authenticate(register, token), name
    assert token_read(register, "no dot here") is None
    wrong = e.tokens["roads"][:-1] + ("A" if e.tokens["roads"][-1] != "A" else "B")
    read = token_read(register, wrong)
    assert read is not None and register.read(read)[0] is None


def test_a_poll_is_one_read_with_the_token(env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    e = env
    sid = e.submit("roads", non_compliant_item()).json()["id"]
    calls = _recording(e, monkeypatch)
    resp = e.client.get(f"/api/v1/submissions/{sid}", headers=e.auth("roads"))
    assert resp.status_code == 200
    assert resp.json()["check"] == {"state": "queued", "position": 1}
    assert resp.json()["receipt"]["id"] == sid
    assert len(calls) == 1  # the token, the submission, its state, receipt and decisions
    assert "FROM tokens" in calls[0][0] and len(calls[0]) > 4
    # another body's token reads the same and is told nothing more than "not found"
    other = e.client.get(f"/api/v1/submissions/{sid}", headers=e.auth("health"))
    assert other.status_code == 404 and other.json()["error"]["code"] == "error.not_found"
    stranger = e.client.get(f"/api/v1/submissions/{sid}",
                            headers={"Authorization": "Bearer 0123456789abcdef.x"})
    assert stranger.status_code == 401


def test_a_refreshing_page_is_one_read_with_the_session(env: Env,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    e = env
    sid = e.submit("roads", non_compliant_item()).json()["id"]
    e.login("roads")
    calls = _recording(e, monkeypatch)
    page = e.client.get(f"/submissions/{sid}")
    assert page.status_code == 200
    assert sid in page.text
    assert len(calls) == 1  # the session, the submission, its state, receipt and decisions
    assert "FROM sessions" in calls[0][0] and len(calls[0]) > 4
    e.client.cookies.clear()
    e.login("health")  # another body's session: the page is as if the submission were missing
    assert e.client.get(f"/submissions/{sid}").status_code == 404
    e.client.cookies.clear()
    gone = e.client.get(f"/submissions/{sid}", follow_redirects=False)
    assert gone.status_code == 303 and gone.headers["location"] == "/login"
