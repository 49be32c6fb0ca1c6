"""The family of each document format: what program a person opens it with.

A Word document (.docx, .doc, .rtf, .odt...), a PowerPoint presentation, an Excel workbook, a
PDF, a web page. Files of one family open in one program whatever their extension says, so a
file is read by its bytes within the family its name says (``files.content``), and a reason
that names a file's real format says what it is in the reader's words (``plain.causes``).
"""

from __future__ import annotations

#: Extension -> family (the key of the catalogue's ``what.<family>`` words).
FAMILY: dict[str, str] = {
    "doc": "document", "docx": "document", "docm": "document", "dotx": "document",
    "rtf": "document", "odt": "document",
    "ppt": "presentation", "pptx": "presentation", "pptm": "presentation",
    "ppsx": "presentation", "potx": "presentation", "odp": "presentation",
    "xls": "spreadsheet", "xlsx": "spreadsheet", "xlsm": "spreadsheet", "ods": "spreadsheet",
    "pdf": "pdf", "html": "web_page",
}
