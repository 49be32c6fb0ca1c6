"""SLD003 presentation-file-size: a presentation file is at most the profile's limit (clause 15.3).

The regulation says "10 megabytes"; the profile says what a megabyte is (``bytes_per_unit``:
1,048,576 by default, as Windows Explorer shows sizes to the people who make the decks). The
finding states the measured size and the limit in the profile's unit, and the bytes.

Parameters: ``max_size`` (in ``unit``), ``unit`` (label), ``bytes_per_unit``.
Fails: an 11 MB deck. Passes: a 9.9 MB deck.
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.checks.base import Hit, Param, Params, rule
from validator.files.document import Document
from validator.plain.quantities import localized_number, localized_unit_label


@rule(
    code="SLD003",
    name="presentation-file-size",
    kinds={"presentation"},
    params={
        "max_size": Param("float", "largest allowed size, in `unit`", positive=True),
        "unit": Param("str", "unit label shown in reports (MB)"),
        "bytes_per_unit": Param("int", "bytes in one `unit` (1048576 or 1000000)", positive=True),
    },
)
def presentation_file_size(doc: Document, params: Params) -> Iterator[Hit]:
    limit_bytes = params["max_size"] * params["bytes_per_unit"]
    if doc.size > limit_bytes:
        size = doc.size / params["bytes_per_unit"]
        yield Hit(
            measured=round(size, 2),
            threshold=params["max_size"],
            unit=params["unit"],
            evidence=f"{doc.size} bytes; limit {int(limit_bytes)} bytes "
                     f"(1 {params['unit']} = {params['bytes_per_unit']} bytes)",
            args={"size": localized_number(round(size, 2)),
                  "limit": localized_number(params["max_size"]),
                  "unit": localized_unit_label(params["unit"]), "bytes": doc.size,
                  "limit_bytes": int(limit_bytes)},
        )
