"""Regenerate the generated parts of docs/RULES.md from the rule catalogue and the shipped
profile: the rule table (as ``validator rules --format markdown`` prints it) and one page per
rule. Run from the project root after changing a rule, its messages or the profile:

    python scripts/update_rules_doc.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "RULES.md"
PROFILE = "oskemen-2025"


def replace_between(text: str, begin: str, end: str, body: str) -> str:
    """``text`` with what lies between the ``begin`` and ``end`` markers replaced by ``body``."""
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{begin}\n{body}{end}{tail}"


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from validator.commands.rules_doc import rules_pages, rules_table

    text = DOC.read_text(encoding="utf-8")
    text = replace_between(text, "<!-- rules:begin -->", "<!-- rules:end -->",
                           rules_table(PROFILE, "en", "markdown"))
    text = replace_between(text, "<!-- rule-pages:begin -->", "<!-- rule-pages:end -->",
                           "\n" + rules_pages(PROFILE, "en") + "\n")
    DOC.write_text(text, encoding="utf-8")
    print(f"wrote {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
