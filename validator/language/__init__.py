"""Language identification for Kazakh, Russian and English text, and kk/ru quality checks."""

from __future__ import annotations

from validator.language.detect import LanguageResult, detect, detect_document
from validator.language.filename import language_from_filename
from validator.language.quality import MixedScriptWord, mixed_script_words

__all__ = [
    "LanguageResult",
    "MixedScriptWord",
    "detect",
    "detect_document",
    "language_from_filename",
    "mixed_script_words",
]
