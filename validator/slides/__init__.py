"""Effective font sizes of the text a PresentationML deck shows on its slides.

``resolved_runs(pkg, deck)`` walks the OOXML parts directly (never python-pptx's object model,
which loads media) and follows the inheritance chains of docs/ARCHITECTURE.md ("Presentation
text sizes"): placeholders, text boxes, tables, groups, charts and SmartArt.
"""

from __future__ import annotations

from validator.slides.resolve import resolved_runs
from validator.slides.runs import ResolvedRun

__all__ = ["ResolvedRun", "resolved_runs"]
