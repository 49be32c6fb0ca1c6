"""FIL002 unsupported-format: legacy binary formats the toolkit cannot check.

.ppt, .doc, .xls (binary Office 97-2003), .rtf, .odt and .odp: their content cannot be checked
against the regulation here. The message says what to convert the file to
(``conversions`` in the profile maps each extension to its modern format).

Parameters: ``conversions`` (extension -> format to save as).
Fails: ``Доклад.ppt``. Passes: ``Доклад.pptx``.
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.checks.base import Hit, Param, Params, rule
from validator.document import Document


@rule(
    code="FIL002",
    name="unsupported-format",
    kinds={"legacy"},
    params={"conversions": Param("str-map", "extension -> the format to save it as")},
)
def unsupported_format(doc: Document, params: Params) -> Iterator[Hit]:
    target = params["conversions"].get(doc.format, "pptx, docx or pdf")
    yield Hit(measured=doc.format, evidence=f"extension .{doc.format}",
              args={"format": doc.format, "target": target})
