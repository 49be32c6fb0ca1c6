"""Names of the corrected copies: a fix that renames a file (macros removed, ``.pptm`` ->
``.pptx``; a legacy file converted, ``.doc`` -> ``.docx``) never takes a name another file of
the package has, nor one another renamed copy takes.

Names are compared without regard to case, as Windows (where the package is opened) does. A
file whose new name is taken keeps its own and is copied as it was, with a "not fixed" line
(``fix.why.name_taken``): which file keeps which name is for a person to decide.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from validator.fix.records import FileFix

#: Kinds of change that give the copy a new extension, and the rule each belongs to.
_RENAMING = {"converted": "FIL002", "extension": "FIL002", "ordinary": "SEC002"}


def taken(names: Sequence[tuple[str, str]]) -> set[int]:
    """Which of ``names`` (original path, new path; paths within one package, ``/``
    separated) must keep their original path: their new one is another file's, or more than
    one file would take it."""
    originals = Counter(old.casefold() for old, _ in names)
    renamed = Counter(new.casefold() for old, new in names if new != old)
    out: set[int] = set()
    for i, (old, new) in enumerate(names):
        if new == old:
            continue
        key = new.casefold()
        own = 1 if old.casefold() == key else 0
        if originals[key] - own > 0 or renamed[key] > 1:
            out.add(i)
    return out


def kept_as_it_was(fix: FileFix, original: str, new: str) -> FileFix:
    """``fix`` undone because its new name ``new`` is taken: no change, the file copied under
    its ``original`` name, and why."""
    code = next((_RENAMING[r.kind] for r in fix.records if r.kind in _RENAMING), "SEC002")
    return replace(fix, target=original, records=(),
                   skipped=((code, "name_taken", (("name", new),)),))
