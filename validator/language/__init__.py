"""Language identification for Kazakh, Russian and English text, and kk/ru quality checks.

``language_from_filename`` is imported with the package. The detector and the script checks
are imported when one of their names is first asked for (PEP 562): a run whose rules never
read a text (``--select SLD``) does not load them. The detector itself is
``validator.language.detect.detect``; its module has the same name, so the package does not
give it a second one.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from validator.language.filename import language_from_filename

if TYPE_CHECKING:
    from validator.language.detect import LanguageResult, detect_document
    from validator.language.quality import MixedScriptWord, mixed_script_words

#: The names loaded on first use, and the module of each.
_LAZY = {
    "LanguageResult": "validator.language.detect",
    "detect_document": "validator.language.detect",
    "MixedScriptWord": "validator.language.quality",
    "mixed_script_words": "validator.language.quality",
}

__all__ = [
    "LanguageResult",
    "MixedScriptWord",
    "detect_document",
    "language_from_filename",
    "mixed_script_words",
]


def __getattr__(name: str) -> Any:
    """Import a name's module when the name is first asked for."""
    home = _LAZY.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
