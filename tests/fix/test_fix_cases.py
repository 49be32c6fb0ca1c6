"""Each fix on a case table: what it changes, that the copy opens and re-checks clean of the
fixed code, keeps every run's text, and that fixing the copy again changes nothing."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.oxml import parse_xml

from tests.checks.docbuild import build_docx
from tests.slides.decks import (
    add_slide,
    add_xml,
    default_text_style,
    fill_placeholder,
    new_deck,
    para,
    save,
    set_level_size,
    sp_xml,
)
from validator.api import check
from validator.core.location import Location
from validator.files.document import Document
from validator.files.member import Member
from validator.fix.records import FixPlace
from validator.fix.run import fix_document
from validator.reports.fix_words import fix_place_text, record_text
from validator.run.filecheck import read_limits
from validator.settings.profile import load_profile, resolve_profile_path
from validator.slides.runs import A, P

PROFILE = load_profile(resolve_profile_path("oskemen-2025"))
CORPUS = Path("../shared/corpus/office")


def _fix(path: Path, unsafe: bool = False):  # type: ignore[no-untyped-def]
    report = check(str(path), isolate=False)
    [file_report] = [fr for pkg in report.packages for fr in pkg.files]
    doc = Document(Member(str(path), path.name, disk=path), read_limits(PROFILE))
    try:
        return fix_document(doc, file_report, PROFILE, unsafe=unsafe)
    finally:
        doc.close()


def _codes(path: Path) -> list[str]:
    return sorted(f.code for f in check(str(path), isolate=False).all_findings())


def _texts(data: bytes, tag: str = f"{A}t") -> list[str]:
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in sorted(z.namelist()):
            if name.endswith(".xml") and ("slides/slide" in name or name.startswith("word/")):
                out += [t.text or "" for t in etree.fromstring(z.read(name)).iter(tag)]
    return out


def _round_trip(tmp_path: Path, data: bytes, name: str, unsafe: bool = False):  # type: ignore[no-untyped-def]
    src = tmp_path / "in" / name
    src.parent.mkdir(parents=True, exist_ok=True)
    src.write_bytes(data)
    new, new_name, done = _fix(src, unsafe)
    assert new is not None
    out = tmp_path / "out" / new_name
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(new)
    again, _, redo = _fix(out, unsafe)
    assert redo.records == () and again is None  # fixing a corrected copy changes nothing
    return out, new, done


def _body_style(prs):  # type: ignore[no-untyped-def]
    return prs.slide_master._element.find(f"{P}txStyles/{P}bodyStyle")


def test_sld002_master_style_raised_once_at_its_root(tmp_path: Path) -> None:
    prs = new_deck()
    set_level_size(_body_style(prs), 1, 1600)
    for n in range(4):
        slide = add_slide(prs, "content")
        slide.shapes.title.text = f"Title {n}"
        fill_placeholder(slide, 1, para(f"Body {n}"), para(f"Big {n}", sz=3200))
    data = save(prs)
    out, new, done = _round_trip(tmp_path, data, "deck.pptx")
    [record] = done.records
    assert record.where == "/ppt/slideMasters/slideMaster1.xml p:txStyles/p:bodyStyle/a:lvl1pPr"
    assert (record.before, record.after) == ("16 pt", "20 pt")
    # in words: the master's body style level, and the slides whose text it sets
    assert record.place == FixPlace("style_body", (Location(
        part="ppt/slideMasters/slideMaster1.xml"),), number=1, slides=(1, 2, 3, 4))
    assert record_text(record, "ru") == \
        "образец слайдов, стиль основного текста, уровень 1 (слайды 1-4): 16 пт -> 20 пт"
    assert record_text(record, "kk") == \
        "слайдтар үлгісі, негізгі мәтін стилі, 1-деңгей (1-4 слайдтар): 16 пт -> 20 пт"
    assert "SLD002" not in _codes(out)
    assert _texts(new) == _texts(data)
    assert len(Presentation(str(out)).slides) == 4
    # the 32 pt runs keep their size: only sizes under the minimum change
    assert 'sz="3200"' in zipfile.ZipFile(out).read("ppt/slides/slide1.xml").decode()


def test_sld002_built_in_size_gets_a_default_style(tmp_path: Path) -> None:
    prs = new_deck()
    dts = default_text_style(prs)
    for lvl in list(dts):
        dts.remove(lvl)
    slide = add_slide(prs, "blank")
    add_xml(slide, sp_xml(para("No size anywhere"), sid=60, name="Plain"))
    out, _, done = _round_trip(tmp_path, save(prs), "deck.pptx")
    [record] = done.records
    assert record.kind == "size_builtin"
    assert record.where == "/ppt/presentation.xml p:defaultTextStyle/a:lvl1pPr"
    assert fix_place_text(record.place, "ru") == \
        "параметры презентации, стиль текста по умолчанию, уровень 1 (слайд 1)"
    assert "SLD002" not in _codes(out)


def test_sld002_shape_own_list_style_and_run(tmp_path: Path) -> None:
    prs = new_deck()
    slide = add_slide(prs, "blank")
    lst = ('<a:lstStyle xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
           '<a:lvl1pPr><a:defRPr sz="1200"/></a:lvl1pPr></a:lstStyle>')
    add_xml(slide, sp_xml(para("From the list style"), sid=70, name="Listed", lst=lst))
    add_xml(slide, sp_xml(para("From the run", sz=1000) + para("Large", sz=2800), sid=71,
                          name="Runs", y=3000000))
    out, _new, done = _round_trip(tmp_path, save(prs), "deck.pptx")
    got = sorted((r.where, r.before, dict(r.args)["set_in"]) for r in done.records)
    assert got == [("slide[1]/shape[Listed]", "12 pt", "lstStyle"),
                   ("slide[1]/shape[Runs]", "10 pt", "run")]
    assert sorted(fix_place_text(r.place, "ru") for r in done.records) == \
        ["слайд 1, надпись «Listed»", "слайд 1, надпись «Runs»"]
    assert "SLD002" not in _codes(out)


def _shrunk_deck(scale: str | None) -> bytes:
    prs = new_deck()
    slide = add_slide(prs, "content")
    slide.shapes.title.text = "Shrunk"
    sp = fill_placeholder(slide, 1, *[para(f"Line of text number {n}", sz=2800)
                                      for n in range(12)])
    body = sp.find(f"{P}txBody/{A}bodyPr")
    fit = f' fontScale="{scale}"' if scale else ""
    body.append(parse_xml(f'<a:normAutofit xmlns:a="{A[1:-1]}"{fit}/>'))
    return save(prs)


def test_autofit_shrink_is_left_without_unsafe_and_removed_with_it(tmp_path: Path) -> None:
    src = tmp_path / "in" / "deck.pptx"
    src.parent.mkdir()
    src.write_bytes(_shrunk_deck("62500"))
    data, _, done = _fix(src)
    assert data is None and done.records == ()
    assert [(c, why) for c, why, _ in done.skipped] == [("SLD002", "shrink")]
    out, _, done = _round_trip(tmp_path, src.read_bytes(), "deck.pptx", unsafe=True)
    [record] = done.records
    assert record.kind == "shrink_overflow" and not record.safe
    assert record.before == 'normAutofit fontScale="62500"'
    assert int(dict(record.args)["need"]) > int(dict(record.args)["room"])
    said = record_text(record, "ru")
    assert said.startswith("слайд 1, надпись «") and "(текст был уменьшен до 62,5 % своего " \
        "размера); теперь тексту нужно около" in said and "normAutofit" not in said
    xml = zipfile.ZipFile(out).read("ppt/slides/slide1.xml").decode()
    assert "<a:noAutofit/>" in xml and "normAutofit" not in xml


def test_sld005_bare_autofit_removed_with_unsafe(tmp_path: Path) -> None:
    out, _, done = _round_trip(tmp_path, _shrunk_deck(None), "deck.pptx", unsafe=True)
    assert [r.code for r in done.records] == ["SLD005"]
    assert "SLD005" not in _codes(out)


def test_sld001_ensure_fit_centres_content_and_keeps_its_size(tmp_path: Path) -> None:
    prs = new_deck()
    prs.slide_width, prs.slide_height = 9144000, 6858000
    slide = add_slide(prs, "blank")
    add_xml(slide, sp_xml(para("Centred", sz=2400), sid=80, name="Box", x=914400, cx=4572000))
    out, _new, done = _round_trip(tmp_path, save(prs), "deck.pptx", unsafe=True)
    [record] = done.records
    assert (record.before, record.after) == ("9144000 x 6858000", "12192000 x 6858000")
    assert record_text(record, "ru").startswith(
        "размер слайдов презентации: 25,4 × 19,05 см -> 33,87 × 19,05 см (16:9); ")
    assert record_text(record, "en").startswith(
        "the slide size of the presentation (/ppt/presentation.xml p:sldSz): 25.4 × 19.05 cm"
        " -> 33.87 × 19.05 cm (16:9); ")
    shown = Presentation(str(out))
    assert (shown.slide_width, shown.slide_height) == (12192000, 6858000)
    [box] = [s for s in shown.slides[0].shapes if s.name == "Box"]
    assert (box.left, box.width) == (914400 + 1524000, 4572000)
    assert "SLD001" not in _codes(out)


def test_doc003_accepts_changes_and_removes_comments(tmp_path: Path) -> None:
    lines = ["Бірінші жол", "Екінші жол", "Үшінші жол", "Төртінші жол"]
    data = build_docx(lines, insertions=1, deletions=1, comments=1)
    src = tmp_path / "in" / "Анықтама_қаз.docx"
    src.parent.mkdir()
    src.write_bytes(data)
    assert _fix(src)[2].skipped == (("DOC003", "unsafe", ()),)
    out, new, done = _round_trip(tmp_path, data, "Анықтама_қаз.docx", unsafe=True)
    [record] = done.records
    assert dict(record.args) == {"insertions": "1", "deletions": "1", "formatting": "0",
                                 "comments": "1"}
    assert record_text(record, "kk").startswith(
        "бүкіл құжат (негізгі мәтін, колонтитулдар, сілтемелер): қабылданған енгізулер: 1")
    body = _texts(new, "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")
    assert "Бірінші жол" in body and "Екінші жол" not in body  # inserted kept, deleted gone
    names = zipfile.ZipFile(out).namelist()
    assert "word/comments.xml" not in names
    assert "DOC003" not in _codes(out)
    import docx

    assert len(docx.Document(str(out)).paragraphs) >= 3


@pytest.mark.parametrize(("name", "ext"), [("SimpleMacro.docm", ".docx"),
                                           ("PPTWithAttachments.pptm", ".pptx")])
def test_sec002_macros_removed_and_extension_made_ordinary(tmp_path: Path, name: str,
                                                          ext: str) -> None:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"{name} not in the corpus")
    out, new, done = _round_trip(tmp_path, path.read_bytes(), name, unsafe=True)
    assert out.suffix == ext
    assert any(r.kind == "macros" for r in done.records)
    said = {record_text(r, "ru") for r in done.records}
    assert "проект макросов: удалён" in said
    assert f"тип файла: файл с макросами -> обычный файл {ext}" in said
    with zipfile.ZipFile(out) as z:
        assert not [n for n in z.namelist() if "vbaProject" in n]
        assert b"macroEnabled" not in z.read("[Content_Types].xml")
    assert "SEC002" not in _codes(out)
    assert _texts(new) == _texts(path.read_bytes())


def test_lng004_on_a_slide_names_slide_shape_and_paragraph(tmp_path: Path) -> None:
    prs = new_deck()
    add_slide(prs, "blank")
    slide = add_slide(prs, "blank")
    add_xml(slide, sp_xml(para("Жоспар", sz=2400) + para("мемлекеттiк қызмет", sz=2400),
                          sid=90, name="Мәтін"))
    out, _, done = _round_trip(tmp_path, save(prs), "Таныстырылым_қаз.pptx")
    [record] = done.records
    assert record.where == "/ppt/slides/slide2.xml"
    assert record.place == FixPlace(places=(Location(slide=2, shape="Мәтін", paragraph=2),))
    assert record_text(record, "ru") == \
        "слайд 2, надпись «Мәтін», абзац 2: мемлекеттiк → мемлекеттік"
    assert record_text(record, "kk") == \
        "2-слайд, «Мәтін» жазуы, 2-абзац: мемлекеттiк → мемлекеттік"
    assert "LNG004" not in _codes(out)
