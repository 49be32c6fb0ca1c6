"""Value objects of a check run: severities, locations, findings and reports.

Everything here is frozen and picklable, so a file can be read in a worker process and its
result cached by content hash. The JSON vocabulary (``error``, ``needs-review``, ...) is the
public contract documented in docs/REPORT_FORMAT.md; the enums carry exactly those words.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from validator.core.coverage import ClauseCoverage
from validator.core.location import Box as Box
from validator.core.location import Location as Location
from validator.core.location import Measured as Measured
from validator.core.location import Root as Root
from validator.core.pickled import by_fields


class Severity(enum.IntEnum):
    """How serious a finding is; ordered so that ``>=`` reads naturally."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        """Return the severity named ``text`` (``error``, ``warning``, ``info``)."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            choices = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {text!r} (expected one of: {choices})") from None


class Status(enum.StrEnum):
    """Whether a finding is a measured violation, an undecidable case, or waived."""

    VIOLATION = "violation"
    NEEDS_REVIEW = "needs-review"
    WAIVED = "waived"


class FileState(enum.StrEnum):
    UNREADABLE = "unreadable"
    NON_COMPLIANT = "non-compliant"
    NEEDS_REVIEW = "needs-review"
    COMPLIANT = "compliant"


class Verdict(enum.StrEnum):
    """A package's verdict; the worst finding decides (see ``verdict_for``)."""

    ACCEPT = "accept"
    ACCEPT_WITH_NOTES = "accept-with-notes"
    NEEDS_REVIEW = "needs-review"
    RETURN_FOR_CORRECTION = "return-for-correction"

    @property
    def rank(self) -> int:
        return _VERDICT_RANK[self]


_VERDICT_RANK = {
    Verdict.ACCEPT: 0,
    Verdict.ACCEPT_WITH_NOTES: 1,
    Verdict.NEEDS_REVIEW: 2,
    Verdict.RETURN_FOR_CORRECTION: 3,
}


@by_fields  # a reader process sends hundreds
@dataclass(frozen=True, slots=True)
class Finding:
    """One rule's verdict on one problem, stamped with severity, clause and message.

    A problem with one root shows at several places (a slide master's style on every slide):
    ``locations`` lists them all in order, ``location`` is the first, ``root`` says where the
    value lives. Most findings have one place and no root.
    """

    code: str
    name: str
    severity: Severity
    status: Status
    clause: str | None
    package: str
    file: str
    location: Location
    messages: tuple[tuple[str, str], ...]
    measured: Measured = None
    threshold: Measured = None
    unit: str | None = None
    evidence: str = ""
    fingerprint: str = ""
    waiver: str | None = None
    locations: tuple[Location, ...] = ()
    root: Root | None = None

    @property
    def places(self) -> tuple[Location, ...]:
        """Every place the finding shows at, in order (``location`` is the first)."""
        return self.locations or (self.location,)
    #: The finding says the file (or its text) was not read: no option, waiver or failing
    #: level hides it, and it always fails the run (``outcome.exit_code``).
    not_read: bool = False

    def sort_key(self) -> tuple[str, tuple[int, int, str, int, str], str]:
        return (self.file, self.location.sort_key(), self.code)

    def message(self, lang: str) -> str:
        """The message in ``lang`` (kk, ru or en), falling back to English."""
        texts = dict(self.messages)
        return texts.get(lang) or texts.get("en", "")


def number_ranges(numbers: Iterable[int]) -> str:
    """``2-8, 11`` from numbers such as slide numbers (sorted, each once)."""
    spans: list[list[int]] = []
    for n in sorted(set(numbers)):
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)


def fingerprint(code: str, file: str, location: Location, extra: str = "",
                key: str | None = None) -> str:
    """Return a stable identifier of a finding's place (not of its wording).

    ``key``, when a rule gives one, replaces the place: a finding with a root is keyed by the
    root, a per-slide finding by the slide's part rather than its position, so adding a slide
    elsewhere in the deck changes neither.
    """
    if key is not None:
        return hashlib.sha256(f"{code}|{file}|{key}".encode()).hexdigest()[:16]
    key = "|".join(
        (
            code,
            file,
            str(location.slide or ""),
            str(location.page or ""),
            str(location.shape_id if location.shape_id is not None else location.shape or ""),
            str(location.sheet or ""),
            str(location.cell or ""),
            str(location.part or "") if location.slide is None else "",
            extra,
        )
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


@by_fields  # one per file from its reader process
@dataclass(frozen=True, slots=True)
class FileReport:
    """What was found in one file of a package."""

    path: str
    format: str
    kind: str
    size: int
    sha256: str
    findings: tuple[Finding, ...]
    role: str | None = None
    role_reason: str | None = None
    language: str | None = None
    language_shares: dict[str, float] | None = None
    script: str | None = None
    slides: int | None = None
    pages: int | None = None
    pages_method: str | None = None
    extra: tuple[tuple[str, Any], ...] = ()

    @property
    def state(self) -> FileState:
        return file_state(self.findings)


@dataclass(frozen=True, slots=True)
class PackageReport:
    """One agenda item's package: its files, package-level findings, and the verdict."""

    path: str
    files: tuple[FileReport, ...]
    findings: tuple[Finding, ...] = ()
    extra: tuple[tuple[str, Any], ...] = ()

    def all_findings(self) -> tuple[Finding, ...]:
        out = list(self.findings)
        for f in self.files:
            out.extend(f.findings)
        return tuple(out)

    @property
    def verdict(self) -> Verdict:
        return verdict_for(self.all_findings())


@dataclass(frozen=True, slots=True)
class ProfileInfo:
    id: str
    version: str
    title: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the run wants a reader to know, as a key of the reports' catalogue
    (``messages/_ui.toml``) and its arguments, so every report can say it in its language."""

    key: str
    args: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """A rule as the profile of a run applies it, so reports can describe rules that did not
    fire too (SARIF lists every active rule with its default level)."""

    code: str
    name: str
    severity: Severity
    clause: str | None = None
    params: tuple[tuple[str, Any], ...] = ()  # the profile's parameters, for the rule's texts


@dataclass(frozen=True, slots=True)
class Report:
    """The result of one run over one or more packages.

    ``clauses`` holds the regulation's quotations (clause -> {lang: text}) for the clauses the
    active rules cite, so a report can quote them without the profile; ``rules`` lists the
    active rules; ``coverage`` is the profile's clause-by-clause account of what the checks
    judge, so the HTML report can end with what it leaves to a person. ``checked_at`` is when
    the check started (Kazakhstan time, +05:00; None only for a report not made by a check
    run). ``findings`` are what belongs to no package (a symbolic link or an unreadable folder
    in a container, a PATH that is a named pipe or a device): any of them fails the run.
    """

    tool_version: str
    profile: ProfileInfo
    packages: tuple[PackageReport, ...]
    notes: tuple[str, ...] = ()
    clauses: dict[str, dict[str, str]] = field(default_factory=dict)
    rules: tuple[RuleInfo, ...] = ()
    notices: tuple[Notice, ...] = ()
    coverage: tuple[ClauseCoverage, ...] = ()
    checked_at: dt.datetime | None = None
    findings: tuple[Finding, ...] = ()

    def clause_text(self, clause: str | None, lang: str) -> str | None:
        """The quotation of ``clause`` in ``lang`` (None when the report does not carry it)."""
        if clause is None:
            return None
        return self.clauses.get(clause, {}).get(lang)

    def rule(self, code: str) -> RuleInfo | None:
        for r in self.rules:
            if r.code == code:
                return r
        return None

    def all_findings(self) -> tuple[Finding, ...]:
        """Every finding of the run: the top-level ones, then each package's."""
        out: list[Finding] = list(self.findings)
        for p in self.packages:
            out.extend(p.all_findings())
        return tuple(out)


def _active(findings: tuple[Finding, ...]) -> list[Finding]:
    return [f for f in findings if f.status is not Status.WAIVED]


#: Codes after which a file's content was not read: unreadable (FIL001) or over a reading
#: limit (FIL003). Nothing else of such a file is measured.
NOT_READ = frozenset({"FIL001", "FIL003"})
#: The same, and a password-protected file (SEC003), whose content cannot be read either.
NOT_READ_OR_LOCKED = NOT_READ | {"SEC003"}


def has_code(findings: Iterable[Finding], codes: frozenset[str]) -> bool:
    """Whether any of ``findings`` has one of ``codes``."""
    return any(f.code in codes for f in findings)


def file_state(findings: tuple[Finding, ...]) -> FileState:
    """Derive a file's state from its findings: ``unreadable`` when its content was not read
    (FIL001, or FIL003: over a reading limit), whatever else it has."""
    active = _active(findings)
    if any(f.code in NOT_READ for f in active):
        return FileState.UNREADABLE
    if any(f.severity is Severity.ERROR and f.status is Status.VIOLATION for f in active):
        return FileState.NON_COMPLIANT
    if any(f.status is Status.NEEDS_REVIEW for f in active):
        return FileState.NEEDS_REVIEW
    return FileState.COMPLIANT


def verdict_for(findings: tuple[Finding, ...]) -> Verdict:
    """The worst finding decides: error -> return, needs-review -> review, else notes/accept."""
    active = _active(findings)
    if any(f.severity is Severity.ERROR and f.status is Status.VIOLATION for f in active):
        return Verdict.RETURN_FOR_CORRECTION
    if any(f.status is Status.NEEDS_REVIEW for f in active):
        return Verdict.NEEDS_REVIEW
    if active:
        return Verdict.ACCEPT_WITH_NOTES
    return Verdict.ACCEPT
