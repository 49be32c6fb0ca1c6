"""A package manifest: the meeting's dates written into the item package itself.

An item package (folder or zip) may carry ``manifest.toml`` at its top level:

    meeting_date = 2026-03-12     # TOML date
    extraordinary = false         # optional
    submitted = 2026-03-04        # optional: the day the materials were submitted

The command line (``--meeting-date``, ``--submitted``, ``--extraordinary``) wins over the
manifest, and the manifest over the meeting date a folder name carries (``2026-03-12/``, see
``validator.discovery.packages``). A manifest that cannot be read, for any reason (not UTF-8
TOML, unknown
keys, wrong types, nesting too deep for the reader, too large), is reported (PKG002,
needs-review) instead of guessed around, with why in every report language (``manifest.*``
of the catalogue). The file is small data, parsed with the standard TOML
reader after a size check; it is not configuration (no rule or threshold can be set from
inside a package).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from validator.calendar.workdays import check_year
from validator.core.errors import Said, WordedError, WordedValueError
from validator.core.tomlfile import os_reason, parse_toml
from validator.materials.roles import MANIFEST as MANIFEST_NAME

if TYPE_CHECKING:
    from validator.checks.base import RunContext
    from validator.files.member import Member

MAX_MANIFEST_BYTES = 65536
__all__ = ["MANIFEST_NAME", "Manifest", "ManifestError", "apply_manifest", "find_manifest",
           "read_manifest", "unreadable_manifest"]
_KEYS = frozenset({"meeting_date", "extraordinary", "submitted"})


class ManifestError(WordedValueError):
    """What makes a manifest unreadable, said in every language; the English names the
    manifest's path first."""


@dataclasses.dataclass(frozen=True, slots=True)
class Manifest:
    meeting: dt.date | None
    extraordinary: bool
    submitted: dt.date | None


def find_manifest(package_path: str, members: Sequence[Member]) -> Member | None:
    """The manifest at the package's top level, if any."""
    for member in members:
        if member.path == (f"{package_path}/{MANIFEST_NAME}" if package_path
                           else MANIFEST_NAME):
            return member
    return None


def _date(data: dict[str, Any], key: str, path: str) -> dt.date | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise ManifestError("manifest.date", path=path, key=key)
    try:
        check_year(value)
    except WordedError as exc:
        raise ManifestError("manifest.at", path=path, problem=exc.phrase) from None
    return value


def _raw(member: Member) -> bytes:
    """The manifest's bytes: at most ``MAX_MANIFEST_BYTES``."""
    if member.size() > MAX_MANIFEST_BYTES:
        raise ManifestError("manifest.too_large", path=member.path,
                            limit=str(MAX_MANIFEST_BYTES))
    with member.open() as fh:
        raw = fh.read(MAX_MANIFEST_BYTES + 1)
    if len(raw) > MAX_MANIFEST_BYTES:
        raise ManifestError("manifest.too_large", path=member.path,
                            limit=str(MAX_MANIFEST_BYTES))
    return raw


def _parse(member: Member) -> Manifest:
    path = member.path
    try:
        data = parse_toml(_raw(member), path, "manifest")  # not UTF-8, not TOML: worded
    except RecursionError:
        raise ManifestError("manifest.too_deep", path=path) from None
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise ManifestError("manifest.unknown_keys", path=path, keys=", ".join(unknown),
                            allowed=", ".join(sorted(_KEYS)))
    meeting = _date(data, "meeting_date", path)
    submitted = _date(data, "submitted", path)
    extraordinary = data.get("extraordinary", False)
    if not isinstance(extraordinary, bool):
        raise ManifestError("manifest.extraordinary", path=path)
    return Manifest(meeting, extraordinary, submitted)


def read_manifest(member: Member) -> Manifest | Said:
    """The manifest, or why it cannot be read, as a phrase every report language can say
    (any failure: the file is a stranger's)."""
    try:
        return _parse(member)
    except WordedError as exc:
        return exc.phrase
    except OSError as exc:
        return Said("manifest.unreadable", path=member.path, reason=os_reason(exc))
    except Exception as exc:  # a reader's failure on hostile input is a finding, not a crash
        return unreadable_manifest(member.path, exc)


def unreadable_manifest(path: str, exc: BaseException) -> Said:
    """Why a manifest could not be read when its reader failed in an unforeseen way."""
    return Said("manifest.failed", path=path, detail=type(exc).__name__)


def apply_manifest(context: RunContext, package_path: str, members: Sequence[Member],
                   folder: tuple[dt.date, str] | None = None) -> RunContext:
    """The run context for one package: the command line's dates, else the manifest's, else
    the meeting date of the folder the package sits in (``folder``: date and folder)."""
    if context.meeting_date is not None:
        return context
    member = find_manifest(package_path, members)
    manifest = read_manifest(member) if member is not None else None
    if isinstance(manifest, Said):
        return dataclasses.replace(context, manifest_error=manifest)
    if manifest is not None and manifest.meeting is not None:
        return dataclasses.replace(
            context, meeting_date=manifest.meeting,
            extraordinary=context.extraordinary or manifest.extraordinary,
            submitted=context.submitted or manifest.submitted, dates_source=member.path
            if member is not None else context.dates_source)
    if folder is None:
        return context
    return dataclasses.replace(
        context, meeting_date=folder[0], dates_source=folder[1],
        extraordinary=context.extraordinary or bool(manifest and manifest.extraordinary),
        submitted=context.submitted or (manifest.submitted if manifest else None))
