"""SEC002 macros: a file that carries macros (VBA or Excel 4 macro sheets).

Macros run code on the recipients' computers; materials for a meeting have no need of them.
Found without running anything: a macro-enabled main content type (.pptm, .docm, .xlsm and their
templates, also when such a file was renamed to .pptx/.docx/.xlsx), a ``vbaProject`` content
type or relationship, a part called ``vbaProject.bin``, any OLE part whose directory holds a
VBA project (it can be renamed), and Excel 4 macro sheets (``xl/macrosheets/``, macrosheet
content types). Other OLE parts are embedded objects (SEC005). No regulation clause (a
security finding).

A file with macros is one problem with one fix (save it without them): it is ONE finding whose
``locations`` list every macro part, then the macro-enabled main part when the type is one, and
whose message says both. A macro-enabled type without any macro part is a finding of its own
(the format would run macros added later).

Fails: a .pptm; a .pptm renamed .pptx; a .docx with ``word/vbaProject.bin``.
Passes: a .pptx without macros.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass

from validator.checks.base import Hit, Params, rule
from validator.core.findings import Location
from validator.files.document import Document

MACRO_MAIN = "macroEnabled"
VBA_TYPES = ("application/vnd.ms-office.vbaProject",)
XLM_TYPES = ("application/vnd.ms-excel.macrosheet+xml",
             "application/vnd.ms-excel.intlmacrosheet+xml")
#: Extensions under which a macro-enabled main part is expected.
MACRO_EXTENSIONS = {"pptm", "potm", "ppsm", "docm", "dotm", "xlsm", "xltm", "xlam"}


@rule(code="SEC002", name="macros", kinds={"presentation", "document", "spreadsheet"})
def macros(doc: Document, params: Params) -> Iterator[Hit]:
    if doc.container != "zip":
        return
    pkg = doc.ooxml
    main_type = pkg.main_content_type
    enabled = MACRO_MAIN.lower() in main_type.lower()
    renamed = enabled and doc.format not in MACRO_EXTENSIONS
    code = list(_macro_code(doc))
    if not code:
        if enabled:  # the format runs macros, though none is in the file yet
            yield Hit(
                location=Location(part=pkg.main_part),
                measured=main_type,
                evidence=f"main part /{pkg.main_part} has content type {main_type}",
                message="renamed" if renamed else "default",
                args={"format": doc.format, "content_type": main_type},
                fingerprint_extra="main",
            )
        return
    # One file, one problem (save it without macros): every macro part and the macro-enabled
    # type are the places of one finding, the first macro part first.
    kind = "vba" if any(c.kind == "vba" for c in code) else "xlm"
    places = tuple(c.location for c in code)
    evidence = "; ".join(c.evidence for c in code)
    if enabled:
        places = tuple(dict.fromkeys((*places, Location(part=pkg.main_part))))
        evidence = f"main part /{pkg.main_part} has content type {main_type}; {evidence}"
    yield Hit(
        location=places[0],
        locations=places,
        measured=main_type if enabled else code[0].part,
        evidence=evidence,
        message=(f"{kind}_renamed" if renamed else f"{kind}_enabled") if enabled else kind,
        args={"part": code[0].part, "format": doc.format, "content_type": main_type},
        fingerprint_extra=code[0].part,
    )


@dataclass(frozen=True, slots=True)
class MacroCode:
    """A part of the file that holds macro code: a VBA project (``vba``) or an Excel 4 macro
    sheet (``xlm``), where it shows (the part, or the part whose relationship names a VBA
    project the file lacks) and why it is one."""

    part: str
    kind: str
    evidence: str
    location: Location


def _macro_code(doc: Document) -> Iterator[MacroCode]:
    """Every part that holds macro code, in part-name order, then the VBA projects that
    relationships name but the file lacks."""
    pkg = doc.ooxml
    types = pkg.content_types
    reported: set[str] = set()
    ole_vba = {p.name for p in doc.ole_parts if p.vba}
    for name in sorted(pkg.zip.names):
        ctype = types.get(name, "")
        base = posixpath.basename(name).lower()
        if base == "vbaproject.bin" or ctype in VBA_TYPES or name in ole_vba:
            why = ("a VBA project" if base == "vbaproject.bin" or ctype in VBA_TYPES
                   else "a VBA project in an OLE part with another name")
            reported.add(name)
            yield MacroCode(name, "vba", f"part /{name} ({ctype or 'no content type'}): {why}",
                            Location(part=name))
        elif ctype in XLM_TYPES or name.lower().startswith("xl/macrosheets/"):
            if name.endswith(".rels"):
                continue
            yield MacroCode(name, "xlm", f"part /{name} ({ctype or 'no content type'}): an "
                                         "Excel 4 macro sheet", Location(part=name))
    for source, rel in pkg.all_rels():
        if rel.kind == "vbaProject" and not rel.external and rel.target not in reported \
                and rel.target not in pkg.zip.names:
            yield MacroCode(rel.target, "vba", f"relationship {rel.id} of /{source} names a "
                                               f"VBA project /{rel.target}",
                            Location(part=source or None))
