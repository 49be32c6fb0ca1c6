"""FIL003 archive-limit: an archive or a part beyond a safety limit, or a hostile member name.

Checked on the zip central directory before anything is inflated: number of entries, declared
bytes in total and per entry, compression ratio, overlapping entries (a zip bomb), encrypted
entries, member names with ``..``, absolute paths, backslashes or NUL, duplicate names, zips
nested deeper than allowed, XML parts over the size or element limit, and PDF streams that
declare or decompress to more than the limit (pypdf's limits). Such content is not read. No
regulation clause (a tool finding); the limits are this rule's parameters.

Parameters: ``max_members``, ``max_total_bytes``, ``max_member_bytes``, ``max_ratio``,
``ratio_min_bytes``, ``max_nesting``, ``max_part_bytes``, ``max_part_elements``,
``pdf_max_stream_bytes``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from validator.checks._refusals import message_args
from validator.checks.base import Hit, Param, Params, rule

LIMIT_PARAMS = {
    "max_members": Param("int", "entries an archive may declare", positive=True),
    "max_total_bytes": Param("int", "declared uncompressed bytes of all entries", positive=True),
    "max_member_bytes": Param("int", "declared uncompressed bytes of one entry", positive=True),
    "max_ratio": Param("float", "uncompressed/compressed ratio of one entry", positive=True),
    "ratio_min_bytes": Param("int", "entries smaller than this are exempt from max_ratio"),
    "max_nesting": Param("int", "zip levels below the path given (meeting zip -> item zip)"),
    "max_part_bytes": Param("int", "bytes of one XML part that is parsed", positive=True),
    "max_part_elements": Param("int", "XML elements of one part (bounds the parsed tree)",
                               positive=True),
    "pdf_max_stream_bytes": Param("int", "bytes a PDF stream may declare or decompress to",
                                  positive=True),
}


@rule(code="FIL003", name="archive-limit", scope="package", params=LIMIT_PARAMS)
def archive_limit(ctx: Any, params: Params) -> Iterator[Hit]:
    for refusal in ctx.refusals:
        if refusal.unreadable:
            continue
        yield Hit(
            measured=refusal.measured,
            threshold=refusal.threshold,
            evidence=refusal.reason,
            args=message_args(refusal),
            message=refusal.message,
            file=refusal.path,
        )
