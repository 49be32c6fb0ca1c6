"""SEC003 encrypted: a password-protected file cannot be checked.

A password-protected .pptx/.docx/.xlsx is not a zip at all but an OLE container holding
``EncryptionInfo`` and ``EncryptedPackage``; an encrypted PDF has an ``/Encrypt`` dictionary.
Neither can be checked against the regulation, and the recipients cannot open them without the
password either (clause 15: the materials must be submitted for the meeting). No password is
ever tried except the empty one: a PDF that opens with it (an owner password restricting
printing or copying) is checked as usual and gets a note (case ``restricted``); one that needs
a password, or whose cipher cannot be run here, is case ``password``. The file gets this finding
instead of FIL001.

Fails: a .docx saved with "Encrypt with password"; a PDF with a user password (RC4 or AES).
Passes: any file that opens without a password.
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.checks.base import Hit, Params, rule
from validator.files.document import Document


@rule(code="SEC003", name="encrypted", kinds={"presentation", "document", "spreadsheet"},
      cases=("password", "restricted"))
def encrypted(doc: Document, params: Params) -> Iterator[Hit]:
    # EncryptedError raised here (by sniff() or the PDF reader) becomes this rule's finding,
    # case "password", in the engine; other files pass through.
    if doc.format == "pdf":
        if doc.pdf.encrypted:
            yield Hit(measured="empty user password", case="restricted", message="restricted",
                      evidence="the PDF has /Encrypt and opens with the empty password")
    elif doc.container == "zip":
        doc.sniff()
