"""One XML part parsed safely: DTDs, entities and network access off, a document type
declaration refused, the number of elements bounded before a tree is built.

A ``<!DOCTYPE`` or ``<!ENTITY`` anywhere in a part, in UTF-8, UTF-16 or UTF-32, is refused
(FIL001), as the packaging standard (ECMA-376 Part 2) forbids DTDs; the parsed tree is checked
for a document type declaration as well, for encodings the byte search does not cover. The
number of elements (``max_elements``, counted as ``<`` minus ``</`` in the bytes, which bounds
the tree lxml would build) is checked before a part is parsed (FIL003). ``WellFormed`` checks a
part without building a tree, chunk by chunk.
"""

from __future__ import annotations

import threading
from typing import Any

from lxml import etree

from validator.core.errors import LimitError, UnreadableError


class DoctypeError(UnreadableError):
    """An XML part declares a document type, which Office Open XML forbids."""


#: What every parser of a part is set to: no entities resolved, no DTD loaded or validated,
#: nothing fetched, libxml2's size limits kept (``parse_xml`` and ``WellFormed`` alike).
_SAFE: dict[str, Any] = {"resolve_entities": False, "no_network": True, "load_dtd": False,
                          "dtd_validation": False, "huge_tree": False}


class _NoTree:
    """A parser target that keeps nothing: libxml2 checks well-formedness at C speed and no
    tree is built. It only notes a document type declaration."""

    def __init__(self) -> None:
        self.declared = False

    def doctype(self, *args: object) -> None:
        self.declared = True

    def close(self) -> None:
        return None


class WellFormed:
    """Takes an XML part's bytes chunk by chunk and parses them with the safe parser's
    settings, building no tree; ``finish()`` after the last chunk.

    Raises ``DoctypeError`` for a document type declaration (forbidden, as in
    ``parse_xml``) and ``etree.XMLSyntaxError`` when the part is not well formed.
    """

    def __init__(self, what: str) -> None:
        self.what = what
        self._target = _NoTree()
        self._parser = etree.XMLParser(target=self._target,  # type: ignore[arg-type]
                                       **_SAFE)
        self._tail = b""

    def __call__(self, chunk: bytes) -> None:
        if declares_dtd(self._tail + chunk):
            raise DoctypeError(f"{self.what} declares a DOCTYPE or ENTITY, which Office "
                               "Open XML forbids")
        self._tail = chunk[-_MARKER_OVERLAP:]
        self._parser.feed(chunk)

    def finish(self) -> None:
        self._parser.close()
        if self._target.declared:
            raise DoctypeError(f"{self.what} declares a DOCTYPE, which Office Open XML "
                               "forbids")


class _ThreadParser(threading.local):
    """Each thread's own safe parser, made on the thread's first parse."""

    def __init__(self) -> None:
        self.parser = etree.XMLParser(**_SAFE, remove_comments=True, remove_pis=True)


_THREAD_PARSER = _ThreadParser()


def safe_parser() -> etree.XMLParser:
    """Return this thread's lxml parser that resolves nothing and fetches nothing.

    One parser serves every part a thread parses, as lxml's own default parser does: a parser
    keeps its libxml2 context and its dictionary of names from one parse to the next, where a
    new parser sets both up again (1.7 us more for a small part; 0.02-0.04 s over the 5,237 XML
    parts of the corpus decks, measured). A parser is not safe to share between threads, so
    each thread has its own. It holds no state a parse could see: every parse starts afresh,
    with the same settings.
    """
    return _THREAD_PARSER.parser


_DTD_MARKERS: tuple[bytes, ...] = tuple(
    marker.encode(codec)
    for marker in ("<!DOCTYPE", "<!doctype", "<!ENTITY")
    for codec in ("ascii", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)
#: Bytes kept from the end of one chunk so that a marker split between chunks is seen.
_MARKER_OVERLAP = max(len(m) for m in _DTD_MARKERS)
_WIDE_LT = {"utf-16-le": b"<\x00", "utf-16-be": b"\x00<"}


def declares_dtd(data: bytes) -> bool:
    """Whether a document type or entity declaration appears anywhere in the bytes."""
    if b"!" not in data:  # every marker holds the byte of "!", in each encoding: one scan
        return False
    return any(marker in data for marker in _DTD_MARKERS)


def count_elements(data: bytes) -> int:
    """Upper bound of the elements (plus comments and PIs) in an XML part, without parsing."""
    codec = "utf-16-le" if data[:2] in (b"\xff\xfe", b"<\x00") else (
        "utf-16-be" if data[:2] in (b"\xfe\xff", b"\x00<") else "")
    if codec:
        lt = _WIDE_LT[codec]
        slash = "/".encode(codec)
        return data.count(lt) - data.count(lt + slash)
    return data.count(b"<") - data.count(b"</")


def parse_xml(data: bytes, what: str, max_elements: int | None = None) -> etree._Element:
    """Parse one XML part safely; a DOCTYPE or malformed XML makes the file unreadable.

    ``max_elements`` refuses (``LimitError``) a part whose tree would be too large to build.
    """
    if declares_dtd(data):
        raise UnreadableError(f"{what} declares a DOCTYPE or ENTITY, which Office Open XML "
                              "forbids")
    if max_elements is not None and len(data) > max_elements:  # else fewer "<" than the limit
        elements = count_elements(data)
        if elements > max_elements:
            raise LimitError("max_part_elements", elements, max_elements,
                             f"XML elements in {what}")
    try:
        root = etree.fromstring(data, parser=safe_parser())
    except etree.XMLSyntaxError as exc:
        raise UnreadableError(f"{what} is not well-formed XML: {exc}") from None
    if root is None:
        raise UnreadableError(f"{what} is empty")
    info: Any = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise UnreadableError(f"{what} declares a DOCTYPE, which Office Open XML forbids")
    return root
