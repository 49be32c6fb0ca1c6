"""Convert the pickled reports of a data folder made by version 0.1.0 into stored JSON, once.

Version 0.1.0 stored each submission's report as a pickle. An upgraded toolkit whose classes
changed could not read them, and unpickling runs whatever the bytes ask for. When the gate
starts, every report the register refers to that is still a pickle is read with a restricted
unpickler and stored again as JSON (``ContentStore.put_report``); the register then refers to
the JSON, and the pickle is removed when nothing else refers to it. The reports are never
checked again: the stored verdict stands.

The restricted unpickler admits exactly the report classes of ``validator.model`` and nothing
else (no builtins are needed: protocol 5 writes tuples, lists, dicts and sets as opcodes), and
even those only as inert stand-ins: a stand-in records the state or the enum value the pickle
gives it, so unpickling touches no class of the project. The report is then built through the
current model's constructors from version 0.1.0's field layouts (``LAYOUTS``), so fields added
since take their defaults. A pickle that asks for anything else is refused and
left as it is; the gate reports it and tries again at the next start. When nothing is left to
convert, a marker file in the data folder (``MARKER``) spares later starts the scan.
"""

from __future__ import annotations

import io
import logging
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from validator.core.findings import (
    Box,
    FileReport,
    Finding,
    Location,
    Notice,
    PackageReport,
    ProfileInfo,
    Report,
    RuleInfo,
    Severity,
    Status,
)
from validator.gate.store import PICKLE_MAGIC, ContentStore

if TYPE_CHECKING:
    from validator.gate.register import Register

#: Written once every report of the data folder is stored as JSON.
MARKER = "reports-are-json"
_MODULE = "validator.model"  # where version 0.1.0 kept the classes: stays
_ENUMS: dict[str, type] = {"Severity": Severity, "Status": Status}
#: The report classes as version 0.1.0 pickled them: their fields, in order (a frozen dataclass
#: with slots pickles its state as the list of its field values).
LAYOUTS: dict[str, tuple[type, tuple[str, ...]]] = {
    "Report": (Report, ("tool_version", "profile", "packages", "notes", "clauses", "rules",
                        "notices")),
    "PackageReport": (PackageReport, ("path", "files", "findings", "extra")),
    "FileReport": (FileReport, ("path", "format", "kind", "size", "sha256", "findings", "role",
                                "role_reason", "language", "language_shares", "script",
                                "slides", "pages", "pages_method", "extra")),
    "Finding": (Finding, ("code", "name", "severity", "status", "clause", "package", "file",
                          "location", "messages", "measured", "threshold", "unit", "evidence",
                          "fingerprint", "waiver")),
    "Location": (Location, ("slide", "page", "shape", "shape_id", "paragraph", "cell", "sheet",
                            "part", "box")),
    "Box": (Box, ("slide_width", "slide_height", "x", "y", "width", "height")),
    "ProfileInfo": (ProfileInfo, ("id", "version", "title")),
    "Notice": (Notice, ("key", "args")),
    "RuleInfo": (RuleInfo, ("code", "name", "severity", "clause")),
}

log = logging.getLogger("validator.gate")


class RefusedPickle(pickle.UnpicklingError):
    """A pickle that is not a report of version 0.1.0 (or asks for more than one needs)."""


class _Pickled:
    """A report object of the pickle: the state the pickle gives it (``kind`` names the
    class)."""

    __slots__ = ("state",)
    kind = ""

    def __setstate__(self, state: Any) -> None:
        self.state = state


class _PickledEnum:
    """A severity or status of the pickle: the value it was called with."""

    __slots__ = ("kind", "value")

    def __init__(self, kind: str, value: Any) -> None:
        self.kind = kind
        self.value = value

    def __setstate__(self, state: Any) -> None:
        raise RefusedPickle(f"{self.kind} given a state")


def _enum(kind: str) -> Any:
    def make(value: Any) -> _PickledEnum:
        return _PickledEnum(kind, value)

    return make


_STAND_INS: dict[str, Any] = {
    **{name: type(f"Pickled{name}", (_Pickled,), {"__slots__": (), "kind": name})
       for name in LAYOUTS},
    **{name: _enum(name) for name in _ENUMS},
}


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if module == _MODULE and name in _STAND_INS:
            return _STAND_INS[name]
        raise RefusedPickle(f"a stored report may not refer to {module}.{name}")


def _build(value: Any) -> Any:
    """Turn stand-ins (inside tuples, lists and dicts) into the current model's objects."""
    if isinstance(value, _PickledEnum):
        try:
            return _ENUMS[value.kind](value.value)
        except (ValueError, TypeError) as exc:
            raise RefusedPickle(f"{value.kind}: {exc}") from None
    if isinstance(value, _Pickled):
        kind = type(value).kind
        cls, layout = LAYOUTS[kind]
        state = getattr(value, "state", None)
        if isinstance(state, tuple) and len(state) == 2 and state[0] is None:
            state = state[1]  # (no __dict__, slots) as object.__reduce_ex__ gives it
        if isinstance(state, dict):
            unknown = set(state) - set(layout)
            if unknown:
                raise RefusedPickle(f"{kind} with unknown fields {sorted(map(str, unknown))}")
            values = {k: _build(v) for k, v in state.items()}
        elif isinstance(state, list) and len(state) <= len(layout):
            values = {k: _build(v) for k, v in zip(layout, state, strict=False)}
        else:
            raise RefusedPickle(f"{kind} with a state of an unknown layout")
        try:
            return cls(**values)
        except TypeError as exc:
            raise RefusedPickle(f"{kind}: {exc}") from None
    if isinstance(value, tuple):
        return tuple(_build(v) for v in value)
    if isinstance(value, list):
        return [_build(v) for v in value]
    if isinstance(value, dict):
        return {_build(k): _build(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        return type(value)(_build(v) for v in value)
    return value


def unpickle_report(data: bytes) -> Report:
    """The report a version 0.1.0 pickle holds; ``RefusedPickle`` for anything else."""
    try:
        loaded = _Unpickler(io.BytesIO(data)).load()
    except RefusedPickle:
        raise
    except Exception as exc:  # a damaged pickle: refused, whatever the error
        raise RefusedPickle(f"not a readable pickle: {type(exc).__name__}: {exc}") from None
    report = _build(loaded)
    if not isinstance(report, Report):
        raise RefusedPickle(f"the pickle holds a {type(report).__name__}, not a report")
    return report


@dataclass(frozen=True)
class Upgrade:
    """What one start-up converted, and the reports it could not (address, reason)."""

    converted: int
    failed: tuple[tuple[str, str], ...] = ()


def upgrade_pickled_reports(data: Path, register: Register, store: ContentStore) -> Upgrade:
    """Store every pickled report the register refers to as JSON (see the module doc)."""
    marker = data / MARKER
    if marker.exists():
        return Upgrade(0)
    converted = 0
    failed: list[tuple[str, str]] = []
    for old in sorted(register.report_addresses()):
        try:
            blob = store.read(old)
        except (OSError, ValueError) as exc:
            if old in register.report_addresses():  # not converted by another gate meanwhile
                failed.append((old, str(exc)))
            continue
        if not blob.startswith(PICKLE_MAGIC):
            continue
        try:
            report = unpickle_report(blob)
        except RefusedPickle as exc:
            failed.append((old, str(exc)))
            continue
        new = store.put_report(report)
        register.replace_report(old, new)
        converted += 1
        if old not in register.all_file_addresses():
            store.remove(old)
    for address, reason in failed:
        log.warning("stored report %s was not converted to JSON: %s", address, reason)
    if not failed:
        marker.write_text("Every report in store/ is stored JSON (validator.reports.json).\n",
                          encoding="utf-8")
    return Upgrade(converted, tuple(failed))
