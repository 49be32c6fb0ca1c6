"""Value objects of a fix run: what was changed, where, from what to what."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class FixRecord:
    """One change made to a corrected copy.

    ``where`` is a technical place (a part and element, or ``slide[3]/shape[Title 1]``);
    ``before`` and ``after`` are the values as the file stores them, so a person can compare;
    ``safe`` is False for the changes only ``--unsafe-fixes`` makes. ``kind`` and ``args`` name
    the sentence (``fix.rec.<kind>`` in the reports' catalogue) that says it in kk, ru or en.
    """

    code: str
    where: str
    before: str
    after: str
    safe: bool = True
    kind: str = "change"
    args: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "location": self.where, "before": self.before,
                               "after": self.after, "safe": self.safe, "kind": self.kind}
        if self.args:
            out["details"] = dict(self.args)
        return out


@dataclass(frozen=True, slots=True)
class FileFix:
    """The outcome of fixing one file: its corrected name and every change made.

    ``skipped`` holds (code, reason, args) for findings a fix exists for but was not applied
    (an unsafe fix without ``--unsafe-fixes``, a chart's text, a deck still too large); the
    reason is a word of the catalogue (``fix.why.<reason>``). Findings no fix exists for are
    simply left to the re-check.
    """

    source: str
    target: str
    records: tuple[FixRecord, ...] = ()
    skipped: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.records) or self.source.rsplit("/", 1)[-1] != \
            self.target.rsplit("/", 1)[-1]

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "target": self.target,
                "fixes": [r.to_dict() for r in self.records],
                "skipped": [{"code": c, "reason": r, "details": dict(a)}
                            for c, r, a in self.skipped]}
