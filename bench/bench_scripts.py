"""Scripts other than Cyrillic, Kazakh in other alphabets, and mojibake, on FLORES-200.

Kazakh: the 1,011 Kazakh devtest sentences (the one English line left out) transliterated
letter by letter into the Kazakh Arabic-script alphabet and the 2018 and 2021 Latin alphabets
(``tests/language/scripts_text.py``).  Mojibake: the Russian and Kazakh sentences turned into
mojibake by five code-page mistakes (Kazakh letters have no place in cp1251 or cp866, so
those mistakes use the Russian sentences only).  False mojibake: the 3,036 sentences of the
three languages as they are.

Usage: ``python bench/bench_scripts.py``
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.language_data import sentences
from tests.language.scripts_text import to_arabic, to_latin_2018, to_latin_2021
from validator.language.detect import detect
from validator.language.mojibake import mojibake

MISTAKES = [("utf-8", "cp1252"), ("utf-8", "cp1251"), ("cp1251", "cp1252"),
            ("cp866", "cp1251"), ("cp866", "cp1252")]


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f} % ({a} of {b})"


def main() -> None:
    kk = [s for s in sentences("kk") if not s.startswith("Back in May")]
    ru = sentences("ru")
    print("| Kazakh written in | detected kk | script | called en or ru |\n|---|---|---|---|")
    for name, convert in (("Arabic script", to_arabic), ("Latin, 2021", to_latin_2021),
                          ("Latin, 2018", to_latin_2018)):
        results = [detect(convert(s)) for s in kk]
        langs = Counter(r.language for r in results)
        scripts = Counter(r.script for r in results if r.language == "kk")
        shown = ", ".join(f"{k} {v}" for k, v in scripts.most_common())
        print(f"| {name} | {pct(langs['kk'], len(kk))} | {shown} | "
              f"{pct(langs['en'] + langs['ru'], len(kk))} |")
    print("\n| mistake | texts | undetermined (mojibake) | called en or ru | called kk |\n"
          "|---|---|---|---|---|")
    for written, read_as in MISTAKES:
        texts = ru + (kk if written == "utf-8" else [])
        garbled = [s.encode(written, errors="replace").decode(read_as, errors="replace")
                   for s in texts]
        results = [detect(g) for g in garbled]
        moj = sum(r.method.startswith("mojibake:") for r in results)
        enru = sum(r.language in ("en", "ru") for r in results)
        kkn = sum(r.language == "kk" for r in results)
        print(f"| {written} read as {read_as} | {len(texts)} | {pct(moj, len(texts))} | "
              f"{pct(enru, len(texts))} | {pct(kkn, len(texts))} |")
    clean = [s for lang in ("kk", "ru", "en") for s in sentences(lang)]
    false = sum(mojibake(s) is not None for s in clean)
    print(f"\nfalse mojibake on the sentences as they are: {pct(false, len(clean))}")


if __name__ == "__main__":
    main()
