"""A slide finding on a PDF says to mend the presentation the PDF was made from: ``validator
fix`` does not edit a PDF, so the general line ("validator fix --unsafe-fixes does it") would
send a person to a command that leaves the file as it is. Each report format takes the line
that fits the file of each finding."""

from __future__ import annotations

import json
from html import unescape
from pathlib import Path

from tests.conftest import build_pdf, build_pptx, run
from validator.core.findings import Report

PDF_LINE = {
    "en": "Set the slide size to Widescreen (16:9) in the presentation the PDF was made from",
    "ru": "Установите широкоэкранный размер слайдов (16:9) в презентации, из которой сделан PDF",
    "kk": "PDF жасалған таныстырылымда слайд өлшемін кең экранды (16:9) етіп қойыңыз",
}
DECK_LINE = {
    "en": "In PowerPoint choose Design > Slide Size > Widescreen (16:9)",
    "ru": "В PowerPoint выберите Конструктор > Размер слайда > Широкоэкранный (16:9)",
    "kk": "PowerPoint-те Конструктор > Слайд өлшемі > Кең экранды (16:9)",
}


def _package(tmp_path: Path) -> Report:
    """One 4:3 deck as a PDF, one as a .pptx: SLD001 on each."""
    item = tmp_path / "item"
    item.mkdir()
    (item / "Таныстырылым_қаз.pdf").write_bytes(build_pdf([(720, 540)] * 2))
    (item / "Презентация_рус.pptx").write_bytes(build_pptx(9144000, 6858000))
    report = run(item)
    assert sorted(f.file.rsplit("/", 1)[-1] for f in report.all_findings()
                  if f.code == "SLD001") == ["Презентация_рус.pptx", "Таныстырылым_қаз.pdf"]
    return report


def _block(text: str, name: str) -> str:
    """The lines of one file in the text report, up to the next file."""
    start = text.index(f"/{name} [")
    rest = text[start + 1:]
    following = [rest.index(f"/{other} [") for other in ("Презентация_рус.pptx",
                                                          "Таныстырылым_қаз.pdf")
                 if f"/{other} [" in rest]
    return rest[:min(following)] if following else rest


def test_text_report_gives_each_file_its_own_line(tmp_path: Path) -> None:
    from validator.reports.text import render

    report = _package(tmp_path)
    for lang in ("kk", "ru", "en"):
        text = render(report, lang)
        pdf, deck = _block(text, "Таныстырылым_қаз.pdf"), _block(text, "Презентация_рус.pptx")
        assert PDF_LINE[lang] in pdf and DECK_LINE[lang] not in pdf, (lang, pdf)
        assert DECK_LINE[lang] in deck and PDF_LINE[lang] not in deck, (lang, deck)


def test_html_junit_github_and_gitlab_follow_the_file(tmp_path: Path) -> None:
    from validator.reports import github, gitlab, html, junit

    report = _package(tmp_path)
    page = unescape(html.render(report, "ru"))
    assert PDF_LINE["ru"] in page and DECK_LINE["ru"] in page
    cases = unescape(junit.render(report, "kk"))
    assert PDF_LINE["kk"] in cases and DECK_LINE["kk"] in cases
    for line in github.render(report, "en").splitlines():
        if "SLD001" in line:
            pdf = "Таныстырылым_қаз.pdf" in line.split("::")[1]
            assert (PDF_LINE["en"] in line) is pdf and (DECK_LINE["en"] in line) is not pdf
    issues = [i for i in json.loads(gitlab.render(report, "ru")) if i["check_name"] == "SLD001"]
    assert {i["location"]["path"].endswith(".pdf"): PDF_LINE["ru"] in i["content"]["body"]
            for i in issues} == {True: True, False: False}
