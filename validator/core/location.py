"""Where a finding points inside a file (``Location``, with a shape's ``Box`` on its slide) and
where the value behind it lives when many places share it (``Root``): frozen, picklable values,
written to JSON by ``to_dict`` in the report's vocabulary (docs/REPORT_FORMAT.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from validator.core.pickled import by_fields


@by_fields  # sent with each run and finding of a slide
@dataclass(frozen=True, slots=True)
class Box:
    """Geometry of a shape on its slide, in EMU, so reports can draw where a problem is."""

    slide_width: int
    slide_height: int
    x: int
    y: int
    width: int
    height: int

    def to_dict(self) -> dict[str, int]:
        return {
            "slide_width": self.slide_width,
            "slide_height": self.slide_height,
            "x": self.x,
            "y": self.y,
            "width": self.width,
            "height": self.height,
        }


@by_fields  # a reader process sends thousands
@dataclass(frozen=True, slots=True)
class Location:
    """Where inside a file a finding points; every field is optional."""

    slide: int | None = None
    page: int | None = None
    shape: str | None = None
    shape_id: int | None = None
    paragraph: int | None = None
    cell: str | None = None
    sheet: str | None = None
    part: str | None = None
    box: Box | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the non-empty fields, in a stable order."""
        out: dict[str, Any] = {}
        for name in ("slide", "page", "sheet", "shape", "shape_id", "paragraph", "cell", "part"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        if self.box is not None:
            out["box"] = self.box.to_dict()
        return out

    def logical(self) -> str:
        """Return a path such as ``slide[3]/shape[Title 1]`` (empty for the whole file)."""
        parts: list[str] = []
        if self.slide is not None:
            parts.append(f"slide[{self.slide}]")
        if self.page is not None:
            parts.append(f"page[{self.page}]")
        if self.sheet is not None:
            parts.append(f"sheet[{self.sheet}]")
        if self.shape is not None:
            parts.append(f"shape[{self.shape}]")
        if self.paragraph is not None:
            parts.append(f"paragraph[{self.paragraph}]")
        if self.cell is not None:
            parts.append(f"cell[{self.cell}]")
        if not parts and self.part is not None:
            parts.append(f"part[{self.part}]")
        return "/".join(parts)

    def sort_key(self) -> tuple[int, int, str, int, str]:
        return (
            self.slide or 0,
            self.page or 0,
            self.shape or "",
            self.paragraph or 0,
            self.cell or "",
        )


Measured = int | float | str | None


@by_fields  # sent with the findings of shared styles
@dataclass(frozen=True, slots=True)
class Root:
    """Where the value behind a finding lives, when many places share it.

    ``part`` is the package part (``ppt/slideMasters/slideMaster1.xml``) and ``element`` the
    element inside it (``p:txStyles/p:otherStyle/a:lvl1pPr``): one change there mends every
    place the finding lists.
    """

    part: str
    element: str

    def to_dict(self) -> dict[str, str]:
        return {"part": self.part, "element": self.element}
