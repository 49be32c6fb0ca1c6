"""Waivers the receiving office grants in its own config: a rule, the files it covers (a glob
or a content hash), a reason, and an expiry date.

A waived finding stays in the report with status ``waived`` and the reason, so nothing is
silently dropped; it no longer counts towards the verdict or the exit code. A waiver past its
expiry is not applied, and the report says so. A finding that says a file was not read
(FIL001, FIL003, a password SEC003, a needs-review marked ``not_read``) is never waived: the
report says which waiver was refused. Waivers come only from the checking side's
config: config inside a submitted package is never read (``config.discover_config``).
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from validator.core.errors import Said, WordedError
from validator.core.findings import NOT_READ, FileReport, Finding, Notice, PackageReport, Status

_KEYS = {"rule", "files", "sha256", "reason", "expires"}


@dataclass(frozen=True, slots=True)
class Waiver:
    """Permission not to apply ``rule`` (a code or prefix) to some files until ``expires``."""

    rule: str
    reason: str
    files: str | None = None
    sha256: str | None = None
    expires: dt.date | None = None

    @property
    def target(self) -> str:
        return self.files if self.files is not None else f"sha256:{self.sha256}"

    def expired(self, today: dt.date) -> bool:
        return self.expires is not None and self.expires < today

    def covers(self, f: Finding, sha256: str | None) -> bool:
        if not f.code.startswith(self.rule):
            return False
        if self.sha256 is not None:
            return sha256 is not None and sha256.lower() == self.sha256
        assert self.files is not None
        path = f.file
        name = path.rsplit("/", 1)[-1]
        return (fnmatch.fnmatchcase(path, self.files) or fnmatch.fnmatchcase(name, self.files)
                or fnmatch.fnmatchcase(path, f"*/{self.files}"))


def parse_waivers(value: Any, where: str) -> tuple[Waiver, ...]:
    """Validate the ``waivers`` array of tables of a config file."""
    if not isinstance(value, list):
        raise WordedError("config.waivers_array", where=where)
    out: list[Waiver] = []
    for i, item in enumerate(value, 1):
        at = Said("config.waiver_at", where=where, number=str(i))
        if not isinstance(item, Mapping):
            raise WordedError("config.not_table", where=at)
        unknown = set(item) - _KEYS
        if unknown:
            raise WordedError("config.unknown_key", where=at, name=sorted(unknown)[0],
                              known=", ".join(sorted(_KEYS)))
        rule = item.get("rule")
        reason = item.get("reason")
        if not isinstance(rule, str) or not rule.strip():
            raise WordedError("config.waiver.rule", where=at)
        if not isinstance(reason, str) or not reason.strip():
            raise WordedError("config.waiver.reason", where=at)
        files, sha = item.get("files"), item.get("sha256")
        if (files is None) == (sha is None):
            raise WordedError("config.waiver.files_or_sha256", where=at)
        if files is not None and (not isinstance(files, str) or not files):
            raise WordedError("config.waiver.files", where=at)
        if sha is not None and (not isinstance(sha, str) or len(sha) != 64
                                or any(c not in "0123456789abcdefABCDEF" for c in sha)):
            raise WordedError("config.waiver.sha256", where=at)
        expires = item.get("expires")
        if expires is not None and (not isinstance(expires, dt.date)
                                    or isinstance(expires, dt.datetime)):
            raise WordedError("config.waiver.expires", where=at)
        from validator.settings.codes import check_code

        check_code(rule.strip().upper(), Said("config.waiver_rule", at=at))
        out.append(Waiver(rule.strip().upper(), reason.strip(), files,
                          sha.lower() if isinstance(sha, str) else None, expires))
    return tuple(out)


def _waive(findings: Iterable[Finding], live: Sequence[Waiver],
           sha256: str | None, refused: dict[tuple[str, str], Notice]) -> tuple[Finding, ...]:
    """The findings with the live waivers applied. A finding that says a file was not read
    is never waived (fail closed): each waiver that would have covered one is noted in
    ``refused``."""
    out = []
    for f in findings:
        if f.status is not Status.WAIVED:
            for w in live:
                if not w.covers(f, sha256):
                    continue
                if f.not_read or f.code in NOT_READ:
                    refused.setdefault((w.rule, f.file), Notice(
                        "waiver.not_read", (("rule", w.rule), ("target", w.target),
                                            ("file", f.file), ("code", f.code))))
                    continue
                f = replace(f, status=Status.WAIVED, waiver=w.reason)
                break
        out.append(f)
    return tuple(out)


def apply_waivers(packages: Sequence[PackageReport], waivers: Sequence[Waiver],
                  today: dt.date) -> tuple[tuple[PackageReport, ...], tuple[Notice, ...]]:
    """Mark the findings the live waivers cover; return notices for the expired ones."""
    if not waivers:
        return tuple(packages), ()
    live = [w for w in waivers if not w.expired(today)]
    notices = tuple(
        Notice("waiver.expired", (("rule", w.rule), ("target", w.target),
                                  ("expires", w.expires.isoformat() if w.expires else ""),
                                  ("reason", w.reason)))
        for w in waivers if w.expired(today))
    out = []
    refused: dict[tuple[str, str], Notice] = {}
    for pkg in packages:
        files = tuple(_file(fr, live, refused) for fr in pkg.files)
        out.append(replace(pkg, files=files,
                           findings=_waive(pkg.findings, live, None, refused)))
    return tuple(out), notices + tuple(refused.values())


def _file(fr: FileReport, live: Sequence[Waiver],
          refused: dict[tuple[str, str], Notice]) -> FileReport:
    if not fr.findings or not live:
        return fr
    return replace(fr, findings=_waive(fr.findings, live, fr.sha256, refused))
