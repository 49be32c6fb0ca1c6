"""A package a service names ``""`` (the gate: files named as received) is named in words in
every report a person reads, never an empty cell, heading or link."""

from __future__ import annotations

import re
from pathlib import Path

from validator.api import check
from validator.reports import html, junit, markdown

SAMPLE = Path("samples/compliant-item")


def test_a_package_named_as_received_is_named_in_words() -> None:
    report = check(SAMPLE, shown_as="")
    (pkg,) = report.packages
    assert pkg.path == "" and {f.path for f in pkg.files} == {
        p.name for p in SAMPLE.iterdir() if p.is_file()}
    words = {"ru": "полученные файлы", "kk": "алынған файлдар", "en": "the files received"}
    for lang, label in words.items():
        page = html.render(report, lang)
        assert f'<a href="#package-1">{label}</a>' in page
        # a name in words, not in the monospace of a path
        assert re.search(r"<h2>[^<]*<span>" + label, page)
        assert f'<td><a href="#package-1">{label}</a></td>' in page
        assert not re.search(r"<a [^>]*>\s*</a>", page)  # no link without a name
        assert f"| {label} |" in markdown.render(report, lang)
        assert f'<testsuite name="{label}"' in junit.render(report, lang)
