"""What a rule is: metadata declared once beside its check, and the hits a check yields.

A check is a generator of ``Hit`` objects. It never knows the configured severity, the clause
or the output language: the engine stamps those from the profile and the message catalogue
(jsonschema's keyword functions are the model). ``rule`` wraps a function into a frozen
``Rule`` and registers nothing; ``validator.checks.ALL_RULES`` lists rules explicitly.

What a package rule receives (``PackageContext``: its files, refusals and the ``RunContext``
of facts not in the files) is defined here too, below the checks and the engine that builds
it, with ``SHIPPED_VIEWS``: the one list of the document views package rules read (the reader
computes the text and each view an active rule declares in ``Rule.reads_views`` in the worker
and sends them to the parent; the cache keeps them).
"""

from __future__ import annotations

import datetime as dt
import inspect
import math
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

from validator.calendar.deadlines import SOURCE_COMMAND_LINE
from validator.calendar.workdays import calendar_path, kazakhstan_today, load_overrides
from validator.core.errors import Said, WordedError
from validator.core.findings import FileReport, Location, Measured, Root, Status
from validator.discovery.packages import Refusal
from validator.files.document import Document

Scope = Literal["file", "package"]
ParamKind = Literal["int", "float", "str", "bool", "str-list", "date", "float-map", "str-map",
                    "calendar"]

#: Kinds of file a file rule can apply to.
KINDS = frozenset({"presentation", "document", "spreadsheet", "legacy", "other"})


@dataclass(frozen=True, slots=True)
class Param:
    """A typed rule parameter; its value always comes from the profile (never from code)."""

    kind: ParamKind
    doc: str
    choices: tuple[str, ...] = ()
    #: A map's keys that must be there (``float-map``, ``str-map``).
    keys: tuple[str, ...] = ()
    #: Every number must be above 0 (``int``, ``float``, ``float-map``): a rate of 0 divides
    #: by zero, a limit of 0 pages or bytes lets nothing through. Floats are finite and ints
    #: at least 0 in any case.
    positive: bool = False

    def validate(self, value: Any) -> Any:
        """Return ``value`` coerced to this parameter's type, or raise a ``WordedError`` saying
        what it should be (the profile's loader names the rule and the option)."""
        kind = self.kind
        if kind == "bool":
            if isinstance(value, bool):
                return value
        elif kind == "int":  # counts, sizes and limits: never below 0
            if isinstance(value, int) and not isinstance(value, bool):
                if value < 0 or (self.positive and value == 0):
                    raise WordedError("param.not_positive" if self.positive
                                      else "param.negative", bad=str(value))
                return value
        elif kind == "float":
            if isinstance(value, int | float) and not isinstance(value, bool):
                return self._positive({"": float(value)})[""]
        elif kind == "str":
            if isinstance(value, str):
                if self.choices and value not in self.choices:
                    raise WordedError("param.choice", choices=", ".join(self.choices),
                                      value=repr(value))
                return value
        elif kind == "calendar":  # read and checked now: a broken file stops the profile
            if isinstance(value, str):
                load_overrides(calendar_path(value))  # a CalendarError names what is wrong
                return value
        elif kind == "str-list":
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                if self.choices:
                    bad = [v for v in value if v not in self.choices]
                    if bad:
                        allowed = ", ".join(self.choices)
                        raise WordedError("param.values", bad=", ".join(bad), allowed=allowed)
                return tuple(value)
        elif kind == "date":
            if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                return value
        elif kind == "float-map":
            if isinstance(value, dict) and all(
                isinstance(v, int | float) and not isinstance(v, bool) for v in value.values()
            ):
                numbers = self._positive({str(k): float(v) for k, v in value.items()})
                return MappingProxyType(self._with_keys(numbers))
        elif kind == "str-map" and isinstance(value, dict) and all(
            isinstance(v, str) for v in value.values()
        ):
            return MappingProxyType(self._with_keys({str(k): v for k, v in value.items()}))
        raise WordedError("param.kind", kind=Said(f"param.kind.{kind}"),
                          got=type(value).__name__, value=repr(value))

    def _positive(self, numbers: dict[str, float]) -> dict[str, float]:
        """``numbers`` (one number under the key "", or a table's values) when each is
        finite, and above 0 if the parameter says so: TOML's ``nan`` would make every
        comparison false, so nothing would ever be found."""
        scalar = "" in numbers
        shown = [f"{k} = {v:g}" if k else f"{v:g}" for k, v in numbers.items()
                 if not math.isfinite(v)]
        if shown:
            raise WordedError("param.not_finite" if scalar else "param.not_finite.map",
                              bad=", ".join(shown))
        bad = [f"{k} = {v:g}" if k else f"{v:g}" for k, v in numbers.items() if v <= 0]
        if self.positive and bad:
            raise WordedError("param.not_positive" if scalar else "param.not_positive.map",
                              bad=", ".join(bad))
        return numbers

    def _with_keys(self, table: dict[str, Any]) -> dict[str, Any]:
        missing = [k for k in self.keys if k not in table]
        if missing:
            raise WordedError("param.missing_keys", keys=", ".join(missing))
        return table


@dataclass(frozen=True, slots=True)
class Hit:
    """One problem a check found, before the engine stamps it into a ``Finding``.

    ``message`` names the template in the rule's message catalogue (``default`` unless the rule
    has several); ``args`` fills it. ``case`` selects a per-case severity from the profile.
    ``file`` lets a package rule attach a hit to one member file (its display path).
    ``locations`` (all places, ``location`` the first) and ``root`` describe one problem shown
    at many places; ``fingerprint_key`` keys the finding's fingerprint instead of its place.
    ``not_read`` marks a hit that says a file's text was not read (fail closed).
    """

    location: Location = field(default_factory=Location)
    measured: Measured = None
    threshold: Measured = None
    unit: str | None = None
    evidence: str = ""
    status: Status = Status.VIOLATION
    case: str | None = None
    message: str = "default"
    args: Mapping[str, Any] = field(default_factory=dict)
    file: str | None = None
    fingerprint_extra: str = ""
    locations: tuple[Location, ...] = ()
    root: Root | None = None
    fingerprint_key: str | None = None
    #: The hit says a file or its text was not read (the engine also marks every FIL001,
    #: FIL003 and password SEC003): no option hides it (``Finding.not_read``).
    not_read: bool = False


Params = Mapping[str, Any]
CheckFn = Callable[[Any, Params], Iterator[Hit]]


#: Views that package rules may read, computed in the worker and shipped to the parent.
SHIPPED_VIEWS: tuple[str, ...] = ("text_blocks", "text_marks", "table_shapes")
#: Views kept from the worker when it happened to compute them (all plain frozen values).
KEPT_VIEWS: tuple[str, ...] = ("kind", "size", "sha256", "head", "pdf", "deck", "ole_parts",
                               "language", "quick_page_count", "pdf_text")


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule's identity and typed parameters, and the check that finds its hits."""

    code: str
    name: str
    scope: Scope
    kinds: frozenset[str]
    params: Mapping[str, Param]
    check: CheckFn
    cases: tuple[str, ...] = ()
    doc: str = ""
    #: The rule reads the files' language (a package rule: from their reports), so the run
    #: detects it; when no active rule does, a report leaves it null (``language_reason``).
    reads_language: bool = False
    #: The views of ``SHIPPED_VIEWS`` a package rule reads from the documents: the readers
    #: compute and send a view only when an active rule reads it (the text always).
    reads_views: frozenset[str] = frozenset()

    @property
    def family(self) -> str:
        return self.code[:3]


def rule(
    *,
    code: str,
    name: str,
    scope: Scope = "file",
    kinds: frozenset[str] | set[str] = frozenset(),
    params: Mapping[str, Param] | None = None,
    cases: tuple[str, ...] = (),
    reads_language: bool = False,
    reads_views: tuple[str, ...] = (),
) -> Callable[[CheckFn], Rule]:
    """Wrap a check function into a frozen ``Rule`` (registers nothing)."""
    unknown = set(kinds) - KINDS
    if unknown:
        raise ValueError(f"{code}: unknown file kinds {sorted(unknown)}")
    strange = set(reads_views) - set(SHIPPED_VIEWS)
    if strange:
        raise ValueError(f"{code}: reads views no reader ships {sorted(strange)}")

    def wrap(fn: CheckFn) -> Rule:
        return Rule(
            code=code,
            name=name,
            scope=scope,
            kinds=frozenset(kinds),
            params=MappingProxyType(dict(params or {})),
            check=fn,
            cases=cases,
            doc=inspect.getdoc(sys.modules.get(fn.__module__)) or "",
            reads_language=reads_language,
            reads_views=frozenset(reads_views),
        )

    return wrap



@dataclass(frozen=True, slots=True)
class RunContext:
    """Facts about the submission that are not in the files (dates, flags from the user)."""

    today: dt.date = field(default_factory=kazakhstan_today)
    meeting_date: dt.date | None = None
    submitted: dt.date | None = None  # None: today
    extraordinary: bool = False
    #: ``SOURCE_COMMAND_LINE``, ``SOURCE_INTAKE``, or the path of the package's manifest or
    #: of the folder whose name gives the meeting date.
    dates_source: str = SOURCE_COMMAND_LINE
    #: Why the package's manifest could not be read (PKG002 says it in every language).
    manifest_error: Said | None = None


@dataclass(frozen=True, slots=True)
class FileEntry:
    """A checked file as package rules see it: the opened document and its report."""

    document: Document
    report: FileReport


@dataclass(frozen=True, slots=True)
class PackageContext:
    """What a package rule receives."""

    path: str
    files: tuple[FileEntry, ...]
    refusals: tuple[Refusal, ...]
    context: RunContext
    single: bool = False
