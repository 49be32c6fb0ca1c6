"""Read a stored report (``validator.reports.json.dump``) back into the report model.

The stored form is the JSON report plus what rendering in every language needs, so the
report read back renders in every format and language exactly as the one that was stored.
Derived values (a file's ``state``, a package's ``verdict``, the ``summary``) are not read:
the model derives them again from the findings. Keys of a file or package object that are
not the model's own fields are its ``extra`` facts (``slide_shapes``, ``dates``, ...), kept in
their order.

Everything malformed (missing keys, wrong types, a newer ``schema_version``, a plain
``--format json`` document without the messages in every language) raises ``StoredReportError``,
a ``ValueError``: a store or a cache treats it as an entry it cannot use.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from validator.core.coverage import ClauseCoverage
from validator.core.findings import (
    Box,
    FileReport,
    Finding,
    Location,
    Notice,
    PackageReport,
    ProfileInfo,
    Report,
    Root,
    RuleInfo,
    Severity,
    Status,
)
from validator.reports.json import SCHEMA_VERSION

#: Keys of a file object that are FileReport fields or derived from them; the rest is extra.
FILE_KEYS = frozenset({"path", "format", "kind", "role", "role_reason", "language",
                       "language_shares", "script", "state", "size", "sha256", "slides",
                       "pages", "pages_method", "findings"})
#: Keys of a package object that are PackageReport fields or derived; the rest is extra.
PACKAGE_KEYS = frozenset({"path", "verdict", "findings", "files"})
_LOCATION_KEYS = frozenset({"slide", "page", "sheet", "shape", "shape_id", "paragraph", "cell",
                            "part"})


class StoredReportError(ValueError):
    """A stored report (or a piece of one) that cannot be read back."""


def load(text: str | bytes | Mapping[str, Any]) -> Report:
    """The report stored as ``text`` (the JSON ``dump`` wrote, or that JSON already parsed)."""
    try:
        data = json.loads(text) if isinstance(text, str | bytes) else text
    except ValueError as exc:
        raise StoredReportError(f"not a stored report: {exc}") from None
    return _guard(_report, data)


def file_from_dict(data: Mapping[str, Any]) -> FileReport:
    """One file's report from its stored object (a piece of a stored report)."""
    return _guard(_file, data)


def package_from_dict(data: Mapping[str, Any]) -> PackageReport:
    """One package's report from its stored object (a piece of a stored report)."""
    return _guard(_package, data)


def location_from_dict(data: Mapping[str, Any]) -> Location:
    """A location from its JSON object (the fields that apply, and ``box``)."""
    return _guard(_location, data)


_T = TypeVar("_T")


def _guard(read: Callable[[Mapping[str, Any]], _T], data: Any) -> _T:
    try:
        return read(_obj(data))
    except StoredReportError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise StoredReportError(f"not a stored report: {type(exc).__name__}: {exc}") from None


def _obj(value: Any) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise StoredReportError(f"expected an object, found {type(value).__name__}")
    return value


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise StoredReportError(f"expected a string, found {type(value).__name__}")
    return value


def _opt_str(value: Any) -> str | None:
    return None if value is None else _str(value)


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise StoredReportError(f"expected an integer, found {type(value).__name__}")
    return value


def _opt_int(value: Any) -> int | None:
    return None if value is None else _int(value)


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise StoredReportError(f"expected an array, found {type(value).__name__}")
    return value


def _texts(value: Any) -> dict[str, str]:
    return {_str(k): _str(v) for k, v in _obj(value).items()}


def _measured(value: Any) -> int | float | str | None:
    if value is None or isinstance(value, int | float | str):
        return value  # type: ignore[no-any-return]
    raise StoredReportError(f"a measured value must be a number or a string, not {value!r}")


def _location(data: Mapping[str, Any]) -> Location:
    unknown = set(data) - _LOCATION_KEYS - {"box"}
    if unknown:
        raise StoredReportError(f"unknown location fields: {sorted(unknown)}")
    box = data.get("box")
    return Location(
        slide=_opt_int(data.get("slide")), page=_opt_int(data.get("page")),
        shape=_opt_str(data.get("shape")), shape_id=_opt_int(data.get("shape_id")),
        paragraph=_opt_int(data.get("paragraph")), cell=_opt_str(data.get("cell")),
        sheet=_opt_str(data.get("sheet")), part=_opt_str(data.get("part")),
        box=None if box is None else Box(**{k: _int(v) for k, v in _obj(box).items()}),
    )


def _finding(data: Mapping[str, Any]) -> Finding:
    if "messages" not in data:
        raise StoredReportError("a finding without its messages in every language: a plain "
                                "JSON report, not a stored one")
    messages = _texts(data["messages"])
    return Finding(
        code=_str(data["code"]), name=_str(data["name"]),
        severity=Severity.parse(_str(data["severity"])), status=Status(data["status"]),
        clause=_opt_str(data["clause"]), package=_str(data["package"]),
        file=_str(data["file"]), location=_location(_obj(data["location"])),
        messages=tuple(messages.items()),
        measured=_measured(data["measured"]), threshold=_measured(data["threshold"]),
        unit=_opt_str(data["unit"]), evidence=_str(data["evidence"]),
        fingerprint=_str(data["fingerprint"]), waiver=_opt_str(data.get("waiver")),
        locations=tuple(_location(_obj(loc)) for loc in _list(data.get("locations", []))),
        root=_root(data.get("root")),
        not_read=data.get("not_read") is True,
    )


def _root(value: Any) -> Root | None:
    if value is None:
        return None
    data = _obj(value)
    return Root(_str(data["part"]), _str(data["element"]))


def _coverage(value: Any) -> tuple[ClauseCoverage, ...]:
    out = []
    for item in _list(value):
        data = _obj(item)
        note = _texts(data["note"])
        out.append(ClauseCoverage(_str(data["clause"]), _str(data["status"]),
                                  tuple(_str(r) for r in _list(data["rules"])),
                                  tuple(note.items())))
    return tuple(out)


def _findings(value: Any) -> tuple[Finding, ...]:
    return tuple(_finding(_obj(f)) for f in _list(value))


def _shares(value: Any) -> dict[str, float] | None:
    if value is None:
        return None
    out: dict[str, float] = {}
    for k, v in _obj(value).items():
        if not isinstance(v, int | float) or isinstance(v, bool):
            raise StoredReportError(f"a language share must be a number, not {v!r}")
        out[_str(k)] = v
    return out


def _file(data: Mapping[str, Any]) -> FileReport:
    return FileReport(
        path=_str(data["path"]), format=_str(data["format"]), kind=_str(data["kind"]),
        size=_int(data["size"]), sha256=_str(data["sha256"]),
        findings=_findings(data["findings"]),
        role=_opt_str(data["role"]), role_reason=_opt_str(data["role_reason"]),
        language=_opt_str(data["language"]), language_shares=_shares(data["language_shares"]),
        script=_opt_str(data["script"]), slides=_opt_int(data["slides"]),
        pages=_opt_int(data["pages"]), pages_method=_opt_str(data["pages_method"]),
        extra=tuple((k, v) for k, v in data.items() if k not in FILE_KEYS),
    )


def _package(data: Mapping[str, Any]) -> PackageReport:
    return PackageReport(
        path=_str(data["path"]),
        files=tuple(_file(_obj(f)) for f in _list(data["files"])),
        findings=_findings(data["findings"]),
        extra=tuple((k, v) for k, v in data.items() if k not in PACKAGE_KEYS),
    )


def _rule(data: Mapping[str, Any]) -> RuleInfo:
    params = _obj(data.get("params", {}))
    return RuleInfo(_str(data["code"]), _str(data["name"]),
                    Severity.parse(_str(data["severity"])), _opt_str(data["clause"]),
                    tuple((_str(k), v) for k, v in params.items()))


def _notice(data: Mapping[str, Any]) -> Notice:
    return Notice(_str(data["key"]), tuple(_texts(data["args"]).items()))


def _checked_at(value: Any) -> dt.datetime | None:
    if value is None:
        return None
    moment = dt.datetime.fromisoformat(_str(value))
    if moment.tzinfo is None:
        raise StoredReportError(f"checked_at without a time zone: {value!r}")
    return moment


def _report(data: Mapping[str, Any]) -> Report:
    version = data.get("schema_version")
    if version != SCHEMA_VERSION:
        raise StoredReportError(f"stored with schema_version {version!r}; this version of the "
                                f"toolkit reads {SCHEMA_VERSION}")
    if "rules" not in data or "clauses" not in data:
        raise StoredReportError("no rules or clauses: a plain JSON report, not a stored one")
    profile = _obj(data["profile"])
    clauses = {_str(k): _texts(v) for k, v in _obj(data["clauses"]).items()}
    return Report(
        tool_version=_str(_obj(data["tool"])["version"]),
        profile=ProfileInfo(_str(profile["id"]), _str(profile["version"]),
                            _texts(profile["titles"])),
        packages=tuple(_package(_obj(p)) for p in _list(data["packages"])),
        notes=tuple(_str(n) for n in _list(data["notes"])),
        clauses=clauses,
        rules=tuple(_rule(_obj(r)) for r in _list(data["rules"])),
        notices=tuple(_notice(_obj(n)) for n in _list(data["notices"])),
        checked_at=_checked_at(data["checked_at"]),
        findings=_findings(data.get("findings", [])),
        coverage=_coverage(data.get("coverage", [])),
    )
