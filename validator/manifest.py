"""A package manifest: the meeting date written into the item package itself.

An item package (folder or zip) may carry ``manifest.toml`` at its top level:

    meeting_date = 2026-03-12     # TOML date
    extraordinary = false         # optional

The command line (``--meeting-date``, ``--extraordinary``) wins over the manifest. The
submission date never comes from the package: it is the receiving side's fact. A manifest
that cannot be read is reported (PKG002, needs-review) instead of guessed around. The file is
small data, parsed with the standard TOML reader after a size check; it is not configuration
(no rule or threshold can be set from inside a package).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tomllib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from validator.workdays import check_year

if TYPE_CHECKING:
    from validator.document import Member
    from validator.engine import RunContext

MANIFEST_NAME = "manifest.toml"
MAX_MANIFEST_BYTES = 65536
_KEYS = frozenset({"meeting_date", "extraordinary"})


def find_manifest(package_path: str, members: Sequence[Member]) -> Member | None:
    """The manifest at the package's top level, if any."""
    for member in members:
        if member.path == f"{package_path}/{MANIFEST_NAME}":
            return member
    return None


def _parse(member: Member) -> tuple[dt.date | None, bool]:
    if member.size() > MAX_MANIFEST_BYTES:
        raise ValueError(f"larger than {MAX_MANIFEST_BYTES} bytes")
    with member.open() as fh:
        raw = fh.read(MAX_MANIFEST_BYTES + 1)
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"not valid UTF-8 TOML: {exc}") from None
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise ValueError(f"unknown key(s) {', '.join(unknown)}; allowed: meeting_date, "
                         "extraordinary")
    meeting = data.get("meeting_date")
    if meeting is not None and (not isinstance(meeting, dt.date)
                                or isinstance(meeting, dt.datetime)):
        raise ValueError("meeting_date must be a TOML date such as 2026-03-12")
    if meeting is not None:
        check_year(meeting)
    extraordinary = data.get("extraordinary", False)
    if not isinstance(extraordinary, bool):
        raise ValueError("extraordinary must be true or false")
    return meeting, extraordinary


def apply_manifest(context: RunContext, package_path: str,
                   members: Sequence[Member]) -> RunContext:
    """The run context for one package: the manifest's meeting date unless one was given."""
    if context.meeting_date is not None:
        return context
    member = find_manifest(package_path, members)
    if member is None:
        return context
    try:
        meeting, extraordinary = _parse(member)
    except (ValueError, OSError) as exc:
        return dataclasses.replace(context, manifest_error=f"{member.path}: {exc}")
    if meeting is None:
        return context
    return dataclasses.replace(context, meeting_date=meeting,
                               extraordinary=context.extraordinary or extraordinary,
                               dates_source=member.path)
