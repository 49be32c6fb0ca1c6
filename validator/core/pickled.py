"""``by_fields``: a frozen dataclass pickled as its fields in order.

The ``__getstate__``/``__setstate__`` that ``dataclass(slots=True)`` generates look up the
class's fields for every object; values a reader process sends in thousands (locations, text
blocks) are pickled instead as the class and the tuple of their fields, read with one
``attrgetter`` built from ``dataclasses.fields`` (so a field added later is pickled too), and
rebuilt through the constructor.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from operator import attrgetter
from typing import Any, TypeVar

T = TypeVar("T", bound=type)


def by_fields(cls: T) -> T:
    """Give dataclass ``cls`` a ``__reduce__`` that pickles its fields in order (each one
    must be a constructor argument: it is passed back through the constructor)."""
    if not all(f.init for f in fields(cls)):
        raise TypeError(f"{cls.__name__}: a field outside the constructor cannot be rebuilt")
    names = [f.name for f in fields(cls)]
    # attrgetter gives a tuple for two names or more; the constructor needs one for any count
    values: Callable[[Any], tuple[Any, ...]] = attrgetter(*names) if len(names) > 1 else (
        lambda obj: tuple(getattr(obj, name) for name in names))

    def __reduce__(self: Any) -> tuple[Any, ...]:
        return (cls, values(self))

    cls.__reduce__ = __reduce__  # type: ignore[assignment,method-assign]
    return cls
