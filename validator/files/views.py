"""A document's views as an explicit record, and the descriptor that makes a view.

A ``Document`` computes a view (its text blocks, its deck, its language...) the first time a
check asks and keeps it. Views computed in a reader process travel to the parent, and to the
cache, as a ``DocumentViews``: a frozen record with one field per view that can travel, UNSET
where the view was not computed (``None`` is a value some views have). The parent's document
is built from that record (``Document.adopt``) and never parses the file itself: a parsing
view it was not given raises ``UnreadableError`` (``parsed_view`` on a sealed document).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from validator.core.errors import UnreadableError

if TYPE_CHECKING:
    from validator.formats.parts import OlePart
    from validator.formats.pdf import PdfInfo
    from validator.formats.pdf_text import PdfText
    from validator.formats.pptx import Deck
    from validator.formats.textblocks import TableShape, TextBlock
    from validator.language import LanguageResult
    from validator.language.parity import TextMarks
    from validator.paging import PageCount

T = TypeVar("T")


class Unset(enum.Enum):
    """The value of a view that was not computed (an enum member: one object in every
    process, pickled by name)."""

    UNSET = "unset"

    def __repr__(self) -> str:
        return "UNSET"


UNSET = Unset.UNSET


@dataclass(frozen=True, slots=True)
class DocumentViews:
    """The views of one file that were computed where it was read, ready to hand on."""

    kind: str | Unset = UNSET
    size: int | Unset = UNSET
    sha256: str | Unset = UNSET
    head: bytes | Unset = UNSET
    pdf: PdfInfo | Unset = UNSET
    deck: Deck | Unset = UNSET
    ole_parts: tuple[OlePart, ...] | Unset = UNSET
    language: LanguageResult | Unset = UNSET
    quick_page_count: PageCount | Unset = UNSET
    pdf_text: PdfText | Unset = UNSET
    text_blocks: tuple[TextBlock, ...] | Unset = UNSET
    text_marks: TextMarks | Unset = UNSET
    table_shapes: tuple[TableShape, ...] | Unset = UNSET

    def items(self) -> Iterator[tuple[str, Any]]:
        """(name, value) of each computed view."""
        for f in fields(self):
            value = getattr(self, f.name)
            if value is not UNSET:
                yield f.name, value

    def get(self, name: str, default: Any = None) -> Any:
        value = getattr(self, name, UNSET)
        return default if value is UNSET else value

    def __bool__(self) -> bool:
        return any(True for _ in self.items())


#: The names of the views a ``DocumentViews`` can carry.
VIEW_NAMES: tuple[str, ...] = tuple(f.name for f in fields(DocumentViews))


def parsed_view(func: Callable[[Any], T]) -> cached_property[T]:
    """A view that parses the file, computed once. On a sealed document (held by the parent of
    an isolated run, or taken from the cache) it is served only when it was handed over, and
    raises ``UnreadableError`` otherwise: the file is never parsed outside its reader's
    limits."""
    return _ParsedView(func)


class _ParsedView(cached_property[T]):
    """``parsed_view``'s descriptor: a cached property that a sealed document guards."""

    def __get__(self, instance: Any, owner: type[Any] | None = None) -> Any:
        if instance is not None and instance.sealed:
            name = self.attrname or ""
            if not instance.has_view(name):
                raise UnreadableError(instance.failure or (
                    f"{name} was not computed in the worker process, and files are not "
                    "parsed outside it"))
        return super().__get__(instance, owner)
