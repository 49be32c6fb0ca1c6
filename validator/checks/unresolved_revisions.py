"""DOC003 unresolved-revisions: tracked changes or comments are left in a submitted file.

A draft that still carries tracked insertions or deletions, or reviewers' comments, is not a
finished text: the apparatus cannot know which version the body means, and comments may leak
internal remarks. Counted: ``w:ins``, ``w:del``, ``w:moveFrom``, ``w:moveTo`` in the body,
headers and footers of a word-processing file; comments in every comments part (Word
``w:comment``, PowerPoint ``p:cm`` old and modern, Excel ``comment``). One warning per file
with the counts; the profile lists which roles it applies to.

Parameters: ``roles``. Fails: a docx with one ``w:ins``. Passes: the same text accepted.
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.checks.base import Hit, Param, Params, rule
from validator.core.findings import Location
from validator.files.document import Document
from validator.formats.ooxml import NS, OoxmlPackage
from validator.materials.roles import ROLES

_W = NS["w"]
INSERTIONS = (f"{{{_W}}}ins", f"{{{_W}}}moveTo")
DELETIONS = (f"{{{_W}}}del", f"{{{_W}}}moveFrom")
COMMENT_NAMES = frozenset({"comment", "cm"})


def _revision_parts(pkg: OoxmlPackage) -> list[str]:
    main = pkg.main_part
    parts = [main]
    for kind in ("header", "footer", "footnotes", "endnotes"):
        parts.extend(pkg.related(main, kind))
    return parts


def _count_revisions(pkg: OoxmlPackage) -> tuple[int, int, str | None]:
    ins = dels = 0
    first: str | None = None
    for part in _revision_parts(pkg):
        root = pkg.xml(part)
        here_ins = sum(1 for _ in root.iter(*INSERTIONS))
        here_del = sum(1 for _ in root.iter(*DELETIONS))
        if (here_ins or here_del) and first is None:
            first = part
        ins += here_ins
        dels += here_del
    return ins, dels, first


def _count_comments(pkg: OoxmlPackage) -> tuple[int, str | None]:
    total = 0
    first: str | None = None
    for part, ctype in sorted(pkg.content_types.items()):
        if not ctype.endswith("comments+xml"):
            continue
        found = sum(1 for el in pkg.xml(part).iter()
                    if isinstance(el.tag, str) and el.tag.rsplit("}", 1)[-1] in COMMENT_NAMES)
        if found and first is None:
            first = part
        total += found
    return total, first


@rule(
    code="DOC003",
    name="unresolved-revisions",
    kinds={"document", "presentation", "spreadsheet"},
    params={"roles": Param("str-list", "file roles the rule applies to", ROLES)},
)
def unresolved_revisions(doc: Document, params: Params) -> Iterator[Hit]:
    if doc.container != "zip":
        return
    if doc.role.role not in params["roles"]:
        return
    pkg = doc.ooxml
    ins = dels = 0
    part: str | None = None
    if doc.declared_kind == "document":
        ins, dels, part = _count_revisions(pkg)
    comments, comment_part = _count_comments(pkg)
    total = ins + dels + comments
    if total == 0:
        return
    yield Hit(
        location=Location(part=part or comment_part),
        measured=total,
        threshold=0,
        unit="revisions",
        evidence=f"{ins} insertion(s), {dels} deletion(s), {comments} comment(s)",
        args={"insertions": ins, "deletions": dels, "comments": comments},
    )
