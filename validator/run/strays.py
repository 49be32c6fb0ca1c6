"""Findings that belong to no package: a symbolic link, a pipe or an unreadable folder in a
container, a PATH that is itself a named pipe or a device, a search past its bounds.

They are stamped like any finding (the profile's severity, the catalogue's messages in kk, ru
and en) but never switched off: ``--select``, ``--ignore`` and per-file ignores do not hide
what was not read (DECISIONS.md, exit codes). Unreadable ones are FIL001, limits FIL003.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from validator.checks._refusals import message_args
from validator.core.catalogue import LANGS, format_message
from validator.core.findings import Finding, Severity, Status, fingerprint
from validator.core.location import Location
from validator.discovery.packages import Refusal
from validator.materials.roles import Localized
from validator.plain.causes import localized_cause, localized_limit
from validator.settings.profile import Profile

_NAMES = {"FIL001": "unreadable-file", "FIL003": "archive-limit"}


def _in_lang(args: Mapping[str, Any], lang: str) -> dict[str, Any]:
    return {k: v[lang] if isinstance(v, Localized) else v for k, v in args.items()}


def stray_findings(strays: Iterable[Refusal], profile: Profile) -> tuple[Finding, ...]:
    """The run's top-level findings, sorted by path."""
    out = []
    for r in strays:
        code = "FIL001" if r.unreadable else "FIL003"
        settings = profile.rules.get(code)
        args = message_args(r)
        if code == "FIL001" and r.message == "default":
            args["reason"] = localized_cause(r.reason, r.path)  # the raw reason: evidence
        elif code == "FIL003" and r.message == "default":
            args["reason"] = localized_limit(str(r.limit or ""))
        messages = tuple((lang, format_message(code, lang, r.message, _in_lang(args, lang)))
                         for lang in LANGS)
        location = Location()
        out.append(Finding(
            code=code, name=_NAMES[code],
            severity=settings.severity if settings is not None else Severity.ERROR,
            status=Status.VIOLATION, clause=settings.clause if settings is not None else None,
            package="", file=r.path, location=location, messages=messages,
            measured=r.measured, threshold=r.threshold if not isinstance(r.threshold, str)
            else None, evidence=r.reason,
            fingerprint=fingerprint(code, r.path, location, r.message)))
    return tuple(sorted(out, key=Finding.sort_key))
