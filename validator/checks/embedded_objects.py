"""SEC005 embedded-object: objects embedded in a file: OLE objects, ActiveX controls, files
attached inside a PDF.

An embedded object is a file inside the file: it is not checked against the regulation, it may
carry anything (an OLE "Packager" object can hold an executable), and ActiveX controls run code.
Each is named (its part or attachment name). Cases, with severities from the profile:
``ole-object`` (an OLE part under ``embeddings/`` or anywhere else, not a VBA project, which is
SEC002), ``package`` (an embedded .docx/.xlsx/... package), ``activex`` (an ActiveX control),
``attachment`` (a file attached inside a PDF), and ``chart-data`` (the workbook behind a chart,
referred to only by chart parts). Nothing is extracted or opened. No regulation clause (a
security finding).

Fails: a slide with an embedded Word document; a PDF with an attached .exe.
Passes: a deck with pictures and native charts only.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from validator.checks.base import Hit, Params, rule
from validator.core.findings import Location
from validator.files.document import Document
from validator.formats.parts import referrers

ACTIVEX_TYPE = "application/vnd.ms-office.activeX+xml"
OLE_OBJECT_TYPE = "application/vnd.openxmlformats-officedocument.oleObject"


def _hit(part: str, case: str, evidence: str, source: str | None) -> Hit:
    return Hit(location=Location(part=part), measured=posixpath.basename(part), case=case,
               message="default" if case == "ole-object" else case, evidence=evidence,
               args={"name": posixpath.basename(part), "part": part, "source": source or "-"},
               fingerprint_extra=part)


@rule(code="SEC005", name="embedded-object", kinds={"presentation", "document", "spreadsheet"},
      cases=("ole-object", "package", "activex", "attachment", "chart-data"))
def embedded_objects(doc: Document, params: Params) -> Iterator[Hit]:
    if doc.format == "pdf":
        for n, name in enumerate(doc.pdf.attachments, start=1):
            shown = "".join(ch if ch.isprintable() else "?" for ch in name)[:200]
            yield Hit(measured=shown, case="attachment", message="attachment",
                      evidence=f"embedded file {n}: {shown!r} (not extracted)",
                      args={"name": shown}, fingerprint_extra=f"{n}|{shown}")
        return
    if doc.container != "zip":
        return
    pkg = doc.ooxml
    types = pkg.content_types
    refs = referrers(pkg)
    ole = {p.name: p for p in doc.ole_parts}
    for name in sorted(pkg.zip.names):
        if name.endswith("/") or name.endswith(".rels"):
            continue
        ctype = types.get(name, "")
        folders = name.lower().split("/")[:-1]
        sources = refs.get(name, [])
        first = sources[0][0] if sources else None
        if ctype == ACTIVEX_TYPE or ("activex" in folders and name.lower().endswith(".xml")):
            yield _hit(name, "activex", f"ActiveX control /{name} ({ctype or 'no type'})", first)
            continue
        part = ole.get(name)
        if part is not None and part.vba:
            continue  # a macro project: SEC002
        chart_only = bool(sources) and all(kind == "package" and "/charts/" in f"/{src}"
                                           for src, kind in sources)
        if chart_only:
            yield _hit(name, "chart-data", f"chart workbook /{name} used by /{first}", first)
            continue
        if part is not None:
            payload = "; carries an Ole10Native file payload" if part.native else ""
            yield _hit(name, "ole-object",
                       f"OLE container /{name}, {part.size} bytes{payload}", first)
            continue
        if "embeddings" not in folders:
            continue
        if ctype == OLE_OBJECT_TYPE:
            yield _hit(name, "ole-object", f"embedded object /{name} ({ctype})", first)
        else:
            yield _hit(name, "package",
                       f"embedded file /{name} ({ctype or 'no content type'})", first)
