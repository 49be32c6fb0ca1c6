"""One submission: uploaded files -> durable store -> register row and queued check -> receipt.

Order matters for crash safety: the files are streamed into the content store (hashed while
written, fsynced, renamed to their address) first, and only then is the register row
committed in one transaction with its file rows and its check in the queue (``jobs``). A
crash before the commit leaves unreferenced blobs but never a row without its files, nor a
row whose check is not queued. The receipt is returned at once; the check runs later in a
worker (``dispatcher``), which stores the report with ``save_report`` and records it with
the verdict. An upload cut short or over the size limit leaves no temporary file
(``ContentStore.stage``); a package's files are written first and made durable together
(``ContentStore.place``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
import time
import unicodedata
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from validator.checks.base import RunContext
from validator.checks.late_submission import submission_dates
from validator.core.catalogue import LANGS
from validator.core.errors import ConfigError
from validator.core.findings import Report, Verdict
from validator.core.version import __version__
from validator.discovery.rules import is_archive, is_package
from validator.gate.register import FileRow, Register, SubmissionRow, Then
from validator.gate.several import several_items
from validator.gate.store import ContentStore, Staged, TooLarge, Vanished
from validator.gate.worker import StoredFile
from validator.settings.profile import Profile

#: Arrival times are stated in Kazakhstan time (UTC+5 across the country since 2024).
ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
#: Rules whose findings say what is missing from a package (and in which language).
MISSING_PREFIXES = ("PKG001", "LNG")
_CHUNK = 1 << 20
#: Deadline answers an ``Intake`` keeps (a few meetings and days; then it starts again).
DATES_KEPT = 256


class IntakeError(Exception):
    """A submission the gate refuses; ``key`` names the message in the gate's catalogue."""

    def __init__(self, status: int, key: str, **args: Any) -> None:
        super().__init__(key)
        self.status = status
        self.key = key
        self.args_ = args


@dataclass(frozen=True)
class Target:
    """The agenda item a submission goes to: its id, its meeting's id and kind."""

    item_id: str
    meeting_id: str
    kind: str


@dataclass(frozen=True)
class Upload:
    """A file as received: its safe name and an open binary stream."""

    name: str
    stream: BinaryIO




#: Characters refused in names and titles: controls, format characters (the bidirectional
#: overrides and isolates such as U+202E, which show "Дороги" as "игороД", zero-width
#: characters) and line or paragraph separators.
_REFUSED_CATEGORIES = ("Cc", "Cf", "Zl", "Zp")


def check_text(value: str, limit: int) -> str | None:
    """``value`` (NFC, trimmed) when it is 1 to ``limit`` characters with nothing that
    changes how it is shown; None otherwise."""
    value = unicodedata.normalize("NFC", value).strip()
    if not value or len(value) > limit:
        return None
    if any(unicodedata.category(c) in _REFUSED_CATEGORIES for c in value):
        return None
    return value


def check_item(item: str) -> str:
    checked = check_text(item, 200)
    if checked is None:
        raise IntakeError(400, "error.item")
    return checked


def check_body(body: str) -> str:
    checked = check_text(body, 200)
    if checked is None:
        raise IntakeError(400, "error.body")
    return checked


def parse_meeting_date(text: str) -> dt.date:
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise IntakeError(400, "error.meeting_date") from None
    if not 2000 <= day.year <= 2100:
        raise IntakeError(400, "error.meeting_date")
    return day


def package_digest(files: Sequence[StoredFile]) -> str:
    """SHA-256 of the package: over ``<sha256>  <name>`` lines sorted by name (UTF-8)."""
    lines = "".join(f"{f.sha256}  {f.name}\n" for f in sorted(files, key=lambda f: f.name))
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


def _missing(report: Report) -> list[dict[str, str]]:
    """What the package lacks, in every language, with the file a finding is about (its name
    as submitted; none for the package as a whole): "this file's Russian version is missing"
    says nothing without it."""
    out = []
    for f in report.all_findings():
        if f.code.startswith(MISSING_PREFIXES) and f.status.value != "waived":
            entry = {"code": f.code, **{lang: f.message(lang) for lang in LANGS}}
            if f.file:
                entry["file"] = f.file
            out.append(entry)
    return out


def receipt_dates(profile: Profile, meeting: dt.date, submitted: dt.date,
                  extraordinary: bool = False) -> tuple[str | None, int | None]:
    """Deadline and working days late, from the dates alone (the engine's PKG002 arithmetic,
    with the profile's parameters); (None, None) when the profile sets no deadline."""
    settings = profile.rules.get("PKG002")
    if settings is None:
        return None, None
    context = RunContext(meeting_date=meeting, submitted=submitted, today=submitted,
                         extraordinary=extraordinary)
    try:
        dates = submission_dates(context, settings.params)
    except ConfigError:
        return None, None
    if dates is None:
        return None, None
    return dates.deadline.isoformat(), dates.days_late


def check_notes(report: Report) -> str:
    """What the register keeps beside a check's verdict: the missing parts per language."""
    return json.dumps({"missing": _missing(report)}, ensure_ascii=False)


def loose_files(files: Sequence[Any], profile: Profile) -> bool:
    """Whether submitted files (with ``name``) form no package: no document, no manifest and
    no zip; the check then names each file (an executable is FIL002's error)."""
    names = [f.name for f in files]
    if not names or any(is_archive(n) for n in names) or profile.discovery is None:
        return False
    return not is_package(names, {}, profile.discovery)


def worst_verdict(report: Report, loose: bool = False) -> Verdict:
    """A submission's verdict: its package's. A submission with no package (nothing found,
    or ``loose`` files checked one by one) is never better than needs review."""
    if not report.packages:
        return Verdict.NEEDS_REVIEW
    worst = max((p.verdict for p in report.packages), key=lambda v: v.rank)
    if loose and worst.rank < Verdict.NEEDS_REVIEW.rank:
        return Verdict.NEEDS_REVIEW
    return worst


@dataclass(frozen=True)
class Intake:
    """Everything a submission needs; shared by the API and the form."""

    data: Path
    register: Register
    store: ContentStore
    profile: Profile
    profile_path: Path
    max_bytes: int
    #: Deadline and lateness by (meeting, arrival day, extraordinary): on deadline day every
    #: receipt asks the same, and the answer needs the calendar file read and parsed.
    _dates: dict[tuple[dt.date, dt.date, bool], tuple[str | None, int | None]] = field(
        default_factory=dict, repr=False, compare=False)

    def submit(self, body: str, meeting: dt.date, item: str,
               uploads: Sequence[Upload], target: Target | None = None,
               then: Then | None = None) -> SubmissionRow:
        """Store and register one package with its check queued; IntakeError if refused.
        ``target`` names the agenda item (None: the free ``item`` of an apparatus token);
        ``then`` runs in the registering transaction (the signed receipt)."""
        arrival = dt.datetime.now(ALMATY).replace(microsecond=0)
        stored = self.receive(uploads)
        packages = several_items({f.name: self.store.path(f.sha256) for f in stored},
                                 self.profile.discovery)
        if packages:
            raise IntakeError(400, "agenda.error.several_items", packages=", ".join(packages))
        return self.register_package(body, meeting, item, stored, arrival, then, target)

    def register_package(self, body: str, meeting: dt.date, item: str,
                         stored: Sequence[StoredFile], arrival: dt.datetime | None = None,
                         then: Then | None = None, target: Target | None = None
                         ) -> SubmissionRow:
        """Register files already durable in the store as the item's next version, its check
        queued (a pre-check's files submitted as they are, or ``submit``'s uploads); ``then``
        runs in the registering transaction (the signed receipt)."""
        if arrival is None:
            arrival = dt.datetime.now(ALMATY).replace(microsecond=0)
        extraordinary = target is not None and target.kind == "extraordinary"
        deadline, late = self.dates(meeting, arrival.date(), extraordinary)
        row = SubmissionRow(
            id=secrets.token_hex(12), body=body, meeting_date=meeting.isoformat(), item=item,
            version=0, received_at=arrival.isoformat(), package_sha256=package_digest(stored),
            verdict="", deadline=deadline, days_late=late,
            lateness_unit="working days" if late is not None else None,
            tool_version=__version__, profile_id=self.profile.id,
            profile_version=self.profile.version, report_sha256="", notes="{}",
            files=tuple(FileRow(i, f.name, f.sha256, f.size) for i, f in enumerate(stored)),
            check_state="queued",
            item_id=target.item_id if target else None,
            meeting_id=target.meeting_id if target else None,
            meeting_kind=target.kind if target else "regular",
        )
        return self.register.insert_submission(row, queued_at=time.time(), then=then)

    def dates(self, meeting: dt.date, submitted: dt.date, extraordinary: bool
              ) -> tuple[str | None, int | None]:
        """``receipt_dates`` with this gate's profile, each answer worked out once (the
        profile and its calendar are read when the gate starts)."""
        key = (meeting, submitted, extraordinary)
        found = self._dates.get(key)
        if found is None:
            found = receipt_dates(self.profile, meeting, submitted, extraordinary)
            if len(self._dates) >= DATES_KEPT:
                self._dates.clear()
            self._dates[key] = found
        return found

    def receive(self, uploads: Sequence[Upload]) -> list[StoredFile]:
        """Store a package's uploads durably, bounded by ``max_bytes`` in all (the same checks
        and limits for a submission and a pre-check); IntakeError if refused."""
        if not uploads:
            raise IntakeError(400, "error.no_files")
        names = [u.name for u in uploads]
        if len(set(names)) != len(names):
            raise IntakeError(400, "error.duplicate_name")
        starts = [up.stream.tell() if up.stream.seekable() else 0 for up in uploads]
        staged = self._stage(uploads, reuse=True)
        try:
            try:
                # All written first, then made durable together (``ContentStore.place``).
                self.store.place(staged)
            except Vanished as gone:
                # Content found stored was removed as unused before it was placed: those
                # files (streams that can seek: only those are looked up) are written now.
                for n, (up, item) in enumerate(zip(uploads, staged, strict=True)):
                    if item.path is None and item.sha256 in gone.addresses:
                        up.stream.seek(starts[n])
                        staged[n] = self.store.stage(up.stream, item.size,
                                                     self.data / "tmp", reuse=False)
                self.store.place(staged)
        except BaseException:
            self.store.discard(staged)
            raise
        return [StoredFile(up.name, item.size, item.sha256)
                for up, item in zip(uploads, staged, strict=True)]

    def _stage(self, uploads: Sequence[Upload], reuse: bool) -> list[Staged]:
        """Every upload staged within ``max_bytes`` in all (``ContentStore.stage``);
        IntakeError 413 past it, and nothing kept."""
        total = 0
        staged: list[Staged] = []
        try:
            for up in uploads:
                item = self.store.stage(up.stream, self.max_bytes - total, self.data / "tmp",
                                        reuse=reuse)
                staged.append(item)
                total += item.size
        except TooLarge:
            self.store.discard(staged)
            raise IntakeError(413, "error.too_large") from None
        except BaseException:
            self.store.discard(staged)
            raise
        return staged

    def save_report(self, report: Report) -> str:
        """Store a check's report (the JSON report's stored form); return its address."""
        return self.store.put_report(report)

    def report(self, row: SubmissionRow) -> Report:
        """The stored report of a submission (verified against its address)."""
        return self.store.read_report(row.report_sha256)


def receipt(row: SubmissionRow) -> dict[str, Any]:
    """The receipt of a submission: the record of delivery, before ``receipts`` signs it."""
    return {
        "id": row.id,
        "body": row.body,
        "meeting_date": row.meeting_date,
        "item": row.item,
        "item_id": row.item_id,
        "meeting_id": row.meeting_id,
        "version": row.version,
        "received_at": row.received_at,
        "files": [{"name": f.name, "sha256": f.sha256, "size": f.size} for f in row.files],
        "package_sha256": row.package_sha256,
        "package_sha256_method": "sha256 of '<sha256>  <name>\\n' lines sorted by name",
        "toolkit_version": row.tool_version,
        "profile": {"id": row.profile_id, "version": row.profile_version},
        "deadline": row.deadline,
        "working_days_late": row.days_late,
    }
