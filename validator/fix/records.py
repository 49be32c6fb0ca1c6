"""Value objects of a fix run: what was changed, where, from what to what."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from validator.core.location import Location


@dataclass(frozen=True, slots=True)
class FixPlace:
    """Where a change was made, for people: what was changed and where it shows.

    ``what`` names the thing changed when the places alone do not say it (``fix.what.<what>``
    in the reports' catalogue: the slide size, the thumbnail, a picture, a style level...);
    ``places`` are the slides, shapes, paragraphs or parts it shows at, as the check reports
    give a finding's place (``validator.plain.places``); ``name`` is a name taken from the
    file (a picture's shape name), ``number`` a count or a style level, ``slides`` the slides
    that show what was changed (a picture's, a master style's). Empty: the whole file.
    """

    what: str = ""
    places: tuple[Location, ...] = ()
    name: str = ""
    number: int = 0
    slides: tuple[int, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.what:
            out["what"] = self.what
        if self.name:
            out["name"] = self.name
        if self.number:
            out["number"] = self.number
        out["places"] = [p.to_dict() for p in self.places]
        if self.slides:
            out["slides"] = list(self.slides)
        return out


@dataclass(frozen=True, slots=True)
class FixRecord:
    """One change made to a corrected copy.

    ``where`` is a technical place (a part and element, or ``slide[3]/shape[Title 1]``), for
    programs and developers; ``place`` says the same place for people (``FixPlace``);
    ``before`` and ``after`` are the values as the file stores them, so a person can compare;
    ``safe`` is False for the changes only ``--unsafe-fixes`` makes. ``kind`` and ``args`` name
    the sentence (``fix.rec.<kind>`` in the reports' catalogue) that says it in kk, ru or en.
    ``points`` is the size ``before`` states, in points, for a size record: what ordering and
    merging records read, so that no text is parsed back.
    """

    code: str
    where: str
    before: str
    after: str
    safe: bool = True
    kind: str = "change"
    args: tuple[tuple[str, str], ...] = ()
    place: FixPlace = field(default_factory=FixPlace)
    points: float | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "location": self.where,
                               "place": self.place.to_dict(), "before": self.before,
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
