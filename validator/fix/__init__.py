"""`validator fix`: corrected copies of what can be repaired, never an edit of the input.

A fix works on an OOXML file the checks could read (no FIL001, FIL003 or SEC003): its parts
are the ones the safe reader parsed (``OoxmlPackage``, limits and no DTDs), changed in memory
and written into a new zip beside the copies of every other member, byte for byte. Safe fixes
change only what the finding is about (SLD002 sizes raised where they are set, SLD003 pictures
recompressed, LNG004 look-alike letters); unsafe ones (``--unsafe-fixes``) change how the
document looks beyond the finding (SLD005 shrink removed, SLD001 slide size, DOC003 revisions
accepted, SEC002 macros removed). Every change is recorded (``FixRecord``: code, place, before,
after). Whatever needs a person (page counts, reading time, missing materials, parity,
markings) is never "fixed": it stays a finding.
"""

from __future__ import annotations

from validator.fix.records import FileFix, FixRecord

__all__ = ["FileFix", "FixRecord"]
