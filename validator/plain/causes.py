"""Why a file could not be read, in plain words, from the reader's technical reason.

The readers say what failed in their own terms ("not a readable zip Office Open XML package:
File is not a zip file", "LibreOffice could not open the file"); a person needs the cause:
the file is empty, damaged or not a Word document, LibreOffice could not open it. The reason
is sorted into a few causes (catalogue keys ``cause.*`` in ``messages/_plain.toml``), the
FIL001 message says the cause, and the reason itself stays in the finding's evidence.
"""

from __future__ import annotations

import re

from validator.core.catalogue import LANGS, ui
from validator.formats.families import FAMILY
from validator.materials.roles import Localized

#: A file of one format under another's extension (``files.member.renamed_reason``).
_RENAMED = re.compile(r"\(\.(\w+)\) named \.(\w+)$")

#: (pattern searched in the lower-cased reason, cause); the first match wins.
_CAUSES: tuple[tuple[str, str], ...] = (
    (r"could not finish", "check_failed"),
    (r"took longer than .*the reader was stopped", "timeout"),
    (r"ran out of memory", "memory"),
    (r"reader process died", "crashed"),
    (r"^no layout$", "no_layout"),
    (r"git lfs pointer", "lfs_pointer"),
    (_RENAMED.pattern, "renamed"),
    (r"password|encrypt", "encrypted"),
    (r"^(the file is empty|no data)$", "empty"),
    (r"permission denied|cannot be opened:", "no_access"),
    (r"libreoffice (is )?(missing|not installed|not used|was not found)|no libreoffice",
     "no_converter"),
    (r"libreoffice", "converter"),
    (r"doctype|entity", "forbidden"),
    (r"its archive|archive changed", "archive"),
    (r"not a readable zip|not an? |no officedocument relationship|no %pdf-|"
     r"is not a presentationml|named \.|does not start with", "not_format"),
    (r"well-formed|is empty|is missing|cannot be read|truncated|points|no local header|"
     r"no pages|missing part|not a number|must be positive|cannot be located", "damaged"),
)

#: A legacy file's reason wraps the converter's: "not a readable .ppt file: <why>".
_WRAPPED = re.compile(r"not a readable \.\w+ file: (.*)", re.S)

def cause_of(reason: str) -> str:
    """The cause key for a reader's reason (``other`` when none fits)."""
    inner = _WRAPPED.match(reason)
    lowered = (inner.group(1) if inner else reason).lower()
    for pattern, cause in _CAUSES:
        if re.search(pattern, lowered):
            return cause
    return "other"


def cause_text(reason: str, path: str, lang: str) -> str:
    """The cause in words for a file at ``path`` (its extension names what it should be)."""
    cause = cause_of(reason)
    extension = path.rsplit(".", 1)[-1].lower() if "." in path.rsplit("/", 1)[-1] else ""
    what = ui(lang, "what." + FAMILY.get(extension, "other"))
    code = reason.split(" ", 1)[0] if cause == "check_failed" else ""
    renamed = _RENAMED.search(reason.lower()) if cause == "renamed" else None
    if renamed is not None:
        real, named = renamed.groups()
        return ui(lang, "cause.renamed", real=ui(lang, "what." + FAMILY.get(real, "other")),
                  real_ext=real, ext=named)
    return ui(lang, f"cause.{cause}", what=what, code=code)


def localized_cause(reason: str, path: str) -> Localized:
    """``cause_text`` in every language, for FIL001's message."""
    return Localized({lang: cause_text(reason, path, lang) for lang in LANGS})


#: Which plain words a safety limit's name (``LimitError.limit``) takes (FIL003).
_LIMITS = {
    "member_name": "name", "max_members": "count", "max_part_elements": "count",
    "declared_size": "size", "max_member_bytes": "size", "max_part_bytes": "size",
    "max_ratio": "size", "max_total_bytes": "size", "pdf_max_stream_bytes": "size",
    "max_depth": "depth", "nesting": "depth", "duplicate_name": "duplicate",
    "encrypted_entry": "encrypted", "in_package": "in_package",
}


def localized_limit(limit: str) -> Localized:
    """What a safety limit stopped, in every language, for FIL003's message."""
    return Localized({lang: ui(lang, f"limit.{_LIMITS.get(limit, 'other')}") for lang in LANGS})
