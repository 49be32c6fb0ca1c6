"""``mc:AlternateContent``: which branch to read, so that nothing is counted twice."""

from __future__ import annotations

from lxml import etree

from validator.slides.runs import MC
from validator.slides.styles import child

#: Namespaces whose ``mc:Choice`` branches the resolver reads (Office 2010+ extensions).
UNDERSTOOD = frozenset({
    "http://schemas.microsoft.com/office/powerpoint/2010/main",
    "http://schemas.microsoft.com/office/powerpoint/2012/main",
    "http://schemas.microsoft.com/office/drawing/2010/main",
    "http://schemas.microsoft.com/office/drawing/2012/main",
    "http://schemas.microsoft.com/office/drawing/2014/main",
    "http://schemas.microsoft.com/office/drawing/2014/chartex",
    "http://schemas.microsoft.com/office/drawing/2015/9/8/chartex",
    "http://schemas.microsoft.com/office/drawing/2015/10/21/chartex",
    "http://schemas.microsoft.com/office/drawing/2016/5/9/chartex",
    "http://schemas.microsoft.com/office/drawing/2016/5/10/chartex",
})


def alternate_branch(ac: etree._Element) -> etree._Element | None:
    """The branch of ``mc:AlternateContent`` to process (only one, so nothing counts twice).

    ``mc:Choice`` when every namespace it requires is one the resolver reads (DrawingML and
    PresentationML extensions of Office 2010+), else ``mc:Fallback``.
    """
    for choice in ac.iterfind(f"{MC}Choice"):
        prefixes = (choice.get("Requires") or "").split()
        uris = [choice.nsmap.get(p) for p in prefixes]
        if uris and all(u in UNDERSTOOD for u in uris):
            return choice
    return child(ac, f"{MC}Fallback")
