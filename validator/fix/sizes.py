"""What the size fixes share: a ``sz`` as the file writes it, raising it, and a new element
put in its schema place.

``sz`` is read without the resolver's range check (``slides.styles.size_attr``): a fix raises
an out-of-range small value ("50") like any other size under the minimum.
"""

from __future__ import annotations

from lxml import etree


def sz_of(el: etree._Element | None) -> int | None:
    """``@sz`` of ``el`` as an integer, or None when absent or not a number."""
    if el is None:
        return None
    try:
        return int(el.get("sz") or "")
    except ValueError:
        return None


def raise_sz(el: etree._Element, minimum: int) -> tuple[int | None, bool]:
    """Set ``sz`` to ``minimum`` when it is smaller (or absent); return (before, changed)."""
    before = sz_of(el)
    if before is not None and before >= minimum:
        return before, False
    el.set("sz", str(minimum))
    return before, True


def insert_before(parent: etree._Element, new: etree._Element, following: tuple[str, ...]
                  ) -> None:
    """Put ``new`` into ``parent`` before its first child whose tag is in ``following`` (the
    elements the schema puts after it), or last."""
    for item in parent:
        if item.tag in following:
            item.addprevious(new)
            return
    parent.append(new)
