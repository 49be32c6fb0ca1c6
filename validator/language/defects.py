"""The kinds of defect ``quality.mixed_script_words`` finds in a word.

Named apart from the finder so that LNG004 can declare its cases, and a run that never reads
a text, without loading the language detector the finder needs.
"""

from __future__ import annotations

LATIN_IN_CYRILLIC = "latin-in-cyrillic"
CYRILLIC_IN_LATIN = "cyrillic-in-latin"
KZ1048 = "kz1048-mojibake"
#: A whole text block in a wrong encoding (``validator.language.mojibake``): no word is right.
MOJIBAKE = "mojibake"
FOREIGN_LETTER = "foreign-letter"
NO_KAZAKH_LETTERS = "kazakh-without-kazakh-letters"
