"""Stamping: a check's ``Hit`` becomes a ``Finding`` with the severity and clause the profile
gives and the message in every language, for one profile and one set of user settings.

The user's settings choose rules (``select``, ``ignore``, per-file-ignores), except those
that report files which were not read (``ALWAYS_ON``): such findings are ``not_read`` and no
option hides them (fail closed, as a linter's syntax errors). ``failure_hit`` is what an
exception inside a file rule becomes.
"""

from __future__ import annotations

from typing import Any

from validator.checks.base import Hit, Rule
from validator.core.catalogue import LANGS, format_message
from validator.core.errors import EncryptedError, LimitError, UnreadableError
from validator.core.findings import NOT_READ, NOT_READ_OR_LOCKED, Finding, fingerprint
from validator.materials.roles import Localized
from validator.plain.causes import localized_cause, localized_limit
from validator.settings.options import Settings
from validator.settings.profile import Profile

#: Rules that report files, or texts, which were not read. They run whatever ``select``,
#: ``ignore`` and per-file-ignores say (fail closed, like a linter's syntax errors). FIL002
#: is one: it says that a legacy file was not converted (no LibreOffice) and that scanned
#: pages were not read. What these rules say about a file that was read (SEC003's
#: ``restricted`` note, FIL002's executable or non-material file) still follows the user's
#: choice: ``Stamper.stamp`` keeps only their ``not_read`` findings when the rule is not chosen.
ALWAYS_ON = NOT_READ_OR_LOCKED | {"FIL002"}


def not_read_hit(code: str, hit: Hit) -> bool:
    """Whether a hit of rule ``code`` says that a file (or its text) was not read."""
    return (hit.not_read or code in NOT_READ
            or (code == "SEC003" and hit.case == "password"))


class Stamper:
    """Turns hits into findings for one profile and one set of user settings."""

    def __init__(self, profile: Profile, settings: Settings) -> None:
        self.profile = profile
        self.settings = settings

    def active(self, rule: Rule) -> bool:
        """Whether ``rule`` runs: the profile lists it, and the user chose it (or it reports
        unread files, which no option switches off)."""
        return rule.code in self.profile.rules and (
            self.settings.enabled(rule.code) or rule.code in ALWAYS_ON)

    def stamp(self, rule: Rule, hit: Hit, package: str, file: str) -> Finding | None:
        """The finding for ``hit``; None when the user's options leave it out (never for a
        hit that says a file was not read)."""
        path = hit.file or file
        unread = not_read_hit(rule.code, hit)
        if not unread and (not self.settings.enabled(rule.code)
                           or self.settings.ignored_for(rule.code, path)):
            return None
        rs = self.profile.rules[rule.code]
        args: dict[str, Any] = {"measured": hit.measured, "threshold": hit.threshold,
                                "unit": hit.unit or ""}
        args.update(hit.args)
        evidence = hit.evidence
        if rule.code == "FIL001" and hit.message == "default" and "reason" in args:
            evidence = evidence or str(args["reason"])  # the raw reason stays in evidence
            args["reason"] = localized_cause(str(args["reason"]), path)
        elif rule.code == "FIL003" and hit.message == "default" and "reason" in args:
            evidence = evidence or str(args["reason"])
            args["reason"] = localized_limit(str(args.get("limit", "")))
        messages = tuple((lang, format_message(rule.code, lang, hit.message, _in_lang(args, lang)))
                         for lang in LANGS)
        return Finding(
            code=rule.code,
            name=rule.name,
            severity=rs.severity_for(hit.case),
            status=hit.status,
            clause=rs.clause,
            package=package,
            file=path,
            location=hit.location,
            messages=messages,
            measured=hit.measured,
            threshold=hit.threshold,
            unit=hit.unit,
            evidence=evidence,
            fingerprint=fingerprint(rule.code, path, hit.location, hit.fingerprint_extra,
                                    hit.fingerprint_key),
            locations=hit.locations if len(hit.locations) > 1 else (),
            root=hit.root,
            not_read=unread,
        )


def _in_lang(args: dict[str, Any], lang: str) -> dict[str, Any]:
    """Resolve ``Localized`` arguments (a text per language) for one message language."""
    return {k: v[lang] if isinstance(v, Localized) else v for k, v in args.items()}


def unreadable_hit(reason: str) -> Hit:
    """The FIL001 "could not be read" hit: ``reason`` is its evidence and its message's
    argument. Every place that finds a file unreadable (a rule, a view, a worker, the parent)
    builds it here."""
    return Hit(evidence=reason, args={"reason": reason})


def limit_hit(exc: LimitError) -> Hit:
    """The FIL003 hit of a reading limit reached (``LimitError``)."""
    return Hit(measured=exc.measured,
               threshold=exc.threshold if not isinstance(exc.threshold, str) else None,
               evidence=str(exc), args={"reason": str(exc), "limit": exc.limit})


def failure_hit(exc: Exception, rule: Rule) -> tuple[str, Hit]:
    """The rule code and hit an exception inside ``rule`` becomes (fail closed)."""
    if isinstance(exc, EncryptedError):
        return "SEC003", Hit(evidence=str(exc), case="password", args={"reason": str(exc)})
    if isinstance(exc, LimitError):
        return "FIL003", limit_hit(exc)
    if isinstance(exc, UnreadableError):
        reason = str(exc)
    else:
        reason = f"{rule.code} could not finish: {type(exc).__name__}: {exc}"
    return "FIL001", unreadable_hit(reason)
