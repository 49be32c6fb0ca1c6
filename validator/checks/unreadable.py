"""FIL001 unreadable-file: a file that cannot be read as what its extension says.

Corrupt or truncated archives, a missing main part, malformed XML, a DOCTYPE in an OOXML part,
a PDF that its reader rejects, bytes of another format behind the extension. The reason is in
the message. It is never a pass: what the toolkit cannot read, the recipients may not open either,
and none of the other rules could judge it. The engine also reports FIL001 when any other check
stops on unreadable content. No regulation clause (a tool finding).

Fails: a .docx cut in half. Passes: any file the toolkit can open.
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.checks.base import Hit, Params, rule
from validator.document import Document
from validator.errors import UnreadableError

#: Markers of the main part's content type per kind: the standard types and the
#: macro-enabled ones (macros are the security rules' business, not a reading failure).
_MAIN_TYPES = {
    "presentation": ("presentationml", "ms-powerpoint"),
    "document": ("wordprocessingml", "ms-word"),
    "spreadsheet": ("spreadsheetml", "ms-excel"),
}


def open_failure(doc: Document) -> str | None:
    """Return why ``doc`` cannot be opened as its format, or None when it opens."""
    try:
        if doc.format == "pdf":
            doc.pdf  # noqa: B018 - parsing is the check
        elif doc.container == "zip":
            pkg = doc.ooxml
            main_type = pkg.main_content_type
            expected = _MAIN_TYPES[doc.declared_kind]
            if not any(marker in main_type for marker in expected):
                return (f"the main part is {main_type or 'of no content type'}, not the "
                        f"{expected[0]} expected of .{doc.format}")
            pkg.xml(pkg.main_part)
            if doc.declared_kind == "presentation":
                doc.deck  # noqa: B018
    except UnreadableError as exc:
        return str(exc)
    return None


@rule(code="FIL001", name="unreadable-file",
      kinds={"presentation", "document", "spreadsheet"})
def unreadable_file(doc: Document, params: Params) -> Iterator[Hit]:
    reason = open_failure(doc)
    if reason is not None:
        yield Hit(evidence=reason, args={"reason": reason})
