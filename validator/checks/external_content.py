"""SEC004 external-content: what makes Office reach outside the file, or run something, when
it is opened, updated or clicked.

Nothing is ever fetched, updated or run; the target is only reported (in the evidence and the
measured value). Two sources:

- Relationships marked ``TargetMode="External"``, by their kind: a remote template
  (``attachedTemplate``: "template injection"), a linked OLE object or external workbook
  (``oleObject``, ``package``, ``externalLinkPath``), a linked picture or media (``image``,
  ``video``, ``audio``, ``media``), a frame or sub-document (``frame``, ``subDocument``);
  any other external kind is ``other``; hyperlinks are listed as notes (one per distinct
  address), except a hyperlink to a program or script (``program-action``).
- Active content (``validator.formats.active``, ``chunks``, ``sheets``): Word fields
  that run or fetch (DDE and DDEAUTO: ``dde``; INCLUDEPICTURE, INCLUDETEXT, INCLUDE, IMPORT:
  ``include-field``; LINK: ``link-field``; DATABASE: ``data-connection``), in simple and
  complex fields of every part; altChunk imports (``alt-chunk``, or ``alt-chunk-fetch`` when
  the chunk refers outside: an HTML chunk's remote picture, an RTF chunk's field); mail-merge
  documents whose data source is queried on opening (``refresh-on-open``); Excel DDE links
  and DDE formulas (``dde``), formulas that fetch or run when calculated (WEBSERVICE, IMAGE,
  STOCKHISTORY, RTD, CALL, REGISTER: ``fetch-formula``), external data connections and web
  queries (``data-connection``; ``refresh-on-open`` when a connection, query table or pivot
  cache refreshes on opening); slide actions that run a program, a macro or an OLE verb
  (``program-action``); Office add-ins (``add-in``).

The severity of each case is set in the profile (``[rules.SEC004.cases]``): what runs a
command or fetches on opening is an error. docs/ACTIVE_CONTENT.md lists every mechanism and
what is not looked for. No regulation clause (a security finding).

Fails: a .docx whose settings attach a template at http://...; a slide with a picture linked
from \\\\server\\share; a ``DDEAUTO`` field; a workbook whose web query refreshes on opening.
Passes: a deck whose pictures are embedded; a document whose only fields are PAGE and TOC.
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.checks.base import Hit, Params, rule
from validator.core.catalogue import LANGS, format_message
from validator.core.findings import Location
from validator.files.document import Document
from validator.formats.active import (
    Active,
    actions,
    add_ins,
    executable_target,
    mail_merge,
    shown,
    word_fields,
)
from validator.formats.chunks import alt_chunks
from validator.formats.ooxml import OoxmlPackage
from validator.formats.sheets import sheet_content
from validator.materials.roles import Localized

CASES: dict[str, str] = {
    "attachedTemplate": "template",
    "oleObject": "linked-object",
    "package": "linked-object",
    "externalLinkPath": "linked-object",
    "image": "linked-picture",
    "video": "linked-picture",
    "audio": "linked-picture",
    "media": "linked-picture",
    "frame": "frame",
    "subDocument": "frame",
    "hyperlink": "hyperlink",
}
#: Cases of active content (besides the relationship cases above and ``other``).
ACTIVE_CASES = ("dde", "include-field", "link-field", "refresh-on-open", "data-connection",
                "fetch-formula", "alt-chunk", "alt-chunk-fetch", "program-action", "add-in")


def case_of(kind: str) -> str:
    """The SEC004 case for a relationship kind (``other`` for kinds not listed)."""
    return CASES.get(kind, "other")


def active_content(pkg: OoxmlPackage, kind: str) -> Iterator[Active]:
    """The active content of a package of ``kind`` (see the module doc)."""
    if kind == "document":
        yield from word_fields(pkg)
        yield from alt_chunks(pkg)
        yield from mail_merge(pkg)
    elif kind == "spreadsheet":
        yield from sheet_content(pkg)
    yield from actions(pkg)
    yield from add_ins(pkg)


def _what(active: Active) -> str | Localized:
    if not active.what_key:
        return active.what
    return Localized({lang: format_message("SEC004", lang, active.what_key, {})
                      for lang in LANGS})


@rule(code="SEC004", name="external-content",
      kinds={"presentation", "document", "spreadsheet"},
      cases=("template", "linked-object", "linked-picture", "frame", "other", "hyperlink",
             *ACTIVE_CASES))
def external_content(doc: Document, params: Params) -> Iterator[Hit]:
    if doc.container != "zip":
        return
    pkg = doc.ooxml
    found = list(active_content(pkg, doc.declared_kind))
    acted = {(a.part, a.target) for a in found if a.case == "program-action"}
    links: dict[str, list[str]] = {}
    for source, rel in pkg.all_rels():
        if not rel.external:
            continue
        case = case_of(rel.kind)
        target = shown(rel.target)
        if case == "hyperlink" and executable_target(rel.target):
            if (source, target) not in acted:
                found.append(Active("program-action", "executable-link", source, target,
                                    f"hyperlink {rel.id} of /{source} points to a program: "
                                    f"{target!r} (not opened)", what="hyperlink"))
            continue
        if case == "hyperlink":
            links.setdefault(target, []).append(source)
            continue
        yield Hit(
            location=Location(part=source or None),
            measured=target,
            case=case,
            evidence=f"relationship {rel.id} of /{source} type {rel.type} "
                     f'TargetMode="External" Target={target!r} (not fetched)',
            args={"target": target, "kind": rel.kind, "part": source or "package"},
            fingerprint_extra=f"{source}|{rel.kind}|{target}",
        )
    seen: dict[str, int] = {}
    for active in found:
        key = f"{active.case}|{active.part}|{active.what}|{active.target}"
        seen[key] = seen.get(key, 0) + 1
        yield Hit(
            location=Location(part=active.part or None),
            measured=active.target,
            case=active.case,
            message=active.message,
            evidence=active.evidence,
            args={"target": active.target, "what": _what(active)},
            fingerprint_extra=f"{key}|{seen[key]}",
        )
    for target, sources in sorted(links.items()):
        yield Hit(
            location=Location(part=sources[0] or None),
            measured=target,
            case="hyperlink",
            message="hyperlink",
            evidence=f"hyperlink to {target!r} from {len(sources)} place(s), first /{sources[0]}",
            args={"target": target, "count": len(sources), "part": sources[0] or "package"},
            fingerprint_extra=f"hyperlink|{target}",
        )
