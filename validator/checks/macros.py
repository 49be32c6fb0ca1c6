"""SEC002 macros: a file that carries macros (VBA or Excel 4 macro sheets).

Macros run code on the recipients' computers; materials for a meeting have no need of them.
Found without running anything: a macro-enabled main content type (.pptm, .docm, .xlsm and their
templates, also when such a file was renamed to .pptx/.docx/.xlsx), a ``vbaProject`` content
type or relationship, a part called ``vbaProject.bin``, any OLE part whose directory holds a
VBA project (it can be renamed), and Excel 4 macro sheets (``xl/macrosheets/``, macrosheet
content types). Other OLE parts are embedded objects (SEC005). No regulation clause (a
security finding).

Fails: a .pptm; a .pptm renamed .pptx; a .docx with ``word/vbaProject.bin``.
Passes: a .pptx without macros.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

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
    if MACRO_MAIN.lower() in main_type.lower():
        renamed = doc.format not in MACRO_EXTENSIONS
        yield Hit(
            location=Location(part=pkg.main_part),
            measured=main_type,
            evidence=f"main part /{pkg.main_part} has content type {main_type}",
            message="renamed" if renamed else "default",
            args={"format": doc.format, "content_type": main_type},
            fingerprint_extra="main",
        )
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
            yield Hit(location=Location(part=name), measured=name,
                      evidence=f"part /{name} ({ctype or 'no content type'}): {why}",
                      message="vba", args={"part": name}, fingerprint_extra=name)
        elif ctype in XLM_TYPES or name.lower().startswith("xl/macrosheets/"):
            if name.endswith(".rels"):
                continue
            yield Hit(location=Location(part=name), measured=name,
                      evidence=f"part /{name} ({ctype or 'no content type'}): an Excel 4 "
                               "macro sheet",
                      message="xlm", args={"part": name}, fingerprint_extra=name)
    for source, rel in pkg.all_rels():
        if rel.kind == "vbaProject" and not rel.external and rel.target not in reported \
                and rel.target not in pkg.zip.names:
            yield Hit(location=Location(part=source or None), measured=rel.target,
                      evidence=f"relationship {rel.id} of /{source} names a VBA project "
                               f"/{rel.target}",
                      message="vba", args={"part": rel.target}, fingerprint_extra=rel.target)
