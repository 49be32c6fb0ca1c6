"""Whether a PDF's pages are pictures: the sign of a scan whose text was not read.

A PDF without a single letter in its text layer is either empty or drawn as raster images (a
scanned document, pages exported as pictures). Only the second hides text from every rule
that reads it, so only the second is "text not read" (``validator.run.failsafe``, SEC001). Bounded:
the first ``SCAN_PAGES`` pages, form XObjects followed two levels deep, under the profile's
pypdf limits (``formats.pdf.open_pdf``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from validator.files.document import Document

#: Pages of a PDF without text that are looked at for pictures of pages.
SCAN_PAGES = 8


def _has_image(resources: Any, depth: int) -> bool:
    """Whether a resource dictionary draws a raster image (forms followed ``depth`` deep)."""
    if not hasattr(resources, "get"):
        return False
    found = resources.get("/XObject")
    xobjects: Any = found.get_object() if found is not None else None
    if not hasattr(xobjects, "values"):
        return False
    for ref in xobjects.values():
        xobj = ref.get_object()
        subtype = xobj.get("/Subtype") if hasattr(xobj, "get") else None
        if subtype == "/Image":
            return True
        if subtype == "/Form" and depth > 0:
            inner = xobj.get("/Resources")
            if inner is not None and _has_image(inner.get_object(), depth - 1):
                return True
    return False


def pdf_pictures_of_pages(doc: Document) -> bool:
    """Whether one of a PDF's first pages is drawn with a raster image (a scan)."""
    from validator.formats.pdf import open_pdf

    with doc.member.open() as fh:
        data = fh.read()
    with open_pdf(data, doc.limits.pdf_max_stream_bytes) as (reader, _encrypted):
        for n, page in enumerate(reader.pages):
            if n >= SCAN_PAGES:
                break
            resources = page.get("/Resources")
            if resources is not None and _has_image(resources.get_object(), 2):
                return True
    return False
