"""Start-up probe: does Times New Roman resolve to a metric-compatible font?

LibreOffice asks fontconfig for the fonts a document names. Without a font with Times New
Roman's advance widths (Liberation Serif, Tinos), Cyrillic text falls back to DejaVu Serif,
which is about 26 % wider, and most page counts grow. The probe runs ``fc-match`` once; the
run keeps the result and puts it in the evidence of every count it makes.
"""

from __future__ import annotations

import shutil
import subprocess

from validator.paging.counts import FontCheck

# Families whose advance widths match Times New Roman (Liberation Serif and Tinos are
# designed to be metric-compatible with it).
TNR_METRIC_FAMILIES = frozenset({"times new roman", "liberation serif", "tinos"})


def probe_times_new_roman(fc_match: str | None = None, timeout: float = 10.0) -> FontCheck:
    """Run ``fc-match "Times New Roman"`` and judge the answer."""
    exe = fc_match or shutil.which("fc-match")
    if exe is None:
        return FontCheck("", "", False, "fc-match not found: font substitution unknown")
    try:
        done = subprocess.run(
            [exe, "-f", "%{family[0]}\\n%{file}\\n", "Times New Roman"],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return FontCheck("", "", False, f"fc-match failed: {exc}")
    lines = done.stdout.splitlines()
    family = lines[0].strip() if lines else ""
    file = lines[1].strip() if len(lines) > 1 else ""
    ok = family.casefold() in TNR_METRIC_FAMILIES
    verdict = "metric-compatible" if ok else "NOT metric-compatible: page counts may be inflated"
    return FontCheck(family, file, ok, f"Times New Roman -> {family or '?'} ({verdict})")
