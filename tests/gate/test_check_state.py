"""The check state the API and pages show is one snapshot of the register row.

A check can end between reading a submission's row and reading its place in the queue; the
answer must then still be consistent: never "done" without the verdict that came with it."""

from __future__ import annotations

from validator.gate.jobs import CheckStatus
from validator.gate.rows import SubmissionRow
from validator.gate.views import check_dict


def row(state: str, verdict: str = "") -> SubmissionRow:
    return SubmissionRow(
        id="s1", body="Отдел дорог", meeting_date="2030-03-05", item="1", version=1,
        received_at="2030-02-20T10:00:00+05:00", package_sha256="0" * 64, verdict=verdict,
        deadline=None, days_late=None, lateness_unit=None, tool_version="0", profile_id="p",
        profile_version="1", report_sha256="", notes="", check_state=state)


def test_check_ending_between_the_two_reads_is_not_done_without_verdict() -> None:
    got = check_dict(row("checking"), CheckStatus("done", 0, 1))
    assert got == {"state": "checking", "position": 0}


def test_done_row_carries_its_verdict_whatever_the_queue_says() -> None:
    got = check_dict(row("done", "accept"), CheckStatus("done", 0, 1))
    assert got == {"state": "done", "position": 0, "verdict": "accept"}
    failed = check_dict(row("failed", "needs-review"), None)
    assert failed == {"state": "failed", "position": 0, "verdict": "needs-review"}


def test_queued_row_shows_its_place_in_the_queue() -> None:
    assert check_dict(row("queued"), CheckStatus("queued", 3, 0)) == {
        "state": "queued", "position": 3}
    # taken by a worker since the row was read: no stale place is shown
    assert check_dict(row("queued"), CheckStatus("checking", 0, 1)) == {
        "state": "queued", "position": 0}
