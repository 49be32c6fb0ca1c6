"""Which language a request is answered in: the user's choice first, then the browser's.

Order: ``?lang=`` on the request (a report link names its language), the cookie the language
links set (the user's choice, remembered a year), the browser's ``Accept-Language`` (its
q-values decide; ``kk-KZ`` counts as ``kk``), and last the gate's default, Kazakh, the state
language. A header that cannot be read counts as absent; it is never an error.
"""

from __future__ import annotations

from starlette.requests import Request

from validator.core.catalogue import LANGS
from validator.gate.i18n import DEFAULT_LANG
from validator.gate.service import LANG_COOKIE

#: Longer headers and more entries than this are read only up to the limit.
MAX_HEADER = 1024
MAX_ENTRIES = 32


def _quality(params: list[str]) -> float | None:
    """The q-value among a range's parameters (1 without one); None when it is malformed."""
    for param in params:
        name, _, value = param.strip().partition("=")
        if name.strip().lower() != "q":
            continue
        try:
            q = float(value.strip())
        except ValueError:
            return None
        return q if 0.0 <= q <= 1.0 else None
    return 1.0


def accepted(header: str | None) -> list[str]:
    """The gate's languages the header accepts, best first (RFC 9110 section 12.5.4).

    Ties keep the header's order; ``q=0`` refuses a language; ``*`` accepts the default.
    """
    if not header:
        return []
    ranked: list[tuple[float, int, str]] = []
    for position, entry in enumerate(header[:MAX_HEADER].split(",")[:MAX_ENTRIES]):
        tag, *params = entry.split(";")
        primary = tag.strip().split("-")[0].lower()
        q = _quality(params)
        if q is None or q <= 0.0:
            continue
        code = DEFAULT_LANG if primary == "*" else primary
        if code in LANGS:
            ranked.append((-q, position, code))
    out: list[str] = []
    for _q, _position, code in sorted(ranked):
        if code not in out:
            out.append(code)
    return out


def request_lang(request: Request) -> str:
    """The language to answer ``request`` in (see the module's docstring for the order)."""
    for candidate in (request.query_params.get("lang"), request.cookies.get(LANG_COOKIE)):
        if candidate in LANGS:
            return str(candidate)
    found = accepted(request.headers.get("accept-language"))
    return found[0] if found else DEFAULT_LANG
