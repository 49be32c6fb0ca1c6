"""The family of each document format: what program a person opens it with.

A Word document (.docx, .doc, .rtf, .odt...), a PowerPoint presentation, an Excel workbook, a
PDF, a web page. Files of one family open in one program whatever their extension says, so a
file is read by its bytes within the family its name says (``files.content``), and a reason
that names a file's real format says what it is in the reader's words (``plain.causes``).
"""

from __future__ import annotations

#: Extension -> family (the key of the catalogue's ``what.<family>`` words).
#: Every format Office or LibreOffice saves a material in is here: the 2007+ files, their
#: macro-enabled, template and slide-show twins, the 97-2003 ones (.pps and .pot, .dot, .xlt
#: too), RTF and OpenDocument. ``files.member.FORMATS`` says how each is read.
FAMILY: dict[str, str] = {
    "doc": "document", "dot": "document", "docx": "document", "docm": "document",
    "dotx": "document", "dotm": "document", "rtf": "document", "odt": "document",
    "ppt": "presentation", "pps": "presentation", "pot": "presentation",
    "pptx": "presentation", "pptm": "presentation", "ppsx": "presentation",
    "ppsm": "presentation", "potx": "presentation", "potm": "presentation",
    "odp": "presentation",
    "xls": "spreadsheet", "xlt": "spreadsheet", "xlsx": "spreadsheet", "xlsm": "spreadsheet",
    "xltx": "spreadsheet", "xltm": "spreadsheet", "ods": "spreadsheet",
    "pdf": "pdf", "html": "web_page",
}
#: Extensions of the formats of each family, for the places that list them.
PRESENTATIONS = frozenset(ext for ext, family in FAMILY.items() if family == "presentation")
