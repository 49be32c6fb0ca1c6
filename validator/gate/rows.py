"""The register's rows as frozen values: tokens, submissions and their files."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class TokenRow:
    token_id: str
    token_hash: str
    body: str
    role: str
    created_at: str
    #: The body record the token belongs to (``bodies.id``).
    body_id: str | None = None


@dataclass(frozen=True)
class FileRow:
    position: int
    name: str
    sha256: str
    size: int


@dataclass(frozen=True)
class SubmissionRow:
    """One version of one item's package as the register keeps it."""

    id: str
    body: str
    meeting_date: str
    item: str
    version: int
    received_at: str
    package_sha256: str
    verdict: str
    deadline: str | None
    days_late: int | None
    lateness_unit: str | None
    tool_version: str
    profile_id: str
    profile_version: str
    report_sha256: str
    notes: str
    files: tuple[FileRow, ...] = ()
    #: The state of its check: queued, checking, done or failed (``verdict``,
    #: ``report_sha256`` and ``notes`` are empty until it is done or failed).
    check_state: str = "done"
    #: The agenda item and meeting submitted to (None: a free item of an apparatus token);
    #: ``item`` is then the item's title.
    item_id: str | None = None
    meeting_id: str | None = None
    #: The meeting's kind (regular or extraordinary: clause 16, no 5-working-day rule).
    meeting_kind: str = "regular"
    #: The names of the bodies responsible for the item (they see all its versions).
    bodies: tuple[str, ...] = ()
    #: The agenda item's number, read with the row (None: a free item, whose number, if it
    #: has one, is written in ``item`` itself: "12. Title"). The register orders and names
    #: an agenda item by it (``listing.item_label``).
    item_number: str | None = None

    @property
    def checked(self) -> bool:
        return self.check_state in ("done", "failed")

    @property
    def notes_data(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.notes)
        return data
