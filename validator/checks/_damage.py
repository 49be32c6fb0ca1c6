"""A damaged part of an Office Open XML file, said in words a person understands.

``OoxmlPackage.verify()`` names the damaged member (``word/fontTable.xml``); the FIL001
message names what it holds ("the font table", "slide layout 3") in the report's language,
from the FIL001 catalogue (keys ``part-*``), and which program would ask to repair the file.
The member's name stays in the evidence.
"""

from __future__ import annotations

import re

from validator.checks.base import Hit
from validator.core.catalogue import LANGS, format_message
from validator.core.findings import Location
from validator.formats.ooxml import DamagedPartError
from validator.materials.roles import Localized

#: (pattern on the member name, catalogue key); the first match wins.
_PART_KINDS: tuple[tuple[str, str], ...] = (
    (r"\[content_types\]\.xml", "part-types"),
    (r"(.*/)?_rels/.*\.rels", "part-rels"),
    (r".*/(media|.*images?)/.*|.*\.(png|jpe?g|gif|bmp|tiff?|emf|wmf|svg|mp4|wav|mp3)",
     "part-media"),
    (r"docprops/.*", "part-properties"),
    (r".*/styles(\d*)\.xml|.*/stylesWithEffects\.xml", "part-styles"),
    (r".*/fonttable\.xml|.*/fonts/.*", "part-fonts"),
    (r".*/numbering\.xml", "part-numbering"),
    (r".*/(settings|websettings|presprops|viewprops|tablestyles|calcchain)\.xml",
     "part-settings"),
    (r".*/theme/.*", "part-theme"),
    (r".*/slidelayouts/slidelayout(\d+)\.xml", "part-layout"),
    (r".*/slidemasters/slidemaster(\d+)\.xml", "part-master"),
    (r".*/slides/slide(\d+)\.xml", "part-slide"),
    (r".*/worksheets/sheet(\d+)\.xml", "part-sheet"),
    (r".*/sharedstrings\.xml", "part-cells"),
    (r"word/(document|glossary/document)\.xml|ppt/presentation\.xml|xl/workbook\.xml",
     "part-main"),
    (r".*/(header|footer)\d*\.xml", "part-header"),
    (r".*/(footnotes|endnotes)\.xml", "part-notes"),
    (r".*/(comments\d*|commentsextended|commentsids|commentauthors)\.xml|.*/comments/.*",
     "part-comments"),
    (r".*/(notesslides|notesmasters|handoutmasters)/.*", "part-speaker-notes"),
    (r".*/(charts|diagrams|drawings)/.*", "part-drawing"),
    (r".*/embeddings/.*|.*/activex/.*", "part-object"),
)

_KIND_KEYS = {"presentation": "damaged-presentation", "document": "damaged-document",
              "spreadsheet": "damaged-spreadsheet"}


def part_key(name: str) -> tuple[str, str]:
    """The catalogue key that names what a member holds, and its number ('' when none)."""
    lowered = name.lower()
    for pattern, key in _PART_KINDS:
        match = re.fullmatch(pattern, lowered)
        if match is not None:
            number = next((g for g in match.groups() if g and g.isdigit()), "")
            if key in ("part-layout", "part-master", "part-slide", "part-sheet"):
                return key, number or "?"
            return key, ""
    return "part-other", ""


def part_words(name: str) -> Localized:
    """What the member holds, in every language ("slide layout 3", "the font table")."""
    key, number = part_key(name)
    return Localized({lang: format_message("FIL001", lang, key, {"n": number})
                      for lang in LANGS})


def damaged_hit(exc: DamagedPartError, kind: str) -> Hit:
    """The FIL001 hit for a damaged member of a file of ``kind``."""
    evidence = f"member /{exc.part} is damaged: {exc.damage}; Office would ask to repair the file"
    return Hit(location=Location(part=exc.part), measured=exc.part, evidence=evidence,
               message=_KIND_KEYS.get(kind, "damaged-document"),
               args={"reason": str(exc), "part": part_words(exc.part)},
               fingerprint_extra=f"damaged|{exc.part}")
