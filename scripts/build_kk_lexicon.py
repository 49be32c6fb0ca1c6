"""Build the Kazakh word list shipped in ``validator/language/kk_words.txt.gz``.

Source: Debian's ``hunspell-kk`` (``/usr/share/hunspell/kk_KZ.dic`` and ``kk_KZ.aff``), the
OpenOffice Kazakh dictionary by Akmaral Mussayeva, László Németh and Rail Aliev, offered under
GPL-2+, LGPL-2.1+ or MPL-1.1+; the toolkit takes it under MPL-1.1 (see
``validator/language/kk_words.LICENSE.txt``).

Every stem of the ``.dic`` is expanded with the suffix rules its flags name in the ``.aff``
(the file has suffix rules only, one level, no prefixes and no continuation classes, so one
pass gives every form hunspell accepts).  42 rules of class ``x`` are written with three fields
instead of four (``SFX x у [аоуұыэ]ву``: strip ``у``, no ending, the condition where the ending
belongs); they are read as "remove у" (``жазу`` -> ``жаз``, the imperative), which is what the
neighbouring rules of the class do.  Words are lower-cased, sorted by their UTF-8 bytes (so a
reader can binary-search the bytes without splitting them) and written one per line, gzipped
with a fixed timestamp so that the same input gives the same file.

Usage: ``python scripts/build_kk_lexicon.py [--dic PATH] [--aff PATH] [--out PATH]``
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from pathlib import Path

DIC = Path("/usr/share/hunspell/kk_KZ.dic")
AFF = Path("/usr/share/hunspell/kk_KZ.aff")
OUT = Path(__file__).resolve().parents[1] / "validator" / "language" / "kk_words.txt.gz"

Rule = tuple[str, str, "re.Pattern[str] | None"]


def read_rules(aff: Path) -> dict[str, list[Rule]]:
    """Suffix rules per flag: (strip, add, condition on the stem's end)."""
    rules: dict[str, list[Rule]] = {}
    for line in aff.read_text(encoding="utf-8-sig").splitlines():
        parts = line.split()
        if not parts or parts[0] in ("SET", "TRY") or parts[0].startswith("#"):
            continue
        if parts[0] == "PFX":
            raise SystemExit("prefix rules are not expected in kk_KZ.aff; extend this script")
        if parts[0] != "SFX":
            continue
        if len(parts) == 4 and parts[2] in ("Y", "N") and parts[3].isdigit():
            rules[parts[1]] = []
            continue
        if len(parts) == 4:  # "SFX x у [аоуұыэ]ву": no ending written
            flag, strip, add, cond = parts[1], parts[2], "", parts[3]
        else:
            flag, strip, add, cond = parts[1], parts[2], parts[3], parts[4]
        if "/" in add:
            raise SystemExit("continuation classes are not expected in kk_KZ.aff")
        strip = "" if strip == "0" else strip
        add = "" if add == "0" else add
        rules[flag].append((strip, add, None if cond == "." else re.compile(f"(?:{cond})$")))
    return rules


def expand(dic: Path, rules: dict[str, list[Rule]]) -> set[str]:
    """Every stem of ``dic`` and every form its flags allow, lower-cased."""
    words: set[str] = set()
    lines = dic.read_text(encoding="utf-8-sig").splitlines()
    for line in lines[1:]:  # the first line is the entry count
        entry = line.strip()
        if not entry:
            continue
        stem, _, flags = entry.partition("/")
        words.add(stem.lower())
        for flag in flags:
            for strip, add, cond in rules.get(flag, ()):
                if cond is not None and cond.search(stem) is None:
                    continue
                if strip and not stem.endswith(strip):
                    continue
                words.add((stem[: len(stem) - len(strip)] + add).lower())
    return words


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dic", type=Path, default=DIC)
    ap.add_argument("--aff", type=Path, default=AFF)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    for path in (args.dic, args.aff):
        if not path.is_file():
            print(f"missing {path}: install Debian's hunspell-kk", file=sys.stderr)
            return 1
    words = expand(args.dic, read_rules(args.aff))
    data = b"\n".join(sorted(w.encode("utf-8") for w in words if w)) + b"\n"
    args.out.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    print(f"{len(words)} words, {len(data)} bytes, {args.out.stat().st_size} bytes gzipped "
          f"-> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
