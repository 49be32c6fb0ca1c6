"""DOC002 report-duration: an information (analytical) report is read in 7-10 minutes (clause 15.4).

The report's text (body paragraphs and tables; not headers, footers or deleted text) is
measured in syllables (vowel letters, the same rule in Kazakh and Russian) and divided by the
profile's speech rate; `validator.materials.reading_time` documents the rate and its source. Over
``max_minutes`` is a violation (case ``over``, an error in the Oskemen profile); between
``note_minutes`` and ``max_minutes`` a note (case ``band``, info), because the clause gives a
range. A report with no readable text (a scan) cannot be timed: needs-review.

Parameters: ``roles`` (which file roles are reports), ``unit``, ``rates`` (per language and
``default``), ``syllables_per_digit``, ``max_minutes``, ``note_minutes``, ``rate_source``.
Fails: 3,000 syllables (10.7 min at 280/min). Passes: 1,500 syllables (5.4 min).
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.checks.base import Hit, Param, Params, rule
from validator.core.findings import Status
from validator.files.document import Document
from validator.materials.roles import ROLES
from validator.plain.quantities import localized_decimal

TEXT_KINDS = frozenset({"body", "table", "page", "title"})


@rule(
    code="DOC002",
    name="report-duration",
    kinds={"document"},
    params={
        "roles": Param("str-list", "file roles that are spoken reports", ROLES),
        "unit": Param("str", "what the rate counts", ("syllables", "words")),
        "rates": Param("float-map", "units per minute, per language (kk, ru) and 'default'",
                       keys=("default",), positive=True),
        "syllables_per_digit": Param("float", "syllables a spoken digit counts for"),
        "max_minutes": Param("float", "longest allowed reading time", positive=True),
        "note_minutes": Param("float", "reading time from which a note is given", positive=True),
        "rate_source": Param("str", "where the rate comes from (shown in the evidence)"),
    },
    cases=("over", "band"),
)
def report_duration(doc: Document, params: Params) -> Iterator[Hit]:
    from validator.materials.reading_time import SpeechRate, estimate_reading, guess_language

    role = doc.role
    if role.role not in params["roles"]:
        return
    text = "\n".join(b.text for b in doc.text_blocks if b.kind in TEXT_KINDS and not b.hidden)
    rate = SpeechRate(params["unit"], params["rates"], params["syllables_per_digit"],
                      params["rate_source"])
    language = guess_language(text)
    estimate = estimate_reading(text, language, rate)
    if estimate.amount == 0:
        yield Hit(status=Status.NEEDS_REVIEW, message="no-text",
                  evidence=f"role {role.role} ({role.reason}); no readable text",
                  args={"max": params["max_minutes"]})
        return
    minutes = round(estimate.minutes, 1)
    if estimate.minutes <= params["note_minutes"]:
        return
    over = estimate.minutes > params["max_minutes"]
    yield Hit(
        measured=minutes,
        threshold=params["max_minutes"] if over else params["note_minutes"],
        unit="min",
        case="over" if over else "band",
        message="default" if over else "band",
        evidence=(f"{estimate.amount:g} {estimate.unit} at {estimate.rate:g} per minute "
                  f"({language}; {params['rate_source']}); role {role.role} ({role.reason})"),
        args={"minutes": localized_decimal(minutes, 1), "max": params["max_minutes"],
              "note": params["note_minutes"], "amount": estimate.amount,
              "rate": estimate.rate},
    )
