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

Each finding is placed where a person finds it (``validator.formats.active_places``: the
slide's position in the deck, the shape, the sheet's name), and its message words the kind and
shows the target with percent-encoding undone, or says that it is empty; the measured value and
the evidence keep the target as the file has it.

The severity of each case is set in the profile (``[rules.SEC004.cases]``): what runs a
command or fetches on opening is an error. docs/ACTIVE_CONTENT.md lists every mechanism and
what is not looked for. No regulation clause (a security finding).

Fails: a .docx whose settings attach a template at http://...; a slide with a picture linked
from \\\\server\\share; a ``DDEAUTO`` field; a workbook whose web query refreshes on opening.
Passes: a deck whose pictures are embedded; a document whose only fields are PAGE and TOC.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import unquote

from validator.checks.base import Hit, Params, rule
from validator.core.catalogue import LANGS, format_message
from validator.core.errors import UnreadableError
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
from validator.formats.active_places import Locator, places_of
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


#: Relationship case -> the message that words it; ``default`` for any other kind.
LINK_MESSAGES = {"template": "link-template", "linked-object": "link-object",
                 "linked-picture": "link-picture", "frame": "link-frame"}
#: Relationship kinds the catalogue words (``kind-<kind>``); others are ``kind-other``.
KINDS = frozenset(("attachedTemplate", "oleObject", "package", "externalLinkPath", "image",
                   "video", "audio", "media", "frame", "subDocument", "mailMergeSource",
                   "recipientData", "headerSource", "aFChunk", "customXml"))
#: Messages of active content whose target is an address (a URL or a path, percent-encoded
#: in the file); the others show a command, a formula or a connection string as it is.
ADDRESSES = frozenset(("action", "executable-link", "mail-merge", "include-field",
                       "link-field", "alt-chunk-fetch"))


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
    return _words(active.what_key)


def _words(key: str) -> Localized:
    """A SEC004 catalogue text in every language."""
    return Localized({lang: format_message("SEC004", lang, key, {}) for lang in LANGS})


def target_words(target: str, *, address: bool = True) -> str | Localized:
    """A target as the reports for people show it: an address with its percent-encoding
    undone (``%20`` is a space), or the words "the address is empty". The measured value and
    the evidence keep the target as the file has it."""
    if not target.strip():
        return _words("empty-target")
    return shown(unquote(target, errors="replace")) if address else target


def kind_words(kind: str) -> Localized:
    """A relationship kind in words (``attachedTemplate``: the document template)."""
    return _words(f"kind-{kind}" if kind in KINDS else "kind-other")


def _slide_numbers(doc: Document) -> dict[str, int]:
    """Slide part -> its position in the deck (empty when not a deck or its list is broken:
    the slide rules report that)."""
    if doc.declared_kind != "presentation":
        return {}
    try:
        return {ref.part: ref.number for ref in doc.deck.slides}
    except UnreadableError:
        return {}


def _key(location: Location, extra: str) -> str:
    """The fingerprint key: the part and shape, not the slide's position, so moving slides
    keeps a finding's fingerprint."""
    shape = location.shape_id if location.shape_id is not None else location.shape or ""
    return f"{location.part or ''}|{shape}|{extra}"


@rule(code="SEC004", name="external-content",
      kinds={"presentation", "document", "spreadsheet"},
      cases=("template", "linked-object", "linked-picture", "frame", "other", "hyperlink",
             *ACTIVE_CASES))
def external_content(doc: Document, params: Params) -> Iterator[Hit]:
    if doc.container != "zip":
        return
    pkg = doc.ooxml
    locator = Locator(pkg, places_of(pkg, _slide_numbers(doc)))
    found = list(active_content(pkg, doc.declared_kind))
    acted = {(a.part, a.target) for a in found if a.case == "program-action"}
    links: dict[str, list[Location]] = {}
    for source, rel in pkg.all_rels():
        if not rel.external:
            continue
        case = case_of(rel.kind)
        target = shown(rel.target)
        if case == "hyperlink" and executable_target(rel.target):
            if (source, target) not in acted:
                found.append(Active("program-action", "executable-link", source, target,
                                    f"hyperlink {rel.id} of /{source} points to a program: "
                                    f"{target!r} (not opened)", what="hyperlink",
                                    shape=locator.shape(source, rel.id)))
            continue
        if case == "hyperlink":
            links.setdefault(target, []).append(locator.places.location(source))
            continue
        location = locator.locate(source, rel.id)
        yield Hit(
            location=location,
            measured=target,
            case=case,
            message=LINK_MESSAGES.get(case, "default"),
            evidence=f"relationship {rel.id} of /{source} type {rel.type} "
                     f'TargetMode="External" Target={target!r} (not fetched)',
            args={"target": target_words(target), "kind": kind_words(rel.kind)},
            fingerprint_key=_key(location, f"{rel.kind}|{target}"),
        )
    seen: dict[str, int] = {}
    for active in found:
        key = f"{active.case}|{active.part}|{active.what}|{active.name}|{active.target}"
        location = locator.locate(active.part, shape=active.shape)
        key = _key(location, key)
        seen[key] = seen.get(key, 0) + 1
        yield Hit(
            location=location,
            measured=active.target,
            case=active.case,
            message=active.message,
            evidence=active.evidence,
            args={"target": active.label or target_words(
                      active.target, address=active.message in ADDRESSES),
                  "what": _what(active), "name": active.name},
            fingerprint_key=f"{key}|{seen[key]}",
        )
    for target, where in sorted(links.items()):
        distinct = sorted(set(where), key=lambda loc: (loc.slide or 0, loc.sheet or "",
                                                       loc.part or ""))
        yield Hit(
            location=where[0],
            locations=tuple(distinct) if len(distinct) > 1 else (),
            measured=target,
            case="hyperlink",
            message="hyperlink",
            evidence=f"hyperlink to {target!r} from {len(where)} place(s), first "
                     f"/{where[0].part or ''}",
            args={"target": target_words(target), "count": len(where)},
            fingerprint_key=f"hyperlink|{target}",
        )
