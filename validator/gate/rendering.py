"""Rendering the gate's pages: the Jinja2 environment with its filters, a page in the user's
language, an error page, and the small formatting helpers the templates use.

Shared by every module of pages (``pages``, ``precheck_pages``, ``receipt_pages``,
``agenda_pages``), none of which it imports.
"""

from __future__ import annotations

from typing import Any

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse

from validator.core.catalogue import LANGS, clause_ref, ui
from validator.gate.auth import Principal
from validator.gate.i18n import text, texts
from validator.gate.language import request_lang
from validator.reports.common import member_path
from validator.reports.html import breakable


def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("validator.gate", "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters["breakable"] = breakable
    env.filters["shown_path"] = shown_path
    env.filters["place"] = place
    env.filters["when"] = when
    env.filters["member"] = member
    return env


def member(finding: dict[str, Any], package: dict[str, Any]) -> str:
    """The member of ``package`` a package finding is about, as the submitter named it ("" for
    the package as a whole): a stored JSON report's finding and package."""
    return shown_path(member_path(finding.get("file"), package["path"]), package)


def when(value: str | None) -> str:
    """A time the gate keeps (an arrival, a signing, a decision: ISO 8601, as stored) as the
    register shows an arrival: Kazakhstan wall-clock time, ``2026-12-06 20:27:16``; a text
    that is not a time is shown as it is."""
    if not value:
        return ""
    from validator.gate.exports import cell_text, received

    try:
        return cell_text(received(value))
    except ValueError:
        return value


def place(location: dict[str, Any] | None, lang: str) -> str:
    """A finding's location (as the JSON report gives it) in words in ``lang``: "слайд 2,
    надпись «TextBox 4»"; "" for the whole file."""
    if not location:
        return ""
    from validator.core.location import Location
    from validator.plain.places import place_words

    fields = {k: v for k, v in location.items() if k in Location.__dataclass_fields__
              and k != "box"}
    return place_words(Location(**fields), lang)


#: The checking job's folder that reports stored by earlier gates named their files below.
LEGACY_FOLDER = "package"


def shown_path(path: str, package: dict[str, Any]) -> str:
    """A path of ``package`` (a gate report's package, as the JSON report gives it) as the
    submitter named it. The gate's checks name the files as submitted (``Справка_рус.docx``,
    the package itself ""), so their paths are shown as they are; reports stored by earlier
    gates, still served from old data folders, named them below the checking job's folder
    (``package/Справка_рус.docx``), which is left out of those paths here. Their messages
    keep it: they were written when the check ran."""
    prefix = LEGACY_FOLDER + "/"
    legacy = package["path"].startswith(prefix) or (
        package["path"] == LEGACY_FOLDER
        and all(f["path"].startswith(prefix) for f in package["files"]))
    if not legacy:
        return path
    return "" if path == LEGACY_FOLDER else path.removeprefix(prefix)


def lang_of(request: Request) -> str:
    return request_lang(request)


def render_page(env: jinja2.Environment, request: Request, name: str,
                principal: Principal | None, status: int = 200, **context: Any
                ) -> HTMLResponse:
    lang = lang_of(request)
    context.setdefault("csrf", principal.csrf if principal else None)
    context.setdefault("refresh", None)
    html = env.get_template(name).render(
        t=texts(lang), lang=lang, langs=LANGS, principal=principal, status=status,
        path=request.url.path, ui=lambda key: ui(lang, key),
        clause=lambda number: clause_ref(number, lang),
        size=lambda n: file_size(lang, n), **context)
    # The page's language may follow Accept-Language.
    return HTMLResponse(html, status_code=status, headers={"Vary": "Accept-Language, Cookie"})


def error_page(request: Request, status: int, key: str, principal: Principal | None = None,
               **args: Any) -> HTMLResponse:
    """A refusal as a page in the user's language (used before any route runs)."""
    return render_page(environment(), request, "error.html", principal, status,
                       message=text(lang_of(request), key, **args))


def file_size(lang: str, size: int) -> str:
    """A size as people read it: whole KB below a megabyte, MB with one decimal above
    (a decimal comma in Kazakh and Russian)."""
    if size < 1 << 20:
        return text(lang, "ux.unit.kb", n=max(1, -(-size // 1024)))
    mb = f"{size / (1 << 20):.1f}"
    return text(lang, "ux.unit.mb", n=mb if lang == "en" else mb.replace(".", ","))
