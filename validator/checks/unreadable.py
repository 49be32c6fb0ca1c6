"""FIL001 unreadable-file: a file that cannot be read as what its extension says.

Corrupt or truncated archives, a missing main part, malformed XML, a DOCTYPE in an OOXML part,
a PDF that its reader rejects, bytes of another format behind the extension, and a damaged
member anywhere in an OOXML file (a bad CRC, a part that is not well formed), even one no rule
reads, found when the package is opened (``OoxmlPackage.verify``): Office would ask to repair
the file. The reason is in the message. It is never a pass: what the toolkit cannot read, the
recipients may not open either, and none of the other rules could judge it. The engine also
reports FIL001 when any other check stops on unreadable content, and when the worker process
reading the file dies, runs past its time limit or out of memory (the limits are this rule's
parameters). No regulation clause (a tool finding).

Parameters: ``worker_timeout_seconds`` (wall clock for one file), ``worker_memory_mb`` (address
space of a worker process), ``worker_max_files`` (files a worker reads before it is replaced),
``package_time_budget_seconds`` (reading time of one package's files in all; the files not
read by then are FIL001).

Fails: a .docx cut in half. Passes: any file the toolkit can open.
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.checks._damage import damaged_hit
from validator.checks.base import Hit, Param, Params, rule
from validator.core.errors import EncryptedError, UnreadableError
from validator.files.document import Document
from validator.formats.ooxml import DamagedPartError

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
    except (EncryptedError, DamagedPartError):
        raise  # SEC003 by the engine; a damaged part has its own message below
    except UnreadableError as exc:
        return str(exc)
    return None


WORKER_PARAMS = {
    "worker_timeout_seconds": Param("float", "wall-clock seconds one file may take", positive=True),
    "worker_memory_mb": Param("int", "address-space limit of a worker process, MiB", positive=True),
    "worker_max_files": Param("int", "files a worker process reads before it is replaced",
                              positive=True),
    "package_time_budget_seconds": Param("float", "reading seconds one package's files may "
                                         "take in all; the files not read by then are FIL001",
                                         positive=True),
}


@rule(code="FIL001", name="unreadable-file",
      kinds={"presentation", "document", "spreadsheet"}, params=WORKER_PARAMS)
def unreadable_file(doc: Document, params: Params) -> Iterator[Hit]:
    try:
        reason = open_failure(doc)
    except DamagedPartError as exc:
        yield damaged_hit(exc, doc.declared_kind)
        return
    if reason is not None:
        yield Hit(evidence=reason, args={"reason": reason})
