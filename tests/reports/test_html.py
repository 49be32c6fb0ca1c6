"""The HTML report without a browser: structure, escaping, language (the browser test shows it)."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from tests.reports.sample import HOSTILE, sample_report
from validator.core.findings import Report
from validator.reports.html import render
from validator.reports.slides import slide_pictures


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    p = _Tags()
    p.feed(html)
    return p.tags


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_self_contained_and_escaped(lang: str) -> None:
    html = render(sample_report(), lang)
    tags = _tags(html)
    names = {t for t, _ in tags}
    assert "img" not in names and "script" not in names and "link" not in names
    assert not any(a.get("src") for _, a in tags)
    assert "&lt;img src=x onerror=alert(1)&gt;.pptx" in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert re.search(r"https?://", html.split("<body>")[0]) is None  # nothing fetched in <head>
    assert f'<html lang="{lang}">' in html
    assert "default-src 'none'" in html


def test_verdict_first_then_files_then_findings_with_quotes() -> None:
    html = render(sample_report(), "ru")
    verdicts = html.index('id="verdicts"')
    files = html.index('class="files"')
    finding = html.index('data-code="SLD002"')
    assert verdicts < files < finding
    assert "вернуть на доработку" in html[verdicts:files]
    assert "«с размером шрифта не менее 20 (перевод проекта)»" in html
    assert "казахский 93 %, русский 7 %" in html  # languages by name, not codes
    assert "исключение, предоставленное принимающей стороной: annex agreed" in html
    # the kk<->ru pairs table from the package record: a row per pair, a column per language,
    # each file named inside its package, a copy in another format under the file it copies
    table = html[html.index('<table class="pairs">'):]
    table = table[:table.index("</table>")]
    assert re.findall(r"<th[^>]*>([^<]*)</th>", table) == ["Казахский язык", "Русский язык"]
    assert re.findall(r"<td>(.*?)</td>", table) == [
        "Анықтама.docx",
        'Справка.pdf<br><span class="copy">также в виде «Справка.docx»</span>']


def test_slide_pictures_from_geometry() -> None:
    deck = sample_report().packages[0].files[0]
    pics = slide_pictures(deck)
    assert [p.slide for p in pics] == [3, 5]
    first = pics[0]
    assert first.width == 640.0 and round(first.height) == 360
    flagged = [s for s in first.shapes if s.flagged]
    assert len(first.shapes) == 2 and len(flagged) == 1
    assert flagged[0].label == "14 pt" and flagged[0].name == HOSTILE.replace(
        HOSTILE, "Body <b>2</b>")
    assert round(flagged[0].x, 1) == round(600000 * 640 / 12192000, 1)


def test_box_without_shape_list_is_still_drawn() -> None:
    deck = sample_report().packages[0].files[0]
    bare = replace(deck, extra=())
    pics = slide_pictures(bare)
    assert [p.slide for p in pics] == [3, 5]
    assert [s.label for s in pics[1].shapes] == ["10 pt"]


def test_no_packages() -> None:
    html = render(replace(sample_report(), packages=()), "kk")
    assert "тексеретін ештеңе жоқ" in html


@pytest.mark.corpus
def test_corpus_run_renders(corpus_report: Report) -> None:
    html = render(corpus_report, "kk")
    assert html.count('class="finding ') == len(corpus_report.all_findings())


def test_decoration_sharing_an_id_does_not_flag_the_slide_shape() -> None:
    from validator.core.findings import Box, Location

    deck = sample_report().packages[0].files[0]
    shapes = dict(dict(deck.extra)["slide_shapes"])
    # slide 3: the layout's footer has id 3 like the slide's body, elsewhere on the slide
    shapes["3"] = [*shapes["3"], {"shape_id": 3, "name": "Footer 3", "origin": "layout",
                                  "x": 600000, "y": 6300000, "width": 3000000,
                                  "height": 300000, "size_pt": 12.0, "text": "akimat"}]
    footer = Location(slide=3, shape="Footer 3", shape_id=3,
                      box=Box(12192000, 6858000, 600000, 6300000, 3000000, 300000))
    body = deck.findings[0]
    only_footer = replace(deck, findings=(replace(body, location=footer, measured=12.0),),
                          extra=(*deck.extra[:1], ("slide_shapes", shapes)))
    pic = slide_pictures(only_footer)[0]
    assert [(s.name, s.flagged, s.label) for s in pic.shapes if s.flagged] == [
        ("Footer 3 (on the slide layout)", True, "12 pt")]
    assert len(pic.shapes) == 3
    # The decoration's origin is said in the picture's language, like the size.
    names = {lang: [s.name for s in slide_pictures(only_footer, lang)[0].shapes if s.flagged]
             for lang in ("ru", "kk")}
    assert names == {"ru": ["Footer 3 (в макете слайда)"], "kk": ["Footer 3 (слайд макетінде)"]}


def test_undecided_and_waived_boxes_are_drawn_apart() -> None:
    from validator.core.findings import Status

    deck = sample_report().packages[0].files[0]
    f3, f5 = deck.findings
    mixed = replace(deck, findings=(replace(f3, status=Status.NEEDS_REVIEW, measured=None),
                                    replace(f5, status=Status.WAIVED, waiver="agreed")))
    pics = slide_pictures(mixed)
    styles = [[(s.style, s.label) for s in p.shapes] for p in pics]
    assert styles == [[("box", "40 pt"), ("review", "14 pt")],
                      [("box", "36 pt"), ("waived", "10 pt")]]
    html = render(replace(sample_report(), packages=(replace(
        sample_report().packages[0], files=(mixed,)),)), "en")
    assert 'class="review"' in html and 'class="waived"' in html and 'class="bad"' not in html


def test_findings_per_rule_table() -> None:
    html = render(sample_report(), "en")
    table = html[html.index('<table class="per-rule">'):]
    table = table[:table.index("</table>")]
    rows = re.findall(r'<td class="code">(\w+)</td><td>[^<]*</td><td class="num">(\d+)</td>'
                      r'<td class="num">(\d*)</td>', table)
    assert rows == [("SLD002", "2", ""), ("FIL001", "1", ""), ("PKG001", "1", ""),
                    ("SLD003", "1", ""), ("DOC001", "0", "1")]


def test_technical_detail_is_folded_in_english_and_pointed_to_in_kazakh_and_russian() -> None:
    """The technical place and evidence are English, as JSON carries them: the English report
    folds them under each finding; the Kazakh and Russian ones leave them out and say once,
    in their language, that ``--format json`` gives them."""
    report = replace(sample_report(), notes=("page counts of word-processing files: estimate 1",))
    english = render(report, "en")
    assert english.count("<details><summary>details</summary>") >= 2
    assert "slide[3]/shape[" in english
    assert "page counts of word-processing files" in english
    assert "The technical detail" not in english
    for lang, pointer in (("ru", "Технические подробности замечаний"),
                          ("kk", "Ескертулердің техникалық мәліметтері")):
        html = render(report, lang)
        assert "<details>" not in html and '<details class="notes">' not in html
        assert "slide[3]" not in html and "page counts" not in html
        assert html.count(pointer) == 1
        assert re.search(rf'<p class="technical">{pointer}[^<]*--format json[^<]*</p>', html)
