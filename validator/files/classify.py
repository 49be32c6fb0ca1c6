"""The classification step: a file's role, from its name, title property and first lines.

`validator.materials.roles` does the deciding on plain strings; this module only gathers those
strings
from an opened document (through the project's safe readers) so the engine can put ``role``
and ``role_reason`` in every file's report, and file rules can ask ``document_role(doc)``.
A file whose text cannot be read is classified by its name alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from validator.core.errors import LimitError, UnreadableError
from validator.materials.roles import MAX_LINES, RoleResult, classify_role, role_by_name

if TYPE_CHECKING:
    from validator.files.document import Document
    from validator.formats.textblocks import TextBlock

#: Block kinds that can carry a title (not headers, footers or Word table cells; a
#: spreadsheet's first cells do).
TITLE_KINDS = frozenset({"title", "body", "page", "cell"})


def first_lines(blocks: tuple[TextBlock, ...], limit: int = MAX_LINES) -> list[str]:
    """The first `limit` non-empty lines of the body (a PDF page's text is split in lines)."""
    lines: list[str] = []
    for block in blocks:
        if block.kind not in TITLE_KINDS or block.hidden:
            continue
        for line in block.text.splitlines():
            if line.strip():
                lines.append(line.strip())
                if len(lines) >= limit:
                    return lines
    return lines


def document_role(doc: Document) -> RoleResult:
    """Classify `doc`; reading failures fall back to the file name alone.

    The first lines and the title are looked at only when the name does not decide (a deck's
    file type or a role in its name does), so no property part is parsed for nothing.
    """
    if doc.declared_kind in ("other", "legacy"):
        return classify_role(doc.name)
    by_name = role_by_name(doc.name)
    if by_name is not None:
        return by_name
    from validator.formats.pdfhead import head_blocks
    from validator.formats.props import title

    try:
        lines = first_lines(head_blocks(doc, 1))
    except (UnreadableError, LimitError):
        lines = []
    return classify_role(doc.name, lines, title(doc))
