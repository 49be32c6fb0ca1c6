"""SEC004 external-content: relationships that point outside the file (``TargetMode="External"``).

Nothing is ever fetched; the target is only reported. By the relationship's kind (the last
segment of its type): a remote template (``attachedTemplate``: "template injection"), a linked
OLE object or external workbook (``oleObject``, ``package``, ``externalLinkPath``), a linked
picture or media (``image``, ``video``, ``audio``, ``media``) and a frame or sub-document
(``frame``, ``subDocument``) make the file depend on, or call out to, a place outside the
package; the recipients' computers would load it when the file opens. Those are errors; any
other external kind is a warning; hyperlinks are listed as notes (one per distinct address), as
they are only followed when clicked. The severity of each case is set in the profile. No
regulation clause (a security finding).

Fails: a .docx whose settings attach a template at http://...; a slide with a picture linked
from \\\\server\\share. Passes: a deck whose pictures are embedded.
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.checks.base import Hit, Params, rule
from validator.document import Document
from validator.model import Location

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
_MAX_TARGET = 200


def case_of(kind: str) -> str:
    """The SEC004 case for a relationship kind (``other`` for kinds not listed)."""
    return CASES.get(kind, "other")


def _shown(target: str) -> str:
    text = "".join(ch if ch.isprintable() else "?" for ch in target)
    return text if len(text) <= _MAX_TARGET else text[:_MAX_TARGET] + "..."


@rule(code="SEC004", name="external-content",
      kinds={"presentation", "document", "spreadsheet"},
      cases=("template", "linked-object", "linked-picture", "frame", "other", "hyperlink"))
def external_content(doc: Document, params: Params) -> Iterator[Hit]:
    if doc.container != "zip":
        return
    links: dict[str, list[str]] = {}
    for source, rel in doc.ooxml.all_rels():
        if not rel.external:
            continue
        case = case_of(rel.kind)
        target = _shown(rel.target)
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
